// Scenario use cases behind the API: versioned scenario documents, runs (scenarios × policies ×
// replications) through the injected executor, their results with paired comparisons, and the
// inverse question. Access by the named predicates of src/auth/access.ts; every read and change
// writes an audit row (a change and its row in one transaction). Scenario documents and results
// hold no patient data: counts, shares and reference ids only.
import { canChangeScenarios, canSeeScenarios } from '../auth/access.ts';
import { withAudit, type Auditor } from '../auth/audit.ts';
import type { Principal } from '../auth/roles.ts';
import type { Db } from '../db/db.ts';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { toCsv } from '../exports/csv.ts';
import { buildReport, pairedDifferences, WEEK_METRICS, type SimulationReport } from '../simulation/run.ts';
import type { ReplicationResult, SimulationInput } from '../simulation/types.ts';
import { scenarioFromJson } from './file.ts';
import { checkScenarioRefs, parseScenario, type Scenario } from './model.ts';
import {
  deleteScenario,
  getScenario,
  knownScenarioRefs,
  listScenarios,
  listScenarioVersions,
  saveScenario,
  type ScenarioSummary,
  type ScenarioVersionRow,
} from './repo.ts';
import type { RunExecutor, RunSpec, RunStatus } from './runs/contract.ts';
import type { InverseExecutor, InverseSpec, InverseStatus } from './runs/inverseSpec.ts';
import { getRunStatus, listRunStatuses, runReplications, runScenarios } from './runs/repo.ts';
import type { Comparison } from './schemas.ts';

export interface ScenarioServiceDeps {
  db: Db;
  auditor: Auditor;
  executor: RunExecutor & InverseExecutor;
}

/** A scenario that refers to something the current snapshot does not have: 422 naming the field. */
export class ScenarioReferenceError extends AppError {
  constructor(field: string, message: string) {
    super('unknown_reference', 422, `${field}: ${message}`, { details: { field } });
  }
}

interface Label {
  id: string;
  version: number;
  name: string;
}

export interface RunResults {
  run: RunStatus;
  partial: boolean;
  scenarios: Label[];
  reports: { scenario: Label; report: SimulationReport }[];
  comparisons: Comparison[];
}

const label = (s: Scenario): Label => ({ id: s.id, version: s.version, name: s.name });

/** Results of one scenario and policy keyed by replication number. */
type ByReplication = Map<number, ReplicationResult>;

/** a − b over the replications both have, per week (common random numbers: paired). */
function compare(
  a: ByReplication,
  b: ByReplication,
  weeks: number,
): { replications: number; weeks: Comparison['weeks'] } {
  const common = [...a.keys()].filter((r) => b.has(r)).sort((x, y) => x - y);
  const diff = pairedDifferences(
    common.map((r) => a.get(r) as ReplicationResult),
    common.map((r) => b.get(r) as ReplicationResult),
    weeks,
  );
  return {
    replications: common.length,
    weeks: diff.map((w) => ({
      week: w.week,
      isoWeek: w.isoWeek,
      waiting: w.waiting,
      pastGuarantee: w.pastGuarantee,
      pastGuaranteeShare: w.pastGuaranteeShare,
    })),
  };
}

