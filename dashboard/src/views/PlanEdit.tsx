// Plan editing (planner): start a solve, pin / exclude / move cases (the API re-checks every rule;
// a refused edit lists the broken rules in plain words and changes nothing), re-solve keeping pins
// with a live progress bar, compare two versions, and move the plan draft -> proposed -> published.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api.ts';
import type { Async } from '../lib/async.ts';
import { assignmentReasonText } from '../lib/reasons.ts';
import { useI18n, type I18n, type MsgKey } from '../lib/i18n.ts';
import { pickedPlanId } from '../lib/plans.ts';
import { hospitalName, procedureLabel, theatreName, useReference, type Reference } from '../lib/reference.ts';
import {
  startOf,
  type Plan,
  type PlanAssignment,
  type PlanDiff,
  type PlanMeta,
  type Violation,
} from '../lib/types.ts';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { patientText } from '../components/Patient.tsx';
import { SolveProgress } from '../components/SolveProgress.tsx';

interface Refusal {
  detail: string;
  rules: string[];
  violations: Violation[];
}

const SHOW = 200;

/** KPI field names of the diff, in words where the dictionary has them. */
const KPI_NAMES: Record<string, MsgKey> = {
  patientsTreated: 'kpi.treated',
  pastGuaranteeAtEnd: 'kpi.pastGuarantee',
  latenessDaysTotal: 'kpi.lateness',
  patientsMoved: 'kpi.moved',
  utilisation: 'kpi.utilisation',
  maxOverrunProbability: 'kpi.overrun',
  travelKmTotal: 'kpi.travelKm',
  teamPlacements: 'redis.teams',
  lentLists: 'redis.lent',
  expectedOvertimeMin: 'kpi.overtime',
  latenessDaysTreated: 'kpi.latenessTreated',
};

