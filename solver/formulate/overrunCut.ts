// A valid linear tightening of "list minutes" from the overrun cap.
//
// A detailed list with cases i (mean m_i, variance v_i), available minutes a (list minutes less the
// cases' turnovers: the room must be cleaned by the end of the session) is accepted when P(S > a) ≤ α with S ~ Fenton–Wilkinson lognormal:
//   a ≥ M·exp(zσ − σ²/2),  M = Σm_i, V = Σv_i, σ² = ln(1 + V/M²), z = Φ⁻¹(1 − α).
// With σ ≤ σmax (σmax from the largest coefficient of variation of the specialty):
//   exp(zσ − σ²/2) ≥ 1 + (z − σmax/2)·σ  and  σ ≥ c·√(V/M²),  c = √(ln(1+ρmax)/ρmax),
// so a ≥ M + z'c·√V. Since V ≤ Vmax = listMin·max(v/m), √V ≥ V/√Vmax, giving the linear cut
//   Σ (m_i + κ·v_i) ≤ a,  κ = z'c/√Vmax.
// Every accepted list satisfies it, so the aggregate model remains a relaxation (the bound stays valid).
import type { Prepared } from '../eligibility/index.ts';
import { normalQuantile } from '../model/stats.ts';

export function listTightening(prep: Prepared): {
  caseLoadMin: (procIndex: number, h: number) => number;
  listCapacityMin: (h: number, s: number) => number;
  maxTurnoverMin: (s: number) => number;
} {
  const { problem } = prep;
  const S = problem.specialtyIds.length;
  const alpha = problem.rules.overrunProbabilityMax;
  const z = alpha > 0 && alpha < 0.5 ? normalQuantile(1 - alpha) : 0;
  const maxRatio = new Array<number>(S).fill(0);
  const maxCv2 = new Array<number>(S).fill(0);
  const maxTurn = new Array<number>(S).fill(0);
  problem.procedures.forEach((p, i) => {
    const s = prep.specIndex.get(p.specialtyId);
    if (s === undefined) return;
    const m = prep.procMeanMin[i] ?? 1;
    const v = prep.procVar[i] ?? 0;
    maxRatio[s] = Math.max(maxRatio[s] ?? 0, v / m);
    maxCv2[s] = Math.max(maxCv2[s] ?? 0, v / (m * m));
    maxTurn[s] = Math.max(maxTurn[s] ?? 0, p.turnoverMin);
  });
  const kappa = (h: number, s: number): number => {
    const rho = maxCv2[s] ?? 0;
    if (z <= 0 || rho <= 0) return 0;
    const sigmaMax = Math.sqrt(Math.log(1 + rho));
    const zPrime = z - sigmaMax / 2;
    if (zPrime <= 0) return 0;
    const c = Math.sqrt(Math.log(1 + rho) / rho);
    const vMax = (problem.hospitals[h]?.listMin ?? 0) * (maxRatio[s] ?? 0);
    return vMax > 0 ? (zPrime * c) / Math.sqrt(vMax) : 0;
  };
  const kCache = new Map<number, number>();
  return {
    caseLoadMin: (pi, h) => {
      const p = problem.procedures[pi];
      if (!p) return 0;
      const s = prep.specIndex.get(p.specialtyId) ?? 0;
      const key = h * S + s;
      let k = kCache.get(key);
      if (k === undefined) kCache.set(key, (k = kappa(h, s)));
      return (prep.procMeanMin[pi] ?? 0) + k * (prep.procVar[pi] ?? 0) + p.turnoverMin;
    },
    maxTurnoverMin: (s) => maxTurn[s] ?? 0,
    listCapacityMin: (h) => problem.hospitals[h]?.listMin ?? 0,
  };
}
