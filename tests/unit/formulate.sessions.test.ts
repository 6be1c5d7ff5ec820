// The aggregate model's named-surgeon and session families (ADR 0023), one example each on the tiny
// problem with staff (tests/helpers/tinyStaff.ts), in the daily model (x per day). For each: a
// hand-written vector that completes (list patterns y by HiGHS) to one breaking no row, and one that
// cannot be completed, but can once that family's rows are ignored — then breaking rows of that
// family only.
//
// Indices: hospital 0 = h-lund; specialty 0 = ortho, 1 = gen; day 0 = the session day.
import { describe, expect, it } from 'vitest';
import { prepare } from '../../solver/eligibility/index.ts';
import { buildGroups } from '../../solver/formulate/groups.ts';
import { formulate } from '../../solver/formulate/index.ts';
import { SESSION_FAMILIES } from '../../solver/formulate/sessions.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';
import { completeAuxiliary, violatedColumns, violatedRows, type Family } from '../helpers/aggregateModel.ts';
import { tinyWithStaff } from '../helpers/tinyStaff.ts';

/** tinyWithStaff with theatre L3 open at Lund on the session day (an idle room: no session). */
function withIdleRoom(): PlanningProblem {
  const p = tinyWithStaff();
  for (const hd of p.hospitalDays)
    if (hd.hospitalId === 'h-lund' && hd.day === p.startDay) hd.openTheatreIds = ['L1', 'L2', 'L3'];
  return p;
}

function daily(problem: PlanningProblem) {
  const prep = prepare(problem);
  const groups = buildGroups(prep, new Set());
  const agg = formulate(prep, groups, 1);
  const h = (id: string): number => prep.hIndex.get(id) as number;
  const s = (id: string): number => prep.specIndex.get(id) as number;
  /** x columns for these patients at a hospital on day d: one entry per group, valued by head count. */
  const x = (ids: string[], hospitalId: string, d: number): [number, number][] => {
    const count = new Map<number, number>();
    for (const id of ids) {
      const g = groups.find((gr) => gr.members.some((m) => m.patient.id === id));
      const col = agg.xs.find((v) => v.group === g?.index && v.h === h(hospitalId) && v.w === d)?.col;
      if (col === undefined) throw new Error(`no x for ${id} at ${hospitalId} on day ${d}`);
      count.set(col, (count.get(col) ?? 0) + 1);
    }
    return [...count.entries()];
  };
  const z = (hospitalId: string, d: number, spec: string, n: number): [number, number] => {
    const col = agg.zs.find((v) => v.h === h(hospitalId) && v.d === d && v.s === s(spec))?.col;
    if (col === undefined) throw new Error(`no z ${hospitalId} ${d} ${spec}`);
    return [col, n];
  };
  return { model: agg.model, x, z };
}

async function expectExample(
  family: Family,
  build: (m: ReturnType<typeof daily>) => {
    ok: [number, number][];
    bad: [number, number][];
    expected: string[];
  },
  problem: PlanningProblem = tinyWithStaff(),
): Promise<void> {
  const m = daily(problem);
  const { ok, bad, expected } = build(m);
  const xOk = await completeAuxiliary(m.model, ok);
  expect(xOk, 'the feasible example completes').not.toBeNull();
  if (!xOk) return;
  expect(violatedColumns(m.model, xOk)).toEqual([]);
  expect(violatedRows(m.model, xOk)).toEqual([]);
  expect(await completeAuxiliary(m.model, bad), 'the violating example cannot be completed').toBeNull();
  const xBad = await completeAuxiliary(m.model, bad, family);
  expect(xBad, `the violating example completes without the ${family} rows`).not.toBeNull();
  if (!xBad) return;
  const v = violatedRows(m.model, xBad);
  expect(v.map((r) => r.family)).toEqual(v.map(() => family));
  expect(v.map((r) => r.name).toSorted()).toEqual(expected.toSorted());
}

const TESTED = new Set<Family>();
function familyIt(family: Family, title: string, fn: () => Promise<void>): void {
  TESTED.add(family);
  it(`${family}: ${title}`, fn);
}

