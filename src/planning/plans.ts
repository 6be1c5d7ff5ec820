// Plan use cases: start a solve (a job), read plans role-scoped, change status with optimistic
// concurrency, edit (pins, exclusions, manual moves) re-validated by the independent checker,
// re-solve keeping pins, diff two versions, coordinator decisions, patients' answers to offers.
import { performance } from 'node:perf_hooks';
import type { Db } from '../db/db.ts';
import { readSnapshot } from '../db/snapshotRepo.ts';
import {
  completePlan,
  failPlan,
  failOrphanedPlans,
  getPlan,
  getPlanKpis,
  getPlanMeta,
  insertPlan,
  listPlans,
  setPlanJob,
  supersedePublished,
  updatePlanIfEtag,
  type PlanMeta,
  type PlanRecord,
  type PlanRequest,
  type PlanStatus,
} from '../db/planRepo.ts';
import { getPatientsByIds, recordDecline, setPatientStatus } from '../db/patientRepo.ts';
import { getOffer, insertOffer, insertWaiver, listDecisions, upsertDecision } from '../db/decisionRepo.ts';
import { getAsOfDate } from '../db/referenceRepo.ts';
import { setJobProgress, type JobRecord } from '../db/jobRepo.ts';
import {
  ConflictError,
  ForbiddenError,
  InfeasibleError,
  NotFoundError,
  ValidationError,
  type FieldIssue,
} from '../errors.ts';
import { addIsoWeeks, epochDay, isoWeekDates } from '../calendar/isoWeek.ts';
import { clockTimeOfMin, localDateOf } from '../calendar/stockholm.ts';
import { patientView, type PatientView } from '../auth/scoping.ts';
import { requireRole, type Principal } from '../auth/roles.ts';
import type { Auditor } from '../auth/audit.ts';
import type { WaitingListEntry } from '../domain/snapshot.ts';
import { buildProblem } from './buildProblem.ts';
import { createJobQueue, type JobQueue } from './jobs.ts';
import { solveInWorker, type RunningSolve } from './solveInWorker.ts';
import type { EventSink } from './events.ts';
import { checkPlan, evaluateKpis, planCost } from '../../solver/check/index.ts';
import { evaluateFairness } from '../../solver/check/fairness.ts';
import type {
  Assignment,
  PlanForCheck,
  PlanningResult,
  TheatreList,
  Violation,
} from '../../solver/model/result.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';

export interface PlanningDeps {
  db: Db;
  clock: () => Date;
  events: EventSink;
  auditor: Auditor;
  solveTimeLimitS: number;
  log?: (line: string) => void;
}

/** Statuses a coordinator may see: OpTi's drafts are work in progress. */
const COORDINATOR_VISIBLE: readonly PlanStatus[] = ['proposed', 'published', 'superseded'];
const EDITABLE: readonly PlanStatus[] = ['draft', 'proposed'];
const TRANSITIONS: Record<string, readonly PlanStatus[]> = {
  draft: ['proposed'],
  proposed: ['draft', 'published'],
};

export type PlanService = ReturnType<typeof createPlanService>;