export function createScenarioService(deps: ScenarioServiceDeps) {
  const { db, auditor, executor } = deps;

  const mayRead = (who: Principal, what: string): void => {
    if (!canSeeScenarios(who)) throw new ForbiddenError(`${what}: not allowed for role ${who.role}`);
  };
  const mayChange = (who: Principal, what: string): void => {
    if (!canChangeScenarios(who)) throw new ForbiddenError(`${what}: not allowed for role ${who.role}`);
  };

  /** A JSON object or the text of a scenario file, as a validated scenario (errors name the field). */
  const parseBody = (body: unknown): Scenario =>
    typeof body === 'string' ? scenarioFromJson(body, 'body') : parseScenario(body);

  const checkRefs = async (tx: Db, scenario: Scenario, prefix = ''): Promise<void> => {
    try {
      checkScenarioRefs(scenario, await knownScenarioRefs(tx));
    } catch (e) {
      if (e instanceof ValidationError) {
        const issue = e.issues[0] ?? { field: 'scenario', message: 'unknown reference' };
        throw new ScenarioReferenceError(`${prefix}${issue.field}`, issue.message);
      }
      throw e;
    }
  };

  const requireRun = async (runId: string): Promise<RunStatus> => {
    const run = await getRunStatus(db, runId);
    if (run === null) throw new NotFoundError(`scenario run ${runId} not found`);
    return run;
  };

  return {
    async list(who: Principal): Promise<ScenarioSummary[]> {
      mayRead(who, 'scenarios');
      const list = await listScenarios(db);
      await auditor.log(db, who, { action: 'scenario.read', details: { list: list.length } });
      return list;
    },

    async get(who: Principal, id: string, version?: number): Promise<Scenario> {
      mayRead(who, 'scenario');
      const s = await getScenario(db, id, version);
      await auditor.log(db, who, {
        action: 'scenario.read',
        details: { scenarioId: id, version: s.version },
      });
      return s;
    },

    async versions(who: Principal, id: string): Promise<ScenarioVersionRow[]> {
      mayRead(who, 'scenario versions');
      const rows = await listScenarioVersions(db, id);
      if (rows.length === 0) throw new NotFoundError(`scenario ${id} not found`);
      await auditor.log(db, who, {
        action: 'scenario.read',
        details: { scenarioId: id, versions: rows.length },
      });
      return rows;
    },

    /** A new scenario; its id must be new (a new version of an existing one is PUT). */
    async create(who: Principal, body: unknown): Promise<Scenario> {
      mayChange(who, 'save scenario');
      const scenario = parseBody(body);
      return withAudit(
        db,
        auditor,
        who,
        (s: Scenario) => ({
          action: 'scenario.change',
          details: { op: 'create', scenarioId: s.id, version: s.version },
        }),
        async (tx) => {
          if ((await listScenarioVersions(tx, scenario.id)).length > 0)
            throw new ConflictError(`scenario ${scenario.id} exists; save a new version with PUT`, {
              field: 'id',
            });
          await checkRefs(tx, scenario);
          return saveScenario(tx, scenario);
        },
      );
    },

    /** The next version of an existing scenario. */
    async update(who: Principal, id: string, body: unknown): Promise<Scenario> {
      mayChange(who, 'save scenario');
      const scenario = parseBody(body);
      if (scenario.id !== id)
        throw new ValidationError(`id: the document's id "${scenario.id}" is not the URL's "${id}"`, [
          { field: 'id', message: 'must equal the id in the URL' },
        ]);
      return withAudit(
        db,
        auditor,
        who,
        (s: Scenario) => ({
          action: 'scenario.change',
          details: { op: 'version', scenarioId: s.id, version: s.version },
        }),
        async (tx) => {
          if ((await listScenarioVersions(tx, id)).length === 0)
            throw new NotFoundError(`scenario ${id} not found`);
          await checkRefs(tx, scenario);
          return saveScenario(tx, scenario);
        },
      );
    },

    /** Deletes every version; runs that used the scenario keep their own copy and their results. */
    async remove(who: Principal, id: string): Promise<void> {
      mayChange(who, 'delete scenario');
      await withAudit<number>(
        db,
        auditor,
        who,
        (n: number) => ({
          action: 'scenario.change',
          details: { op: 'delete', scenarioId: id, versions: n },
        }),
        async (tx) => {
          const n = await deleteScenario(tx, id);
          if (n === 0) throw new NotFoundError(`scenario ${id} not found`);
          return n;
        },
      );
    },

    async startRun(who: Principal, spec: RunSpec): Promise<RunStatus> {
      mayChange(who, 'start scenario run');
      const known = await knownScenarioRefs(db);
      for (const [i, ref] of spec.scenarios.entries()) {
        let s: Scenario;
        try {
          s = await getScenario(db, ref.id, ref.version);
        } catch (e) {
          if (e instanceof NotFoundError)
            throw new ScenarioReferenceError(
              `scenarios[${i}]`,
              `scenario ${ref.id} version ${ref.version} not found`,
            );
          throw e;
        }
        try {
          checkScenarioRefs(s, known);
        } catch (e) {
          if (e instanceof ValidationError)
            throw new ScenarioReferenceError(
              `scenarios[${i}].${e.issues[0]?.field ?? 'changes'}`,
              e.issues[0]?.message ?? 'unknown reference',
            );
          throw e;
        }
      }
      const status = await executor.start(spec, who.userId);
      await auditor.log(db, who, {
        action: 'scenario.run',
        details: { op: 'start', runId: status.runId, spec },
      });
      return status;
    },

    async listRuns(who: Principal): Promise<RunStatus[]> {
      mayRead(who, 'scenario runs');
      const runs = await listRunStatuses(db);
      await auditor.log(db, who, { action: 'scenario.read', details: { runs: runs.length } });
      return runs;
    },

    async run(who: Principal, runId: string): Promise<RunStatus> {
      mayRead(who, 'scenario run');
      const run = await requireRun(runId);
      await auditor.log(db, who, { action: 'scenario.read', details: { runId } });
      return run;
    },

    async cancelRun(who: Principal, runId: string): Promise<RunStatus> {
      mayChange(who, 'cancel scenario run');
      await requireRun(runId);
      await executor.cancel(runId);
      await auditor.log(db, who, { action: 'scenario.run', details: { op: 'cancel', runId } });
      return requireRun(runId);
    },

    async results(who: Principal, runId: string): Promise<RunResults> {
      mayRead(who, 'scenario results');
      const res = await runResults(db, await requireRun(runId));
      await auditor.log(db, who, { action: 'scenario.read', details: { runId, results: true } });
      return res;
    },

    async resultsCsv(who: Principal, runId: string): Promise<string> {
      mayRead(who, 'scenario results');
      const res = await runResults(db, await requireRun(runId));
      await auditor.log(db, who, { action: 'scenario.read', details: { runId, results: 'csv' } });
      return resultsCsv(res);
    },

    async startInverse(who: Principal, spec: InverseSpec): Promise<InverseStatus> {
      mayChange(who, 'inverse question');
      const known = await knownScenarioRefs(db);
      if (!known.hospitalIds.has(spec.find.hospitalId))
        throw new ScenarioReferenceError('find.hospitalId', `unknown hospital "${spec.find.hospitalId}"`);
      if (spec.find.specialtyId !== undefined && !known.specialtyIds.has(spec.find.specialtyId))
        throw new ScenarioReferenceError('find.specialtyId', `unknown specialty "${spec.find.specialtyId}"`);
      let s: Scenario;
      try {
        s = await getScenario(db, spec.scenario.id, spec.scenario.version);
      } catch (e) {
        if (e instanceof NotFoundError) throw new ScenarioReferenceError('scenario', e.message);
        throw e;
      }
      try {
        checkScenarioRefs(s, known);
      } catch (e) {
        if (e instanceof ValidationError)
          throw new ScenarioReferenceError(
            `scenario.${e.issues[0]?.field ?? 'changes'}`,
            e.issues[0]?.message ?? '',
          );
        throw e;
      }
      const status = await executor.startInverse(spec, who.userId);
      await auditor.log(db, who, {
        action: 'scenario.run',
        details: { op: 'inverse', inverseId: status.inverseId, spec },
      });
      return status;
    },

    async inverse(who: Principal, inverseId: string): Promise<InverseStatus> {
      mayRead(who, 'inverse question');
      const s = await executor.inverseStatus(inverseId);
      if (s === null) throw new NotFoundError(`inverse question ${inverseId} not found`);
      await auditor.log(db, who, { action: 'scenario.read', details: { inverseId } });
      return s;
    },
  };
}
export type ScenarioService = ReturnType<typeof createScenarioService>;

