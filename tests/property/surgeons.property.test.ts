// Named surgeons and sessions (ADR 0023) over random problems: the plan solve() returns passes the
// independent checker (surgeon minutes, one place, sessions, tied surgeons among its rules), no
// surgeon exceeds their minutes on any day (recounted here from the assignments), a tied patient
// is only ever with their surgeon, every assignment names its surgeon and session (null where the
// problem has none), and the LP bound stays at or below the plan's cost.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { solve } from '../../solver/index.ts';
import { staffedProblemArb } from '../helpers/randomProblem.ts';

describe('named surgeons and sessions — random problems', () => {
  it('plans are checker-feasible, surgeons stay within their minutes, ties hold, the bound is valid', async () => {
    let withSurgeon = 0;
    let inSession = 0;
    await fc.assert(
      fc.asyncProperty(staffedProblemArb({ maxPatients: 25 }), async (problem) => {
        const r = await solve(problem, { backend: 'highs', timeLimitS: 10 });
        expect(r.check.violations).toEqual([]);
        const maxMin = new Map((problem.surgeons ?? []).map((s) => [s.id, s.maxMinPerDay]));
        const used = new Map<string, number>();
        const tiedTo = new Map(problem.patients.map((p) => [p.id, p.surgeonId]));
        for (const a of r.assignments) {
          expect(a.surgeonId).not.toBeUndefined();
          expect(a.sessionId).not.toBeUndefined();
          const tied = tiedTo.get(a.patientId);
          if (tied !== undefined) expect(a.surgeonId).toBe(tied);
          if (a.sessionId) inSession++;
          if (a.surgeonId) {
            withSurgeon++;
            const k = `${a.surgeonId}|${a.day}`;
            used.set(k, (used.get(k) ?? 0) + a.durationMin + a.turnoverMin);
          }
        }
        // Preferred surgeons: no booked patient away from theirs while a list of that surgeon at the
        // same hospital and day holds a same-procedure patient who is neither tied nor preferring them.
        const pref = new Map(problem.patients.map((p) => [p.id, p.preferredSurgeonId]));
        const proc = new Map(problem.patients.map((p) => [p.id, p.procedureId]));
        for (const a of r.assignments) {
          const want = pref.get(a.patientId);
          if (want === undefined || tiedTo.get(a.patientId) !== undefined || a.surgeonId === want) continue;
          const swappable = r.assignments.some(
            (b) =>
              b.surgeonId === want &&
              b.hospitalId === a.hospitalId &&
              b.day === a.day &&
              proc.get(b.patientId) === proc.get(a.patientId) &&
              tiedTo.get(b.patientId) === undefined &&
              pref.get(b.patientId) !== want,
          );
          expect(swappable, `${a.patientId} prefers ${want}`).toBe(false);
        }
        for (const [k, min] of used) expect(min).toBeLessThanOrEqual(maxMin.get(k.split('|')[0] ?? '') ?? 0);
        expect(r.bound).toBeLessThanOrEqual(r.objective + 1e-6 * Math.max(1, Math.abs(r.objective)));
      }),
      { numRuns: 80, seed: 16_2026 },
    );
    // The generator must actually exercise named surgeons and sessions.
    expect(withSurgeon).toBeGreaterThan(20);
    expect(inSession).toBeGreaterThan(5);
  }, 240_000);
});

describe('named surgeons and sessions — LP and rounding (large-instance path)', () => {
  it('rounded plans are checker-feasible and the LP bound holds', async () => {
    let proven = 0;
    await fc.assert(
      fc.asyncProperty(staffedProblemArb({ maxPatients: 25 }), async (problem) => {
        const r = await solve(problem, {
          backend: 'highs',
          timeLimitS: 10,
          aggregate: 'lp-round',
          periodDays: 1,
        });
        expect(r.check.violations).toEqual([]);
        expect(r.bound).toBeLessThanOrEqual(r.objective + 1e-6 * Math.max(1, Math.abs(r.objective)));
        if (r.status !== 'time_limit') proven++;
      }),
      { numRuns: 60, seed: 23_2026 },
    );
    // The rounded lists keep the second LP feasible (else the status says time_limit).
    expect(proven).toBe(60);
  }, 240_000);
});
