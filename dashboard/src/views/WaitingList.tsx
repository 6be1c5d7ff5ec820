// Waiting list (planner, coordinator): 20,000+ patients in a virtualised list (only visible rows are
// rendered; pages of rows are fetched as they scroll into view), filtered, searched (personnummer or
// name, server-side and audited) and sorted by the API through the column headers, with the
// guarantee countdown, the priority in words, status and why the patient is still waiting; a
// patient panel (consent, travel limit, excluded periods, guarantee, plan history) and CSV export.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, qs } from '../lib/api.ts';
import type { Async } from '../lib/async.ts';
import { useAsync } from '../lib/async.ts';
import { waitingReasonText } from '../lib/reasons.ts';
import { useI18n, type MsgKey } from '../lib/i18n.ts';
import { useLive } from '../lib/live.ts';
import { hospitalName, procedureLabel, regionName, useReference, type Reference } from '../lib/reference.ts';
import {
  hhmm,
  type Plan,
  type PlanStatus,
  type User,
  type WaitingPage,
  type WaitingRow,
} from '../lib/types.ts';
import { weekNumber } from '../lib/weeks.ts';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { Tip } from '../components/Tip.tsx';
import { VirtualList } from '../components/VirtualList.tsx';
import { HospitalSelect } from '../components/HospitalSelect.tsx';

const PAGE = 200;
const ROW_H = 40;
const GUARANTEE_DAYS = 90;
/** Columns the API sorts by (`sort=key` ascending, `-key` descending); the rest are not sortable. */
type SortKey = 'ord' | 'decisionDate' | 'medicalTargetDate' | 'priorityGroup' | 'asaClass';
type Sort = SortKey | `-${SortKey}`;
const EXPORT_MAX = 5000;

interface Filters {
  hospitalId: string;
  specialtyId: string;
  priorityGroup: string;
  status: string;
  pastGuarantee: boolean;
  search: string;
  sort: Sort;
}