/** Reports and comparisons from a run's stored replications (partial while it runs). */
export async function runResults(db: Db, run: RunStatus): Promise<RunResults> {
  const scenarios = await runScenarios(db, run.runId);
  const rows = await runReplications(db, run.runId);
  const key = (id: string, version: number, policy: string): string => `${id}@${version}/${policy}`;
  const groups = new Map<string, ByReplication>();
  for (const r of rows) {
    const k = key(r.scenarioId, r.scenarioVersion, r.policy);
    const g = groups.get(k) ?? new Map<number, ReplicationResult>();
    g.set(r.replication, r.result);
    groups.set(k, g);
  }
  const group = (s: Scenario, policy: string): ByReplication =>
    groups.get(key(s.id, s.version, policy)) ?? new Map<number, ReplicationResult>();
  const { weeks, seed } = run.spec;
  // Optimised first, so a report's own difference is optimised − baseline.
  const policies = [...run.spec.policies].sort((a, b) =>
    a === 'optimised' ? -1 : b === 'optimised' ? 1 : 0,
  );
  const reports = scenarios.map((s) => {
    const results: Record<string, ReplicationResult[]> = {};
    for (const p of policies)
      results[p] = [...group(s, p).entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
    // buildReport reads only the scenario, seed and weeks of its input.
    const input = { scenario: s, seed, weeks } as SimulationInput;
    const report = buildReport(input, results);
    if (policies.length === 2) {
      const [a, b] = policies as [string, string];
      const d = pairedDifferences(
        ...(aligned(group(s, a), group(s, b)) as [ReplicationResult[], ReplicationResult[]]),
        weeks,
      );
      report.differences = { minuend: a, subtrahend: b, weeks: d };
    }
    return { scenario: label(s), report };
  });
  const comparisons: Comparison[] = [];
  const first = scenarios[0];
  if (first !== undefined)
    for (const s of scenarios.slice(1))
      for (const p of policies)
        comparisons.push({
          kind: 'scenario',
          scenario: label(s),
          policy: p,
          versus: label(first),
          versusPolicy: p,
          ...compare(group(s, p), group(first, p), weeks),
        });
  if (policies.length === 2) {
    const [a, b] = policies as [string, string];
    for (const s of scenarios)
      comparisons.push({
        kind: 'policy',
        scenario: label(s),
        policy: a,
        versus: label(s),
        versusPolicy: b,
        ...compare(group(s, a), group(s, b), weeks),
      });
  }
  return {
    run,
    partial: run.state !== 'done' || run.done < run.total,
    scenarios: scenarios.map(label),
    reports,
    comparisons,
  };
}

function aligned(a: ByReplication, b: ByReplication): [ReplicationResult[], ReplicationResult[]] {
  const common = [...a.keys()].filter((r) => b.has(r)).sort((x, y) => x - y);
  return [common.map((r) => a.get(r) as ReplicationResult), common.map((r) => b.get(r) as ReplicationResult)];
}

const num = (x: number | null): number | string => (x === null || !Number.isFinite(x) ? '' : x);

/** One tidy table: scenario, policy, week, metric, mean, lo, hi (comparisons as "a − b" rows). */
export function resultsCsv(res: RunResults): string {
  const header = ['scenario', 'version', 'policy', 'week', 'isoWeek', 'metric', 'mean', 'lo', 'hi'];
  const rows: unknown[][] = [];
  const est = (e: { mean: number | null; lo: number | null; hi: number | null }): unknown[] => [
    num(e.mean),
    num(e.lo),
    num(e.hi),
  ];
  for (const { scenario, report } of res.reports)
    for (const [policy, p] of Object.entries(report.policies))
      for (const w of p.weeks)
        for (const m of WEEK_METRICS)
          rows.push([scenario.name, scenario.version, policy, w.week, w.isoWeek, m, ...est(w[m])]);
  for (const c of res.comparisons) {
    const name = c.kind === 'scenario' ? `${c.scenario.name} − ${c.versus.name}` : c.scenario.name;
    const policy = c.kind === 'scenario' ? c.policy : `${c.policy} − ${c.versusPolicy}`;
    for (const w of c.weeks)
      for (const m of ['waiting', 'pastGuarantee', 'pastGuaranteeShare'] as const)
        rows.push([
          name,
          c.scenario.version,
          policy,
          w.week,
          w.isoWeek,
          `${m} (paired difference)`,
          ...est(w[m]),
        ]);
  }
  return toCsv(header, rows);
}
