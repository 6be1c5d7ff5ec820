// Construction with named surgeons (ADR 0023, "Travelling surgeons in construction"): a list's
// surgeon follows the cases the aggregate chose, and travelling surgeons are shared across
// hospitals per day before lists open.
import { describe, expect, it } from 'vitest';
import { prepare } from '../../solver/eligibility/index.ts';
import { SurgeonLedger } from '../../solver/construct/staff.ts';
import { maxCoverMin } from '../../solver/construct/covered.ts';
import { tinyWithStaff } from '../helpers/tinyStaff.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';

/**
 * Ortho surgeons: s-anna (home Lund, hip + spine, 400 min, may visit Trelleborg), s-bo (home
 * Lund, hip only, 300 min, may visit Växjö) and s-erik (home Trelleborg, spine only), all
 * available every day. Handed out hospital by hospital, Lund would take s-anna (most minutes).
 */
function travelling(): PlanningProblem {
  const p = tinyWithStaff();
  const days = p.surgeons?.[0]?.availableDays ?? [];
  p.surgeons = [
    ...(p.surgeons ?? []).filter((s) => s.specialtyId !== 'ortho'),
    {
      id: 's-anna',
      homeHospitalId: 'h-lund',
      specialtyId: 'ortho',
      procedureIds: ['hip', 'spine'],
      maxMinPerDay: 400,
      availableDays: days,
      visitingHospitalIds: ['h-trelleborg'],
      maxParallelTheatres: 1,
    },
    {
      id: 's-bo',
      homeHospitalId: 'h-lund',
      specialtyId: 'ortho',
      procedureIds: ['hip'],
      maxMinPerDay: 300,
      availableDays: days,
      visitingHospitalIds: ['h-vaxjo'],
      maxParallelTheatres: 1,
    },
    {
      id: 's-erik',
      homeHospitalId: 'h-trelleborg',
      specialtyId: 'ortho',
      procedureIds: ['spine'],
      maxMinPerDay: 300,
      availableDays: days,
      visitingHospitalIds: [],
      maxParallelTheatres: 1,
    },
  ];
  return p;
}

describe('construction: named surgeons for the lists the plan opened', () => {
  it('a visitor the other hospital needs is kept for it; each list gets a surgeon who can do its cases', () => {
    const prep = prepare(travelling());
    const lund = prep.hIndex.get('h-lund') as number;
    const trel = prep.hIndex.get('h-trelleborg') as number;
    const ortho = prep.specIndex.get('ortho') as number;
    const hip = prep.procIndex.get('hip') as number;
    const d = 1;
    const ledger = new SurgeonLedger(prep);
    const name = (i: number | undefined): string | undefined =>
      i === undefined ? undefined : ledger.idx.surgeons[i]?.id;
    // The plan chose two hips at Lund and one at Trelleborg, one list at each, on day 1 (no
    // sessions that day: the hospitals' own lists).
    ledger.setDemand(1, (put) => {
      put(lund, ortho, d, hip, 240);
      put(trel, ortho, d, hip, 120);
    });
    ledger.reserve(
      d,
      ortho,
      new Map([
        [lund, 1],
        [trel, 1],
      ]),
    );
    const window = (h: number) => {
      const hosp = prep.problem.hospitals[h];
      return { startMin: hosp?.listStartMin ?? 0, endMin: (hosp?.listStartMin ?? 0) + (hosp?.listMin ?? 0) };
    };
    // Lund's list is handed out first (hospital order): s-bo, not the visitor s-anna …
    const atLund = ledger.pick(lund, d, ortho, window(lund));
    expect(name(atLund)).toBe('s-bo');
    ledger.take(atLund as number, lund, d, window(lund));
    // … so Trelleborg's list, whose hip only s-anna can do there, still gets her (not s-erik).
    const atTrel = ledger.pick(trel, d, ortho, window(trel));
    expect(name(atTrel)).toBe('s-anna');
  });
});

describe('maxCoverMin: chosen minutes a set of lists can cover', () => {
  it('lets a list shift to other procedures to make room (max-flow, not greedy)', () => {
    const demand = new Map([
      [0, 276],
      [4, 657],
    ]);
    expect(maxCoverMin(demand, [{ keys: [4], capMin: 450 }])).toBe(450);
    // A list that can do both covers 0 first only if that leaves room: 276 + 174 + 450 = 900.
    expect(
      maxCoverMin(demand, [
        { keys: [0, 4], capMin: 450 },
        { keys: [4], capMin: 450 },
      ]),
    ).toBeCloseTo(900, 6);
    // Lists in the other order: the same flow.
    expect(
      maxCoverMin(demand, [
        { keys: [4], capMin: 450 },
        { keys: [0, 4], capMin: 450 },
      ]),
    ).toBeCloseTo(900, 6);
    expect(maxCoverMin(demand, [{ keys: [7], capMin: 450 }])).toBe(0);
  });
});
