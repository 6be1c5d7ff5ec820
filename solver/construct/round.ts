// Rounding the aggregate LP's integer decisions (lists z, regional teams k, lent lists m) when the
// MIP is too large to solve in the time budget: place teams where the LP wants them most, round
// lending, then per hospital-day give whole lists to specialties by largest remainder within
// staff, room and surgeon limits. The LP optimum stays the bound; this only builds a good plan.
import type { Prepared } from '../eligibility/index.ts';
import type { AggregateModel } from '../formulate/index.ts';
import { listSlots } from '../eligibility/staff.ts';
import { sessionListGuard } from '../formulate/sessions.ts';

/** Returns a copy of x with z, k, m set to integers that satisfy every integer-side row. */
export function roundIntegers(prep: Prepared, agg: AggregateModel, xLp: Float64Array): Float64Array {
  const x = Float64Array.from(xLp);
  const spec = prep.problem.specialtyIds;
  // Teams: each team-day goes to the hospital with the largest LP value, if the LP placed ≥ 0.5.
  const byTeamDay = new Map<string, typeof agg.ks>();
  for (const k of agg.ks) {
    const key = `${k.team}|${k.d}`;
    const l = byTeamDay.get(key) ?? [];
    l.push(k);
    byTeamDay.set(key, l);
    x[k.col] = 0;
  }
  const teamsAt = new Map<string, number>();
  for (const ks of byTeamDay.values()) {
    const total = ks.reduce((s, k) => s + (xLp[k.col] ?? 0), 0);
    if (total < 0.5) continue;
    const best = ks.toSorted((a, b) => (xLp[b.col] ?? 0) - (xLp[a.col] ?? 0) || a.h - b.h)[0];
    if (!best) continue;
    x[best.col] = 1;
    const key = `${best.h}|${best.d}`;
    teamsAt.set(key, (teamsAt.get(key) ?? 0) + 1);
  }
  // Lending: round down, then round up the largest remainders while the lender has spare lists.
  const lentOut = new Map<string, number>();
  const borrowed = new Map<string, number>();
  const ms = agg.ms.toSorted((a, b) => frac(xLp[b.col] ?? 0) - frac(xLp[a.col] ?? 0) || a.col - b.col);
  for (const m of agg.ms) x[m.col] = Math.floor((xLp[m.col] ?? 0) + 1e-6);
  for (const m of ms) {
    const c = prep.cap[m.from]?.[m.d];
    const lendable = c?.lendableSurgeonLists[spec[m.s] ?? ''] ?? 0;
    const outKey = `${m.from}|${m.d}|${m.s}`;
    const used = lentOut.get(outKey) ?? 0;
    let n = Math.min(x[m.col] ?? 0, lendable - used);
    if (frac(xLp[m.col] ?? 0) >= 0.5 && n + used < lendable) n++;
    x[m.col] = Math.max(0, n);
    lentOut.set(outKey, used + Math.max(0, n));
    const inKey = `${m.to}|${m.d}|${m.s}`;
    borrowed.set(inKey, (borrowed.get(inKey) ?? 0) + Math.max(0, n));
  }
  // Lists the previous version ran per hospital|day|specialty (distinct theatres of its cases).
  const previousLists = new Map<string, number>();
  {
    const seen = new Set<string>();
    for (const a of prep.problem.previousAssignments ?? []) {
      const pp = prep.patientById.get(a.patientId);
      const h = prep.hIndex.get(a.hospitalId);
      if (!pp || h === undefined) continue;
      const key = `${h}|${a.day - prep.problem.startDay}|${pp.specIndex}`;
      if (seen.has(`${key}|${a.theatreId}`)) continue;
      seen.add(`${key}|${a.theatreId}`);
      previousLists.set(key, (previousLists.get(key) ?? 0) + 1);
    }
  }
  // Lists per hospital-day: largest remainder within rooms, staff (+ teams) and surgeons.
  const zByHd = new Map<string, typeof agg.zs>();
  for (const z of agg.zs) {
    const key = `${z.h}|${z.d}`;
    const l = zByHd.get(key) ?? [];
    l.push(z);
    zByHd.set(key, l);
  }
  // Named surgeons and sessions (ADR 0023): a list rounded up must keep their rows satisfiable.
  const guard = sessionListGuard(prep, agg.zs, (h, d) => teamsAt.get(`${h}|${d}`) ?? 0);
  const zCol = new Map(agg.zs.map((z) => [`${z.h}|${z.d}|${z.s}`, z.col]));
  const listsNow = (h: number, d: number, s: number): number => {
    const col = zCol.get(`${h}|${d}|${s}`);
    return col === undefined ? 0 : (x[col] ?? 0);
  };
  for (const [key, zs] of zByHd) {
    const [h, d] = key.split('|').map(Number) as [number, number];
    const c = prep.cap[h]?.[d];
    if (!c) continue;
    let slots = Math.min(listSlots(prep, h, d), c.staffedTeams + (teamsAt.get(key) ?? 0));
    const surgeons = (s: number): number =>
      (c.surgeonLists[spec[s] ?? ''] ?? 0) -
      (lentOut.get(`${h}|${d}|${s}`) ?? 0) +
      (borrowed.get(`${h}|${d}|${s}`) ?? 0);
    // Lists a pin requires (column lower bound 1) first.
    const ordered = zs.toSorted((a, b) => Number(b.pinned) - Number(a.pinned) || a.s - b.s);
    for (const z of ordered) {
      const n = Math.max(0, Math.min(Math.floor((xLp[z.col] ?? 0) + 1e-6), surgeons(z.s), slots));
      x[z.col] = n;
      slots -= n;
    }
    // Re-solves: lists the previous version had come first (a list that disappears moves all its
    // cases), then the largest remainders.
    const short = (z: (typeof zs)[number]): number =>
      Math.max(0, (previousLists.get(`${z.h}|${z.d}|${z.s}`) ?? 0) - (x[z.col] ?? 0));
    for (const z of zs.toSorted(
      (a, b) => short(b) - short(a) || frac(xLp[b.col] ?? 0) - frac(xLp[a.col] ?? 0) || a.s - b.s,
    )) {
      while (slots > 0 && short(z) > 0 && (x[z.col] ?? 0) < surgeons(z.s) && guard(z.h, z.d, z.s, listsNow)) {
        x[z.col] = (x[z.col] ?? 0) + 1;
        slots--;
      }
    }
    for (const z of zs.toSorted((a, b) => frac(xLp[b.col] ?? 0) - frac(xLp[a.col] ?? 0) || a.s - b.s)) {
      if (slots <= 0) break;
      if (frac(xLp[z.col] ?? 0) < 1e-6 || (x[z.col] ?? 0) >= surgeons(z.s)) continue;
      if ((x[z.col] ?? 0) > Math.floor((xLp[z.col] ?? 0) + 1e-6)) continue;
      if (!guard(z.h, z.d, z.s, listsNow)) continue;
      x[z.col] = (x[z.col] ?? 0) + 1;
      slots--;
    }
  }
  // Patterns: per hospital, specialty and week, as many whole pattern lists as there are lists,
  // largest LP values first.
  const listsIn = new Map<string, number>();
  for (const z of agg.zs) {
    const key = `${z.h}|${z.s}|${Math.floor(z.d / agg.periodDays)}`;
    listsIn.set(key, (listsIn.get(key) ?? 0) + (x[z.col] ?? 0));
  }
  const ysBy = new Map<string, typeof agg.ys>();
  for (const y of agg.ys) {
    const key = `${y.h}|${y.s}|${y.w}`;
    const l = ysBy.get(key) ?? [];
    l.push(y);
    ysBy.set(key, l);
    x[y.col] = 0;
  }
  for (const [key, ys] of ysBy) {
    let left = listsIn.get(key) ?? 0;
    const byValue = ys.toSorted((a, b) => (xLp[b.col] ?? 0) - (xLp[a.col] ?? 0) || a.col - b.col);
    for (const y of byValue) {
      const n = Math.min(left, Math.floor((xLp[y.col] ?? 0) + 1e-6));
      x[y.col] = n;
      left -= n;
    }
    for (const y of ys.toSorted((a, b) => frac(xLp[b.col] ?? 0) - frac(xLp[a.col] ?? 0) || a.col - b.col)) {
      if (left <= 0) break;
      if (frac(xLp[y.col] ?? 0) < 1e-6) continue;
      x[y.col] = (x[y.col] ?? 0) + 1;
      left--;
    }
  }
  return x;
}

function frac(v: number): number {
  return v - Math.floor(v + 1e-9);
}