export function WaitingList({ user, plan }: { user: User; plan: Async<Plan | null> }) {
  const i = useI18n();
  const { t, num, date } = i;
  const ref = useReference();
  const grids = useAsync(
    () =>
      api<{ regionId: string; groups: { group: string; labelSv: string; labelEn: string }[] }[]>(
        '/api/priority-grids',
      ),
    [],
  );
  const [f, setF] = useState<Filters>({
    hospitalId: user.role === 'coordinator' ? (user.hospitalId ?? '') : '',
    specialtyId: '',
    priorityGroup: '',
    status: 'waiting',
    pastGuarantee: false,
    search: '',
    sort: 'ord',
  });
  const [searchText, setSearchText] = useState('');
  const [open, setOpen] = useState<WaitingRow | undefined>();
  // Where focus goes back to when the patient panel closes (the row's name button).
  const opener = useRef<HTMLElement | null>(null);
  const [exporting, setExporting] = useState(false);
  // The search runs when typing pauses (each search is a logged read).
  useEffect(() => {
    const term = searchText.trim();
    const h = setTimeout(
      () => setF((o) => (o.search === term ? o : { ...o, search: term.length >= 2 ? term : '' })),
      350,
    );
    return () => clearTimeout(h);
  }, [searchText]);
  const [total, setTotal] = useState<number | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [, setVersion] = useState(0);
  const pages = useRef(new Map<number, WaitingRow[] | 'loading'>());
  const gen = useRef(0);
  const query = (offset: number, limit = PAGE) =>
    `/api/waiting-list${qs({
      hospitalId: f.hospitalId || undefined,
      specialtyId: f.specialtyId || undefined,
      priorityGroup: f.priorityGroup || undefined,
      search: f.search || undefined,
      status: f.status || undefined,
      pastGuarantee: f.pastGuarantee ? 'true' : undefined,
      sort: f.sort,
      limit,
      offset,
    })}`;
  const load = (page: number): void => {
    if (pages.current.has(page)) return;
    pages.current.set(page, 'loading');
    const g = gen.current;
    api<WaitingPage>(query(page * PAGE)).then(
      (r) => {
        if (g !== gen.current) return;
        pages.current.set(page, r.rows);
        setTotal(r.total);
        setVersion((v) => v + 1);
      },
      (e: unknown) => {
        if (g !== gen.current) return;
        pages.current.delete(page);
        setError(e instanceof Error ? e : new Error(String(e)));
      },
    );
  };
  const reset = (): void => {
    gen.current += 1;
    pages.current = new Map();
    setError(undefined);
    setTotal(undefined);
    load(0);
  };
  useEffect(reset, [
    f.hospitalId,
    f.specialtyId,
    f.priorityGroup,
    f.status,
    f.pastGuarantee,
    f.sort,
    f.search,
  ]);
  // Accepted offers change a patient's status; reread what is on screen.
  useLive(['plan.published', 'capacity.changed'], () => reset());

  if (ref.error) return <ErrorBox error={ref.error} retry={ref.reload} />;
  if (ref.data === undefined) return <Loading />;
  const R = ref.data;
  const res = plan.data?.result ?? null;
  const planned = new Map((res?.assignments ?? []).map((a) => [a.patientId, a]));
  const why = new Map((res?.waitingPastGuarantee ?? []).map((w) => [w.patientId, w]));
  const groups = [...new Set((grids.data ?? []).flatMap((g) => g.groups.map((x) => x.group)))];
  // Priority groups are per home region ("A" in Skåne need not be "A" in Blekinge): words per region.
  const groupLabel = new Map(
    (grids.data ?? []).flatMap((g) =>
      g.groups.map((x) => [`${g.regionId}:${x.group}`, i.lang === 'sv' ? x.labelSv : x.labelEn] as const),
    ),
  );
  const anyLabel = new Map(
    (grids.data ?? []).flatMap((g) =>
      g.groups.map((x) => [x.group, i.lang === 'sv' ? x.labelSv : x.labelEn] as const),
    ),
  );
  const priorityText = (r: WaitingRow): string =>
    groupLabel.get(`${r.homeRegionId}:${r.priorityGroup}`) ??
    anyLabel.get(r.priorityGroup) ??
    r.priorityGroup;
  const sortBy = (key: SortKey) =>
    set('sort', f.sort === key ? (`-${key}` as Sort) : f.sort === `-${key}` ? 'ord' : key);
  const ariaSort = (key: SortKey): 'ascending' | 'descending' | 'none' =>
    f.pastGuarantee ? 'none' : f.sort === key ? 'ascending' : f.sort === `-${key}` ? 'descending' : 'none';
  const head = (key: SortKey | undefined, label: string) =>
    key === undefined ? (
      <span role="columnheader">{label}</span>
    ) : (
      <span role="columnheader" aria-sort={ariaSort(key)} class="sortable">
        <button
          type="button"
          class="link"
          disabled={f.pastGuarantee}
          title={t('waiting.sortBy', { col: label })}
          onClick={() => sortBy(key)}
          data-sort={key}
        >
          {label} {ariaSort(key) === 'ascending' ? '▲' : ariaSort(key) === 'descending' ? '▼' : ''}
        </button>
      </span>
    );
  const exportCsv = async (): Promise<void> => {
    setExporting(true);
    try {
      const rows: WaitingRow[] = [];
      for (let off = 0; off < EXPORT_MAX; off += 1000) {
        const pg = await api<WaitingPage>(query(off, 1000));
        rows.push(...pg.rows);
        if (pg.rows.length < 1000) break;
      }
      const cols = [
        t('col.id'),
        t('col.name'),
        t('col.pnr'),
        t('col.home'),
        t('col.procedure'),
        t('col.priority'),
        t('col.asa'),
        t('col.decisionDate'),
        t('col.guarantee'),
        t('col.target'),
        t('col.status'),
      ];
      const cell = (v: string | number): string => {
        const x = String(v);
        return /[",\n;]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x;
      };
      const lines = [cols.map(cell).join(',')];
      for (const r of rows)
        lines.push(
          [
            r.id,
            r.view === 'full' ? `${r.familyName}, ${r.givenName}` : '',
            r.view === 'full' ? r.personnummer : r.ageBand,
            hospitalName(R, r.listingHospitalId),
            procedureLabel(R, r.procedureId, i.lang),
            priorityText(r),
            r.asaClass,
            r.decisionDate,
            r.guaranteeDays,
            r.medicalTargetDate,
            t(`status.${r.status}` as MsgKey),
          ]
            .map(cell)
            .join(','),
        );
      // A BOM so that Excel opens UTF-8 (å, ä, ö) correctly.
      const blob = new Blob(['\uFEFF' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `vantelista-${R.asOfDate}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setExporting(false);
    }
  };
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) => setF((old) => ({ ...old, [k]: v }));
  const pseudonymised = user.role === 'analyst';

  const reason = (r: WaitingRow): string => {
    const a = planned.get(r.id);
    if (a !== undefined)
      return t('why.planned', { date: date(a.date), hospital: hospitalName(R, a.hospitalId) });
    const w = why.get(r.id);
    if (w !== undefined) return waitingReasonText(i, R, w);
    return res === null ? t('why.noPlan') : t('why.notPlanned');
  };
  const cells = (r: WaitingRow) => {
    const left = GUARANTEE_DAYS - r.guaranteeDays;
    const who = r.view === 'full' ? `${r.familyName}, ${r.givenName}` : r.ageBand;
    return (
      <>
        <span role="cell" class="who">
          <button
            type="button"
            class="link"
            aria-label={`${t('waiting.open')}: ${who}`}
            onClick={(e) => {
              opener.current = e.currentTarget as HTMLElement;
              setOpen(r);
            }}
            data-patient={r.id}
          >
            {who}
          </button>
          <span class="muted small">{r.view === 'full' ? r.personnummer : r.id}</span>
        </span>
        <span role="cell">{hospitalName(R, r.listingHospitalId)}</span>
        <span role="cell" title={procedureLabel(R, r.procedureId, i.lang)}>
          {procedureLabel(R, r.procedureId, i.lang)}
        </span>
        <span role="cell" title={priorityText(r)}>
          {priorityText(r)}
        </span>
        <span role="cell">{r.asaClass}</span>
        <span role="cell">{r.decisionDate}</span>
        {r.guaranteeWaived ? (
          <span role="cell" class="muted" title={t('guarantee.waived.def')}>
            {t('guarantee.waived')}
          </span>
        ) : (
          <span role="cell" class={r.pastGuarantee ? 'past' : left <= 14 ? 'soon' : undefined}>
            {r.pastGuarantee ? `⚠ ${t('guarantee.past', { n: -left })}` : t('guarantee.left', { n: left })}
          </span>
        )}
        <span role="cell" class={r.medicalTargetDate < (R.asOfDate ?? '') ? 'past' : undefined}>
          {r.medicalTargetDate}
        </span>
        <span role="cell">{t(`status.${r.status}` as MsgKey)}</span>
        <span role="cell" class="why" title={reason(r)}>
          {reason(r)}
        </span>
      </>
    );
  };
  return (
    <section aria-labelledby="wl-title">
      <h1 id="wl-title">{t('waiting.title')}</h1>
      <form class="toolbar filters" onSubmit={(e) => e.preventDefault()} aria-label={t('waiting.title')}>
        {!pseudonymised && (
          <label>
            {t('waiting.search')}{' '}
            <input
              type="search"
              size={22}
              value={searchText}
              aria-describedby="wl-search-help"
              data-testid="waiting-search"
              onInput={(e) => setSearchText((e.currentTarget as HTMLInputElement).value)}
            />
            <span id="wl-search-help" class="sr-only">
              {t('waiting.search.help')}
            </span>
          </label>
        )}
        {user.role !== 'coordinator' && (
          <label>
            {t('col.home')}{' '}
            <HospitalSelect reference={R} all value={f.hospitalId} onChange={(id) => set('hospitalId', id)} />
          </label>
        )}
        <label>
          {t('col.specialty')}{' '}
          <select
            value={f.specialtyId}
            onChange={(e) => set('specialtyId', (e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">{t('common.all')}</option>
            {R.specialties.map((s) => (
              <option key={s.id} value={s.id}>
                {i.lang === 'sv' ? s.nameSv : s.nameEn}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('waiting.priority')}{' '}
          <select
            value={f.priorityGroup}
            onChange={(e) => set('priorityGroup', (e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">{t('common.all')}</option>
            {groups.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('col.status')}{' '}
          <select
            value={f.status}
            onChange={(e) => set('status', (e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">{t('common.all')}</option>
            {(['waiting', 'scheduled', 'treated', 'removed'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={f.pastGuarantee}
            onChange={(e) => set('pastGuarantee', (e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          {t('waiting.pastOnly')}
        </label>
      </form>
      <div class="toolbar">
        <p role="status" data-testid="waiting-count">
          {total === undefined ? t('common.loading') : t('waiting.count', { n: num(total) })}{' '}
          <Tip text={t('kpi.pastGuarantee.def')} />
        </p>
        <button
          type="button"
          disabled={exporting || !total}
          onClick={() => void exportCsv()}
          data-testid="waiting-export"
        >
          {t('waiting.export')}
        </button>
        <Tip text={t('waiting.export.help')} />
        <span class="muted small">{t('waiting.hint')}</span>
      </div>
      {open !== undefined && (
        <PatientPanel
          R={R}
          row={open}
          priority={priorityText(open)}
          onClose={() => {
            setOpen(undefined);
            opener.current?.focus();
          }}
        />
      )}
      {error !== undefined && <ErrorBox error={error} retry={reset} />}
      <VirtualList
        testId="waiting-list"
        label={t('waiting.title')}
        total={total ?? 0}
        rowHeight={ROW_H}
        height={Math.min(560, Math.max(ROW_H * 3, (total ?? 0) * ROW_H))}
        onRange={(start, end) => {
          for (let pg = Math.floor(start / PAGE); pg <= Math.floor(Math.max(start, end - 1) / PAGE); pg++)
            load(pg);
        }}
        header={
          <>
            <span role="columnheader">
              {pseudonymised ? t('col.ageBand') : `${t('col.name')} / ${t('col.pnr')}`}
            </span>
            {head(undefined, t('col.home'))}
            {head(undefined, t('col.procedure'))}
            {head('priorityGroup', t('col.priority'))}
            {head('asaClass', t('col.asa'))}
            {head('decisionDate', t('col.decisionDate'))}
            {head(undefined, t('col.guarantee'))}
            {head('medicalTargetDate', t('col.target'))}
            {head(undefined, t('col.status'))}
            {head(undefined, t('col.why'))}
          </>
        }
        row={(index) => {
          const page = pages.current.get(Math.floor(index / PAGE));
          const r = Array.isArray(page) ? page[index % PAGE] : undefined;
          return r === undefined ? (
            <span role="cell" class="muted">
              …
            </span>
          ) : (
            cells(r)
          );
        }}
      />
    </section>
  );
}

interface PlanPlace {
  planId: number;
  week: string;
  version: number;
  status: PlanStatus;
  hospitalId: string;
  theatreId: string;
  date: string;
  startMin: number;
  decision: 'accept' | 'reject' | null;
}

/** One patient's facts for a decision: consent, travel, excluded periods, guarantee, plan history. */
function PatientPanel({
  R,
  row,
  priority,
  onClose,
}: {
  R: Reference;
  row: WaitingRow;
  priority: string;
  onClose: () => void;
}) {
  const i = useI18n();
  const { t, num, date } = i;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [row.id]);
  const history = useAsync(
    () =>
      row.view === 'full'
        ? api<{ plans: PlanPlace[] }>(`/api/waiting-list/${encodeURIComponent(row.id)}/plans`)
        : Promise.resolve({ plans: [] as PlanPlace[] }),
    [row.id],
  );
  const left = GUARANTEE_DAYS - row.guaranteeDays;
  const name = row.view === 'full' ? `${row.familyName}, ${row.givenName}` : row.ageBand;
  return (
    <aside
      class="panel patient-panel"
      aria-labelledby="pp-title"
      data-testid="patient-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div class="toolbar">
        <h2 id="pp-title" tabIndex={-1} ref={heading}>
          {t('panel.title')}: {name}
        </h2>
        <span class="spacer" />
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <dl>
        {row.view === 'full' && (
          <>
            <dt>{t('col.pnr')}</dt>
            <dd>{row.personnummer}</dd>
          </>
        )}
        <dt>{t('col.home')}</dt>
        <dd>{R.hospital.get(row.listingHospitalId)?.name ?? hospitalName(R, row.listingHospitalId)}</dd>
        <dt>{t('panel.home')}</dt>
        <dd>{regionName(R, row.homeRegionId)}</dd>
        <dt>{t('col.procedure')}</dt>
        <dd>{procedureLabel(R, row.procedureId, i.lang)}</dd>
        <dt>{t('col.priority')}</dt>
        <dd>
          {priority} · ASA {row.asaClass}
        </dd>
        <dt>
          {t('panel.guarantee')} <Tip text={t('panel.guarantee.def')} />
        </dt>
        <dd class={row.pastGuarantee ? 'past' : left <= 14 ? 'soon' : undefined} data-testid="pp-guarantee">
          {row.pastGuarantee ? t('guarantee.past', { n: -left }) : t('guarantee.left', { n: left })} (
          {t('panel.guarantee.used', { n: row.guaranteeDays })})
        </dd>
        <dt>{t('col.decisionDate')}</dt>
        <dd>{row.decisionDate}</dd>
        <dt>{t('col.target')}</dt>
        <dd>{row.medicalTargetDate}</dd>
        <dt>{t('panel.earliest')}</dt>
        <dd>{row.earliestDate}</dd>
        {row.view === 'full' && (
          <>
            <dt>{t('panel.consent')}</dt>
            <dd data-testid="pp-consent">
              {row.consentElsewhere ? t('panel.consent.yes') : t('panel.consent.no')}
            </dd>
            <dt>{t('panel.travel')}</dt>
            <dd>{t('panel.travel.value', { km: num(row.maxTravelKm) })}</dd>
            <dt>{t('panel.excluded')}</dt>
            <dd>
              {row.excludedPeriods.length === 0 ? (
                t('panel.excluded.none')
              ) : (
                <ul class="plain">
                  {row.excludedPeriods.map((p, k) => (
                    <li key={k}>
                      {t(`panel.excluded.kind.${p.kind}` as MsgKey)}: {p.from} – {p.to}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </>
        )}
        <dt>{t('col.status')}</dt>
        <dd>{t(`status.${row.status}` as MsgKey)}</dd>
      </dl>
      {row.view === 'full' && (
        <>
          <h3>{t('panel.history')}</h3>
          {history.error && <ErrorBox error={history.error} retry={history.reload} />}
          {history.data !== undefined && history.data.plans.length === 0 && (
            <p class="muted">{t('panel.history.none')}</p>
          )}
          {history.data !== undefined && history.data.plans.length > 0 && (
            <ul data-testid="pp-history">
              {history.data.plans.map((p) => (
                <li key={p.planId}>
                  {t('panel.history.planned', {
                    plan: `${t('week.label', { n: weekNumber(p.week) })} ${t('plan.label').toLowerCase()} ${p.version} (${t(`planStatus.${p.status}`)})`,
                    date: `${date(p.date)} ${hhmm(p.startMin)}`,
                    hospital: hospitalName(R, p.hospitalId),
                  })}
                  {p.decision !== null &&
                    ` – ${p.decision === 'accept' ? t('panel.decision.accept') : t('panel.decision.reject')}`}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </aside>
  );
}
