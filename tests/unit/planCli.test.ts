// `opflow plan` as a user runs it: a real `node bin/opflow.mjs plan …` process, planning from the
// small test snapshot written to a temporary file (fast), read back through the CLI's own parser.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPlan } from '../../solver/check/index.ts';
import { evaluateFairness } from '../../solver/check/fairness.ts';
import type {
  Assignment,
  Fairness,
  LentList,
  TeamPlacement,
  TheatreList,
} from '../../solver/model/result.ts';
import { buildProblem } from '../../src/plans/buildProblem.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WEEK = '2026-W10'; // the week of the snapshot's as-of date 2026-03-02

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function opflow(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/opflow.mjs', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir = '';
let snapshotFile = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'opflow-plan-cli-'));
  snapshotFile = join(dir, 'region.json');
  writeFileSync(snapshotFile, JSON.stringify(smallSnapshot()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface PlanJson {
  status: string;
  objective: number;
  bound: number;
  gap: number;
  check: { feasible: boolean; violations: unknown[] };
  kpis: { patientsTreated: number; pastGuaranteeAtEnd: number };
  baseline: {
    objective: number;
    kpis: { patientsTreated: number; pastGuaranteeAtEnd: number };
    assignments: Record<string, unknown>[];
    fairness: Fairness;
  };
  fairness: Fairness;
  /** Parsed JSON: the fields are checked below, not trusted. */
  assignments: Partial<Assignment>[];
  lists: TheatreList[];
  teamPlacements: TeamPlacement[];
  lentLists: LentList[];
  timingsMs: Record<string, number>;
}

describe('opflow plan --json', () => {
  let run: Run;
  let doc: PlanJson;
  beforeAll(async () => {
    // The snapshot's own week: plannable only without lead time.
    run = await opflow(['plan', '--snapshot', snapshotFile, '--week', WEEK, '--lead-days', '0', '--json']);
    doc = JSON.parse(run.stdout) as PlanJson;
  });

  it('exits 0 with one JSON document on stdout and nothing on stderr', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('has status, objective, bound, gap and the checker’s verdict', () => {
    expect(['optimal', 'feasible', 'time_limit']).toContain(doc.status);
    for (const k of ['objective', 'bound', 'gap'] as const) expect(Number.isFinite(doc[k]), k).toBe(true);
    expect(doc.objective).toBeGreaterThanOrEqual(doc.bound - 1e-6);
    expect(doc.gap).toBeGreaterThanOrEqual(0);
    expect(doc.check).toEqual({ feasible: true, violations: [] });
  });

  it('has the plan’s and the baseline’s KPIs; the plan is no worse than the baseline under the objective', () => {
    expect(doc.kpis.patientsTreated).toBe(doc.assignments.length);
    expect(doc.objective).toBeLessThanOrEqual(doc.baseline.objective + 1e-6);
    expect(doc.baseline.kpis.patientsTreated).toBeGreaterThan(0);
  });

  it('has the baseline’s assignments in the shape of the plan’s, and both plans’ fairness figures', () => {
    expect(doc.baseline.assignments).toHaveLength(doc.baseline.kpis.patientsTreated);
    const keys = Object.keys(doc.assignments[0] ?? {}).toSorted();
    for (const a of doc.baseline.assignments) expect(Object.keys(a).toSorted()).toEqual(keys);
    const problem = buildProblem(smallSnapshot(), { week: WEEK, leadDays: 0 });
    const base = {
      assignments: doc.baseline.assignments as unknown as Assignment[],
      lists: [],
      teamPlacements: [],
      lentLists: [],
    };
    // The figures are the checker's (the baseline's lists are not printed: overtaking needs them).
    const recomputed = evaluateFairness(problem, base);
    expect(doc.baseline.fairness.byProcedure).toEqual(recomputed.byProcedure);
    expect(doc.baseline.fairness.topNeedCoverage).toBe(recomputed.topNeedCoverage);
    expect(doc.fairness).toEqual(
      evaluateFairness(problem, { ...doc, assignments: doc.assignments as Assignment[] }),
    );
  });

  it('lists assignments with patientId, hospitalId, theatreId, date, startTime, durationMin, reason', () => {
    expect(doc.assignments.length).toBeGreaterThan(0);
    const patients = new Set(smallSnapshot().waitingList.map((p) => p.id));
    for (const a of doc.assignments) {
      expect(patients.has(a.patientId ?? ''), String(a.patientId)).toBe(true);
      expect(a.hospitalId).toMatch(/^h-/);
      expect(typeof a.theatreId).toBe('string');
      expect(a.date).toMatch(/^2026-03-0[2-8]$/);
      expect(a.startTime).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      const m = Number(a.startMin);
      expect(a.startTime).toBe(
        `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
      );
      expect(a.durationMin).toBeGreaterThan(0);
      expect(String(a.reason).trim()).not.toBe('');
    }
  });

  it('the printed plan passes the independent checker on the same snapshot and week', () => {
    const problem = buildProblem(smallSnapshot(), { week: WEEK, leadDays: 0 });
    const plan = { ...doc, assignments: doc.assignments as Assignment[] };
    expect(checkPlan(problem, plan).violations).toEqual([]);
  });

  it('has teamPlacements, lentLists and timings', () => {
    expect(Array.isArray(doc.teamPlacements)).toBe(true);
    expect(Array.isArray(doc.lentLists)).toBe(true);
    for (const k of ['build', 'aggregate', 'construct', 'improve', 'check', 'baseline', 'total']) {
      expect(typeof doc.timingsMs[k], k).toBe('number');
    }
  });
});

describe('opflow plan (human output)', () => {
  it('prints a summary with the gap and the baseline beside the plan', async () => {
    const r = await opflow(['plan', '--snapshot', snapshotFile, '--week', WEEK, '--lead-days', '0']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/\bgap\b/);
    expect(r.stdout).toMatch(/\bbaseline\b/);
    expect(r.stdout).toMatch(/patients treated/);
    expect(r.stdout).toMatch(/first plannable day 2026-03-02/);
    for (const row of [/P1 coverage/, /overtakings/, /minutes on ≥ 90 min procs/, /guarantee days avoided/])
      expect(r.stdout).toMatch(row);
    expect(r.stdout).toMatch(/booked \/ listed by priority group/);
    expect(() => JSON.parse(r.stdout)).toThrow();
  });
});

describe('opflow plan rejects bad input with one line naming the problem', () => {
  const cases: { name: string; args: () => string[]; mentions: RegExp }[] = [
    {
      name: 'unknown week',
      args: () => ['--snapshot', snapshotFile, '--week', '2026-W60'],
      mentions: /--week/,
    },
    {
      name: 'negative scale',
      args: () => ['--snapshot', snapshotFile, '--week', WEEK, '--scale', '-1'],
      mentions: /--scale/,
    },
    {
      name: 'unknown backend',
      args: () => ['--snapshot', snapshotFile, '--week', WEEK, '--backend', 'cplex'],
      mentions: /--backend/,
    },
    {
      name: 'too many weeks',
      args: () => ['--snapshot', snapshotFile, '--week', WEEK, '--weeks', '13'],
      mentions: /--weeks/,
    },
    {
      name: 'an unknown weight',
      args: () => ['--snapshot', snapshotFile, '--week', WEEK, '--weights', 'fooPoints=1'],
      mentions: /--weights.*fooPoints/,
    },
    {
      name: 'a rule out of range',
      args: () => ['--snapshot', snapshotFile, '--week', WEEK, '--rules', 'overrunProbabilityMax=1.5'],
      mentions: /--rules\.overrunProbabilityMax/,
    },
    { name: 'missing --week', args: () => ['--snapshot', snapshotFile], mentions: /--week/ },
    {
      // The snapshot date's own week with the default 14 lead days has no plannable day.
      name: 'week before the first plannable day',
      args: () => ['--snapshot', snapshotFile, '--week', WEEK],
      mentions: /--week.*2026-W10.*first plannable day 2026-03-16.*--lead-days/,
    },
    {
      name: 'week far past the waiting list',
      args: () => ['--snapshot', snapshotFile, '--week', '2027-W10'],
      mentions: /--week.*more than 26 weeks after the snapshot date/,
    },
    {
      name: 'negative lead days',
      args: () => ['--snapshot', snapshotFile, '--week', WEEK, '--lead-days', '-1'],
      mentions: /--lead-days/,
    },
    {
      name: 'nonexistent snapshot file',
      args: () => ['--snapshot', join(dir, 'no-such-file.json'), '--week', WEEK],
      mentions: /--snapshot.*no-such-file\.json/,
    },
  ];

  it.concurrent.each(cases)('$name', async ({ args, mentions }) => {
    const r = await opflow(['plan', ...args()]);
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(mentions);
  });
});
