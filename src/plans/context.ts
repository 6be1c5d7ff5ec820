// Shared by the plan use cases: dependencies, loading a plan, visibility and etag guards.
import type { Db } from '../db/db.ts';
import { getPlan, getPlanMeta, type PlanMeta, type PlanRecord } from './repo.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { localDateOf } from '../calendar/stockholm.ts';
import type { Principal } from '../auth/roles.ts';
import { canSeePlan } from '../auth/access.ts';
import type { Auditor } from '../auth/audit.ts';
import { createProblemCache } from './problemCache.ts';
import type { JobHost } from '../jobs/host.ts';
import type { EventSink } from '../planning/events.ts';

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
export function denied(who: Principal, what: string): ForbiddenError {
  return new ForbiddenError(
    `${what}: not allowed for ${who.role === 'coordinator' ? `the coordinator of ${who.hospitalId}` : `role ${who.role}`}`,
  );
}

/** What every plan use case shares: the dependencies, the clock's date, loading and guards. */
export type PlanContext = ReturnType<typeof createPlanContext>;

export function createPlanContext(deps: PlanningDeps) {
  const { db, clock, events, auditor } = deps;
  const today = (): string => localDateOf(clock().toISOString());
  const problems = createProblemCache(db);

  async function loadPlan(id: number): Promise<PlanRecord> {
    const p = await getPlan(db, id);
    if (p === undefined) throw new NotFoundError(`plan ${id} not found`);
    return p;
  }

  function assertVisible(who: Principal, p: PlanMeta): void {
    if (!canSeePlan(who, p)) {
      // Not 403: a coordinator must not learn that a draft exists.
      throw new NotFoundError(`plan ${p.id} not found`);
    }
  }

  /**
   * The last plan version this process read in full or wrote, by id and etag, and the checker's
   * violations of it against a snapshot (by fingerprint). Every write raises a plan's etag, so an
   * equal etag is the same stored result: the next edit or decision on it reads only the plan's
   * meta, not its whole result (4 MB on the Södra seed), and skips re-checking the plan before the
   * edit. One entry: edits come one at a time, on the plan the planner has open.
   */
  let recent:
    | { id: number; etag: number; result: unknown; checked?: { fingerprint: string; keys: Set<string> } }
    | undefined;

  function rememberPlan(
    id: number,
    etag: number,
    result: unknown,
    checked?: { fingerprint: string; keys: Set<string> },
  ): void {
    recent = { id, etag, result, ...(checked === undefined ? {} : { checked }) };
  }

  /** Violation keys of plan `id` at `etag` checked against the snapshot `fingerprint`, if known. */
  function knownViolations(id: number, etag: number, fingerprint: string): Set<string> | undefined {
    return recent?.id === id && recent.etag === etag && recent.checked?.fingerprint === fingerprint
      ? recent.checked.keys
      : undefined;
  }

  /** The plan with its result, for a change: from memory when this process has its current version. */
  async function loadPlanForChange(id: number): Promise<PlanRecord> {
    const r = recent;
    if (r?.id === id) {
      const meta = await getPlanMeta(db, id);
      if (meta === undefined) throw new NotFoundError(`plan ${id} not found`);
      if (meta.etag === r.etag) return { ...meta, result: r.result };
    }
    const p = await loadPlan(id);
    rememberPlan(p.id, p.etag, p.result);
    return p;
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
    deps,
    db,
    clock,
    events,
    auditor,
    today,
    problems,
    loadPlan,
    loadPlanForChange,
    rememberPlan,
    knownViolations,
    assertVisible,
    checkEtag,
  };
}
