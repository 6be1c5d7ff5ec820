// The aggregate model (solver/formulate), one example per constraint family on the hand-made tiny
// problem (see tests/helpers/tinyProblem.ts for its data). For each family: a vector that satisfies
// every row of the model, and a vector — within all column bounds — that violates rows of that
// family and of no other (and that no choice of list patterns can repair). Vectors are written by
// hand in x, z, k, m; list-pattern columns y, where the model has them, are completed by HiGHS.
// Row activities are computed by the test's own evaluator (tests/helpers/aggregateModel.ts).
//
// Hospital indices in the tiny problem: 0 = h-lund, 1 = h-trelleborg, 2 = h-vaxjo; specialties
// 0 = ortho, 1 = gen; day indices 0..4 (Mon..Fri). Row names carry those indices.
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../../solver/backends/index.ts';
import { planCost } from '../../solver/check/index.ts';
import { CONSTRAINT_FAMILIES, formulate } from '../../solver/formulate/index.ts';
import { solve } from '../../solver/index.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';
import {
  buildAggregate,
  columns,
  completeAuxiliary,
  rowFamily,
  violatedColumns,
  violatedRows,
  type Family,
} from '../helpers/aggregateModel.ts';
import { TINY_START_DAY, tinyProblem } from '../helpers/tinyProblem.ts';
import { withBeds } from '../helpers/beds.ts';
import { tinyWithStaff } from '../helpers/tinyStaff.ts';
import { SESSION_FAMILIES } from '../../solver/formulate/sessions.ts';

function withPin(): PlanningProblem {
  const p = tinyProblem();
  p.pins = [{ patientId: 'P1', hospitalId: 'h-lund', day: TINY_START_DAY }];
  return p;
}

/** P1 must be operated by the last day of the horizon (a must-treat date, e.g. a cancer pathway). */
function withMustTreat(): PlanningProblem {
  const p = tinyProblem();
  p.patients = p.patients.map((x) => (x.id === 'P1' ? { ...x, mustTreatByDay: TINY_START_DAY + 4 } : x));
  return p;
}

/** Växjö on day 0 has theatre V2 closed for service but both its teams rostered. */
function withClosedTheatre(): PlanningProblem {
  const p = tinyProblem();
  const hd = p.hospitalDays.find((d) => d.hospitalId === 'h-vaxjo' && d.day === TINY_START_DAY);
  if (!hd) throw new Error('tiny problem changed: no Växjö day 0');
  hd.openTheatreIds = ['V1'];
  expect(hd.staffedTeams).toBe(2);
  return p;
}

/** Lund's spare ortho surgeon may also go to Växjö (210 km) when lending reaches 250 km. */
function withLongLending(): PlanningProblem {
  const p = tinyProblem();
  p.rules = { ...p.rules, maxLendKm: 250 };
  return p;
}

/**
 * `ok` and `bad` give hand-written values of x, z, k and m columns (all others 0); the list-pattern
 * columns, if the model has any, are completed by completeAuxiliary. Asserts that `ok` completes to
 * a vector breaking no row and no column bound; that `bad` cannot be completed at all; and that
 * with the rows of `family` ignored it can, the completed vector then breaking rows of `family`
 * only — exactly the rows named in `expected` when given.
 */
async function expectFamilyExample(
  problem: PlanningProblem,
  family: Family,
  build: (c: ReturnType<typeof columns>) => {
    ok: [number, number][];
    bad: [number, number][];
    expected?: string[];
  },
): Promise<void> {
  const a = buildAggregate(problem);
  const { ok, bad, expected } = build(columns(a));
  const xOk = await completeAuxiliary(a.model, ok);
  expect(xOk, 'the feasible example completes').not.toBeNull();
  if (!xOk) return;
  expect(violatedColumns(a.model, xOk)).toEqual([]);
  expect(violatedRows(a.model, xOk)).toEqual([]);
  expect(await completeAuxiliary(a.model, bad), 'the violating example cannot be completed').toBeNull();
  const xBad = await completeAuxiliary(a.model, bad, family);
  expect(xBad, `the violating example completes without the ${family} rows`).not.toBeNull();
  if (!xBad) return;
  expect(violatedColumns(a.model, xBad)).toEqual([]);
  const v = violatedRows(a.model, xBad);
  expect(v.length).toBeGreaterThan(0);
  expect(v.map((r) => r.family)).toEqual(v.map(() => family));
  if (expected) expect(v.map((r) => r.name).toSorted()).toEqual(expected.toSorted());
}

