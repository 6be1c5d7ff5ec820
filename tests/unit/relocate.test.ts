// Relocation moves (ADR 0018): a booked case moves to a list of its specialty where it is worth
// more (here: nearer home, no extra travel) and fits; pinned cases stay.
import { describe, expect, it } from 'vitest';
import { addCase, newList } from '../../solver/construct/lists.ts';
import { prepare } from '../../solver/eligibility/index.ts';
import { relocateCases } from '../../solver/improve/relocate.ts';
import { tinyProblem } from '../helpers/tinyProblem.ts';

function setup() {
  const prep = prepare(tinyProblem());
  const lund = prep.hIndex.get('h-lund') as number;
  const trelleborg = prep.hIndex.get('h-trelleborg') as number;
  const ortho = prep.specIndex.get('ortho') as number;
  // P1 lives in Malmö, is listed at Lund and consents to Trelleborg (10 km more than Lund).
  const p1 = prep.patientById.get('P1');
  if (!p1) throw new Error('fixture lacks P1');
  const far = newList(trelleborg, 0, ortho, 'T1', 'own', trelleborg);
  const near = newList(lund, 0, ortho, 'L1', 'own', lund);
  addCase(prep, far, p1);
  return { prep, p1, far, near };
}

describe('relocation', () => {
  it('moves a case to a nearer list of its specialty where it fits', () => {
    const { prep, p1, far, near } = setup();
    expect(relocateCases(prep, [far, near], new Set())).toBe(1);
    expect(near.cases).toEqual([p1]);
    expect(far.cases).toEqual([]);
    // Nothing left to gain: a second pass moves nobody back.
    expect(relocateCases(prep, [far, near], new Set())).toBe(0);
  });

  it('leaves pinned cases and cases that would not fit where they are', () => {
    const { prep, p1, far, near } = setup();
    expect(relocateCases(prep, [far, near], new Set([p1.index]))).toBe(0);
    // Fill Lund's list with hips until one more does not fit, then try again.
    const hips = prep.patients.filter((pp) => pp.proc.id === 'hip' && pp !== p1);
    const full = newList(near.h, 0, near.s, 'L2', 'own', near.h);
    for (let i = 0; i < 20; i++) addCase(prep, full, hips[i % hips.length] as (typeof hips)[number]);
    expect(relocateCases(prep, [far, full], new Set())).toBe(0);
    expect(far.cases).toEqual([p1]);
  });
});
