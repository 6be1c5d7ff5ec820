// Plan use cases: start a solve (a job on the queue), run it in a worker, re-solve keeping pins.
import { performance } from 'node:perf_hooks';
import { readSnapshot } from '../db/snapshotRepo.ts';
import {
  completePlan,
  failPlan,
  failOrphanedPlans,
  getPlan,
  getPlanMeta,
  insertPlan,
  setPlanJob,
  type PlanRequest,
} from './repo.ts';
import { listDecisions } from './decisionRepo.ts';
import { getRegionSetMeta } from '../reference/repo.ts';
import { CalendarSettings } from '../domain/snapshot.ts';
import { assertPlannableHorizon, DEFAULT_LEAD_DAYS } from './bookings.ts';
import { setJobProgress, type JobRecord } from '../jobs/repo.ts';
import { ValidationError } from '../errors.ts';
import { addIsoWeeks, isoWeekDates } from '../calendar/isoWeek.ts';
import type { Principal } from '../auth/roles.ts';
import { canResolvePlan, canStartPlan } from '../auth/access.ts';
import { type StoredResult } from './planDelta.ts';
import { buildProblem } from './buildProblem.ts';
import { createJobQueue, type JobQueue } from '../jobs/queue.ts';
import { solveInWorker, type RunningSolve } from '../jobs/solveInWorker.ts';
import { effectiveSettings } from '../domain/planningSettings.ts';
import type { Rules, Weights } from '../../solver/model/problem.ts';
import type { PlanningResult } from '../../solver/model/result.ts';
import { denied, type PlanContext } from './context.ts';

/** Solving: the job queue's solve handler, starting a plan and re-solving one (a new version). */
export function createSolveUseCases(ctx: PlanContext) {
  const { deps, db, clock, events, auditor, loadPlan, assertVisible } = ctx;

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
  };
}