export function createPlanService(deps: PlanningDeps) {
  const { db, clock, events, auditor } = deps;
  const today = (): string => localDateOf(clock().toISOString());

  const progressAudience = (payload: unknown) => ({ planners: payload, analysts: payload });
  let current: RunningSolve | undefined;

  async function runSolveJob(job: JobRecord): Promise<{ resultRef: string }> {
    const planId = Number(job.payload.planId);
    const plan = await getPlanMeta(db, planId);
    if (plan === undefined) throw new Error(`plan ${planId} not found`);
    const snapshot = await readSnapshot(db);
    if (snapshot === null) throw new Error('no region snapshot loaded');
    const problem = buildProblem(snapshot, plan.request);
    let writes: Promise<void> = Promise.resolve();
    const started = performance.now();
    const running = solveInWorker(problem, {
      timeLimitS: deps.solveTimeLimitS,
      mipRelGap: 1e-4,
      onProgress: (p) => {
        const payload = { planId, jobId: job.id, ...p, elapsedMs: Math.round(performance.now() - started) };
        events.emit('solve.progress', progressAudience(payload));
        writes = writes.then(() => setJobProgress(db, job.id, payload)).catch(() => undefined);
      },
    });
    current = running;
    let result: PlanningResult;
    try {
      result = await running.result;
    } finally {
      current = undefined;
    }
    await writes;
    if (!(await completePlan(db, planId, result, clock()))) {
      throw new Error(`plan ${planId} is no longer running (failed by a shutdown?)`);
    }
    const summary = {
      planId,
      jobId: job.id,
      week: plan.week,
      version: plan.version,
      status: result.status,
      objective: result.objective,
      bound: result.bound,
      gap: result.gap,
      patientsTreated: result.kpis.patientsTreated,
      feasible: result.check.feasible,
    };
    events.emit('plan.solved', progressAudience(summary));
    return { resultRef: `plan:${planId}` };
  }

  const queue: JobQueue = createJobQueue({
    db,
    clock,
    handlers: { solve: runSolveJob },
    ...(deps.log !== undefined ? { log: deps.log } : {}),
    onFailed: async (job, error) => {
      const planId = Number(job.payload.planId);
      if (Number.isSafeInteger(planId) && (await failPlan(db, planId, error, clock()))) {
        events.emit('plan.failed', progressAudience({ planId, jobId: job.id, error }));
      }
    },
  });

  async function loadPlan(id: number): Promise<PlanRecord> {
    const p = await getPlan(db, id);
    if (p === undefined) throw new NotFoundError(`plan ${id} not found`);
    return p;
  }

  function assertVisible(who: Principal, p: PlanMeta): void {
    if (who.role === 'coordinator' && !COORDINATOR_VISIBLE.includes(p.status)) {
      // Not 403: a coordinator must not learn that a draft exists.
      throw new NotFoundError(`plan ${p.id} not found`);
    }
  }

  async function enqueueSolve(
    who: Principal,
    request: PlanRequest,
    parentId?: number,
  ): Promise<{ planId: number; jobId: number }> {
    // Plan, job and their link in one transaction; the job starts only after the request's own
    // statements (audit) so the solve's large snapshot read does not hold up the 202.
    const { plan, jobId } = await db.transaction(async (tx) => {
      const plan = await insertPlan(tx, { request, createdBy: who.userId, parentId, at: clock() });
      const jobId = await queue.insert(tx, 'solve', { planId: plan.id });
      await setPlanJob(tx, plan.id, jobId);
      return { plan, jobId };
    });
    await auditor.log(db, who, {
      action: 'plan.create',
      details: { planId: plan.id, jobId, week: request.week, weeks: request.weeks, parentId },
    });
    queue.kick();
    return { planId: plan.id, jobId };
  }

  /** Patients of a plan, each as the principal may see them; null entries are invisible. */
  async function views(who: Principal, assignments: readonly Assignment[], extraIds: readonly string[] = []) {
    const asOfDate = (await getAsOfDate(db)) ?? today();
    const ids = [...new Set([...assignments.map((a) => a.patientId), ...extraIds])];
    const patients = await getPatientsByIds(db, ids);
    const hospitalsOf = new Map<string, string[]>();
    for (const a of assignments)
      hospitalsOf.set(a.patientId, [...(hospitalsOf.get(a.patientId) ?? []), a.hospitalId]);
    const out = new Map<string, PatientView | null>();
    for (const id of ids) {
      const p = patients.get(id);
      out.set(
        id,
        p === undefined
          ? null
          : patientView(who, p, { asOfDate, relatedHospitalIds: hospitalsOf.get(id) ?? [] }),
      );
    }
    return { views: out, patients };
  }

  /** The result as the principal may see it, plus the patient ids it reveals (for the audit row). */
  async function scopeResult(
    who: Principal,
    result: PlanningResult,
  ): Promise<{ body: unknown; patientIds: string[] }> {
    const hid = who.role === 'coordinator' ? who.hospitalId : undefined;
    const { views: v, patients } = await views(
      who,
      result.assignments,
      result.waitingPastGuarantee.map((w) => w.patientId),
    );
    const involves = (patientId: string, hospitalId: string): boolean =>
      hid === undefined || hospitalId === hid || patients.get(patientId)?.listingHospitalId === hid;
    const assignments = result.assignments
      .filter((a) => involves(a.patientId, a.hospitalId))
      .map((a) => ({ ...a, patient: v.get(a.patientId) ?? null }));
    const body = {
      ...result,
      assignments,
      lists: hid === undefined ? result.lists : result.lists.filter((l) => l.hospitalId === hid),
      teamPlacements:
        hid === undefined ? result.teamPlacements : result.teamPlacements.filter((t) => t.hospitalId === hid),
      lentLists:
        hid === undefined
          ? result.lentLists
          : result.lentLists.filter((l) => l.toHospitalId === hid || l.fromHospitalId === hid),
      waitingPastGuarantee: result.waitingPastGuarantee.filter(
        (w) => hid === undefined || patients.get(w.patientId)?.listingHospitalId === hid,
      ),
      baseline: {
        ...result.baseline,
        assignments: result.baseline.assignments.filter((a) => involves(a.patientId, a.hospitalId)),
      },
    };
    return { body, patientIds: assignments.map((a) => a.patientId) };
  }

  function checkEtag(p: PlanMeta, ifMatch: number | undefined): number {
    if (ifMatch === undefined) {
      throw new ValidationError('If-Match header required (the plan etag you last read)', [
        { field: 'header.if-match', message: 'required' },
      ]);
    }
    if (ifMatch !== p.etag)
      throw new ConflictError(`plan ${p.id} has changed (etag ${p.etag}, you sent ${ifMatch}); reload it`, {
        etag: p.etag,
      });
    return ifMatch;
  }

  return {
    queue,
    /** Graceful stop: no new solves; the running one gets `graceMs`, then it is cancelled and failed. */
    async shutdown(reason: string, graceMs: number): Promise<void> {
      await queue.stop(reason, graceMs);
      await current?.abort(reason);
      await queue.idle();
    },
    /** Restart recovery: jobs and plans left running by a previous process are failed. */
    async recover(): Promise<number> {
      const failed = await queue.recover('server restarted');
      await failOrphanedPlans(db, clock());
      return failed.length;
    },

    async startPlan(
      who: Principal,
      input: { week: string; weeks: number },
    ): Promise<{ planId: number; jobId: number }> {
      requireRole(who, ['planner'], 'start a plan');
      return enqueueSolve(who, { week: input.week, weeks: input.weeks, pins: [], excludedPatientIds: [] });
    },

    async resolve(who: Principal, id: number): Promise<{ planId: number; jobId: number }> {
      requireRole(who, ['planner'], 're-solve a plan');
      const p = await loadPlan(id);
      return enqueueSolve(who, p.request, p.id);
    },

    async list(
      who: Principal,
      q: { week?: string | undefined; status?: PlanStatus | undefined; limit: number; offset: number },
    ) {
      const statuses =
        who.role === 'coordinator'
          ? q.status === undefined
            ? COORDINATOR_VISIBLE
            : COORDINATOR_VISIBLE.filter((s) => s === q.status)
          : q.status === undefined
            ? undefined
            : [q.status];
      return listPlans(db, { week: q.week, statuses, limit: q.limit, offset: q.offset });
    },

    async get(who: Principal, id: number) {
      const p = await loadPlan(id);
      assertVisible(who, p);
      const { result, ...meta } = p;
      if (result === null) return { ...meta, result: null, decisions: [] };
      const scoped = await scopeResult(who, result as PlanningResult);
      const decisions = (await listDecisions(db, id)).filter(
        (d) => who.role !== 'coordinator' || scoped.patientIds.includes(d.patientId),
      );
      await auditor.log(db, who, {
        action: 'plan.read',
        patientIds: scoped.patientIds,
        details: { planId: id },
      });
      return {
        ...meta,
        result: scoped.body,
        decisions:
          who.role === 'analyst' ? decisions.map(({ reason: _r, decidedBy: _b, ...d }) => d) : decisions,
      };
    },

    async kpis(who: Principal, id: number) {
      const p = await getPlanKpis(db, id);
      if (p === undefined) throw new NotFoundError(`plan ${id} not found`);
      assertVisible(who, p);
      return {
        planId: p.id,
        week: p.week,
        version: p.version,
        status: p.status,
        etag: p.etag,
        solveStatus: p.summary?.status ?? null,
        objective: p.summary?.objective ?? null,
        bound: p.summary?.bound ?? null,
        gap: p.summary?.gap ?? null,
        check: p.summary?.check ?? null,
        kpis: p.summary?.kpis ?? null,
        baseline: p.summary?.baselineKpis ?? null,
        fairness: p.summary?.fairness ?? null,
        baselineFairness: p.summary?.baselineFairness ?? null,
      };
    },

    async setStatus(who: Principal, id: number, to: PlanStatus, ifMatch: number | undefined) {
      requireRole(who, ['planner'], 'change plan status');
      const p = await loadPlan(id);
      checkEtag(p, ifMatch);
      if (!(TRANSITIONS[p.status] ?? []).includes(to)) {
        throw new ConflictError(`plan ${id} is ${p.status}; it cannot become ${to}`, { status: p.status });
      }
      const updated = await db.transaction(async (tx) => {
        const u = await updatePlanIfEtag(tx, id, p.etag, { status: to }, clock());
        if (u === undefined) throw new ConflictError(`plan ${id} has changed; reload it`);
        const superseded = to === 'published' ? await supersedePublished(tx, p.week, id, clock()) : [];
        return { u, superseded };
      });
      await auditor.log(db, who, {
        action: 'plan.status',
        details: { planId: id, from: p.status, to, superseded: updated.superseded },
      });
      const payload = { planId: id, week: p.week, version: p.version, status: to, etag: updated.u.etag };
      events.emit('plan.status', { planners: payload, analysts: payload, coordinators: payload });
      if (to === 'published') {
        const result = p.result as PlanningResult | null;
        const perHospital = new Map<string, unknown>();
        if (result !== null) {
          const patients = await getPatientsByIds(
            db,
            result.assignments.map((a) => a.patientId),
          );
          const counts = new Map<string, { incoming: number; outgoing: number; cases: number }>();
          const bump = (h: string, k: 'incoming' | 'outgoing' | 'cases'): void => {
            const c = counts.get(h) ?? { incoming: 0, outgoing: 0, cases: 0 };
            c[k] += 1;
            counts.set(h, c);
          };
          for (const a of result.assignments) {
            bump(a.hospitalId, 'cases');
            const listing = patients.get(a.patientId)?.listingHospitalId;
            if (listing !== undefined && listing !== a.hospitalId) {
              bump(a.hospitalId, 'incoming');
              bump(listing, 'outgoing');
            }
          }
          for (const [h, c] of counts) perHospital.set(h, { ...payload, hospitalId: h, ...c });
        }
        events.emit('plan.published', { planners: payload, analysts: payload, hospitals: perHospital });
      }
      return { ...updated.u, superseded: updated.superseded };
    },

    async edit(who: Principal, id: number, ifMatch: number | undefined, edit: PlanEdit) {
      requireRole(who, ['planner'], 'edit a plan');
      const p = await loadPlan(id);
      checkEtag(p, ifMatch);
      if (!EDITABLE.includes(p.status) || p.result === null) {
        throw new ConflictError(
          `plan ${id} is ${p.status}; only draft and proposed plans can be edited (re-solve for a new version)`,
        );
      }
      const before = p.result as PlanningResult;
      const snapshot = await readSnapshot(db);
      if (snapshot === null) throw new ConflictError('no region snapshot loaded');
      const { plan, request, touched } = applyEdit(
        before,
        p.request,
        edit,
        buildProblem(snapshot, p.request),
      );
      // Checked against today's data with the edited pins and exclusions.
      const problem = buildProblem(snapshot, request);
      const basis = checkPlan(problem, planOf(before));
      const after = checkPlan(problem, plan);
      const known = new Set(basis.violations.map(violationKey));
      const added = after.violations.filter((v) => !known.has(violationKey(v)));
      if (added.length > 0) {
        const rules = [...new Set(added.map((v) => v.rule))];
        throw new InfeasibleError(`the edit breaks: ${rules.join(', ')} (${added[0]?.message ?? ''})`, {
          rules,
          violations: added,
        });
      }
      const kpis = evaluateKpis(problem, plan);
      const objective = planCost(problem, plan);
      const bound = Math.min(before.bound, objective);
      const result: PlanningResult & { edited: true } = {
        ...before,
        ...plan,
        kpis,
        fairness: evaluateFairness(problem, plan),
        objective,
        bound,
        gap: objective === bound ? 0 : (objective - bound) / Math.max(1e-9, Math.abs(bound)),
        check: after,
        edited: true,
      };
      const u = await updatePlanIfEtag(db, id, p.etag, { result, request }, clock());
      if (u === undefined) throw new ConflictError(`plan ${id} has changed; reload it`);
      await auditor.log(db, who, { action: 'plan.edit', patientIds: touched, details: { planId: id, edit } });
      return { ...u, check: after, kpis };
    },

    async diff(who: Principal, aId: number, bId: number) {
      const [a, b] = [await loadPlan(aId), await loadPlan(bId)];
      assertVisible(who, a);
      assertVisible(who, b);
      const ra = (a.result as PlanningResult | null)?.assignments ?? [];
      const rb = (b.result as PlanningResult | null)?.assignments ?? [];
      const ma = new Map(ra.map((x) => [x.patientId, x]));
      const mb = new Map(rb.map((x) => [x.patientId, x]));
      const { views: v, patients } = await views(who, [...ra, ...rb]);
      const hid = who.role === 'coordinator' ? who.hospitalId : undefined;
      const place = (x: Assignment) => ({
        hospitalId: x.hospitalId,
        theatreId: x.theatreId,
        date: x.date,
        startMin: x.startMin,
      });
      const visible = (x: Assignment | undefined, y: Assignment | undefined, pid: string): boolean =>
        hid === undefined ||
        x?.hospitalId === hid ||
        y?.hospitalId === hid ||
        patients.get(pid)?.listingHospitalId === hid;
      const added = [];
      const removed = [];
      const moved = [];
      for (const [pid, y] of mb) {
        const x = ma.get(pid);
        if (!visible(x, y, pid)) continue;
        if (x === undefined) added.push({ patientId: pid, patient: v.get(pid) ?? null, to: place(y) });
        else if (
          x.hospitalId !== y.hospitalId ||
          x.theatreId !== y.theatreId ||
          x.date !== y.date ||
          x.startMin !== y.startMin
        ) {
          moved.push({ patientId: pid, patient: v.get(pid) ?? null, from: place(x), to: place(y) });
        }
      }
      for (const [pid, x] of ma) {
        if (!mb.has(pid) && visible(x, undefined, pid))
          removed.push({ patientId: pid, patient: v.get(pid) ?? null, from: place(x) });
      }
      const ka = (a.result as PlanningResult | null)?.kpis as unknown as Record<string, unknown> | undefined;
      const kb = (b.result as PlanningResult | null)?.kpis as unknown as Record<string, unknown> | undefined;
      const kpiDelta: Record<string, number> = {};
      for (const [k, val] of Object.entries(kb ?? {})) {
        const old = ka?.[k];
        if (typeof val === 'number' && typeof old === 'number') kpiDelta[k] = val - old;
      }
      const patientIds = [...added, ...removed, ...moved].map((x) => x.patientId);
      await auditor.log(db, who, { action: 'plan.diff', patientIds, details: { planA: aId, planB: bId } });
      return {
        a: { id: a.id, version: a.version, week: a.week },
        b: { id: b.id, version: b.version, week: b.week },
        added,
        removed,
        moved,
        kpiDelta,
      };
    },

    async decide(
      who: Principal,
      id: number,
      d: { patientId: string; decision: 'accept' | 'reject'; reason?: string | undefined },
    ) {
      requireRole(who, ['coordinator'], 'decide on a proposed case');
      const p = await loadPlan(id);
      assertVisible(who, p);
      if (p.status !== 'proposed' && p.status !== 'published')
        throw new ConflictError(`plan ${id} is ${p.status}; decisions need a proposed plan`);
      const a = ((p.result as PlanningResult | null)?.assignments ?? []).find(
        (x) => x.patientId === d.patientId,
      );
      const patient = (await getPatientsByIds(db, [d.patientId])).get(d.patientId);
      if (
        a === undefined ||
        patient === undefined ||
        a.hospitalId !== who.hospitalId ||
        patient.listingHospitalId === a.hospitalId
      ) {
        throw new ForbiddenError(
          `patient ${d.patientId} is not a case proposed to your hospital in plan ${id}`,
        );
      }
      await db.transaction((tx) =>
        upsertDecision(tx, {
          planId: id,
          patientId: d.patientId,
          hospitalId: a.hospitalId,
          decision: d.decision,
          reason: d.reason ?? null,
          decidedBy: who.userId,
          at: clock(),
        }),
      );
      await auditor.log(db, who, {
        action: 'case.decide',
        patientIds: [d.patientId],
        hospitalId: a.hospitalId,
        details: { planId: id, decision: d.decision, reason: d.reason },
      });
      const payload = {
        planId: id,
        patientId: d.patientId,
        hospitalId: a.hospitalId,
        listingHospitalId: patient.listingHospitalId,
        decision: d.decision,
        reason: d.reason ?? null,
      };
      events.emit('case.decided', {
        planners: payload,
        hospitals: new Map([
          [a.hospitalId, payload],
          [patient.listingHospitalId, payload],
        ]),
      });
      return payload;
    },

    async answerOffer(who: Principal, id: number, patientId: string, answer: 'accepted' | 'declined') {
      const p = await loadPlan(id);
      assertVisible(who, p);
      if (p.status !== 'proposed' && p.status !== 'published')
        throw new ConflictError(`plan ${id} is ${p.status}; offers come from a proposed or published plan`);
      const a = ((p.result as PlanningResult | null)?.assignments ?? []).find(
        (x) => x.patientId === patientId,
      );
      const patient: WaitingListEntry | undefined = (await getPatientsByIds(db, [patientId])).get(patientId);
      if (a === undefined || patient === undefined)
        throw new NotFoundError(`patient ${patientId} has no offer in plan ${id}`);
      const mayRecord =
        who.role === 'planner' ||
        (who.role === 'coordinator' &&
          (who.hospitalId === a.hospitalId || who.hospitalId === patient.listingHospitalId));
      if (!mayRecord)
        throw new ForbiddenError(
          `recording an answer for patient ${patientId}: only planners and the coordinators of the hospitals concerned`,
        );
      if ((await getOffer(db, id, patientId)) !== undefined)
        throw new ConflictError(`the answer for patient ${patientId} in plan ${id} is already recorded`);
      const elsewhere = a.hospitalId !== patient.listingHospitalId;
      const answeredOn = today();
      const horizonEnd = isoWeekDates(addIsoWeeks(p.request.week, p.request.weeks - 1)).at(-1) ?? a.date;
      const pvv = { from: answeredOn, to: horizonEnd < answeredOn ? answeredOn : horizonEnd };
      await db.transaction(async (tx) => {
        const inserted = await insertOffer(tx, {
          planId: id,
          patientId,
          answer,
          hospitalId: a.hospitalId,
          date: a.date,
          recordedBy: who.userId,
          at: clock(),
        });
        if (!inserted)
          throw new ConflictError(`the answer for patient ${patientId} in plan ${id} is already recorded`);
        if (answer === 'accepted') {
          await setPatientStatus(tx, patientId, 'scheduled');
        } else {
          await recordDecline(tx, patientId, pvv);
          if (elsewhere) {
            await insertWaiver(tx, {
              patientId,
              planId: id,
              reason: `declined care at ${a.hospitalId} on ${a.date}`,
              recordedBy: who.userId,
              at: clock(),
            });
          }
        }
      });
      await auditor.log(db, who, {
        action: 'offer.answer',
        patientIds: [patientId],
        hospitalId: a.hospitalId,
        details: { planId: id, answer, elsewhere, ...(answer === 'declined' ? { pvv } : {}) },
      });
      return {
        planId: id,
        patientId,
        answer,
        elsewhere,
        ...(answer === 'declined'
          ? { pvv, guaranteeWaived: elsewhere, consentElsewhere: false }
          : { status: 'scheduled' }),
      };
    },
  };
}

