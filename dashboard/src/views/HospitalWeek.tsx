// Hospital week (coordinator for their hospital; planner for any): each theatre's day list as a
// timeline with the cases, staffed vs idle time, incoming and outgoing patients, the coordinator's
// accept / reject with a reason, and a print view (print CSS) of a day list.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, qs } from '../lib/api.ts';
import { useAsync, type Async } from '../lib/async.ts';
import { errorText } from '../lib/errors.ts';
import { useI18n, type I18n } from '../lib/i18n.ts';
import { applyDecision } from '../lib/plans.ts';
import { hospitalName, procedureLabel, theatreName, useReference, type Reference } from '../lib/reference.ts';
import {
  hhmm,
  startOf,
  type Decision,
  type DecisionInbox,
  type DecisionResponse,
  type PatientView,
  type PlanReplan,
  type Plan,
  type PlanAssignment,
  type TheatreList,
  type User,
} from '../lib/types.ts';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { patientText } from '../components/Patient.tsx';
import { Tip } from '../components/Tip.tsx';
import { HospitalSelect } from '../components/HospitalSelect.tsx';
import { weekLabel } from '../lib/weeks.ts';

const minutesOf = (hm: string): number => {
  const [h = 0, m = 0] = hm.split(':').map(Number);
  return h * 60 + m;
};

/**
 * The server's print-friendly day list in a new tab. A plain link cannot carry the bearer token,
 * so the server signs a 5-minute link for exactly this plan, hospital and date. The tab is opened
 * before the request, inside the click, so popup blockers let it through.
 */
async function openDayListPage(
  i: I18n,
  planId: number,
  hospitalId: string,
  date: string | undefined,
): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const link = await api<{ url: string }>(`/api/plans/${planId}/day-list-link${qs({ hospitalId, date })}`);
    if (tab === null) window.location.assign(link.url);
    else {
      tab.opener = null;
      tab.location.href = link.url;
    }
  } catch (e) {
    tab?.close();
    window.alert(errorText(i, e));
  }
}