const TESTED_FAMILIES = new Set<Family>();
function familyIt(family: Family, title: string, fn: () => Promise<void>): void {
  TESTED_FAMILIES.add(family);
  it(`${family}: ${title}`, fn);
}

describe('aggregate model — the evaluator and the row names', () => {
  it('every row belongs to a named family, and together the tiny variants use all of them', () => {
    const seen = new Set<Family>();
    for (const p of [
      tinyProblem(),
      withPin(),
      withBeds(tinyProblem(), { 'h-lund': [2, 2, 2, 2, 2] }),
      withMustTreat(),
      tinyWithStaff(),
    ]) {
      const { model } = buildAggregate(p);
      for (const name of model.rowNames) {
        const f = rowFamily(name);
        expect(f, `row ${name}`).toBeDefined();
        if (f) seen.add(f);
      }
    }
    expect([...seen].toSorted()).toEqual([...CONSTRAINT_FAMILIES].toSorted());
  });

  it('the all-zero vector satisfies the unpinned model; HiGHS’s optimum satisfies it too', async () => {
    const { model } = buildAggregate(tinyProblem());
    expect(violatedRows(model, new Float64Array(model.colNames.length))).toEqual([]);
    const sol = await BACKENDS.highs.solve(model, { relax: false, timeLimitS: 20, mipRelGap: 0 });
    expect(sol.status).toBe('optimal');
    expect(violatedColumns(model, sol.x)).toEqual([]);
    expect(violatedRows(model, sol.x)).toEqual([]);
    // Something is planned: the optimum is not the trivial vector.
    expect(sol.objective).toBeLessThan(0);
  });
});