export interface PlanEdit {
  pins?: { add?: { patientId: string }[]; remove?: string[] } | undefined;
  exclusions?: { add?: string[]; remove?: string[] } | undefined;
  moves?: { patientId: string; hospitalId: string; theatreId: string; date: string }[] | undefined;
}

const planOf = (r: PlanningResult): PlanForCheck => ({
  assignments: r.assignments,
  lists: r.lists,
  teamPlacements: r.teamPlacements,
  lentLists: r.lentLists,
});

const violationKey = (v: Violation): string =>
  [v.rule, v.patientId ?? '', v.hospitalId ?? '', v.theatreId ?? '', v.day ?? ''].join('|');

/** Apply an edit to a copy of the plan (inputs untouched). Field errors name the edit's entry. */
export function applyEdit(
  result: PlanningResult,
  request: PlanRequest,
  edit: PlanEdit,
  problem: PlanningProblem,
): { plan: PlanForCheck; request: PlanRequest; touched: string[] } {
  const issues: FieldIssue[] = [];
  let assignments = result.assignments.map((a) => ({ ...a }));
  let lists: TheatreList[] = result.lists.map((l) => ({ ...l, patientIds: [...l.patientIds] }));
  let pins = [...request.pins];
  const excluded = new Set(request.excludedPatientIds);
  const touched = new Set<string>();
  const hospitals = new Map(problem.hospitals.map((h) => [h.id, h]));
  const procedures = new Map(problem.procedures.map((x) => [x.id, x]));
  const patientProc = new Map(problem.patients.map((x) => [x.id, x.procedureId]));

  const resequence = (l: TheatreList): void => {
    const h = hospitals.get(l.hospitalId);
    let t =
      h?.listStartMin ??
      assignments.find((a) => a.theatreId === l.theatreId && a.day === l.day)?.startMin ??
      0;
    for (const pid of l.patientIds) {
      const a = assignments.find((x) => x.patientId === pid);
      if (a === undefined) continue;
      // Assignments carry the start twice (minutes and `HH:MM`); both move together.
      a.startMin = t;
      a.startTime = clockTimeOfMin(t);
      t += a.durationMin + a.turnoverMin;
    }
    l.plannedEndMin = t;
  };
  const unlist = (pid: string): void => {
    for (const l of lists) {
      const i = l.patientIds.indexOf(pid);
      if (i >= 0) {
        l.patientIds.splice(i, 1);
        resequence(l);
      }
    }
    lists = lists.filter((l) => l.patientIds.length > 0);
  };

  (edit.exclusions?.add ?? []).forEach((pid) => {
    excluded.add(pid);
    touched.add(pid);
    unlist(pid);
    assignments = assignments.filter((a) => a.patientId !== pid);
    pins = pins.filter((p) => p.patientId !== pid);
  });
  (edit.exclusions?.remove ?? []).forEach((pid) => {
    excluded.delete(pid);
    touched.add(pid);
  });
  (edit.moves ?? []).forEach((m, i) => {
    const a = assignments.find((x) => x.patientId === m.patientId);
    if (a === undefined) {
      issues.push({
        field: `body.moves[${i}].patientId`,
        row: i + 1,
        message: `patient ${m.patientId} is not assigned in this plan`,
      });
      return;
    }
    const h = hospitals.get(m.hospitalId);
    if (h === undefined) {
      issues.push({
        field: `body.moves[${i}].hospitalId`,
        row: i + 1,
        message: `unknown hospital ${m.hospitalId}`,
      });
      return;
    }
    const day = epochDay(m.date);
    if (day < problem.startDay || day >= problem.startDay + problem.dates.length) {
      issues.push({
        field: `body.moves[${i}].date`,
        row: i + 1,
        message: `${m.date} is outside the plan's horizon`,
      });
      return;
    }
    touched.add(m.patientId);
    unlist(m.patientId);
    let target = lists.find(
      (l) => l.hospitalId === m.hospitalId && l.theatreId === m.theatreId && l.day === day,
    );
    if (target === undefined) {
      const proc = procedures.get(patientProc.get(m.patientId) ?? a.patientId);
      target = {
        hospitalId: m.hospitalId,
        theatreId: m.theatreId,
        day,
        date: m.date,
        specialtyId: proc?.specialtyId ?? '',
        staffedBy: 'own',
        surgeonFromHospitalId: m.hospitalId,
        patientIds: [],
        plannedEndMin: h.listStartMin,
        listEndMin: h.listStartMin + h.listMin,
        overrunProbability: 0,
      };
      lists.push(target);
    }
    target.patientIds.push(m.patientId);
    Object.assign(a, {
      hospitalId: m.hospitalId,
      theatreId: m.theatreId,
      day,
      date: m.date,
      pinned: true,
      reason: 'moved by a planner',
    });
    resequence(target);
    pins = [
      ...pins.filter((p) => p.patientId !== m.patientId),
      { patientId: m.patientId, hospitalId: m.hospitalId, day, theatreId: m.theatreId },
    ];
  });
  (edit.pins?.add ?? []).forEach((pin, i) => {
    const a = assignments.find((x) => x.patientId === pin.patientId);
    if (a === undefined) {
      issues.push({
        field: `body.pins.add[${i}].patientId`,
        row: i + 1,
        message: `patient ${pin.patientId} is not assigned in this plan`,
      });
      return;
    }
    touched.add(pin.patientId);
    a.pinned = true;
    pins = [
      ...pins.filter((p) => p.patientId !== pin.patientId),
      { patientId: a.patientId, hospitalId: a.hospitalId, day: a.day, theatreId: a.theatreId },
    ];
  });
  (edit.pins?.remove ?? []).forEach((pid) => {
    touched.add(pid);
    pins = pins.filter((p) => p.patientId !== pid);
    const a = assignments.find((x) => x.patientId === pid);
    if (a !== undefined) a.pinned = false;
  });
  if (issues.length > 0)
    throw new ValidationError(
      `invalid plan edit: ${issues.map((x) => `${x.field}: ${x.message}`).join('; ')}`,
      issues,
    );
  lists.sort(
    (x, y) =>
      x.day - y.day ||
      (x.hospitalId < y.hospitalId ? -1 : x.hospitalId > y.hospitalId ? 1 : 0) ||
      (x.theatreId < y.theatreId ? -1 : 1),
  );
  return {
    plan: { assignments, lists, teamPlacements: result.teamPlacements, lentLists: result.lentLists },
    request: { ...request, pins, excludedPatientIds: [...excluded] },
    touched: [...touched],
  };
}
