// Plan use cases: start a solve (a job), read plans role-scoped, change status with optimistic
// concurrency, edit (pins, exclusions, manual moves) re-validated by the independent checker,
// re-solve keeping pins, diff two versions, coordinator decisions, patients' answers to offers.
import { performance } from 'node:perf_hooks';
import type { Db } from '../db/db.ts';
import { readSnapshot } from '../db/snapshotRepo.ts';
import {
  completePlan,
  getPublishedOfWeek,
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
} from './repo.ts';
import { getPatientsByIds, recordDecline, setPatientStatus } from '../waiting-list/patientRepo.ts';
import { getOffer, insertOffer, insertWaiver, listDecisions, upsertDecision } from './decisionRepo.ts';
import { distancesFrom, getAsOfDate, getRegionSetMeta } from '../reference/repo.ts';
import { CalendarSettings } from '../domain/snapshot.ts';
import { assertPlannableHorizon, DEFAULT_LEAD_DAYS } from './bookings.ts';
import { setJobProgress, type JobRecord } from '../jobs/repo.ts';
import {
  ConcealedRefusalError,
  ConflictError,
  ForbiddenError,
  InfeasibleError,
  NotFoundError,
  ValidationError,
} from '../errors.ts';
import { addIsoWeeks, isoWeekDates } from '../calendar/isoWeek.ts';
import { localDateOf } from '../calendar/stockholm.ts';
import {
  patientView,
  pseudonym,
  pseudonymiseText,
  seesPseudonymised,
  type PatientView,
} from '../auth/scoping.ts';
import type { Principal } from '../auth/roles.ts';
import {
  canChangeStatus,
  canDecideCase,
  canEditPlan,
  canRecordOffer,
  canResolvePlan,
  canSeeDecisions,
  canSeePlan,
  canStartPlan,
  COORDINATOR_VISIBLE,
  DECIDABLE,
  hospitalScope,
  planCan,
} from '../auth/access.ts';
import { editPlan, type EditOp } from '../../solver/edit/index.ts';
import { diffResults, type PlanDelta, type ReplanEntry, type StoredResult } from './planDelta.ts';
import type { Auditor } from '../auth/audit.ts';
import type { WaitingListEntry } from '../domain/snapshot.ts';
import { buildProblem } from './buildProblem.ts';
import { createProblemCache } from './problemCache.ts';
import { editOps, PATIENT_FIELD, type EditField } from './editOps.ts';
import { createJobQueue, type JobQueue } from '../jobs/queue.ts';
import type { JobHost } from '../jobs/host.ts';
import { solveInWorker, type RunningSolve } from '../jobs/solveInWorker.ts';
import type { EventSink } from '../planning/events.ts';
import type { PlanEdit, PublishSummaryRow } from './schemas.ts';
import { effectiveSettings } from '../domain/planningSettings.ts';
import type { Rules, Weights } from '../../solver/model/problem.ts';
import { checkPlan, evaluateKpis, planCost } from '../../solver/check/index.ts';
import { evaluateFairness } from '../../solver/check/fairness.ts';
import type { Assignment, PlanForCheck, PlanningResult, Violation } from '../../solver/model/result.ts';

export interface PlanningDeps {
  db: Db;
  clock: () => Date;
  events: EventSink;
  auditor: Auditor;
  solveTimeLimitS: number;
  /** The job queue this process enqueues on (and, with workers, runs solves from). */
  jobs: JobHost;
  log?: (line: string) => void;
}