describe('aggregate model — one example per constraint family', () => {
  familyIt('group size', 'P1 (Lund or Trelleborg) planned once, not once at each', () => {
    return expectFamilyExample(tinyProblem(), 'group size', (c) => {
      const g = c.groupOf('P1');
      expect(g?.members.map((m) => m.patient.id)).toEqual(['P1']);
      const lists: [number, number][] = [
        [c.z('h-lund', 0, 'ortho'), 1],
        [c.z('h-trelleborg', 0, 'ortho'), 1],
      ];
      return {
        ok: [[c.x('P1', 'h-lund'), 1], ...lists],
        bad: [[c.x('P1', 'h-lund'), 1], [c.x('P1', 'h-trelleborg'), 1], ...lists],
        expected: [`group_size_${g?.index}`],
      };
    });
  });

  familyIt('pin', 'P1 pinned to Lund on day 0 must be planned; doing nothing breaks only the pin', () => {
    return expectFamilyExample(withPin(), 'pin', (c) => {
      const g = c.groupOf('P1');
      expect(g?.pinned).toBe(true);
      return {
        ok: [
          [c.x('P1', 'h-lund'), 1],
          [c.z('h-lund', 0, 'ortho'), 1],
        ],
        bad: [],
        // The pin needs the patient planned at Lund and a Lund ortho list on the pinned day.
        expected: [`pin_${g?.index}`, 'pin_list_0|0|0'],
      };
    });
  });

  familyIt(
    'must treat',
    'P1 with a must-treat date in the horizon must be planned; leaving it out breaks only that row',
    () => {
      return expectFamilyExample(withMustTreat(), 'must treat', (c) => {
        const g = c.groupOf('P1');
        expect(g?.mustTreat).toBe(true);
        expect(g?.members.map((m) => m.patient.id)).toEqual(['P1']);
        return {
          ok: [
            [c.x('P1', 'h-lund'), 1],
            [c.z('h-lund', 0, 'ortho'), 1],
          ],
          bad: [],
          expected: [`must_treat_${g?.index}`],
        };
      });
    },
  );

  familyIt('list minutes', 'planned patients need lists: a hip at Lund without an ortho list', () => {
    return expectFamilyExample(tinyProblem(), 'list minutes', (c) => ({
      ok: [
        [c.x('P1', 'h-lund'), 1],
        [c.z('h-lund', 0, 'ortho'), 1],
      ],
      bad: [[c.x('P1', 'h-lund'), 1]],
    }));
  });

  familyIt('list minutes', 'four hips (4 × 90 + 30 min = a full 480-min list) need two Lund lists', () => {
    return expectFamilyExample(tinyProblem(), 'list minutes', (c) => {
      const hips: [number, number][] = ['P1', 'P2', 'P7', 'P11'].map((id) => [c.x(id, 'h-lund'), 1]);
      return {
        ok: [...hips, [c.z('h-lund', 2, 'ortho'), 1], [c.z('h-lund', 3, 'ortho'), 1]],
        bad: [...hips, [c.z('h-lund', 2, 'ortho'), 1]],
      };
    });
  });

  familyIt('rooms', 'one more list than open theatres (Växjö day 0, V2 closed, 2 teams)', () => {
    return expectFamilyExample(withClosedTheatre(), 'rooms', (c) => ({
      ok: [
        [c.z('h-vaxjo', 0, 'ortho'), 1],
        [c.x('P4', 'h-vaxjo'), 1],
      ],
      bad: [
        [c.z('h-vaxjo', 0, 'ortho'), 1],
        [c.z('h-vaxjo', 0, 'gen'), 1],
      ],
      expected: ['rooms_2|0'],
    }));
  });

  familyIt('staffed teams', 'three Lund lists with two teams need the regional team', () => {
    return expectFamilyExample(tinyProblem(), 'staffed teams', (c) => {
      const lists: [number, number][] = [
        [c.z('h-lund', 0, 'ortho'), 2],
        [c.z('h-lund', 0, 'gen'), 1],
      ];
      return {
        ok: [...lists, [c.k(0, 'h-lund', 0), 1]],
        bad: lists,
        expected: ['staffed_teams_0|0'],
      };
    });
  });

  familyIt('surgeon lists', 'two gen lists at Lund with one gen surgeon list', () => {
    return expectFamilyExample(tinyProblem(), 'surgeon lists', (c) => ({
      ok: [
        [c.z('h-lund', 0, 'gen'), 1],
        [c.z('h-lund', 0, 'ortho'), 1],
      ],
      bad: [[c.z('h-lund', 0, 'gen'), 2]],
      expected: ['surgeon_lists_0|0|1'],
    }));
  });

  familyIt('surgeon lists', 'Lund cannot lend the ortho surgeon it uses itself', () => {
    return expectFamilyExample(tinyProblem(), 'surgeon lists', (c) => ({
      ok: [
        [c.z('h-lund', 0, 'ortho'), 1],
        [c.m('h-lund', 'h-trelleborg', 0, 'ortho'), 1],
        [c.z('h-trelleborg', 0, 'ortho'), 1],
      ],
      bad: [
        [c.z('h-lund', 0, 'ortho'), 2],
        [c.m('h-lund', 'h-trelleborg', 0, 'ortho'), 1],
      ],
      expected: ['surgeon_lists_0|0|0'],
    }));
  });

  familyIt('lending beyond spare lists', 'Lund has one spare ortho list, not one for each borrower', () => {
    return expectFamilyExample(withLongLending(), 'lending beyond spare lists', (c) => ({
      ok: [
        [c.m('h-lund', 'h-vaxjo', 0, 'ortho'), 1],
        [c.z('h-vaxjo', 0, 'ortho'), 2],
        [c.z('h-lund', 0, 'ortho'), 1],
      ],
      bad: [
        [c.m('h-lund', 'h-vaxjo', 0, 'ortho'), 1],
        [c.m('h-lund', 'h-trelleborg', 0, 'ortho'), 1],
      ],
      expected: ['lending_0|0|0'],
    }));
  });

  familyIt('regional team', 'rt-1 at Lund and at Trelleborg on the same day', () => {
    return expectFamilyExample(tinyProblem(), 'regional team', (c) => ({
      ok: [
        [c.k(0, 'h-trelleborg', 0), 1],
        [c.k(0, 'h-lund', 1), 1],
      ],
      bad: [
        [c.k(0, 'h-lund', 0), 1],
        [c.k(0, 'h-trelleborg', 0), 1],
      ],
      expected: ['regional_team_0|0'],
    }));
  });

  familyIt('ward beds', 'two hips (2 nights each) at Lund when its wards have one bed-day left', () => {
    // Weekly x: the prefix row at the horizon's last day (4) counts at least one bed-day per hip
    // (operated on day 4 at the latest); Lund has beds only on day 4.
    const problem = withBeds(tinyProblem(), { 'h-lund': [0, 0, 0, 0, 1] });
    return expectFamilyExample(problem, 'ward beds', (c) => {
      const list: [number, number] = [c.z('h-lund', 4, 'ortho'), 1];
      return {
        ok: [[c.x('P1', 'h-lund'), 1], list],
        bad: [[c.x('P1', 'h-lund'), 1], [c.x('P11', 'h-lund'), 1], list],
        expected: ['ward_beds_0|4'],
      };
    });
  });

  it('ward beds per day with daily x: a row per hospital-day, covering the days of each stay', () => {
    const problem = withBeds(tinyProblem(), { 'h-lund': [1, 1, 1, 1, 1] }, { hipLosDays: 2 });
    const a = buildAggregate(problem);
    const daily = formulate(a.prep, a.groups, 1);
    const rows = daily.model.rowNames.filter((n) => n.startsWith('ward_beds_0|'));
    expect(rows.toSorted()).toEqual([
      'ward_beds_0|0',
      'ward_beds_0|1',
      'ward_beds_0|2',
      'ward_beds_0|3',
      'ward_beds_0|4',
    ]);
    // A hip x on day 1 at Lund appears in the rows of days 1 and 2 (two nights), not 0 or 3.
    const g = a.groups.find((x) => x.members.some((m) => m.patient.id === 'P1'));
    const x1 = daily.xs.find((x) => x.group === g?.index && x.h === 0 && x.w === 1);
    expect(x1).toBeDefined();
    const rowsWith = rows.filter((name) => {
      const r = daily.model.rowNames.indexOf(name);
      for (let k = daily.model.rowStart[r] ?? 0; k < (daily.model.rowStart[r + 1] ?? 0); k++)
        if (daily.model.rowIndex[k] === x1?.col) return true;
      return false;
    });
    expect(rowsWith.toSorted()).toEqual(['ward_beds_0|1', 'ward_beds_0|2']);
  });

  it('covers every family of CONSTRAINT_FAMILIES', () => {
    // The named-surgeon and session families have their examples in formulate.sessions.test.ts.
    const here = CONSTRAINT_FAMILIES.filter((f) => !(SESSION_FAMILIES as readonly string[]).includes(f));
    expect([...TESTED_FAMILIES].toSorted()).toEqual(here.toSorted());
  });
});

