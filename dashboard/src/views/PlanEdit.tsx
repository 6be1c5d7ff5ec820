// Plan editing (planner): start a solve, pin / exclude / move cases (the API re-checks every rule;
// a refused edit lists the broken rules in plain words and changes nothing), re-solve keeping pins
// with a live progress bar, compare two versions, and move the plan draft -> proposed -> published.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api.ts';
import type { Async } from '../lib/async.ts';
import { errorText } from '../lib/errors.ts';
import { assignmentReasonText } from '../lib/reasons.ts';
import { KPI_SHARE, kpiVerdict, listsWithRoom, signed, type Room } from '../lib/planCompare.ts';
import { useI18n, type I18n, type MsgKey } from '../lib/i18n.ts';
import { applyDelta, applyStatus, pickedPlanId } from '../lib/plans.ts';
import {
  hospitalName,
  procedureLabel,
  specialtyName,
  theatreName,
  useReference,
  type Reference,
} from '../lib/reference.ts';
import {
  hhmm,
  startOf,
  type DecisionInbox,
  type EditResponse,
  type PublishSummary,
  type StatusResponse,
  type Plan,
  type PlanAssignment,
  type DiffEntry,
  type DiffPlace,
  type PlanDiff,
  type PlanMeta,
  type TheatreList,
  type Violation,
} from '../lib/types.ts';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { patientText } from '../components/Patient.tsx';
import { SolveProgress } from '../components/SolveProgress.tsx';
import { HospitalSelect } from '../components/HospitalSelect.tsx';
import { weekLabel } from '../lib/weeks.ts';