/** Refused by an access predicate: 403 naming the action. */
function denied(who: Principal, what: string): ForbiddenError {
  return new ForbiddenError(
    `${what}: not allowed for ${who.role === 'coordinator' ? `the coordinator of ${who.hospitalId}` : `role ${who.role}`}`,
  );
}

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
    // A re-solve passes the replaced plan's assignments so the solver can keep the plan stable.
    const parent = plan.parentId === null ? undefined : await getPlan(db, plan.parentId);
    const previous = (parent?.result ?? null) as StoredResult | null;
    const problem = {
      ...buildProblem(snapshot, plan.request),
      ...(previous === null
        ? {}
        : {
            previousAssignments: previous.assignments.map((a) => ({
              patientId: a.patientId,
              hospitalId: a.hospitalId,
              theatreId: a.theatreId,
              day: a.day,
              startMin: a.startMin,
            })),
          }),
    };
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
    host: deps.jobs,
    clock,
    abort: async (reason) => current?.abort(reason),
    handlers: { solve: runSolveJob },
    ...(deps.log !== undefined ? { log: deps.log } : {}),
    onFailed: async (job, error) => {
      const planId = Number(job.payload.planId);
      if (Number.isSafeInteger(planId) && (await failPlan(db, planId, error, clock()))) {
        events.emit('plan.failed', progressAudience({ planId, jobId: job.id, error }));
      }
    },
  });

  const problems = createProblemCache(db);

  async function loadPlan(id: number): Promise<PlanRecord> {
    const p = await getPlan(db, id);
    if (p === undefined) throw new NotFoundError(`plan ${id} not found`);
    return p;
  }

  /**
   * The planner's pins and exclusions as a role may see them: a coordinator only those that concern
   * their hospital (pinned there, or patients listed there), never another hospital's work in
   * progress; pseudonymised readers only keyed pseudonyms, never the internal patient ids.
   */
  async function scopeRequests(who: Principal, requests: PlanRequest[]): Promise<PlanRequest[]> {
    if (seesPseudonymised(who)) {
      const ps = (id: string): string => pseudonym(who.role, id);
      return requests.map((r) => ({
        ...r,
        pins: r.pins.map((x) => ({ ...x, patientId: ps(x.patientId) })),
        excludedPatientIds: r.excludedPatientIds.map(ps),
      }));
    }
    const hid = hospitalScope(who);
    if (hid === undefined) return requests;
    const ids = new Set(
      requests.flatMap((r) => [...r.pins.map((x) => x.patientId), ...r.excludedPatientIds]),
    );
    const listedAt =
      ids.size === 0 ? new Map<string, WaitingListEntry>() : await getPatientsByIds(db, [...ids]);
    const ours = (pid: string): boolean => listedAt.get(pid)?.listingHospitalId === hid;
    return requests.map((r) => ({
      ...r,
      pins: r.pins.filter((x) => x.hospitalId === hid || ours(x.patientId)),
      excludedPatientIds: r.excludedPatientIds.filter(ours),
    }));
  }

  function assertVisible(who: Principal, p: PlanMeta): void {
    if (!canSeePlan(who, p)) {
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
      // The change and its audit row commit together (ADR 0013).
      await auditor.log(tx, who, {
        action: 'plan.create',
        details: { planId: plan.id, jobId, week: request.week, weeks: request.weeks, parentId },
      });
      return { plan, jobId };
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
    const replan = (result as StoredResult).replan ?? [];
    const { views: v, patients } = await views(who, result.assignments, [
      ...result.waitingPastGuarantee.map((w) => w.patientId),
      ...replan.map((r) => r.patientId),
    ]);
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
      replan: replan
        .filter((r) => involves(r.patientId, r.hospitalId))
        .map((r) => ({ ...r, patient: v.get(r.patientId) ?? null })),
      waitingPastGuarantee: result.waitingPastGuarantee.filter(
        (w) => hid === undefined || patients.get(w.patientId)?.listingHospitalId === hid,
      ),
      baseline: {
        ...result.baseline,
        assignments: result.baseline.assignments.filter((a) => involves(a.patientId, a.hospitalId)),
      },
    };
    // The audit row names every patient the response shows: planned, to re-plan, left past the
    // guarantee and booked by the baseline beside the plan.
    const shown = new Set<string>([
      ...assignments.map((a) => a.patientId),
      ...body.replan.map((r) => r.patientId),
      ...body.waitingPastGuarantee.map((w) => w.patientId),
      ...body.baseline.assignments.map((a) => a.patientId),
    ]);
    return { body, patientIds: [...shown] };
  }

  /**
   * For pseudonymised readers (analysts; admins without a stated reason) every patient id in a
   * response becomes the reader's keyed pseudonym — the same one the waiting list shows them — and
   * reason texts lose exact dates (ADR 0013). Audit rows keep the real ids.
   */
  function pseudonymiseFor<T>(who: Principal, body: T, patientIds: Iterable<string>): T {
    if (!seesPseudonymised(who)) return body;
    const ids = new Set(patientIds);
    const walk = (v: unknown, key: string | undefined): unknown => {
      if (typeof v === 'string') {
        if (ids.has(v)) return pseudonym(who.role, v);
        return key === 'reason' || key === 'detail' ? pseudonymiseText(v) : v;
      }
      if (Array.isArray(v)) return v.map((x) => walk(x, key));
      if (v !== null && typeof v === 'object')
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
      return v;
    };
    return walk(body, undefined) as T;
  }

  /** A delta as the principal may see it (coordinators: their hospital), with patient views. */
  async function scopeDelta(who: Principal, delta: PlanDelta) {
    const hid = hospitalScope(who);
    const { views: v, patients } = await views(who, delta.assignments, [
      ...delta.replan.map((r) => r.patientId),
      ...delta.removed.map((r) => r.patientId),
    ]);
    const involves = (patientId: string, hospitalId: string): boolean =>
      hid === undefined || hospitalId === hid || patients.get(patientId)?.listingHospitalId === hid;
    const assignments = delta.assignments
      .filter((a) => involves(a.patientId, a.hospitalId))
      .map((a) => ({ ...a, patient: v.get(a.patientId) ?? null }));
    const replan = delta.replan
      .filter((r) => involves(r.patientId, r.hospitalId))
      .map((r) => ({ ...r, patient: v.get(r.patientId) ?? null }));
    return {
      body: {
        ...delta,
        lists: hid === undefined ? delta.lists : delta.lists.filter((l) => l.hospitalId === hid),
        removedSlots:
          hid === undefined ? delta.removedSlots : delta.removedSlots.filter((l) => l.hospitalId === hid),
        assignments,
        replan,
        removed: delta.removed.filter((r) => involves(r.patientId, r.hospitalId)),
      },
      patientIds: [...assignments.map((a) => a.patientId), ...replan.map((r) => r.patientId)],
    };
  }

  /**
   * Apply solver edit operations to a stored plan: the solver's refusal is a 422 naming the rule;
   * the independent checker then re-checks the edited plan against today's data with the new pins
   * and exclusions, and any violation the plan did not already have is a 422 too.
   */
  async function applyOps(p: PlanRecord, ops: readonly EditOp[], fieldOf: (i: number) => EditField) {
    const before = p.result as StoredResult;
    const problem = await problems.problemFor(p.request);
    const out = editPlan(problem, planOf(before), ops);
    if (!out.ok) {
      const r = out.refusal;
      const at = fieldOf(r.opIndex);
      // A reference to nothing (no such patient in the plan, hospital or day) is bad input: 400
      // naming the field; everything else is a rule the edit would break: 422 naming the rule.
      if (r.rule === 'not in plan' || r.rule === 'unknown reference' || r.rule === 'outside horizon') {
        const key =
          r.rule === 'outside horizon' ? 'date' : 'hospitalId' in r.params ? 'hospitalId' : 'patientId';
        const field = at.scalar ? at.field : `${at.field}.${key}`;
        throw new ValidationError(`invalid plan edit: ${field}: ${r.message}`, [
          { field, row: at.row, message: r.message },
        ]);
      }
      throw new InfeasibleError(`the edit breaks the rule "${r.rule}": ${r.message}`, {
        rule: r.rule,
        params: r.params,
        field: at.field,
        rules: [r.rule],
      });
    }
    const request: PlanRequest = { ...p.request, pins: out.pins, excludedPatientIds: out.excludedPatientIds };
    const edited = { ...problem, pins: out.pins, excludedPatientIds: out.excludedPatientIds };
    const basis = checkPlan(problem, planOf(before));
    const after = checkPlan(edited, out.plan);
    const known = new Set(basis.violations.map(violationKey));
    const added = after.violations.filter((v) => !known.has(violationKey(v)));
    if (added.length > 0) {
      const rules = [...new Set(added.map((v) => v.rule))];
      throw new InfeasibleError(`the edit breaks the rule "${rules[0] ?? ''}": ${added[0]?.message ?? ''}`, {
        rule: rules[0],
        rules,
        violations: added,
      });
    }
    const kpis = evaluateKpis(edited, out.plan);
    const objective = planCost(edited, out.plan);
    const bound = Math.min(before.bound, objective);
    const result: StoredResult = {
      ...before,
      ...out.plan,
      kpis,
      fairness: evaluateFairness(edited, out.plan),
      objective,
      bound,
      gap: objective === bound ? 0 : (objective - bound) / Math.max(1e-9, Math.abs(bound)),
      check: after,
      edited: true,
    };
    return { result, request, touched: out.touched };
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
    /**
     * Graceful stop: no new solves here; the running one gets `graceMs`, then it is cancelled and
     * left to the queue, which retries it on any worker (this one after a restart).
     */
    async shutdown(reason: string, graceMs: number): Promise<void> {
      await queue.stop(reason, graceMs);
    },
    /**
     * Start the job queue and this process's solve workers. Nothing is failed: a solve whose worker
     * died is retried after its expiry (ADR 0019). Plans left running without a job (never created
     * in one transaction since migration 003) are still failed. Returns that count.
     */
    async recover(): Promise<number> {
      await queue.recover();
      return failOrphanedPlans(db, clock());
    },

    async startPlan(
      who: Principal,
      input: {
        week: string;
        weeks: number;
        leadDays?: number | undefined;
        weights?: Partial<Weights> | undefined;
        rules?: Partial<Rules> | undefined;
      },
    ): Promise<{ planId: number; jobId: number }> {
      if (!canStartPlan(who)) throw denied(who, 'start a plan');
      // Weights that break the need-first order are refused now (400), not by the job later.
      effectiveSettings(undefined, { weights: input.weights }, 'body.weights');
      // Refuse a week without plannable days now (400), not as a failed job later.
      const meta = await getRegionSetMeta(db);
      const calendar = CalendarSettings.safeParse(meta?.calendar);
      if (meta && calendar.success) {
        const dates = Array.from({ length: input.weeks }, (_, w) =>
          isoWeekDates(addIsoWeeks(input.week, w)),
        ).flat();
        try {
          assertPlannableHorizon(
            { asOfDate: meta.asOfDate, calendar: calendar.data },
            dates,
            input.leadDays ?? DEFAULT_LEAD_DAYS,
          );
        } catch (e) {
          // Name the request body's fields, as the schema's own errors do.
          if (e instanceof ValidationError)
            throw new ValidationError(
              e.message,
              e.issues.map((i) => ({ ...i, field: `body.${i.field}` })),
            );
          throw e;
        }
      }
      return enqueueSolve(who, {
        week: input.week,
        weeks: input.weeks,
        pins: [],
        excludedPatientIds: [],
        ...(input.leadDays === undefined ? {} : { leadDays: input.leadDays }),
        ...(input.weights === undefined ? {} : { weights: input.weights }),
        ...(input.rules === undefined ? {} : { rules: input.rules }),
      });
    },

    async resolve(who: Principal, id: number): Promise<{ planId: number; jobId: number }> {
      const p = await loadPlan(id);
      assertVisible(who, p);
      if (!canResolvePlan(who, p)) throw denied(who, `re-solve plan ${id} (${p.status})`);
      // Accepted cases are kept where they were accepted (pins); rejected ones are planned afresh.
      const decisions = await listDecisions(db, id);
      const accepted = new Set(decisions.filter((d) => d.decision === 'accept').map((d) => d.patientId));
      const rejected = new Set(decisions.filter((d) => d.decision === 'reject').map((d) => d.patientId));
      const kept = ((p.result as StoredResult | null)?.assignments ?? [])
        .filter((a) => accepted.has(a.patientId))
        .map((a) => ({
          patientId: a.patientId,
          hospitalId: a.hospitalId,
          day: a.day,
          theatreId: a.theatreId,
        }));
      const pins = [
        ...p.request.pins.filter((x) => !accepted.has(x.patientId) && !rejected.has(x.patientId)),
        ...kept,
      ];
      return enqueueSolve(who, { ...p.request, pins }, p.id);
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
      const page = await listPlans(db, { week: q.week, statuses, limit: q.limit, offset: q.offset });
      const requests = await scopeRequests(
        who,
        page.rows.map((r) => r.request),
      );
      return { ...page, rows: page.rows.map((r, i) => ({ ...r, request: requests[i]! })) };
    },

    async get(who: Principal, id: number) {
      const p = await loadPlan(id);
      assertVisible(who, p);
      const { result, ...meta } = p;
      const can = planCan(who, p);
      if (result === null) return { ...meta, can, result: null, decisions: [] };
      const scoped = await scopeResult(who, result as PlanningResult);
      const shown = new Set(scoped.patientIds);
      meta.request = (await scopeRequests(who, [meta.request]))[0]!;
      const decisions = (await listDecisions(db, id)).filter(
        (d) => who.role !== 'coordinator' || shown.has(d.patientId),
      );
      await auditor.log(db, who, {
        action: 'plan.read',
        patientIds: scoped.patientIds,
        details: { planId: id },
      });
      return pseudonymiseFor(
        who,
        {
          ...meta,
          can,
          result: scoped.body,
          decisions:
            who.role === 'analyst' ? decisions.map(({ reason: _r, decidedBy: _b, ...d }) => d) : decisions,
        },
        shown,
      );
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
      const p = await loadPlan(id);
      assertVisible(who, p);
      checkEtag(p, ifMatch);
      if (!canChangeStatus(who, p, to)) {
        if (who.role !== 'planner') throw denied(who, 'change plan status');
        throw new ConflictError(`plan ${id} is ${p.status}; it cannot become ${to}`, { status: p.status });
      }
      const updated = await db.transaction(async (tx) => {
        if (to === 'published') {
          // Publishing an older version over a newer published one would silently drop the newer
          // plan and the coordinators' decisions on it.
          const current = await getPublishedOfWeek(tx, p.week);
          if (current !== undefined && current.version > p.version) {
            throw new ConflictError(
              `version ${p.version} of ${p.week} is older than the published version ${current.version}; re-solve from version ${current.version} instead of publishing an older one`,
              { publishedPlanId: current.id, publishedVersion: current.version },
            );
          }
        }
        const u = await updatePlanIfEtag(tx, id, p.etag, { status: to }, clock());
        if (u === undefined) throw new ConflictError(`plan ${id} has changed; reload it`);
        const superseded = to === 'published' ? await supersedePublished(tx, p.week, id, clock()) : [];
        await auditor.log(tx, who, {
          action: 'plan.status',
          details: { planId: id, from: p.status, to, superseded },
        });
        return { u, superseded };
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
      return {
        ...updated.u,
        superseded: updated.superseded,
        can: planCan(who, updated.u),
      };
    },

    /**
     * What publishing would do, for the confirmation: cases per hospital (incoming, outgoing),
     * decisions still pending, and the changes against the version of the week published now.
     */
    async publishSummary(who: Principal, id: number) {
      const p = await loadPlan(id);
      assertVisible(who, p);
      if (who.role !== 'planner' && who.role !== 'admin') throw denied(who, 'see the publishing summary');
      const result = p.result as StoredResult | null;
      if (result === null) throw new ConflictError(`plan ${id} is ${p.status}; it has no result to publish`);
      const published = await getPublishedOfWeek(db, p.week);
      const publishedResult =
        published !== undefined && published.id !== id ? (published.result as StoredResult | null) : null;
      const decisions = new Map((await listDecisions(db, id)).map((d) => [d.patientId, d.decision]));
      const ids = [
        ...result.assignments.map((a) => a.patientId),
        ...(publishedResult?.assignments ?? []).map((a) => a.patientId),
      ];
      const patients = await getPatientsByIds(db, ids);
      type Row = PublishSummaryRow;
      const rows = new Map<string, Row>();
      const row = (h: string): Row => {
        let r = rows.get(h);
        if (r === undefined) {
          r = {
            hospitalId: h,
            cases: 0,
            incoming: 0,
            outgoing: 0,
            pending: 0,
            accepted: 0,
            rejected: 0,
            added: 0,
            removed: 0,
            moved: 0,
          };
          rows.set(h, r);
        }
        return r;
      };
      for (const a of result.assignments) {
        row(a.hospitalId).cases += 1;
        const listing = patients.get(a.patientId)?.listingHospitalId;
        if (listing !== undefined && listing !== a.hospitalId) {
          row(a.hospitalId).incoming += 1;
          row(listing).outgoing += 1;
          const d = decisions.get(a.patientId);
          if (d === 'accept') row(a.hospitalId).accepted += 1;
          else if (d === undefined) row(a.hospitalId).pending += 1;
        }
      }
      for (const r of result.replan ?? []) row(r.hospitalId).rejected += 1;
      if (publishedResult !== null) {
        const was = new Map(publishedResult.assignments.map((a) => [a.patientId, a]));
        const now = new Map(result.assignments.map((a) => [a.patientId, a]));
        for (const [pid, a] of now) {
          const b = was.get(pid);
          if (b === undefined) row(a.hospitalId).added += 1;
          else if (
            b.hospitalId !== a.hospitalId ||
            b.theatreId !== a.theatreId ||
            b.day !== a.day ||
            b.startMin !== a.startMin
          )
            row(a.hospitalId).moved += 1;
        }
        for (const [pid, b] of was) if (!now.has(pid)) row(b.hospitalId).removed += 1;
      }
      const perHospital = [...rows.values()].sort((x, y) => (x.hospitalId < y.hospitalId ? -1 : 1));
      const total = (k: keyof Omit<Row, 'hospitalId'>): number => perHospital.reduce((s, r) => s + r[k], 0);
      const older = published !== undefined && published.version > p.version;
      await auditor.log(db, who, { action: 'plan.read', details: { planId: id, summary: 'publish' } });
      return {
        planId: id,
        week: p.week,
        version: p.version,
        status: p.status,
        etag: p.etag,
        can: planCan(who, p),
        published: published === undefined ? null : { planId: published.id, version: published.version },
        /** Why publishing would be refused (409), or null. */
        blockedBy: older
          ? `version ${p.version} is older than the published version ${published.version}`
          : null,
        totals: {
          cases: total('cases'),
          incoming: total('incoming'),
          pending: total('pending'),
          accepted: total('accepted'),
          rejected: total('rejected'),
          added: total('added'),
          removed: total('removed'),
          moved: total('moved'),
        },
        perHospital,
      };
    },

    async edit(who: Principal, id: number, ifMatch: number | undefined, edit: PlanEdit) {
      const p = await loadPlan(id);
      assertVisible(who, p);
      checkEtag(p, ifMatch);
      if (!canEditPlan(who, p) || p.result === null) {
        if (who.role !== 'planner') throw denied(who, 'edit a plan');
        throw new ConflictError(
          `plan ${id} is ${p.status}; only draft and proposed plans can be edited (re-solve for a new version)`,
        );
      }
      const { ops, fieldOf } = editOps(edit);
      const before = p.result as StoredResult;
      const { result, request, touched } = await applyOps(p, ops, fieldOf);
      const u = await db.transaction(async (tx) => {
        const u = await updatePlanIfEtag(tx, id, p.etag, { result, request }, clock());
        if (u === undefined) throw new ConflictError(`plan ${id} has changed; reload it`);
        await auditor.log(tx, who, {
          action: 'plan.edit',
          patientIds: touched,
          details: { planId: id, edit },
        });
        return u;
      });
      const delta = {
        ...diffResults(
          { planId: id, etag: u.etag, status: u.status, version: u.version, week: u.week },
          before,
          result,
        ),
        request: { pins: request.pins, excludedPatientIds: request.excludedPatientIds },
      };
      const forPlanners = await scopeDelta(who, delta);
      // Events carry ids only, never patient details: the raw delta (screens keep the views they have).
      events.emit('plan.edited', {
        planners: delta,
        analysts: { planId: id, etag: u.etag, kpis: result.kpis },
      });
      return { ...u, check: result.check, kpis: result.kpis, can: planCan(who, u), delta: forPlanners.body };
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
      return pseudonymiseFor(
        who,
        {
          a: { id: a.id, version: a.version, week: a.week },
          b: { id: b.id, version: b.version, week: b.week },
          added,
          removed,
          moved,
          kpiDelta,
        },
        patientIds,
      );
    },

    /**
     * A coordinator's decision on a case proposed to their hospital; it can be changed. A rejected
     * case leaves its list (day list, print, CSV) and is kept for re-planning; withdrawing the
     * rejection puts it back where it was.
     */
    async decide(
      who: Principal,
      id: number,
      d: { patientId: string; decision: 'accept' | 'reject'; reason?: string | undefined },
    ) {
      const p = await loadPlan(id);
      assertVisible(who, p);
      if (who.role !== 'coordinator') throw denied(who, 'decide on a proposed case');
      if (!DECIDABLE.includes(p.status))
        throw new ConflictError(`plan ${id} is ${p.status}; decisions need a proposed plan`);
      const before = p.result as StoredResult | null;
      const a = (before?.assignments ?? []).find((x) => x.patientId === d.patientId);
      const taken = (before?.replan ?? []).find((x) => x.patientId === d.patientId);
      const where = a ?? taken;
      const patient = (await getPatientsByIds(db, [d.patientId])).get(d.patientId);
      if (
        before === null ||
        where === undefined ||
        patient === undefined ||
        !canDecideCase(who, p, { hospitalId: where.hospitalId, listingHospitalId: patient.listingHospitalId })
      ) {
        throw new ForbiddenError(
          `patient ${d.patientId} is not a case proposed to your hospital in plan ${id}`,
        );
      }
      const at = clock();
      let result: StoredResult | undefined;
      if (d.decision === 'reject' && a !== undefined) {
        const edited = await applyOps(p, [{ kind: 'unlist', patientId: a.patientId }], () => PATIENT_FIELD);
        const entry: ReplanEntry = {
          patientId: a.patientId,
          hospitalId: a.hospitalId,
          theatreId: a.theatreId,
          day: a.day,
          date: a.date,
          startMin: a.startMin,
          reason: d.reason ?? null,
          decidedAt: at.toISOString(),
        };
        result = { ...edited.result, replan: [...(before.replan ?? []), entry] };
      } else if (d.decision === 'accept' && taken !== undefined) {
        const edited = await applyOps(
          p,
          [
            {
              kind: 'relist',
              patientId: taken.patientId,
              hospitalId: taken.hospitalId,
              theatreId: taken.theatreId,
              day: taken.day,
            },
          ],
          () => PATIENT_FIELD,
        );
        result = {
          ...edited.result,
          replan: (before.replan ?? []).filter((x) => x.patientId !== d.patientId),
        };
      } else if (d.decision === 'reject' && taken !== undefined) {
        // Still rejected: only the reason changes.
        result = {
          ...before,
          replan: (before.replan ?? []).map((x) =>
            x.patientId === d.patientId ? { ...x, reason: d.reason ?? null, decidedAt: at.toISOString() } : x,
          ),
        };
      }
      const previous = (await listDecisions(db, id)).find((x) => x.patientId === d.patientId);
      const u = await db.transaction(async (tx) => {
        const u = result === undefined ? undefined : await updatePlanIfEtag(tx, id, p.etag, { result }, at);
        if (result !== undefined && u === undefined)
          throw new ConflictError(`plan ${id} changed while deciding; try again`);
        await upsertDecision(tx, {
          planId: id,
          patientId: d.patientId,
          hospitalId: where.hospitalId,
          decision: d.decision,
          reason: d.reason ?? null,
          decidedBy: who.userId,
          at,
        });
        await auditor.log(tx, who, {
          action: 'case.decide',
          patientIds: [d.patientId],
          hospitalId: where.hospitalId,
          details: {
            planId: id,
            decision: d.decision,
            reason: d.reason,
            previous: previous?.decision ?? null,
          },
        });
        return u;
      });
      const meta = u ?? p;
      const payload = {
        planId: id,
        patientId: d.patientId,
        hospitalId: where.hospitalId,
        listingHospitalId: patient.listingHospitalId,
        decision: d.decision,
        previousDecision: previous?.decision ?? null,
        reason: d.reason ?? null,
        etag: meta.etag,
      };
      const delta =
        result === undefined
          ? null
          : diffResults(
              { planId: id, etag: meta.etag, status: meta.status, version: meta.version, week: meta.week },
              before,
              result,
            );
      events.emit('case.decided', {
        planners: { ...payload, delta },
        hospitals: new Map([
          [where.hospitalId, payload],
          [patient.listingHospitalId, payload],
        ]),
      });
      return { ...payload, delta: delta === null ? null : (await scopeDelta(who, delta)).body };
    },

    /**
     * The decision inbox: every case proposed to a hospital from another hospital's list, with its
     * decision (pending, accepted, rejected — rejected ones are off the lists, to be re-planned).
     */
    async decisions(who: Principal, id: number, q: { hospitalId?: string | undefined } = {}) {
      const p = await loadPlan(id);
      assertVisible(who, p);
      const hid = hospitalScope(who) ?? q.hospitalId;
      if (!canSeeDecisions(who, p, q.hospitalId)) throw denied(who, `see the decisions of plan ${id}`);
      const result = p.result as StoredResult | null;
      const assignments = result?.assignments ?? [];
      const replan = result?.replan ?? [];
      const decided = new Map((await listDecisions(db, id)).map((d) => [d.patientId, d]));
      const { views: v, patients } = await views(
        who,
        assignments,
        replan.map((r) => r.patientId),
      );
      // The travel the coordinator weighs: the patient's home to the proposed hospital (km).
      const homes = [...new Set([...patients.values()].map((x) => x.homePlaceId))];
      const km = await distancesFrom(db, homes);
      const durationOf = new Map(assignments.map((a) => [a.patientId, a.durationMin]));
      const cases = [
        ...assignments.map((a) => ({ ...a, rejectedAt: null as string | null })),
        ...replan.map((r) => ({ ...r, rejectedAt: r.decidedAt })),
      ]
        .filter((c) => {
          const listing = patients.get(c.patientId)?.listingHospitalId;
          return (
            listing !== undefined && listing !== c.hospitalId && (hid === undefined || c.hospitalId === hid)
          );
        })
        .map((c) => {
          const dec = decided.get(c.patientId);
          return {
            patientId: c.patientId,
            patient: v.get(c.patientId) ?? null,
            hospitalId: c.hospitalId,
            listingHospitalId: patients.get(c.patientId)?.listingHospitalId ?? '',
            theatreId: c.theatreId,
            date: c.date,
            startMin: c.startMin,
            /** Planned minutes (null for a rejected case: it is off the lists). */
            durationMin: durationOf.get(c.patientId) ?? null,
            distanceKm: (() => {
              const home = patients.get(c.patientId)?.homePlaceId;
              return home === undefined ? null : (km.get(`${home}>${c.hospitalId}`) ?? null);
            })(),
            state:
              dec === undefined
                ? ('pending' as const)
                : dec.decision === 'accept'
                  ? ('accepted' as const)
                  : ('rejected' as const),
            /** Rejected cases are off the lists and are planned again by the next re-solve. */
            replan: c.rejectedAt !== null,
            reason: dec?.reason ?? null,
            decidedAt: dec?.decidedAt ?? null,
            canDecide: canDecideCase(who, p, {
              hospitalId: c.hospitalId,
              listingHospitalId: patients.get(c.patientId)?.listingHospitalId ?? '',
            }),
          };
        })
        .sort((x, y) =>
          x.hospitalId < y.hospitalId
            ? -1
            : x.hospitalId > y.hospitalId
              ? 1
              : x.date < y.date
                ? -1
                : x.date > y.date
                  ? 1
                  : x.startMin - y.startMin,
        );
      const byHospital = new Map<
        string,
        { hospitalId: string; pending: number; accepted: number; rejected: number }
      >();
      for (const c of cases) {
        const r = byHospital.get(c.hospitalId) ?? {
          hospitalId: c.hospitalId,
          pending: 0,
          accepted: 0,
          rejected: 0,
        };
        r[c.state] += 1;
        byHospital.set(c.hospitalId, r);
      }
      await auditor.log(db, who, {
        action: 'plan.read',
        patientIds: cases.map((c) => c.patientId),
        details: { planId: id, decisions: true, hospitalId: hid ?? null },
      });
      return pseudonymiseFor(
        who,
        {
          planId: id,
          week: p.week,
          version: p.version,
          status: p.status,
          etag: p.etag,
          can: planCan(who, p),
          hospitals: [...byHospital.values()],
          cases: who.role === 'analyst' ? [] : cases,
        },
        cases.map((c) => c.patientId),
      );
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
      // A coordinator gets the same 404 (and the same access.denied audit row) for an id that is
      // unknown, not in this plan, or another hospital's patient: no cross-hospital oracle.
      const noOffer = `patient ${patientId} has no offer in plan ${id}`;
      if (a === undefined || patient === undefined) {
        if (who.role === 'coordinator')
          throw new ConcealedRefusalError(noOffer, `offer answer: no offer for ${patientId} in plan ${id}`);
        throw new NotFoundError(noOffer);
      }
      if (!canRecordOffer(who, { hospitalId: a.hospitalId, listingHospitalId: patient.listingHospitalId })) {
        if (who.role === 'coordinator')
          throw new ConcealedRefusalError(
            noOffer,
            `offer answer: patient ${patientId} concerns neither ${who.hospitalId ?? 'no hospital'} nor its cases`,
          );
        throw new ForbiddenError(
          `recording an answer for patient ${patientId}: only planners and the coordinators of the hospitals concerned`,
        );
      }
      if ((await getOffer(db, id, patientId)) !== undefined)
        throw new ConflictError(`the answer for patient ${patientId} in plan ${id} is already recorded`);
      const elsewhere = a.hospitalId !== patient.listingHospitalId;
      // The answer belongs to the plan's data: the PvV period starts on the snapshot date it was
      // planned from, not on the server's clock (today only when no snapshot is loaded).
      const answeredOn = (await getAsOfDate(db)) ?? today();
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
              decisionDate: patient.decisionDate,
              planId: id,
              reason: `declined care at ${a.hospitalId} on ${a.date}`,
              recordedBy: who.userId,
              at: clock(),
            });
          }
        }
        // The answer and its audit row commit together (ADR 0013).
        await auditor.log(tx, who, {
          action: 'offer.answer',
          patientIds: [patientId],
          hospitalId: a.hospitalId,
          details: { planId: id, answer, elsewhere, ...(answer === 'declined' ? { pvv } : {}) },
        });
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

const planOf = (r: PlanningResult): PlanForCheck => ({
  assignments: r.assignments,
  lists: r.lists,
  teamPlacements: r.teamPlacements,
  lentLists: r.lentLists,
});

const violationKey = (v: Violation): string =>
  [v.rule, v.patientId ?? '', v.hospitalId ?? '', v.theatreId ?? '', v.day ?? ''].join('|');
