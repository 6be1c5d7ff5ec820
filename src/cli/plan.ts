// `opflow plan`: solve a weekly redistribution plan from the seed or a snapshot file and print a
// readable summary or one JSON document.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { parseFlags } from './args.ts';
import type { Command } from './main.ts';
import { parseIsoWeek } from '../calendar/isoWeek.ts';
import { parseSnapshot } from '../domain/validateSnapshot.ts';
import { buildProblem, MAX_PLAN_WEEKS } from '../plans/buildProblem.ts';
import { solve } from '../../solver/index.ts';
import type { PlanningResult } from '../../solver/model/result.ts';
import type { RegionSnapshot } from '../domain/snapshot.ts';
import { ValidationError } from '../errors.ts';
import { DEFAULT_LEAD_DAYS, MAX_LEAD_DAYS } from '../plans/bookings.ts';
import { printBedSummary } from './bedSummary.ts';
import { parseSettingsFlag, RulesPatch, WeightsPatch } from '../domain/planningSettings.ts';

const flags = {
  seed: {
    type: 'string',
    schema: z.coerce.number({ message: 'expected an integer' }).int('expected an integer').default(7),
  },
  week: {
    type: 'string',
    schema: z.string({ message: 'required, e.g. --week 2026-W49' }).refine((w) => {
      try {
        parseIsoWeek(w);
        return true;
      } catch {
        return false;
      }
    }, 'expected an ISO week such as 2026-W49'),
  },
  weeks: {
    type: 'string',
    schema: z.coerce
      .number()
      .int('expected an integer')
      .min(1, `expected 1–${MAX_PLAN_WEEKS}`)
      .max(MAX_PLAN_WEEKS, `expected 1–${MAX_PLAN_WEEKS}`)
      .default(1),
  },
  scale: {
    type: 'string',
    schema: z.coerce
      .number({ message: 'expected a number' })
      .positive('must be positive')
      .max(10, 'at most 10')
      .default(1),
  },
  snapshot: { type: 'string', schema: z.string().min(1).optional() },
  backend: {
    type: 'string',
    schema: z.enum(['highs', 'jsl'], { message: 'expected highs or jsl' }).default('highs'),
  },
  'time-limit-s': {
    type: 'string',
    schema: z.coerce.number().positive('must be positive').max(3600).default(30),
  },
  resolution: {
    type: 'string',
    schema: z.enum(['auto', 'week', 'day'], { message: 'expected auto, week or day' }).default('auto'),
  },
  json: { type: 'boolean', schema: z.boolean().default(false) },
  /** Objective weights over the snapshot's, e.g. --weights travelPointsPerKm=0.2,needRateFactor=3 */
  weights: { type: 'string', schema: z.string().optional() },
  /** Planning rules over the snapshot's, e.g. --rules guaranteeDays=60,overrunProbabilityMax=0.05 */
  rules: { type: 'string', schema: z.string().optional() },
  'lead-days': {
    type: 'string',
    schema: z.coerce
      .number({ message: 'expected an integer' })
      .int('expected an integer')
      .min(0, 'must be 0 or more')
      .max(MAX_LEAD_DAYS, `at most ${MAX_LEAD_DAYS}`)
      .default(DEFAULT_LEAD_DAYS),
  },
} as const;