describe('aggregate model — named surgeons and sessions (ADR 0023)', () => {
  familyIt('sessions', 'Lund day 0 has one gen session (L1 pm): two gen lists do not fit', () =>
    expectExample('sessions', (m) => ({
      ok: [m.z('h-lund', 0, 'gen', 1), m.z('h-lund', 0, 'ortho', 2)],
      bad: [m.z('h-lund', 0, 'gen', 2)],
      expected: ['sessions_0|0|1'],
    })),
  );

  // With an idle room (L3 open, no session) a regional team's full-day list could serve gen, so the
  // day's gen patterns are a full day's and only the session-minute rows see the 150-min session
  // (without it, the day's patterns are enumerated at 150 minutes and reject the example too).
  familyIt('session minutes', 'two choles (2 × 80 min) in the 150-min gen session', () =>
    expectExample(
      'session minutes',
      (m) => ({
        ok: [...m.x(['C1'], 'h-lund', 0), m.z('h-lund', 0, 'gen', 1)],
        bad: [...m.x(['C1', 'C2'], 'h-lund', 0), m.z('h-lund', 0, 'gen', 1)],
        expected: ['session_minutes_0|1|0'],
      }),
      withIdleRoom(),
    ),
  );

  familyIt('surgeon minutes', 'five hips (600 min) at Lund on day 0; its ortho surgeons have 300 + 240', () =>
    expectExample('surgeon minutes', (m) => {
      const lists = m.z('h-lund', 0, 'ortho', 2);
      return {
        ok: [...m.x(['P1', 'P2', 'P4', 'P11'], 'h-lund', 0), lists],
        bad: [...m.x(['P1', 'P2', 'P4', 'P11', 'H1'], 'h-lund', 0), lists],
        expected: ['surgeon_minutes_0|0|0'],
      };
    }),
  );

  familyIt('tied surgeon', 's-cecilia (100 min a day) cannot take both her tied choles on one day', () =>
    expectExample('tied surgeon', (m) => ({
      ok: [...m.x(['T1'], 'h-lund', 1), m.z('h-lund', 1, 'gen', 1)],
      bad: [...m.x(['T1', 'T2'], 'h-lund', 1), m.z('h-lund', 1, 'gen', 1)],
      expected: ['tied_surgeon_2|1'],
    })),
  );

  it('surgeon lists (named): with s-bo away on day 0, Lund runs one ortho list, not two', () => {
    const p = tinyWithStaff();
    const bo = p.surgeons?.find((x) => x.id === 's-bo');
    if (!bo) throw new Error('tiny staff changed');
    bo.availableDays = bo.availableDays.filter((d) => d !== p.startDay);
    return expectExample(
      'surgeon lists',
      (m) => ({
        ok: [m.z('h-lund', 0, 'ortho', 1)],
        bad: [m.z('h-lund', 0, 'ortho', 2)],
        expected: ['surgeon_lists_named_0|0|0'],
      }),
      p,
    );
  });

  it('covers every named-surgeon and session family', () => {
    expect([...TESTED].toSorted()).toEqual([...SESSION_FAMILIES].toSorted());
  });

  it('a tied patient has columns only where and when the surgeon may operate', () => {
    const p = tinyWithStaff();
    const cecilia = p.surgeons?.find((s) => s.id === 's-cecilia');
    if (!cecilia) throw new Error('tiny staff changed');
    cecilia.availableDays = [p.startDay + 3];
    const prep = prepare(p);
    const groups = buildGroups(prep, new Set());
    const agg = formulate(prep, groups, 1);
    const g = groups.find((gr) => gr.members.some((mm) => mm.patient.id === 'T1'));
    const days = new Set(agg.xs.filter((v) => v.group === g?.index).map((v) => v.w));
    expect([...days]).toEqual([3]);
    // An untied chole patient keeps every day.
    const c = groups.find((gr) => gr.members.some((mm) => mm.patient.id === 'C1'));
    expect(new Set(agg.xs.filter((v) => v.group === c?.index).map((v) => v.w)).size).toBe(5);
  });
});
