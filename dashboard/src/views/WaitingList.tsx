// Waiting list (planner, coordinator): 20,000+ patients in a virtualised list (only visible rows are
// rendered; pages of rows are fetched as they scroll into view), filtered and sorted by the API,
// with the guarantee countdown, priority, status and why the patient is still waiting.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, qs } from '../lib/api.ts';
import type { Async } from '../lib/async.ts';
import { useAsync } from '../lib/async.ts';
import { waitingReasonText } from '../lib/reasons.ts';
import { useI18n, type MsgKey } from '../lib/i18n.ts';
import { useLive } from '../lib/live.ts';
import { hospitalName, procedureLabel, useReference } from '../lib/reference.ts';
import type { Plan, User, WaitingPage, WaitingRow } from '../lib/types.ts';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { Tip } from '../components/Tip.tsx';
import { VirtualList } from '../components/VirtualList.tsx';

const PAGE = 200;
const ROW_H = 36;
const GUARANTEE_DAYS = 90;
const SORTS = [
  'ord',
  'decisionDate',
  '-decisionDate',
  'medicalTargetDate',
  'priorityGroup',
  'asaClass',
] as const;

interface Filters {
  hospitalId: string;
  specialtyId: string;
  priorityGroup: string;
  status: string;
  pastGuarantee: boolean;
  sort: (typeof SORTS)[number];
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
    sort: 'ord',
  });
  const [total, setTotal] = useState<number | undefined>();
  const [error, setError] = useState<Error | undefined>();
  const [, setVersion] = useState(0);
  const pages = useRef(new Map<number, WaitingRow[] | 'loading'>());
  const gen = useRef(0);
  const query = (offset: number) =>
    `/api/waiting-list${qs({
      hospitalId: f.hospitalId || undefined,
      specialtyId: f.specialtyId || undefined,
      priorityGroup: f.priorityGroup || undefined,
      status: f.status || undefined,
      pastGuarantee: f.pastGuarantee ? 'true' : undefined,
      sort: f.sort,
      limit: PAGE,
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
  useEffect(reset, [f.hospitalId, f.specialtyId, f.priorityGroup, f.status, f.pastGuarantee, f.sort]);
  // Accepted offers change a patient's status; reread what is on screen.
  useLive(['plan.published', 'capacity.changed'], () => reset());

  if (ref.error) return <ErrorBox error={ref.error} retry={ref.reload} />;
  if (ref.data === undefined) return <Loading />;
  const R = ref.data;
  const res = plan.data?.result ?? null;
  const planned = new Map((res?.assignments ?? []).map((a) => [a.patientId, a]));
  const why = new Map((res?.waitingPastGuarantee ?? []).map((w) => [w.patientId, w]));
  const groups = [...new Set((grids.data ?? []).flatMap((g) => g.groups.map((x) => x.group)))];
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
    return (
      <>
        <span role="cell">{r.id}</span>
        <span
          role="cell"
          title={r.view === 'full' ? `${r.familyName}, ${r.givenName} (${r.personnummer})` : r.ageBand}
        >
          {r.view === 'full' ? `${r.familyName}, ${r.givenName} (${r.personnummer})` : r.ageBand}
        </span>
        <span role="cell">{hospitalName(R, r.listingHospitalId)}</span>
        <span role="cell" title={procedureLabel(R, r.procedureId, i.lang)}>
          {procedureLabel(R, r.procedureId, i.lang)}
        </span>
        <span role="cell">
          {r.priorityGroup} · ASA {r.asaClass}
        </span>
        <span role="cell">{r.decisionDate}</span>
        <span role="cell" class={r.pastGuarantee ? 'past' : left <= 14 ? 'soon' : undefined}>
          {r.pastGuarantee ? `⚠ ${t('guarantee.past', { n: -left })}` : t('guarantee.left', { n: left })}
        </span>
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
        {user.role !== 'coordinator' && (
          <label>
            {t('col.hospital')}{' '}
            <select
              value={f.hospitalId}
              onChange={(e) => set('hospitalId', (e.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">{t('common.all')}</option>
              {R.hospitals.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.shortName}
                </option>
              ))}
            </select>
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
        <label>
          {t('waiting.sort')}{' '}
          <select
            value={f.sort}
            onChange={(e) => set('sort', (e.currentTarget as HTMLSelectElement).value as Filters['sort'])}
            disabled={f.pastGuarantee}
          >
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`waiting.sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <p role="status" data-testid="waiting-count">
        {total === undefined ? t('common.loading') : t('waiting.count', { n: num(total) })}{' '}
        <Tip text={t('kpi.pastGuarantee.def')} />
      </p>
      <p class="muted small">{t('waiting.hint')}</p>
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
            <span role="columnheader">{t('col.id')}</span>
            <span role="columnheader">
              {pseudonymised ? t('col.ageBand') : `${t('col.name')} / ${t('col.pnr')}`}
            </span>
            <span role="columnheader">{t('col.hospital')}</span>
            <span role="columnheader">{t('col.procedure')}</span>
            <span role="columnheader">{t('col.priority')}</span>
            <span role="columnheader">{t('col.decisionDate')}</span>
            <span role="columnheader">{t('col.guarantee')}</span>
            <span role="columnheader">{t('col.target')}</span>
            <span role="columnheader">{t('col.status')}</span>
            <span role="columnheader">{t('col.why')}</span>
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