export async function loadSnapshotSource(opts: {
  snapshot?: string | undefined;
  seed: number;
  scale: number;
}): Promise<RegionSnapshot> {
  if (opts.snapshot !== undefined) {
    let text: string;
    try {
      text = await readFile(opts.snapshot, 'utf8');
    } catch (e) {
      throw new ValidationError(
        `--snapshot: cannot read ${opts.snapshot} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
        [{ field: '--snapshot', message: 'cannot read file' }],
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ValidationError(`--snapshot: ${opts.snapshot} is not valid JSON`, [
        { field: '--snapshot', message: 'not JSON' },
      ]);
    }
    return parseSnapshot(json);
  }
  const { generateRegion } = await import('../../seed/generate.ts');
  return generateRegion({ seed: opts.seed, scale: opts.scale });
}

export const run: Command = async (args, io) => {
  const f = parseFlags(args, flags);
  if (f.week === undefined)
    throw new ValidationError('--week: required, e.g. --week 2026-W49', [
      { field: '--week', message: 'required' },
    ]);
  const t0 = performance.now();
  const snapshot = await loadSnapshotSource({ snapshot: f.snapshot, seed: f.seed, scale: f.scale });
  const tSnap = performance.now();
  const weights = parseSettingsFlag('--weights', f.weights, WeightsPatch);
  const rules = parseSettingsFlag('--rules', f.rules, RulesPatch);
  const problem = buildProblem(snapshot, {
    week: f.week,
    weeks: f.weeks,
    leadDays: f['lead-days'],
    ...(weights === undefined ? {} : { weights }),
    ...(rules === undefined ? {} : { rules }),
  });
  const result = await solve(problem, {
    backend: f.backend,
    timeLimitS: f['time-limit-s'],
    mipRelGap: 1e-4,
    periodDays: f.resolution === 'day' ? 1 : f.resolution === 'week' ? 7 : 'auto',
    clock: () => performance.now(),
  });
  const wallMs = performance.now() - t0;
  if (f.json) {
    io.out(
      JSON.stringify({
        week: f.week,
        weeks: f.weeks,
        status: result.status,
        backend: result.backend,
        objective: result.objective,
        bound: result.bound,
        gap: result.gap,
        ...(result.fallback !== undefined ? { fallback: result.fallback } : {}),
        check: result.check,
        kpis: result.kpis,
        fairness: result.fairness,
        baseline: {
          objective: result.baseline.objective,
          kpis: result.baseline.kpis,
          check: result.baseline.check,
          fairness: result.baseline.fairness,
          assignments: result.baseline.assignments,
        },
        assignments: result.assignments,
        lists: result.lists,
        teamPlacements: result.teamPlacements,
        lentLists: result.lentLists,
        waitingPastGuarantee: result.waitingPastGuarantee,
        bedOccupancy: result.bedOccupancy ?? [],
        diagnostics: result.diagnostics,
        timingsMs: { ...result.timingsMs, snapshot: tSnap - t0, wall: wallMs },
      }),
    );
  } else {
    printSummary(io.out, snapshot, result, f.week, wallMs);
    io.out('');
    printBedSummary(io.out, snapshot, problem, result);
  }
  return result.check.feasible ? 0 : 3;
};

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}

function printSummary(
  out: (l: string) => void,
  snapshot: RegionSnapshot,
  r: PlanningResult,
  week: string,
  wallMs: number,
): void {
  const names = new Map(snapshot.hospitals.map((h) => [h.id, h.shortName]));
  const k = r.kpis;
  const b = r.baseline.kpis;
  out(`opflow plan ${week} — ${snapshot.regionSet.name}, ${snapshot.waitingList.length} on the waiting list`);
  out(
    `status ${r.status} (${r.backend}); objective ${r.objective.toFixed(1)}, bound ${r.bound.toFixed(1)}, gap ${pct(r.gap)}${r.fallback !== undefined ? ` (LP time limit: fallback ${r.fallback})` : ''}; checker: ${r.check.feasible ? 'feasible' : `${r.check.violations.length} violations`}; ${(wallMs / 1000).toFixed(1)} s`,
  );
  out('');
  out('                               plan   baseline');
  out(
    `patients treated           ${String(k.patientsTreated).padStart(7)} ${String(b.patientsTreated).padStart(10)}`,
  );
  out(
    `past guarantee at week end ${String(k.pastGuaranteeAtEnd).padStart(7)} ${String(b.pastGuaranteeAtEnd).padStart(10)}`,
  );
  out(
    `lateness days (treated)    ${String(Math.round(k.latenessDaysTreated)).padStart(7)} ${String(Math.round(b.latenessDaysTreated)).padStart(10)}`,
  );
  out(`utilisation                ${pct(k.utilisation).padStart(7)} ${pct(b.utilisation).padStart(10)}`);
  out(
    `patients moved             ${String(k.patientsMoved).padStart(7)} ${String(b.patientsMoved).padStart(10)}`,
  );
  out(
    `travel km p50 / p90        ${`${Math.round(k.travelKmPerMovedPatient.p50)} / ${Math.round(k.travelKmPerMovedPatient.p90)}`.padStart(7)}`,
  );
  // Fairness figures (README "Fairness figures"), by the independent checker, plan beside baseline.
  const f = r.fairness;
  const g = r.baseline.fairness;
  const row = (label: string, a: string, c: string): void =>
    out(`${label.padEnd(27)}${a.padStart(7)} ${c.padStart(10)}`);
  row('P1 coverage (top need)', pct(f.topNeedCoverage), pct(g.topNeedCoverage));
  row('top need passed over', String(f.topNeedPassedOver), String(g.topNeedPassedOver));
  row('overtakings', String(f.overtakings), String(g.overtakings));
  row('overtaking share', pct(f.overtakingShare), pct(g.overtakingShare));
  row('minutes past target', String(f.theatreMinPastTarget), String(g.theatreMinPastTarget));
  row('minutes on ≥ 90 min procs', pct(f.longProcedureMinShare), pct(g.longProcedureMinShare));
  row('guarantee days avoided', String(f.pastGuaranteeDaysAvoided), String(g.pastGuaranteeDaysAvoided));
  row('target days avoided', String(f.pastTargetDaysAvoided), String(g.pastTargetDaysAvoided));
  out('');
  out('booked / listed by priority group   plan          baseline');
  for (const key of Object.keys(f.byPriorityGroup).toSorted()) {
    const a = f.byPriorityGroup[key];
    const c = g.byPriorityGroup[key];
    if (!a || !c) continue;
    out(
      `  ${key.padEnd(10)} ${`${a.booked} / ${a.listed}`.padStart(20)} ${`${c.booked} / ${c.listed}`.padStart(16)}`,
    );
  }
  const procNames = new Map(snapshot.procedures.map((p) => [p.id, p.nameEn]));
  out('booked / listed (past target) by procedure, plan | baseline');
  for (const [key, a] of Object.entries(f.byProcedure).toSorted((x, y) => y[1].listed - x[1].listed)) {
    const c = g.byProcedure[key];
    out(
      `  ${(procNames.get(key) ?? key).slice(0, 40).padEnd(40)} ${`${a.booked} / ${a.listed} (${a.pastTarget})`.padStart(20)} | ${c ? c.booked : 0}`,
    );
  }
  out('');
  out('hospital              lists  cases  in  out  utilisation');
  const byH = new Map<string, { lists: number; cases: number; inn: number; out: number }>();
  const listing = new Map(snapshot.waitingList.map((p) => [p.id, p.listingHospitalId]));
  for (const l of r.lists) {
    const e = byH.get(l.hospitalId) ?? { lists: 0, cases: 0, inn: 0, out: 0 };
    e.lists++;
    e.cases += l.patientIds.length;
    byH.set(l.hospitalId, e);
  }
  for (const a of r.assignments) {
    const from = listing.get(a.patientId);
    if (from !== undefined && from !== a.hospitalId) {
      const to = byH.get(a.hospitalId);
      if (to) to.inn++;
      const src = byH.get(from) ?? { lists: 0, cases: 0, inn: 0, out: 0 };
      src.out++;
      byH.set(from, src);
    }
  }
  for (const h of snapshot.hospitals) {
    const e = byH.get(h.id);
    if (!e) continue;
    out(
      `${(names.get(h.id) ?? h.id).padEnd(20)} ${String(e.lists).padStart(6)} ${String(e.cases).padStart(6)} ${String(e.inn).padStart(3)} ${String(e.out).padStart(4)}  ${pct(k.utilisationByHospital[h.id] ?? 0).padStart(10)}`,
    );
  }
  out('');
  const flows = new Map<string, number>();
  for (const a of r.assignments) {
    const from = listing.get(a.patientId);
    if (from === undefined || from === a.hospitalId) continue;
    const key = `${names.get(from) ?? from} → ${names.get(a.hospitalId) ?? a.hospitalId}`;
    flows.set(key, (flows.get(key) ?? 0) + 1);
  }
  const topFlows = [...flows.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  out(`moved patients (listing hospital → operating hospital), ${topFlows.length} routes, largest:`);
  for (const [route, n] of topFlows.slice(0, 12)) out(`  ${String(n).padStart(5)}  ${route}`);
  out('');
  out(
    `regional teams: ${r.teamPlacements.map((t) => `${t.teamId}@${names.get(t.hospitalId) ?? t.hospitalId} ${t.date}`).join(', ') || 'none'}`,
  );
  out(
    `lent surgeon lists: ${r.lentLists.map((m) => `${names.get(m.fromHospitalId) ?? m.fromHospitalId}→${names.get(m.toHospitalId) ?? m.toHospitalId} ${m.specialtyId} ${m.date}`).join(', ') || 'none'}`,
  );
  const settle = Object.entries(k.settlementSek);
  out(
    `cross-region settlement: ${settle.map(([pair, sek]) => `${pair} ${Math.round(sek).toLocaleString('sv-SE')} SEK`).join(', ') || 'none'}`,
  );
  if (!r.check.feasible) {
    out('');
    for (const v of r.check.violations.slice(0, 20)) out(`VIOLATION [${v.rule}] ${v.message}`);
  }
}
