// Improvement and repair (solver.md §4): fill the room the rounding and packing left with the most
// valuable eligible patients, then swap a planned case for a more valuable waiting one where it
// fits. Pins are never removed. Stops at a deadline measured in work units (no clock: pure).
import { benefit, type Prepared, type PreparedPatient } from '../eligibility/index.ts';
import { addCase, fits, removeCase, type WorkList } from '../construct/lists.ts';

export interface ImproveStats {
  filled: number;
  swapped: number;
}

/** Candidates per hospital and specialty, most valuable first. */
function candidateIndex(prep: Prepared): Map<string, { pp: PreparedPatient; k: number }[]> {
  const pinned = new Set(prep.problem.pins.map((p) => p.patientId));
  const idx = new Map<string, { pp: PreparedPatient; k: number }[]>();
  for (const pp of prep.patients) {
    if (pp.blockedBy !== null || pinned.has(pp.patient.id)) continue;
    pp.hospitals.forEach((h, k) => {
      const key = `${h}|${pp.specIndex}`;
      const l = idx.get(key) ?? [];
      l.push({ pp, k });
      idx.set(key, l);
    });
  }
  for (const l of idx.values()) {
    l.sort((a, b) => b.pp.untreatedValue - a.pp.untreatedValue || a.pp.index - b.pp.index);
  }
  return idx;
}

/** Candidates per hospital and procedure, most valuable first, with a moving head past taken ones. */
class ProcedureQueues {
  private readonly queues = new Map<string, { list: { pp: PreparedPatient; k: number }[]; head: number }>();
  private readonly procsOf = new Map<string, number[]>();
  constructor(prep: Prepared) {
    const pinned = new Set(prep.problem.pins.map((p) => p.patientId));
    for (const pp of prep.patients) {
      // Pinned patients go only where their pin says (construction); never as filler elsewhere.
      if (pp.blockedBy !== null || pinned.has(pp.patient.id)) continue;
      pp.hospitals.forEach((h, k) => {
        const key = `${h}|${pp.procIndex}`;
        let q = this.queues.get(key);
        if (!q) {
          this.queues.set(key, (q = { list: [], head: 0 }));
          const sk = `${h}|${pp.specIndex}`;
          const procs = this.procsOf.get(sk) ?? [];
          procs.push(pp.procIndex);
          this.procsOf.set(sk, procs);
        }
        q.list.push({ pp, k });
      });
    }
    for (const q of this.queues.values()) {
      q.list.sort((a, b) => b.pp.untreatedValue - a.pp.untreatedValue || a.pp.index - b.pp.index);
    }
  }

  /** The best unassigned candidate of each procedure of the list's specialty allowed on day d. */
  heads(
    h: number,
    s: number,
    d: number,
    assigned: ReadonlySet<number>,
    depth: number,
  ): { pp: PreparedPatient; k: number }[] {
    const out: { pp: PreparedPatient; k: number }[] = [];
    for (const pi of this.procsOf.get(`${h}|${s}`) ?? []) {
      const q = this.queues.get(`${h}|${pi}`);
      if (!q) continue;
      while (q.head < q.list.length && assigned.has(q.list[q.head]?.pp.index ?? -1)) q.head++;
      let found = 0;
      for (let i = q.head; i < q.list.length && found < depth; i++) {
        const c = q.list[i] as { pp: PreparedPatient; k: number };
        if (assigned.has(c.pp.index) || !(c.pp.dayMask & (1 << d))) continue;
        out.push(c);
        found++;
      }
    }
    return out;
  }
}

/** Fill a list with the most valuable fitting candidates, trying every procedure's best few. */
function fillList(prep: Prepared, l: WorkList, queues: ProcedureQueues, assigned: Set<number>): number {
  let added = 0;
  for (;;) {
    let best: { pp: PreparedPatient; k: number } | undefined;
    let bestValue = 0;
    for (const c of queues.heads(l.h, l.s, l.d, assigned, 3)) {
      const v = benefit(prep, c.pp, c.k, l.d);
      if (v > bestValue && fits(prep, l, c.pp)) {
        best = c;
        bestValue = v;
      }
    }
    if (!best) return added;
    addCase(prep, l, best.pp);
    assigned.add(best.pp.index);
    added++;
  }
}

function kOf(pp: PreparedPatient, h: number): number {
  return pp.hospitals.indexOf(h);
}

export function improve(
  prep: Prepared,
  lists: WorkList[],
  assigned: Set<number>,
  pinned: ReadonlySet<number>,
  opts: { maxScanPerList: number; swapRounds: number },
): ImproveStats {
  const idx = candidateIndex(prep);
  let filled = 0;
  let swapped = 0;
  const order = lists.toSorted((a, b) => a.d - b.d || a.h - b.h || a.s - b.s);
  const queues = new ProcedureQueues(prep);
  // Fill: the most valuable candidate that fits, over every procedure of the specialty.
  for (const l of order) filled += fillList(prep, l, queues, assigned);
  // Swap: replace the least valuable planned case by a more valuable waiting one that fits.
  for (let round = 0; round < opts.swapRounds; round++) {
    let changed = 0;
    for (const l of order) {
      const cands = idx.get(`${l.h}|${l.s}`) ?? [];
      const planned = l.cases
        .filter((c) => !pinned.has(c.index))
        .map((c) => ({ c, v: benefit(prep, c, kOf(c, l.h), l.d) }))
        .sort((a, b) => a.v - b.v);
      for (const { c: out, v: outValue } of planned) {
        let scanned = 0;
        for (const cand of cands) {
          if (scanned++ > opts.maxScanPerList) break;
          if (cand.pp.untreatedValue <= outValue) break;
          if (assigned.has(cand.pp.index) || !(cand.pp.dayMask & (1 << l.d))) continue;
          if (benefit(prep, cand.pp, cand.k, l.d) <= outValue + 1e-9) continue;
          if (!fits(prep, l, cand.pp, out)) continue;
          removeCase(prep, l, out);
          assigned.delete(out.index);
          addCase(prep, l, cand.pp);
          assigned.add(cand.pp.index);
          swapped++;
          changed++;
          break;
        }
      }
    }
    if (changed === 0) break;
  }
  // Fill again after swaps freed room.
  for (const l of order) filled += fillList(prep, l, queues, assigned);
  return { filled, swapped };
}