interface Refusal {
  detail: string;
  rules: string[];
  violations: Violation[];
  rule: string | undefined;
  params: Record<string, string | number>;
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
/** The ISO date `days` after `iso`. */
function nextIsoDate(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

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
  const [publishing, setPublishing] = useState(false);

  if (ref.error) return <ErrorBox error={ref.error} retry={ref.reload} />;
  if (ref.data === undefined || plan.data === undefined)
    return plan.error ? <ErrorBox error={plan.error} retry={plan.reload} /> : <Loading />;
  const R = ref.data;
  const p = plan.data;
  // Default: the week of the first plannable day, the snapshot date + the server's default 14
  // lead days (ADR 0009); earlier weeks are already booked and are refused.
  const weekValue = week ?? p?.week ?? nextIsoWeek(nextIsoDate(R.asOfDate, 7));

  // Busy until the screen shows the action's result: edits and status changes come back as a
  // delta (or the new status) applied to the plan in place, not as a refetch of the whole plan.
  const run = async (f: () => Promise<unknown>, ok?: string): Promise<boolean> => {
    setBusy(true);
    setMessage(undefined);
    setRefusal(undefined);
    try {
      const reply = await f();
      const r = reply as Partial<EditResponse> | undefined;
      if (r?.delta !== undefined) {
        const delta = r.delta;
        plan.mutate((cur) => {
          const next = applyDelta(cur, delta);
          return next === null || r.can === undefined ? next : { ...next, can: r.can };
        });
      } else if (
        r !== undefined &&
        typeof r.status === 'string' &&
        typeof r.etag === 'number' &&
        r.id === p?.id
      ) {
        const st = reply as StatusResponse;
        plan.mutate((cur) => applyStatus(cur, st));
      }
      if (ok !== undefined) setMessage({ kind: 'ok', text: ok });
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 422)
        setRefusal({
          detail: e.detail,
          rules: e.rules,
          violations: e.violations,
          rule: e.rule,
          params: e.params,
        });
      else if (e instanceof ApiError && e.status === 409) {
        setMessage({ kind: 'error', text: t('plan.conflict') });
        plan.reload();
      } else setMessage({ kind: 'error', text: errorText(i, e) });
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

  const editable = p !== null && p.result !== null && p.can.edit;
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
    <section aria-labelledby="pe-title" aria-busy={busy}>
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
        {p !== null && p.result !== null && p.can.resolve && (
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
      {busy && (
        <p class="muted" role="status" data-testid="busy">
          {t('plan.busy')}
        </p>
      )}
      {refusal !== undefined && moving === undefined && <Refused refusal={refusal} reference={R} />}
      {p === null ? (
        <p class="muted">{t('plan.none')}</p>
      ) : (
        <>
          <h2 data-testid="plan-heading">
            {t('plan.heading', {
              week: weekLabel(i, p.week),
              version: p.version,
              status: t(`planStatus.${p.status}`),
            })}
          </h2>
          <div class="toolbar">
            <span>{t('plan.lifecycle')}:</span>
            {p.can.propose && (
              <button type="button" disabled={busy} onClick={() => void setStatus('proposed')}>
                {t('plan.propose')}
              </button>
            )}
            {p.can.publish && (
              <button
                type="button"
                class="primary"
                disabled={busy || publishing}
                onClick={() => setPublishing(true)}
                data-testid="publish"
              >
                {t('plan.publish')}
              </button>
            )}
            {p.can.withdraw && (
              <button type="button" disabled={busy} onClick={() => void setStatus('draft')}>
                {t('plan.backToDraft')}
              </button>
            )}
          </div>
          {publishing && (
            <PublishDialog
              key={`${p.id}:${p.etag}`}
              plan={p}
              reference={R}
              busy={busy}
              onCancel={() => setPublishing(false)}
              onConfirm={async () => {
                if (await setStatus('published')) setPublishing(false);
              }}
            />
          )}
          {/* Decisions exist once the hospitals have seen the plan (proposed or published). */}
          {p.can.seeDecisions &&
            p.result !== null &&
            (p.status === 'proposed' || p.status === 'published' || (p.result.replan ?? []).length > 0) && (
              <Decisions plan={p} reference={R} />
            )}
          {!editable && p.result !== null && (
            <p class="note">{t('plan.readonly', { status: t(`planStatus.${p.status}`) })}</p>
          )}
          {moving !== undefined && p.result !== null && (
            <MoveForm
              a={moving}
              reference={R}
              lists={p.result.lists}
              busy={busy}
              onCancel={() => setMoving(undefined)}
              onMove={async (m) => {
                if (await edit({ moves: [m] })) setMoving(undefined);
              }}
            />
          )}
          {refusal !== undefined && moving !== undefined && <Refused refusal={refusal} reference={R} />}
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
              {rows.length > SHOW && (
                <p class="muted">{t('plan.shownOf', { n: i.num(SHOW), m: i.num(rows.length) })}</p>
              )}
            </>
          )}
          <Compare key={p.id} plans={plans} current={p} reference={R} />
        </>
      )}
    </section>
  );
}

/** A refused edit: the broken rule in plain words (with its hospital, theatre, day and figures). */
function Refused({ refusal, reference: R }: { refusal: Refusal; reference: Reference }) {
  const i = useI18n();
  const pr = refusal.params;
  const str = (k: string): string => (pr[k] === undefined ? '' : String(pr[k]));
  const vars = {
    ...pr,
    hospital: hospitalName(R, str('hospitalId')),
    theatre: theatreName(R, str('theatreId')),
    procedure: procedureLabel(R, str('procedureId'), i.lang),
    specialty: specialtyName(R, str('specialtyId'), i.lang),
    listSpecialty: specialtyName(R, str('listSpecialtyId'), i.lang),
    date: str('date') === '' ? '' : i.date(str('date')),
    probabilityPct: i.num(Number(pr.probabilityPct ?? 0), 1),
    maxPct: i.num(Number(pr.maxPct ?? 0), 1),
  };
  const rules = refusal.rules.length > 0 ? refusal.rules : refusal.rule === undefined ? [] : [refusal.rule];
  return (
    <div class="error violations" role="alert" data-testid="violations">
      <p>
        <strong>{i.t('plan.violations')}</strong>
      </p>
      <ul>
        {rules.map((r) => (
          <li key={r} data-rule={r}>
            <strong>{ruleText(i, r)}</strong>
            {/* The other rules' violation texts are the checker's English with internal ids: the
                rule in words is what the planner gets for them. */}
            {r === refusal.rule && (
              <div class="small" data-testid="refusal-text">
                {i.tOr(`refusal.${r}`, refusal.detail, vars)}
              </div>
            )}
          </li>
        ))}
      </ul>
      {rules.length === 0 && <p>{refusal.detail}</p>}
    </div>
  );
}

/** The confirmation before publishing: what the hospitals will get, and what is still open. */
function PublishDialog(props: {
  plan: Plan;
  reference: Reference;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => Promise<void>;
}) {
  const i = useI18n();
  const { t } = i;
  const R = props.reference;
  const [summary, setSummary] = useState<PublishSummary | undefined>();
  const [error, setError] = useState<string | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    let live = true;
    api<PublishSummary>(`/api/plans/${props.plan.id}/publish-summary`).then(
      (s) => {
        if (live) setSummary(s);
      },
      (e: unknown) => {
        if (live) setError(errorText(i, e));
      },
    );
    heading.current?.focus();
    return () => {
      live = false;
    };
  }, [props.plan.id, props.plan.etag]);
  const s = summary;
  return (
    <div
      class="panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="pub-title"
      data-testid="publish-dialog"
    >
      <h3 id="pub-title" tabIndex={-1} ref={heading}>
        {t('plan.publishTitle', { week: weekLabel(i, props.plan.week), version: props.plan.version })}
      </h3>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {s === undefined && error === undefined && <p class="muted">{t('plan.publishLoading')}</p>}
      {s !== undefined && (
        <>
          {s.blockedBy !== null && (
            <p class="error" role="alert" data-testid="publish-blocked">
              {t('plan.publishBlocked', { published: s.published?.version ?? '' })}
            </p>
          )}
          <p>{t('plan.publishTotals', { cases: s.totals.cases, incoming: s.totals.incoming })}</p>
          {s.totals.pending > 0 && <p class="note">{t('plan.publishPending', { n: s.totals.pending })}</p>}
          <p>
            {s.published === null
              ? t('plan.publishNoCurrent')
              : t('plan.publishVsCurrent', {
                  version: s.published.version,
                  added: s.totals.added,
                  removed: s.totals.removed,
                  moved: s.totals.moved,
                })}
          </p>
          <table class="data compact" data-testid="publish-summary">
            <thead>
              <tr>
                <th scope="col">{t('col.hospital')}</th>
                <th scope="col">{t('plan.publishCol.cases')}</th>
                <th scope="col">{t('plan.publishCol.incoming')}</th>
                <th scope="col">{t('plan.publishCol.outgoing')}</th>
                <th scope="col">{t('plan.publishCol.pending')}</th>
                <th scope="col">{t('plan.publishCol.accepted')}</th>
                <th scope="col">{t('plan.publishCol.rejected')}</th>
                {s.published !== null && <th scope="col">{t('plan.publishCol.changes')}</th>}
              </tr>
            </thead>
            <tbody>
              {s.perHospital.map((r) => (
                <tr key={r.hospitalId}>
                  <th scope="row">{hospitalName(R, r.hospitalId)}</th>
                  <td class="num">{r.cases}</td>
                  <td class="num">{r.incoming}</td>
                  <td class="num">{r.outgoing}</td>
                  <td class="num">{r.pending}</td>
                  <td class="num">{r.accepted}</td>
                  <td class="num">{r.rejected}</td>
                  {s.published !== null && (
                    <td class="num">
                      {[
                        r.added > 0 ? `+${r.added}` : '',
                        r.removed > 0 ? `−${r.removed}` : '',
                        r.moved > 0 ? `↔${r.moved}` : '',
                      ]
                        .filter((x) => x !== '')
                        .join(' ') || '0'}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div class="toolbar">
        <button
          type="button"
          class="primary"
          disabled={props.busy || s === undefined || s.blockedBy !== null}
          onClick={() => void props.onConfirm()}
          data-testid="publish-confirm"
        >
          {t('plan.publishConfirm')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('plan.cancel')}
        </button>
      </div>
    </div>
  );
}

/** The planner's view of the hospitals' decisions, and the rejected cases waiting to be re-planned. */
function Decisions({ plan, reference: R }: { plan: Plan; reference: Reference }) {
  const i = useI18n();
  const { t } = i;
  const [inbox, setInbox] = useState<DecisionInbox | undefined>();
  useEffect(() => {
    let live = true;
    api<DecisionInbox>(`/api/plans/${plan.id}/decisions`).then(
      (x) => {
        if (live) setInbox(x);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [plan.id, plan.etag, plan.decisions.length]);
  const replan = plan.result?.replan ?? [];
  return (
    <section aria-labelledby="dec-title" data-testid="decisions">
      <h2 id="dec-title">{t('plan.decisions')}</h2>
      {inbox !== undefined && inbox.hospitals.length === 0 && <p class="muted">{t('plan.decisionsNone')}</p>}
      {inbox !== undefined && inbox.hospitals.length > 0 && (
        <ul>
          {inbox.hospitals.map((h) => (
            <li key={h.hospitalId}>
              {hospitalName(R, h.hospitalId)}: {t('plan.decisionsCounts', h)}
            </li>
          ))}
        </ul>
      )}
      {replan.length > 0 && (
        <>
          <h3>{t('plan.replanTitle', { n: replan.length })}</h3>
          <ul data-testid="replan">
            {replan.map((r) => (
              <li key={r.patientId}>
                {t('plan.replanItem', {
                  patient: patientText(r.patientId, r.patient),
                  hospital: hospitalName(R, r.hospitalId),
                  reason: r.reason ?? '',
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function MoveForm(props: {
  a: PlanAssignment;
  reference: Reference;
  lists: TheatreList[];
  busy: boolean;
  onCancel: () => void;
  onMove: (m: { patientId: string; hospitalId: string; theatreId: string; date: string }) => void;
}) {
  const i = useI18n();
  const { t, date, num } = i;
  const R = props.reference;
  const rooms = listsWithRoom(props.a, props.lists);
  const byHospital = new Map<string, Room[]>();
  for (const r of rooms) byHospital.set(r.list.hospitalId, [...(byHospital.get(r.list.hospitalId) ?? []), r]);
  const hospitals = R.hospitals.filter((h) => byHospital.has(h.id));
  const [hospitalId, setHospital] = useState(
    byHospital.has(props.a.hospitalId) ? props.a.hospitalId : (hospitals[0]?.id ?? ''),
  );
  const here = byHospital.get(hospitalId) ?? [];
  const key = (l: TheatreList): string => `${l.theatreId}|${l.date}`;
  const [picked, setPicked] = useState('');
  const chosen = here.find((r) => key(r.list) === picked) ?? here[0];
  const specialtyOfCase =
    props.a.patient === null ? undefined : R.procedures.get(props.a.patient.procedureId)?.specialtyId;
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
        if (chosen === undefined) return;
        props.onMove({
          patientId: props.a.patientId,
          hospitalId: chosen.list.hospitalId,
          theatreId: chosen.list.theatreId,
          date: chosen.list.date,
        });
      }}
    >
      <h3 id="move-title" tabIndex={-1} ref={heading}>
        {t('plan.moveTitle', { patient: patientText(props.a.patientId, props.a.patient) })}
      </h3>
      <p class="small muted" id="move-help">
        {t('move.listsHelp', { n: props.a.durationMin + props.a.turnoverMin })}
      </p>
      {hospitals.length === 0 ? (
        <p class="note" data-testid="no-room">
          {t('move.noLists')}
        </p>
      ) : (
        <>
          <label>
            {t('col.hospital')}{' '}
            <HospitalSelect
              reference={R}
              name="hospital"
              value={hospitalId}
              only={byHospital}
              optionLabel={(h) =>
                t('move.hospitalOption', { hospital: h.shortName, n: byHospital.get(h.id)?.length ?? 0 })
              }
              onChange={(id) => {
                setHospital(id);
                setPicked('');
              }}
            />
          </label>{' '}
          <label>
            {t('move.list')}{' '}
            <select
              name="list"
              aria-describedby="move-help"
              value={chosen === undefined ? '' : key(chosen.list)}
              onChange={(e) => setPicked((e.currentTarget as HTMLSelectElement).value)}
            >
              {here.map((r) => (
                <option
                  key={key(r.list)}
                  value={key(r.list)}
                  data-free={r.freeMin}
                  class={r.list.specialtyId === specialtyOfCase ? 'same-specialty' : undefined}
                >
                  {t('move.listOption', {
                    date: date(r.list.date),
                    theatre: theatreName(R, r.list.theatreId),
                    specialty: specialtyName(R, r.list.specialtyId, i.lang),
                    free: num(r.freeMin),
                  })}
                </option>
              ))}
            </select>
          </label>{' '}
        </>
      )}
      <button type="submit" class="primary" disabled={props.busy || chosen === undefined}>
        {t('plan.apply')}
      </button>{' '}
      <button type="button" onClick={props.onCancel}>
        {t('plan.cancel')}
      </button>
    </form>
  );
}

const PAGE = 10;

/** Entries grouped by hospital (in the reference order), each group paged. */
function Grouped({
  entries,
  hospitalOf,
  render,
  reference: R,
  testId,
}: {
  entries: DiffEntry[];
  hospitalOf: (d: DiffEntry) => string;
  render: (d: DiffEntry) => string;
  reference: Reference;
  testId: string;
}) {
  const { t } = useI18n();
  const [shown, setShown] = useState<Record<string, number>>({});
  const groups = new Map<string, DiffEntry[]>();
  for (const d of entries) groups.set(hospitalOf(d), [...(groups.get(hospitalOf(d)) ?? []), d]);
  const rank = new Map(R.hospitals.map((h, k) => [h.id, k]));
  const ids = [...groups.keys()].toSorted((a, b) => (rank.get(a) ?? 999) - (rank.get(b) ?? 999));
  if (entries.length === 0) return <p class="muted small">{t('cmp.none')}</p>;
  return (
    <div data-testid={testId}>
      {ids.map((hid) => {
        const list = groups.get(hid) ?? [];
        const n = shown[hid] ?? PAGE;
        return (
          <div class="cmp-group" key={hid} data-hospital={hid}>
            <h4>{t('cmp.group', { hospital: hospitalName(R, hid), n: list.length })}</h4>
            <ul>
              {list.slice(0, n).map((d) => (
                <li key={d.patientId}>{render(d)}</li>
              ))}
            </ul>
            {list.length > n && (
              <button type="button" class="link" onClick={() => setShown((s) => ({ ...s, [hid]: n + 50 }))}>
                {t('cmp.more', { n: Math.min(50, list.length - n) })}
              </button>
            )}
          </div>
        );
      })}
    </div>
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
  const { t } = i;
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
      setError(errorText(i, err));
    }
  };
  const at = (x: DiffPlace | undefined): string =>
    x === undefined ? '' : `${i.date(x.date)} ${hhmm(x.startMin)}, ${theatreName(R, x.theatreId)}`;
  const place = (x: DiffPlace | undefined): string =>
    x === undefined ? '' : `${hospitalName(R, x.hospitalId)} ${at(x)}`;
  const opt = (p: PlanMeta) => (
    <option key={p.id} value={String(p.id)}>
      {t('plan.option', {
        week: weekLabel(i, p.week),
        version: p.version,
        status: t(`planStatus.${p.status}`),
      })}
    </option>
  );
  // A real move changes hospital or day; anything else only shifts the time or theatre that day.
  const real = (diff?.moved ?? []).filter(
    (d) =>
      d.from !== undefined &&
      d.to !== undefined &&
      (d.from.hospitalId !== d.to.hospitalId || d.from.date !== d.to.date),
  );
  const shifts = (diff?.moved ?? []).filter((d) => !real.includes(d));
  const toH = (d: DiffEntry): string => d.to?.hospitalId ?? d.from?.hospitalId ?? '';
  const fromH = (d: DiffEntry): string => d.from?.hospitalId ?? d.to?.hospitalId ?? '';
  const who = (d: DiffEntry): string => patientText(d.patientId, d.patient);
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
            <h3>{t('plan.kpiDelta')}</h3>
            <p class="small muted">{t('cmp.legend')}</p>
            <table class="data compact" data-testid="kpi-delta">
              <tbody>
                {Object.entries(diff.kpiDelta).map(([k, v]) => {
                  const s = signed(i, v, KPI_SHARE.has(k));
                  const verdict = kpiVerdict(k, s.rounded);
                  return (
                    <tr key={k} data-kpi={k} data-verdict={verdict}>
                      <th scope="row">{KPI_NAMES[k] === undefined ? k : t(KPI_NAMES[k])}</th>
                      <td
                        class={`num${verdict === 'better' ? ' kpi-better' : verdict === 'worse' ? ' kpi-worse' : ''}`}
                      >
                        {s.text}
                        {verdict !== 'neutral' && <span class="sr-only"> ({t(`cmp.${verdict}`)})</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div>
            <h3>{t('cmp.realMoves', { n: real.length })}</h3>
            <Grouped
              entries={real}
              hospitalOf={toH}
              reference={R}
              testId="cmp-real"
              render={(d) => `${who(d)}: ${place(d.from)} → ${place(d.to)}`}
            />
            <h3>{t('cmp.timeShifts', { n: shifts.length })}</h3>
            <Grouped
              entries={shifts}
              hospitalOf={toH}
              reference={R}
              testId="cmp-shifts"
              render={(d) => `${who(d)}: ${at(d.from)} → ${at(d.to)}`}
            />
          </div>
          <div>
            <h3>{t('plan.added', { n: diff.added.length })}</h3>
            <Grouped
              entries={diff.added}
              hospitalOf={toH}
              reference={R}
              testId="cmp-added"
              render={(d) => `${who(d)} → ${at(d.to)}`}
            />
            <h3>{t('plan.removed', { n: diff.removed.length })}</h3>
            <Grouped
              entries={diff.removed}
              hospitalOf={fromH}
              reference={R}
              testId="cmp-removed"
              render={(d) => `${who(d)} (${at(d.from)})`}
            />
          </div>
        </div>
      )}
    </section>
  );
}
