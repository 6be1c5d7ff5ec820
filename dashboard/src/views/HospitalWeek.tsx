// Hospital week (coordinator for their hospital; planner for any): each theatre's day list as a
// timeline with the cases, staffed vs idle time, incoming and outgoing patients, the coordinator's
// accept / reject with a reason, and a print view (print CSS) of a day list.
import { useState } from 'preact/hooks';
import { api, ApiError, qs } from '../lib/api.ts';
import type { Async } from '../lib/async.ts';
import { useI18n } from '../lib/i18n.ts';
import { applyDecision } from '../lib/plans.ts';
import { hospitalName, procedureLabel, theatreName, useReference, type Reference } from '../lib/reference.ts';
import {
  hhmm,
  startOf,
  type Decision,
  type DecisionResponse,
  type Plan,
  type PlanAssignment,
  type TheatreList,
  type User,
} from '../lib/types.ts';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { patientText } from '../components/Patient.tsx';
import { Tip } from '../components/Tip.tsx';

const minutesOf = (hm: string): number => {
  const [h = 0, m = 0] = hm.split(':').map(Number);
  return h * 60 + m;
};

/**
 * The server's print-friendly day list in a new tab. A plain link cannot carry the bearer token,
 * so the server signs a 5-minute link for exactly this plan, hospital and date. The tab is opened
 * before the request, inside the click, so popup blockers let it through.
 */