export function HospitalWeek({
  plan,
  user,
  hospitalId,
  onHospital,
}: {
  plan: Async<Plan | null>;
  user: User;
  hospitalId: string | undefined;
  onHospital: (id: string) => void;
}) {
  const i = useI18n();
  const { t, date } = i;
  const ref = useReference();
  const [day, setDay] = useState<string>('');
  const printed = useRef<HTMLParagraphElement>(null);
  // The print time is stamped when the browser prints (Ctrl+P included, through `beforeprint`),
  // and by the print button itself, not when the page loaded.
  const stamp = (): void => {
    if (printed.current !== null)
      printed.current.textContent = t('day.printedAt', {
        when: new Date().toLocaleString(i.lang === 'sv' ? 'sv-SE' : 'en-GB', {
          dateStyle: 'short',
          timeStyle: 'short',
        }),
      });
  };
  const stampRef = useRef(stamp);
  stampRef.current = stamp;
  useEffect(() => {
    const onPrint = (): void => stampRef.current();
    window.addEventListener('beforeprint', onPrint);
    return () => window.removeEventListener('beforeprint', onPrint);
  }, []);
  if (ref.error) return <ErrorBox error={ref.error} retry={ref.reload} />;
  if (plan.error) return <ErrorBox error={plan.error} retry={plan.reload} />;
  if (ref.data === undefined || plan.data === undefined) return <Loading />;
  const R = ref.data;
  const hid = user.role === 'coordinator' ? user.hospitalId : (hospitalId ?? R.hospitals[0]?.id);
  if (hid === undefined) return <Loading />;
  const h = R.hospital.get(hid);
  const p = plan.data;
  const res = p?.result ?? null;
  const lists = (res?.lists ?? []).filter((l) => l.hospitalId === hid);
  const byId = new Map((res?.assignments ?? []).map((a) => [a.patientId, a]));
  const days = [...new Set((res?.lists ?? []).map((l) => l.date))].toSorted();
  // One day at a time: a whole week of a large hospital is tens of thousands of pixels.
  const shownDay = days.includes(day) ? day : days[0];
  const theatres = [...R.theatres.values()].filter((x) => x.hospitalId === hid);
  const outgoing = (res?.assignments ?? []).filter(
    (a) => a.hospitalId !== hid && a.patient?.listingHospitalId === hid,
  );
  const decisions = new Map((p?.decisions ?? []).map((d) => [d.patientId, d]));
  // The server says who may decide (`can.decide`: a coordinator, on a proposed or published plan);
  // a coordinator decides for their own hospital only.
  const ownHospital = user.role === 'coordinator' && user.hospitalId === hid;
  const mayDecide = ownHospital && (p?.can.decide ?? false);
  const rejected = (res?.replan ?? []).filter((r) => r.hospitalId === hid);
  const casesOn = (d: string): number =>
    lists.filter((l) => l.date === d).reduce((n, l) => n + l.patientIds.length, 0);
  const dayIx = shownDay === undefined ? -1 : days.indexOf(shownDay);

  return (
    <section aria-labelledby="hw-title">
      <h1 id="hw-title">
        {t('hospital.title')}: {h?.name ?? hospitalName(R, hid)}
        {p !== null && <span class="muted small"> · {weekLabel(i, p.week)}</span>}
      </h1>
      <div class="toolbar no-print">
        {user.role !== 'coordinator' && (
          <label>
            {t('hospital.choose')} <HospitalSelect reference={R} value={hid} onChange={onHospital} />
          </label>
        )}
      </div>
      {p === null ? (
        <p class="muted">{user.role === 'coordinator' ? t('plan.noneCoordinator') : t('plan.none')}</p>
      ) : res === null ? (
        <p class="muted">{t('plan.noResult', { status: t(`planStatus.${p.status}`) })}</p>
      ) : (
        <>
          {!mayDecide && ownHospital && <p class="note no-print">{t('hospital.needsProposed')}</p>}
          <WorkQueue
            plan={p}
            reference={R}
            hospitalId={hid}
            decisions={decisions}
            mayDecide={mayDecide}
            onDone={(reply) => plan.mutate((cur) => applyDecision(cur, reply))}
          />
          {lists.length === 0 && <p class="muted">{t('hospital.noLists')}</p>}
          {shownDay !== undefined && (
            <>
              <div class="toolbar daypicker no-print">
                <button
                  type="button"
                  aria-label={t('day.prev')}
                  disabled={dayIx <= 0}
                  onClick={() => setDay(days[dayIx - 1] ?? shownDay)}
                >
                  ‹
                </button>
                <div role="group" aria-label={t('day.picker')} data-testid="day-picker" class="days">
                  {days.map((d) => (
                    <button
                      key={d}
                      type="button"
                      aria-pressed={d === shownDay}
                      data-day={d}
                      onClick={() => setDay(d)}
                    >
                      {date(d)} <span class="small">· {t('day.cases', { n: casesOn(d) })}</span>
                    </button>
                  ))}
                </div>
                <button
                  type="button"
                  aria-label={t('day.next')}
                  disabled={dayIx >= days.length - 1}
                  onClick={() => setDay(days[dayIx + 1] ?? shownDay)}
                >
                  ›
                </button>
                <button
                  type="button"
                  onClick={() => {
                    stamp();
                    window.print();
                  }}
                  data-testid="print"
                >
                  {t('hospital.print')}
                </button>
                <button
                  type="button"
                  data-testid="print-page"
                  onClick={() => void openDayListPage(i, p.id, hid, shownDay)}
                >
                  {t('hospital.printPage')}
                </button>
              </div>
              <p class="print-only small" ref={printed} />
              <Legend />
              <DayLists
                key={shownDay}
                day={shownDay}
                reference={R}
                hospitalId={hid}
                theatres={theatres.map((x) => x.id)}
                lists={lists.filter((l) => l.date === shownDay)}
                rejected={rejected.filter((r) => r.date === shownDay)}
                byId={byId}
                listStartMin={minutesOf(h?.listStartTime ?? '08:00')}
                listMin={h?.listMin ?? 480}
              />
            </>
          )}
          <h2 class="no-print">{t('hospital.outgoing')}</h2>
          {outgoing.length === 0 ? (
            <p class="muted no-print">{t('hospital.noOutgoing')}</p>
          ) : (
            <table class="data no-print" data-testid="outgoing">
              <thead>
                <tr>
                  <th scope="col">{t('col.patient')}</th>
                  <th scope="col">{t('col.procedure')}</th>
                  <th scope="col">{t('col.hospital')}</th>
                  <th scope="col">{t('col.date')}</th>
                  <th scope="col">{t('col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {outgoing.map((a) => {
                  const d = decisions.get(a.patientId);
                  return (
                    <tr key={a.patientId}>
                      <td>{patientText(a.patientId, a.patient)}</td>
                      <td>{a.patient === null ? '–' : procedureLabel(R, a.patient.procedureId, i.lang)}</td>
                      <td>{hospitalName(R, a.hospitalId)}</td>
                      <td>
                        {date(a.date)} {startOf(a)}
                      </td>
                      <td>
                        <div class="decision" data-testid="decision" data-decision={d?.decision ?? 'pending'}>
                          <DecisionStatus decision={d} />
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function Legend() {
  const { t } = useI18n();
  return (
    <ul class="legend tl-legend no-print" aria-label={t('legend.title')} data-testid="legend">
      <li>
        <span class="swatch tl-staffed-swatch" aria-hidden="true" /> {t('legend.staffed')}
      </li>
      <li>
        <span class="swatch own" aria-hidden="true" /> {t('legend.own')}
      </li>
      <li>
        <span class="swatch incoming" aria-hidden="true" /> {t('legend.incoming')}
      </li>
      <li>
        <span class="swatch pinned" aria-hidden="true" /> {t('legend.pinned')}
      </li>
      <li>
        <span class="swatch rejected" aria-hidden="true" /> {t('legend.rejected')}
      </li>
    </ul>
  );
}

function DecisionStatus({ decision }: { decision: Decision | undefined }) {
  const { t } = useI18n();
  return decision === undefined ? (
    <span class="pending">{t('hospital.pending')}</span>
  ) : decision.decision === 'accept' ? (
    <span class="accepted">✓ {t('hospital.decision.accept')}</span>
  ) : (
    <span class="rejected">✗ {t('hospital.decision.reject', { reason: decision.reason ?? '' })}</span>
  );
}

interface QueueCase {
  patientId: string;
  patient: PatientView | null;
  hospitalId: string;
  theatreId: string;
  date: string;
  startMin: number;
  durationMin: number | undefined;
}

/**
 * The coordinator's work queue: incoming cases still to decide first (with the facts a decision
 * needs), bulk accept, focus on the next case after each decision, and decided cases with "Ändra".
 */
function WorkQueue(props: {
  plan: Plan;
  reference: Reference;
  hospitalId: string;
  decisions: Map<string, Decision>;
  mayDecide: boolean;
  onDone: (reply: DecisionResponse) => void;
}) {
  const i = useI18n();
  const { t, num, date } = i;
  const R = props.reference;
  const p = props.plan;
  const hid = props.hospitalId;
  const inbox = useAsync(
    () => api<DecisionInbox>(`/api/plans/${p.id}/decisions${qs({ hospitalId: hid })}`),
    [p.id, p.etag, hid],
  );
  const grids = useAsync(
    () =>
      api<{ regionId: string; groups: { group: string; labelSv: string; labelEn: string }[] }[]>(
        '/api/priority-grids',
      ),
    [],
  );
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [focusId, setFocusId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  const table = useRef<HTMLTableElement>(null);

  const res = p.result;
  const facts = new Map((inbox.data?.cases ?? []).map((c) => [c.patientId, c]));
  const cases: QueueCase[] = [
    ...(res?.assignments ?? [])
      .filter((a) => a.hospitalId === hid && a.patient !== null && a.patient.listingHospitalId !== hid)
      .map((a) => ({ ...a, durationMin: a.durationMin as number | undefined })),
    ...(res?.replan ?? [])
      .filter((r) => r.hospitalId === hid)
      .map((r) => ({ ...r, durationMin: facts.get(r.patientId)?.durationMin ?? undefined })),
  ];
  const order = (a: QueueCase, b: QueueCase): number =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.startMin - b.startMin;
  const pending = cases.filter((c) => !props.decisions.has(c.patientId)).toSorted(order);
  const decided = cases.filter((c) => props.decisions.has(c.patientId)).toSorted(order);
  const pendingKey = pending.map((c) => c.patientId).join(',');

  // After a decision the row leaves the pending block: focus the next case's accept button (or the
  // heading when none is left), so a keyboard user goes on without hunting for it.
  useEffect(() => {
    if (focusId === null) return;
    if (focusId === '') heading.current?.focus();
    else table.current?.querySelector<HTMLElement>(`[data-accept="${CSS.escape(focusId)}"]`)?.focus();
    setFocusId(null);
  }, [focusId, pendingKey]);

  const labels = new Map(
    (grids.data ?? []).flatMap((g) =>
      g.groups.map((x) => [`${g.regionId}:${x.group}`, i.lang === 'sv' ? x.labelSv : x.labelEn] as const),
    ),
  );
  const priority = (pv: PatientView | null): string =>
    pv === null ? '–' : (labels.get(`${pv.homeRegionId}:${pv.priorityGroup}`) ?? pv.priorityGroup);

  const nextAfter = (id: string): string => {
    const ix = pending.findIndex((c) => c.patientId === id);
    const rest = pending.filter((c) => c.patientId !== id && !selected.has(c.patientId));
    if (ix < 0) return rest[0]?.patientId ?? '';
    return (pending.slice(ix + 1).find((c) => c.patientId !== id) ?? pending[ix - 1])?.patientId ?? '';
  };

  const send = async (id: string, d: 'accept' | 'reject', reason?: string): Promise<boolean> => {
    setError(undefined);
    setMessage(undefined);
    try {
      const reply = await api<DecisionResponse>(`/api/plans/${p.id}/decisions`, {
        method: 'POST',
        body: { patientId: id, decision: d, ...(reason === undefined ? {} : { reason }) },
      });
      props.onDone(reply);
      return true;
    } catch (e) {
      setError(errorText(i, e));
      return false;
    }
  };
  const decide = async (id: string, d: 'accept' | 'reject', reason?: string): Promise<boolean> => {
    const wasPending = !props.decisions.has(id);
    const next = nextAfter(id);
    setBusy(true);
    const ok = await send(id, d, reason);
    setBusy(false);
    if (ok && wasPending) {
      setSelected((s) => new Set([...s].filter((x) => x !== id)));
      setFocusId(next);
    }
    return ok;
  };
  const bulkAccept = async (): Promise<void> => {
    const ids = pending.map((c) => c.patientId).filter((id) => selected.has(id));
    setBusy(true);
    let n = 0;
    for (const id of ids) {
      if (!(await send(id, 'accept'))) break;
      n += 1;
    }
    setBusy(false);
    setSelected(new Set());
    setMessage(t('queue.bulkDone', { n }));
    setFocusId(pending.find((c) => !ids.includes(c.patientId))?.patientId ?? '');
  };

  const nSelected = pending.filter((c) => selected.has(c.patientId)).length;
  const row = (c: QueueCase, isPending: boolean) => {
    const pv = c.patient;
    const f = facts.get(c.patientId);
    const name = patientText(c.patientId, pv);
    return (
      <tr key={c.patientId} data-patient={c.patientId} class={isPending ? 'pending-row' : undefined}>
        <td>
          {isPending && props.mayDecide && (
            <input
              type="checkbox"
              aria-label={t('queue.select', { patient: name })}
              checked={selected.has(c.patientId)}
              onChange={(e) => {
                const on = (e.currentTarget as HTMLInputElement).checked;
                setSelected((s) => {
                  const n = new Set(s);
                  if (on) n.add(c.patientId);
                  else n.delete(c.patientId);
                  return n;
                });
              }}
            />
          )}
        </td>
        <th scope="row" class="patient">
          {name}
        </th>
        <td>{pv === null ? '–' : procedureLabel(R, pv.procedureId, i.lang)}</td>
        <td class="num">{pv?.asaClass ?? '–'}</td>
        <td class="num nowrap">
          {c.durationMin === undefined ? '–' : t('queue.min', { n: num(c.durationMin) })}
        </td>
        <td class="num nowrap">
          {f === undefined || f.distanceKm === null ? '–' : t('queue.km', { n: num(f.distanceKm) })}
        </td>
        <td class="nowrap">{pv === null ? '–' : date(pv.earliestDate)}</td>
        <td>{priority(pv)}</td>
        <td>{pv === null ? '–' : hospitalName(R, pv.listingHospitalId)}</td>
        <td class="nowrap">
          {date(c.date)} {startOf(c)} · {theatreName(R, c.theatreId)}
        </td>
        <td>
          <QueueDecision
            patient={name}
            patientId={c.patientId}
            decision={props.decisions.get(c.patientId)}
            mayDecide={props.mayDecide}
            busy={busy}
            onDecide={(d, reason) => decide(c.patientId, d, reason)}
          />
        </td>
      </tr>
    );
  };
  const head = (
    <thead>
      <tr>
        <th scope="col">
          <span class="sr-only">{t('queue.col.select')}</span>
        </th>
        <th scope="col">{t('col.patient')}</th>
        <th scope="col">{t('col.procedure')}</th>
        <th scope="col" class="num">
          {t('col.asa')}
        </th>
        <th scope="col" class="num">
          {t('queue.col.planned')}
        </th>
        <th scope="col" class="num">
          {t('queue.col.travel')}
        </th>
        <th scope="col">{t('queue.col.earliest')}</th>
        <th scope="col">{t('col.priority')}</th>
        <th scope="col">{t('col.home')}</th>
        <th scope="col">{t('queue.col.slot')}</th>
        <th scope="col">{t('queue.col.decision')}</th>
      </tr>
    </thead>
  );
  return (
    <section aria-labelledby="queue-title" class="queue no-print" data-testid="queue">
      <h2 id="queue-title" tabIndex={-1} ref={heading}>
        {t('queue.title')}{' '}
        <span class="count" data-testid="pending-count" data-n={pending.length}>
          {t('queue.count', { n: pending.length })}
        </span>
      </h2>
      {message !== undefined && (
        <p class="ok" role="status">
          {message}
        </p>
      )}
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {cases.length === 0 ? (
        <p class="muted">{t('hospital.noIncoming')}</p>
      ) : (
        <>
          {props.mayDecide && pending.length > 0 && (
            <div class="toolbar">
              <label>
                <input
                  type="checkbox"
                  checked={nSelected === pending.length}
                  onChange={(e) =>
                    setSelected(
                      (e.currentTarget as HTMLInputElement).checked
                        ? new Set(pending.map((c) => c.patientId))
                        : new Set(),
                    )
                  }
                />{' '}
                {t('queue.selectAll')}
              </label>
              <button
                type="button"
                class="primary"
                disabled={busy || nSelected === 0}
                onClick={() => void bulkAccept()}
                data-testid="bulk-accept"
              >
                {t('queue.bulkAccept', { n: nSelected })}
              </button>
            </div>
          )}
          {pending.length === 0 && <p class="muted">{t('queue.allDone')}</p>}
          <div class="scroll-x">
            <table class="data" data-testid="incoming" ref={table}>
              {head}
              <tbody data-testid="pending">{pending.map((c) => row(c, true))}</tbody>
              {decided.length > 0 && (
                <tbody data-testid="decided">
                  <tr class="group">
                    <th scope="rowgroup" colSpan={11}>
                      {t('queue.decided', { n: decided.length })}
                    </th>
                  </tr>
                  {decided.map((c) => row(c, false))}
                </tbody>
              )}
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function QueueDecision({
  patient,
  patientId,
  decision,
  mayDecide,
  busy,
  onDecide,
}: {
  patient: string;
  patientId: string;
  decision: Decision | undefined;
  mayDecide: boolean;
  busy: boolean;
  onDecide: (d: 'accept' | 'reject', reason?: string) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const [mode, setMode] = useState<'idle' | 'change' | 'reject'>('idle');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const changeBtn = useRef<HTMLButtonElement>(null);
  const go = async (d: 'accept' | 'reject'): Promise<void> => {
    if (d === 'reject' && reason.trim() === '') {
      setError(t('hospital.reasonRequired'));
      return;
    }
    setError(undefined);
    if (await onDecide(d, d === 'reject' ? reason.trim() : undefined)) {
      setMode('idle');
      setReason('');
    }
  };
  const showActions = mayDecide && (decision === undefined || mode === 'change');
  return (
    <div class="decision" data-testid="decision" data-decision={decision?.decision ?? 'pending'}>
      <DecisionStatus decision={decision} />
      {showActions && mode !== 'reject' && (
        <span class="actions">
          {decision?.decision !== 'accept' && (
            <button
              type="button"
              class="primary"
              disabled={busy}
              data-accept={patientId}
              aria-label={t('queue.acceptLabel', { patient })}
              onClick={() => void go('accept')}
            >
              {t('hospital.accept')}
            </button>
          )}
          {decision?.decision !== 'reject' && (
            <button
              type="button"
              disabled={busy}
              aria-label={t('queue.rejectLabel', { patient })}
              onClick={() => setMode('reject')}
            >
              {t('hospital.reject')}
            </button>
          )}
          {mode === 'change' && (
            <button
              type="button"
              onClick={() => {
                setMode('idle');
                requestAnimationFrame(() => changeBtn.current?.focus());
              }}
            >
              {t('plan.cancel')}
            </button>
          )}
        </span>
      )}
      {mayDecide && decision !== undefined && mode === 'idle' && (
        <span class="actions">
          <button
            type="button"
            ref={changeBtn}
            aria-label={t('queue.changeLabel', { patient })}
            onClick={() => setMode('change')}
          >
            {t('queue.change')}
          </button>
        </span>
      )}
      {mayDecide && mode === 'reject' && (
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            void go('reject');
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setMode(decision === undefined ? 'idle' : 'change');
          }}
        >
          <label>
            {t('hospital.reason')}{' '}
            <input
              required
              value={reason}
              onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)}
              ref={(el) => el?.focus()}
            />
          </label>{' '}
          <button type="submit" disabled={busy}>
            {t('hospital.reject')}
          </button>{' '}
          <button type="button" onClick={() => setMode(decision === undefined ? 'idle' : 'change')}>
            {t('plan.cancel')}
          </button>
        </form>
      )}
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function DayLists(props: {
  day: string;
  reference: Reference;
  hospitalId: string;
  theatres: string[];
  lists: TheatreList[];
  /** Cases rejected on this day: off the lists, shown where they were as a marker. */
  rejected: PlanReplan[];
  byId: Map<string, PlanAssignment>;
  listStartMin: number;
  listMin: number;
}) {
  const { t, num, pct, date, lang } = useI18n();
  const R = props.reference;
  const axisStart = Math.min(props.listStartMin, ...props.lists.map((l) => l.listEndMin - props.listMin));
  const axisEnd = Math.max(
    props.listStartMin + props.listMin,
    ...props.lists.map((l) => Math.max(l.listEndMin, l.plannedEndMin)),
  );
  const span = Math.max(1, axisEnd - axisStart);
  const x = (m: number): string => `${((m - axisStart) / span) * 100}%`;
  const w = (m: number): string => `${(m / span) * 100}%`;
  const ticks: number[] = [];
  for (let m = Math.ceil(axisStart / 60) * 60; m <= axisEnd; m += 60) ticks.push(m);
  const theatreIds = [
    ...new Set([
      ...props.theatres,
      ...props.lists.map((l) => l.theatreId),
      ...props.rejected.map((r) => r.theatreId),
    ]),
  ];
  const procName = (id: string): string => {
    const pr = R.procedures.get(id);
    return pr === undefined ? '' : lang === 'sv' ? pr.nameSv : pr.nameEn;
  };
  const hName = hospitalName(R, props.hospitalId);
  return (
    <section class="day" aria-labelledby={`day-${props.day}`} data-testid={`day-${props.day}`}>
      <h2 id={`day-${props.day}`}>
        <span class="no-print">{date(props.day)}</span>
        <span class="print-only">{t('hospital.printTitle', { hospital: hName, date: date(props.day) })}</span>
      </h2>
      <div class="timeline no-print" aria-hidden="true">
        <div class="tl-axis">
          {ticks.map((m) => (
            <span key={m} style={{ left: x(m) }}>
              {hhmm(m)}
            </span>
          ))}
        </div>
        {theatreIds.map((tid) => {
          const l = props.lists.find((z) => z.theatreId === tid);
          return (
            <div class="tl-row" key={tid}>
              <div class="tl-label">{theatreName(R, tid)}</div>
              <div class="tl-track">
                {l !== undefined && (
                  <>
                    <div
                      class="tl-staffed"
                      style={{ left: x(l.listEndMin - props.listMin), width: w(props.listMin) }}
                    />
                    {l.patientIds.map((pid) => {
                      const a = props.byId.get(pid);
                      if (a === undefined) return null;
                      const incoming = a.patient !== null && a.patient.listingHospitalId !== props.hospitalId;
                      const proc = a.patient === null ? '' : procName(a.patient.procedureId);
                      return (
                        <div
                          key={pid}
                          class={`tl-case${incoming ? ' incoming' : ' own'}${a.pinned ? ' pinned' : ''}`}
                          style={{ left: x(a.startMin), width: w(a.durationMin) }}
                          title={`${startOf(a)} ${proc}, ${a.durationMin} min, ASA ${a.patient?.asaClass ?? '–'}${a.surgeonName === undefined ? '' : `, ${a.surgeonName}`}`}
                        >
                          <span class="tl-time">{startOf(a)}</span> {proc}
                        </div>
                      );
                    })}
                  </>
                )}
                {props.rejected
                  .filter((r) => r.theatreId === tid)
                  .map((r) => (
                    <div
                      key={r.patientId}
                      class="tl-case rejected"
                      style={{ left: x(r.startMin) }}
                      title={`${startOf(r)} ${t('legend.rejected')}`}
                    >
                      ✗
                    </div>
                  ))}
                {l === undefined && props.rejected.every((r) => r.theatreId !== tid) && (
                  <span class="tl-empty">{t('hospital.noList')}</span>
                )}
              </div>
            </div>
          );
        })}
      </div>
      {props.lists.map((l) => {
        const listStart = l.listEndMin - props.listMin;
        const staffed = l.listEndMin - listStart;
        const used = Math.max(0, l.plannedEndMin - listStart);
        const idle = Math.max(0, staffed - used);
        const team =
          typeof l.staffedBy === 'object'
            ? t('hospital.staffedBy.team', {
                team: R.teams.get(l.staffedBy.regionalTeamId)?.name ?? l.staffedBy.regionalTeamId,
              })
            : t('hospital.staffedBy.own');
        return (
          <div class="list" key={l.theatreId}>
            <h3>
              {theatreName(R, l.theatreId)} · {team}
              {l.surgeonFromHospitalId !== l.hospitalId &&
                ` · ${t('hospital.surgeonFrom', { hospital: hospitalName(R, l.surgeonFromHospitalId) })}`}
            </h3>
            <p class="small">
              {t('hospital.listSummary', {
                n: l.patientIds.length,
                used: num(used),
                staffed: num(staffed),
                idle: num(idle),
              })}{' '}
              <Tip
                text={`${t('kpi.staffed')}: ${t('kpi.staffed.def')} ${t('kpi.idle')}: ${t('kpi.idle.def')}`}
              />{' '}
              · {t('col.risk')}{' '}
              <strong class={l.overrunProbability > 0.2 ? 'risk-high' : undefined}>
                {pct(l.overrunProbability)}
              </strong>{' '}
              <Tip text={t('kpi.overrun.def')} />
            </p>
            <table class="data compact">
              <thead>
                <tr>
                  <th scope="col">{t('col.start')}</th>
                  <th scope="col" class="num">
                    {t('col.duration')}
                  </th>
                  <th scope="col">{t('col.procedure')}</th>
                  <th scope="col">{t('col.surgeon')}</th>
                  <th scope="col">{t('col.asa')}</th>
                  <th scope="col">{t('col.home')}</th>
                  <th scope="col">{t('col.patient')}</th>
                </tr>
              </thead>
              <tbody>
                {l.patientIds.map((pid) => {
                  const a = props.byId.get(pid);
                  if (a === undefined) return null;
                  return (
                    <tr key={pid}>
                      <td>{startOf(a)}</td>
                      <td class="num">{a.durationMin}</td>
                      <td>{a.patient === null ? '–' : procedureLabel(R, a.patient.procedureId, lang)}</td>
                      <td data-testid="surgeon">{a.surgeonName ?? '–'}</td>
                      <td>{a.patient?.asaClass ?? '–'}</td>
                      <td>{a.patient === null ? '–' : hospitalName(R, a.patient.listingHospitalId)}</td>
                      <td>
                        {patientText(pid, a.patient)}
                        {a.pinned && <span class="badge">{t('plan.pinned')}</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