describe('aggregate model — bound and eligibility', () => {
  it('the LP bound is at most the cost of the plan solve() returns', async () => {
    const problem = tinyProblem();
    const { model } = buildAggregate(problem);
    const lp = await BACKENDS.highs.solve(model, { relax: true, timeLimitS: 20, mipRelGap: 0 });
    expect(lp.status).toBe('optimal');
    const result = await solve(problem, { backend: 'highs' });
    expect(result.check.feasible).toBe(true);
    expect(result.assignments.length).toBeGreaterThan(0);
    // The plan's cost is recomputed by the independent checker, not taken from the result.
    const cost = planCost(problem, result);
    expect(cost).toBeCloseTo(result.objective, 6);
    expect(cost).toBeGreaterThanOrEqual(lp.objective - 1e-6);
    expect(result.objective).toBeGreaterThanOrEqual(result.bound - 1e-6);
    // The reported bound is at least as strong as the LP relaxation (it is the MIP dual bound).
    expect(result.bound).toBeGreaterThanOrEqual(lp.objective - 1e-6);
  });

  it('a non-consenting patient has columns only at the listing hospital', () => {
    // P3 (chole, lives in Lund, 210 km from Växjö, max 300 km) would be eligible at Växjö.
    expect(columns(buildAggregate(tinyProblem())).xHospitals('P3')).toEqual(['h-lund']);
    const consenting = tinyProblem();
    const p3 = consenting.patients.find((p) => p.id === 'P3');
    if (!p3) throw new Error('no P3');
    p3.consentElsewhere = true;
    expect(columns(buildAggregate(consenting)).xHospitals('P3')).toEqual(['h-lund', 'h-vaxjo']);
  });

  it('an ASA 3 hip patient (maxAsaNonAcute 2) has no column at non-acute Trelleborg', () => {
    expect(columns(buildAggregate(tinyProblem())).xHospitals('P2')).toEqual(['h-lund']);
    const asa2 = tinyProblem();
    const p2 = asa2.patients.find((p) => p.id === 'P2');
    if (!p2) throw new Error('no P2');
    p2.asaClass = 2;
    expect(columns(buildAggregate(asa2)).xHospitals('P2')).toEqual(['h-lund', 'h-trelleborg']);
  });

  it('a pinned patient has columns only at the pinned hospital; blocked patients have none', () => {
    expect(columns(buildAggregate(tinyProblem())).xHospitals('P1')).toEqual(['h-lund', 'h-trelleborg']);
    const c = columns(buildAggregate(withPin()));
    expect(c.xHospitals('P1')).toEqual(['h-lund']);
    // P6: HTA do-not-do without override; P8: excluded by the planner.
    expect(c.groupOf('P6')).toBeUndefined();
    expect(c.groupOf('P8')).toBeUndefined();
  });
});