async function openDayListPage(planId: number, hospitalId: string, date: string | undefined): Promise<void> {
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
    window.alert(e instanceof ApiError ? e.detail : String(e));
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
  const shownDays = day === '' ? days : days.filter((d) => d === day);
  const theatres = [...R.theatres.values()].filter((x) => x.hospitalId === hid);
  const incoming = (res?.assignments ?? []).filter(
    (a) => a.hospitalId === hid && a.patient !== null && a.patient.listingHospitalId !== hid,
  );
  const outgoing = (res?.assignments ?? []).filter(
    (a) => a.hospitalId !== hid && a.patient?.listingHospitalId === hid,
  );
  const decisions = new Map((p?.decisions ?? []).map((d) => [d.patientId, d]));
  // The server says who may decide (`can.decide`: a coordinator, on a proposed or published plan);
  // a coordinator decides for their own hospital only.
  const ownHospital = user.role === 'coordinator' && user.hospitalId === hid;
  const mayDecide = ownHospital && (p?.can.decide ?? false);
  const decidable = mayDecide;
  const rejected = (res?.replan ?? []).filter((r) => r.hospitalId === hid);
  const onDecided = (reply: DecisionResponse): void => plan.mutate((cur) => applyDecision(cur, reply));

  return (
    <section aria-labelledby="hw-title">
      <h1 id="hw-title">
        {t('hospital.title')}: {h?.name ?? hid}
      </h1>
      <div class="toolbar no-print">
        {user.role !== 'coordinator' && (
          <label>
            {t('hospital.choose')}{' '}
            <select value={hid} onChange={(e) => onHospital((e.currentTarget as HTMLSelectElement).value)}>
              {R.hospitals.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.shortName}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('hospital.day')}{' '}
          <select value={day} onChange={(e) => setDay((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('hospital.allDays')}</option>
            {days.map((d) => (
              <option key={d} value={d}>
                {date(d)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => window.print()} data-testid="print">
          {t('hospital.print')}
        </button>
        {p !== null && p.result !== null && (
          <button
            type="button"
            data-testid="print-page"
            onClick={() => void openDayListPage(p.id, hid, day === '' ? undefined : day)}
          >
            {t('hospital.printPage')}
          </button>
        )}
      </div>
      {p === null ? (
        <p class="muted">{user.role === 'coordinator' ? t('plan.noneCoordinator') : t('plan.none')}</p>
      ) : res === null ? (
        <p class="muted">{t('plan.noResult', { status: t(`planStatus.${p.status}`) })}</p>
      ) : (
        <>
          {lists.length === 0 && <p class="muted">{t('hospital.noLists')}</p>}
          {shownDays.map((d) => (
            <DayLists
              key={d}
              day={d}
              reference={R}
              hospitalId={hid}
              theatres={theatres.map((x) => x.id)}
              lists={lists.filter((l) => l.date === d)}
              byId={byId}
              listStartMin={minutesOf(h?.listStartTime ?? '08:00')}
              listMin={h?.listMin ?? 480}
            />
          ))}
          <h2>{t('hospital.incoming')}</h2>
          {!mayDecide && ownHospital && <p class="note">{t('hospital.needsProposed')}</p>}
          {incoming.length === 0 ? (
            <p class="muted">{t('hospital.noIncoming')}</p>
          ) : (
            <table class="data" data-testid="incoming">
              <thead>
                <tr>
                  <th scope="col">{t('col.patient')}</th>
                  <th scope="col">{t('col.procedure')}</th>
                  <th scope="col">{t('col.asa')}</th>
                  <th scope="col">{t('col.home')}</th>
                  <th scope="col">{t('col.date')}</th>
                  <th scope="col">{t('col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {incoming.map((a) => (
                  <tr key={a.patientId} data-patient={a.patientId}>
                    <td>{patientText(a.patientId, a.patient)}</td>
                    <td>{a.patient === null ? '–' : procedureLabel(R, a.patient.procedureId, i.lang)}</td>
                    <td>{a.patient?.asaClass ?? '–'}</td>
                    <td>{a.patient === null ? '–' : hospitalName(R, a.patient.listingHospitalId)}</td>
                    <td>
                      {date(a.date)} {startOf(a)}
                    </td>
                    <td>
                      <DecisionCell
                        planId={p.id}
                        a={a}
                        decision={decisions.get(a.patientId)}
                        canDecide={mayDecide && decidable}
                        onDone={onDecided}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {rejected.length > 0 && (
            <>
              <h3>{t('hospital.rejectedTitle')}</h3>
              <table class="data" data-testid="rejected">
                <tbody>
                  {rejected.map((r) => (
                    <tr key={r.patientId} data-patient={r.patientId}>
                      <td>{patientText(r.patientId, r.patient)}</td>
                      <td>
                        {date(r.date)} {startOf(r)}
                      </td>
                      <td>
                        <DecisionCell
                          planId={p.id}
                          a={r}
                          decision={decisions.get(r.patientId)}
                          canDecide={mayDecide}
                          onDone={onDecided}
                          undo
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <h2>{t('hospital.outgoing')}</h2>
          {outgoing.length === 0 ? (
            <p class="muted">{t('hospital.noOutgoing')}</p>
          ) : (
            <table class="data" data-testid="outgoing">
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
                {outgoing.map((a) => (
                  <tr key={a.patientId}>
                    <td>{patientText(a.patientId, a.patient)}</td>
                    <td>{a.patient === null ? '–' : procedureLabel(R, a.patient.procedureId, i.lang)}</td>
                    <td>{hospitalName(R, a.hospitalId)}</td>
                    <td>
                      {date(a.date)} {startOf(a)}
                    </td>
                    <td>
                      <DecisionCell
                        planId={p.id}
                        a={a}
                        decision={decisions.get(a.patientId)}
                        canDecide={false}
                        onDone={onDecided}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function DayLists(props: {
  day: string;
  reference: Reference;
  hospitalId: string;
  theatres: string[];
  lists: TheatreList[];
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
  const theatreIds = [...new Set([...props.theatres, ...props.lists.map((l) => l.theatreId)])];
  const hName = hospitalName(R, props.hospitalId);
  return (
    <section class="day" aria-labelledby={`day-${props.day}`} data-testid={`day-${props.day}`}>
      <h2 id={`day-${props.day}`}>
        <span class="no-print">{date(props.day)}</span>
        <span class="print-only">{t('hospital.printTitle', { hospital: hName, date: props.day })}</span>
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
                {l === undefined ? (
                  <span class="tl-empty">{t('hospital.noList')}</span>
                ) : (
                  <>
                    <div
                      class="tl-staffed"
                      style={{ left: x(l.listEndMin - props.listMin), width: w(props.listMin) }}
                    />
                    {l.patientIds.map((pid) => {
                      const a = props.byId.get(pid);
                      if (a === undefined) return null;
                      const incoming = a.patient !== null && a.patient.listingHospitalId !== props.hospitalId;
                      const proc = a.patient === null ? undefined : R.procedures.get(a.patient.procedureId);
                      return (
                        <div
                          key={pid}
                          class={`tl-case${incoming ? ' incoming' : ''}${a.pinned ? ' pinned' : ''}`}
                          style={{ left: x(a.startMin), width: w(a.durationMin) }}
                          title={`${startOf(a)} ${proc?.kvaCode ?? ''} ${a.durationMin} min, ASA ${a.patient?.asaClass ?? '?'}`}
                        >
                          <span>
                            {startOf(a)} {proc?.kvaCode ?? ''}
                          </span>
                        </div>
                      );
                    })}
                  </>
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

function DecisionCell({
  planId,
  a,
  decision,
  canDecide,
  onDone,
  undo = false,
}: {
  planId: number;
  a: { patientId: string };
  decision: Decision | undefined;
  canDecide: boolean;
  onDone: (reply: DecisionResponse) => void;
  /** A rejected case: only offer to change the decision to accepted. */
  undo?: boolean;
}) {
  const { t } = useI18n();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const send = async (d: 'accept' | 'reject'): Promise<void> => {
    if (d === 'reject' && reason.trim() === '') {
      setError(t('hospital.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const reply = await api<DecisionResponse>(`/api/plans/${planId}/decisions`, {
        method: 'POST',
        body: { patientId: a.patientId, decision: d, ...(d === 'reject' ? { reason: reason.trim() } : {}) },
      });
      setRejecting(false);
      onDone(reply);
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(false);
    }
  };
  const status =
    decision === undefined ? (
      <span class="pending">{t('hospital.pending')}</span>
    ) : decision.decision === 'accept' ? (
      <span class="accepted">✓ {t('hospital.decision.accept')}</span>
    ) : (
      <span class="rejected">✗ {t('hospital.decision.reject', { reason: decision.reason ?? '' })}</span>
    );
  return (
    <div class="decision" data-testid="decision" data-decision={decision?.decision ?? 'pending'}>
      {status}
      {canDecide && undo && (
        <span class="actions no-print">
          <button type="button" disabled={busy} onClick={() => void send('accept')}>
            {t('hospital.undoReject')}
          </button>
        </span>
      )}
      {canDecide && !undo && !rejecting && (
        <span class="actions no-print">
          <button type="button" class="primary" disabled={busy} onClick={() => void send('accept')}>
            {t('hospital.accept')}
          </button>
          <button type="button" disabled={busy} onClick={() => setRejecting(true)}>
            {t('hospital.reject')}
          </button>
        </span>
      )}
      {canDecide && !undo && rejecting && (
        <form
          class="inline no-print"
          onSubmit={(e) => {
            e.preventDefault();
            void send('reject');
          }}
        >
          <label>
            {t('hospital.reason')}
            <input
              required
              value={reason}
              onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)}
              ref={(el) => el?.focus()}
            />
          </label>
          <button type="submit" disabled={busy}>
            {t('hospital.reject')}
          </button>
          <button type="button" onClick={() => setRejecting(false)}>
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