/** The ISO week (YYYY-Www) of the week after a date. */
export function nextIsoWeek(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 7);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3); // Thursday of that week decides the year
  const year = d.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week =
    1 + Math.round(((d.getTime() - jan4.getTime()) / 86_400_000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function ruleText(i: I18n, rule: string): string {
  return i.tOr(`rule.${rule}`, rule);
}

export function PlanEdit({ plan, plans }: { plan: Async<Plan | null>; plans: PlanMeta[] }) {
  const i = useI18n();
  const { t } = i;
  const ref = useReference();
  const [solving, setSolving] = useState<number | undefined>();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const [refusal, setRefusal] = useState<Refusal | undefined>();
  const [moving, setMoving] = useState<PlanAssignment | undefined>();
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [week, setWeek] = useState<string | undefined>();

  if (ref.error) return <ErrorBox error={ref.error} retry={ref.reload} />;
  if (ref.data === undefined || plan.data === undefined)
    return plan.error ? <ErrorBox error={plan.error} retry={plan.reload} /> : <Loading />;
  const R = ref.data;
  const p = plan.data;
  const weekValue = week ?? p?.week ?? nextIsoWeek(R.asOfDate);

  const run = async (f: () => Promise<unknown>, ok?: string): Promise<boolean> => {
    setBusy(true);
    setMessage(undefined);
    setRefusal(undefined);
    try {
      await f();
      if (ok !== undefined) setMessage({ kind: 'ok', text: ok });
      plan.reload();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 422)
        setRefusal({ detail: e.detail, rules: e.rules, violations: e.violations });
      else if (e instanceof ApiError && e.status === 409) {
        setMessage({ kind: 'error', text: `${t('plan.conflict')} (${e.detail})` });
        plan.reload();
      } else setMessage({ kind: 'error', text: e instanceof ApiError ? e.detail : String(e) });
      return false;
    } finally {
      setBusy(false);
    }
  };
  const startSolve = (e: Event): void => {
    e.preventDefault();
    void run(async () => {
      const r = await api<{ planId: number }>('/api/plans', {
        method: 'POST',
        body: { week: weekValue, weeks: 1 },
      });
      setSolving(r.planId);
    });
  };
  const edit = (body: unknown, ok = t('plan.saved')): Promise<boolean> =>
    run(() => api(`/api/plans/${p!.id}`, { method: 'PATCH', body, ifMatch: p!.etag }), ok);
  const setStatus = (status: 'draft' | 'proposed' | 'published'): Promise<boolean> =>
    run(
      () => api(`/api/plans/${p!.id}/status`, { method: 'POST', body: { status }, ifMatch: p!.etag }),
      t(`planStatus.${status}`),
    );
  const resolve = (): void => {
    void run(async () => {
      const r = await api<{ planId: number }>(`/api/plans/${p!.id}/resolve`, { method: 'POST' });
      setSolving(r.planId);
    });
  };

  const editable = p !== null && p.result !== null && (p.status === 'draft' || p.status === 'proposed');
  const q = filter.trim().toLowerCase();
  const rows = (p?.result?.assignments ?? []).filter(
    (a) =>
      q === '' ||
      a.patientId.toLowerCase().includes(q) ||
      patientText(a.patientId, a.patient).toLowerCase().includes(q) ||
      hospitalName(R, a.hospitalId).toLowerCase().includes(q) ||
      (a.patient !== null && procedureLabel(R, a.patient.procedureId, i.lang).toLowerCase().includes(q)),
  );

  return (
    <section aria-labelledby="pe-title">
      <h1 id="pe-title">{t('plan.title')}</h1>
      <form class="toolbar" onSubmit={startSolve} aria-label={t('plan.newSolve')}>
        <label>
          {t('plan.week')}{' '}
          <input
            name="week"
            value={weekValue}
            pattern="\d{4}-W\d{2}"
            size={9}
            onInput={(e) => setWeek((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {t('plan.start')}
        </button>
        {p !== null && p.result !== null && (
          <button type="button" disabled={busy} onClick={resolve}>
            {t('plan.resolve')}
          </button>
        )}
      </form>
      {solving !== undefined && (
        <SolveProgress
          key={solving}
          planId={solving}
          onEnd={(ok) => {
            if (ok) {
              pickedPlanId.set(solving);
              plan.reload();
            }
          }}
        />
      )}
      {message !== undefined && (
        <p class={message.kind === 'ok' ? 'ok' : 'error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {refusal !== undefined && moving === undefined && <Refused refusal={refusal} />}
      {p === null ? (
        <p class="muted">{t('plan.none')}</p>
      ) : (
        <>
          <h2>
            {t('plan.label')} #{p.id}: {p.week} v{p.version} – {t(`planStatus.${p.status}`)}
          </h2>
          <div class="toolbar">
            <span>{t('plan.lifecycle')}:</span>
            {p.status === 'draft' && (
              <button type="button" disabled={busy} onClick={() => void setStatus('proposed')}>
                {t('plan.propose')}
              </button>
            )}
            {p.status === 'proposed' && (
              <>
                <button
                  type="button"
                  class="primary"
                  disabled={busy}
                  onClick={() => void setStatus('published')}
                >
                  {t('plan.publish')}
                </button>
                <button type="button" disabled={busy} onClick={() => void setStatus('draft')}>
                  {t('plan.backToDraft')}
                </button>
              </>
            )}
          </div>
          {!editable && p.result !== null && (
            <p class="note">{t('plan.readonly', { status: t(`planStatus.${p.status}`) })}</p>
          )}
          {moving !== undefined && p.result !== null && (
            <MoveForm
              a={moving}
              reference={R}
              days={[...new Set(p.result.lists.map((l) => l.date))].toSorted()}
              busy={busy}
              onCancel={() => setMoving(undefined)}
              onMove={async (m) => {
                if (await edit({ moves: [m] })) setMoving(undefined);
              }}
            />
          )}
          {refusal !== undefined && moving !== undefined && <Refused refusal={refusal} />}
          {p.request.excludedPatientIds.length > 0 && (
            <p>
              {t('plan.excluded', { n: p.request.excludedPatientIds.length })}{' '}
              {p.request.excludedPatientIds.slice(0, 20).map((id) => (
                <button
                  key={id}
                  type="button"
                  class="chip"
                  disabled={!editable || busy}
                  onClick={() => void edit({ exclusions: { remove: [id] } })}
                  title={t('plan.include')}
                >
                  {id} ↺
                </button>
              ))}
            </p>
          )}
          {p.result !== null && (
            <>
              <h2>{t('plan.assignments', { n: p.result.assignments.length })}</h2>
              <label class="filter">
                {t('plan.filter')}{' '}
                <input
                  type="search"
                  value={filter}
                  onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)}
                />
              </label>
              <table class="data" data-testid="assignments">
                <thead>
                  <tr>
                    <th scope="col">{t('col.patient')}</th>
                    <th scope="col">{t('col.procedure')}</th>
                    <th scope="col">{t('col.home')}</th>
                    <th scope="col">{t('col.hospital')}</th>
                    <th scope="col">{t('col.date')}</th>
                    <th scope="col">{t('col.reason')}</th>
                    <th scope="col">{t('col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.slice(0, SHOW).map((a) => (
                    <tr key={a.patientId} data-patient={a.patientId}>
                      <td>
                        {patientText(a.patientId, a.patient)}
                        {a.pinned && <span class="badge">{t('plan.pinned')}</span>}
                      </td>
                      <td>{a.patient === null ? '–' : procedureLabel(R, a.patient.procedureId, i.lang)}</td>
                      <td>{a.patient === null ? '–' : hospitalName(R, a.patient.listingHospitalId)}</td>
                      <td>
                        {hospitalName(R, a.hospitalId)}, {theatreName(R, a.theatreId)}
                      </td>
                      <td class="nowrap">
                        {i.date(a.date)} {startOf(a)}
                      </td>
                      <td class="small">{assignmentReasonText(i, R, a)}</td>
                      <td class="actions">
                        <button
                          type="button"
                          disabled={!editable || busy}
                          onClick={() =>
                            void edit(
                              a.pinned
                                ? { pins: { remove: [a.patientId] } }
                                : { pins: { add: [{ patientId: a.patientId }] } },
                            )
                          }
                        >
                          {a.pinned ? t('plan.unpin') : t('plan.pin')}
                        </button>
                        <button
                          type="button"
                          disabled={!editable || busy}
                          onClick={() => void edit({ exclusions: { add: [a.patientId] } })}
                        >
                          {t('plan.exclude')}
                        </button>
                        <button
                          type="button"
                          disabled={!editable || busy}
                          onClick={() => setMoving(a)}
                          data-testid="move"
                        >
                          {t('plan.move')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {rows.length > SHOW && <p class="muted">{`${SHOW} / ${rows.length}`}</p>}
            </>
          )}
          <Compare key={p.id} plans={plans} current={p} reference={R} />
        </>
      )}
    </section>
  );
}

function Refused({ refusal }: { refusal: Refusal }) {
  const i = useI18n();
  return (
    <div class="error violations" role="alert" data-testid="violations">
      <p>
        <strong>{i.t('plan.violations')}</strong>
      </p>
      <ul>
        {refusal.rules.map((r) => (
          <li key={r} data-rule={r}>
            <strong>{ruleText(i, r)}</strong>
            {refusal.violations
              .filter((v) => v.rule === r)
              .slice(0, 3)
              .map((v, k) => (
                <div key={k} class="small">
                  {v.message}
                </div>
              ))}
          </li>
        ))}
      </ul>
      {refusal.rules.length === 0 && <p>{refusal.detail}</p>}
    </div>
  );
}

function MoveForm(props: {
  a: PlanAssignment;
  reference: Reference;
  days: string[];
  busy: boolean;
  onCancel: () => void;
  onMove: (m: { patientId: string; hospitalId: string; theatreId: string; date: string }) => void;
}) {
  const { t, date } = useI18n();
  const R = props.reference;
  const [hospitalId, setHospital] = useState(props.a.hospitalId);
  const theatres = [...R.theatres.values()].filter((x) => x.hospitalId === hospitalId);
  const [theatreId, setTheatre] = useState(props.a.theatreId);
  const [day, setDay] = useState(props.a.date);
  const tid = theatres.some((x) => x.id === theatreId) ? theatreId : (theatres[0]?.id ?? '');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'center' });
    heading.current?.focus();
  }, [props.a.patientId]);
  return (
    <form
      class="panel"
      data-testid="move-form"
      aria-labelledby="move-title"
      onSubmit={(e) => {
        e.preventDefault();
        props.onMove({ patientId: props.a.patientId, hospitalId, theatreId: tid, date: day });
      }}
    >
      <h3 id="move-title" tabIndex={-1} ref={heading}>
        {t('plan.moveTitle', { patient: patientText(props.a.patientId, props.a.patient) })}
      </h3>
      <label>
        {t('col.hospital')}{' '}
        <select
          name="hospital"
          value={hospitalId}
          onChange={(e) => setHospital((e.currentTarget as HTMLSelectElement).value)}
        >
          {R.hospitals.map((h) => (
            <option key={h.id} value={h.id}>
              {h.shortName}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('col.theatre')}{' '}
        <select
          name="theatre"
          value={tid}
          onChange={(e) => setTheatre((e.currentTarget as HTMLSelectElement).value)}
        >
          {theatres.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        {t('col.date')}{' '}
        <select
          name="date"
          value={day}
          onChange={(e) => setDay((e.currentTarget as HTMLSelectElement).value)}
        >
          {props.days.map((d) => (
            <option key={d} value={d}>
              {date(d)}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="submit" class="primary" disabled={props.busy || tid === ''}>
        {t('plan.apply')}
      </button>{' '}
      <button type="button" onClick={props.onCancel}>
        {t('plan.cancel')}
      </button>
    </form>
  );
}

function Compare({
  plans,
  current,
  reference: R,
}: {
  plans: PlanMeta[];
  current: Plan;
  reference: Reference;
}) {
  const i = useI18n();
  const { t, num } = i;
  const comparable = plans.filter((p) => p.status !== 'running' && p.status !== 'failed');
  const [a, setA] = useState<number>(
    current.parentId ??
      comparable.find((p) => p.id !== current.id && p.week === current.week)?.id ??
      current.id,
  );
  const [b, setB] = useState<number>(current.id);
  const [diff, setDiff] = useState<PlanDiff | undefined>();
  const [error, setError] = useState<string | undefined>();
  const go = async (e: Event): Promise<void> => {
    e.preventDefault();
    setError(undefined);
    try {
      setDiff(await api<PlanDiff>(`/api/plans/${a}/diff/${b}`));
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : String(err));
    }
  };
  const place = (x: { hospitalId: string; theatreId: string; date: string } | undefined): string =>
    x === undefined
      ? ''
      : `${hospitalName(R, x.hospitalId)} ${theatreName(R, x.theatreId)} ${i.date(x.date)}`;
  const opt = (p: PlanMeta) => (
    <option key={p.id} value={String(p.id)}>
      #{p.id} {t('plan.option', { week: p.week, version: p.version, status: t(`planStatus.${p.status}`) })}
    </option>
  );
  return (
    <section aria-labelledby="cmp-title" class="no-print">
      <h2 id="cmp-title">{t('plan.compare')}</h2>
      <form class="toolbar" onSubmit={(e) => void go(e)}>
        <label>
          {t('plan.compareA')}{' '}
          <select
            value={String(a)}
            onChange={(e) => setA(Number((e.currentTarget as HTMLSelectElement).value))}
          >
            {comparable.map(opt)}
          </select>
        </label>
        <label>
          {t('plan.compareB')}{' '}
          <select
            value={String(b)}
            onChange={(e) => setB(Number((e.currentTarget as HTMLSelectElement).value))}
          >
            {comparable.map(opt)}
          </select>
        </label>
        <button type="submit">{t('plan.compareRun')}</button>
      </form>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {diff !== undefined && (
        <div class="compare" data-testid="diff">
          <div>
            <h3>{t('plan.added', { n: diff.added.length })}</h3>
            <ul>
              {diff.added.map((d) => (
                <li key={d.patientId}>
                  {patientText(d.patientId, d.patient)} → {place(d.to)}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3>{t('plan.removed', { n: diff.removed.length })}</h3>
            <ul>
              {diff.removed.map((d) => (
                <li key={d.patientId}>
                  {patientText(d.patientId, d.patient)} ({place(d.from)})
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3>{t('plan.moved', { n: diff.moved.length })}</h3>
            <ul>
              {diff.moved.map((d) => (
                <li key={d.patientId}>
                  {patientText(d.patientId, d.patient)}: {place(d.from)} → {place(d.to)}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3>{t('plan.kpiDelta')}</h3>
            <table class="data compact">
              <tbody>
                {Object.entries(diff.kpiDelta).map(([k, v]) => (
                  <tr key={k}>
                    <th scope="row">{KPI_NAMES[k] === undefined ? k : t(KPI_NAMES[k])}</th>
                    <td class={`num${v > 0 ? ' up' : v < 0 ? ' down' : ''}`}>
                      {v > 0 ? '+' : ''}
                      {num(v, 2)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
