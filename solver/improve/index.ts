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
  const idx = new Map<string, { pp: PreparedPatient; k: number }[]>();
  for (const pp of prep.patients) {
    if (pp.blockedBy !== null) continue;
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
  // Fill: best value first among candidates that fit.
  for (const l of order) {
    const cands = idx.get(`${l.h}|${l.s}`) ?? [];
    let scanned = 0;
    for (const c of cands) {
      if (scanned++ > opts.maxScanPerList) break;
      if (assigned.has(c.pp.index) || !(c.pp.dayMask & (1 << l.d))) continue;
      if (benefit(prep, c.pp, c.k, l.d) <= 0) continue;
      if (!fits(prep, l, c.pp)) continue;
      addCase(prep, l, c.pp);
      assigned.add(c.pp.index);
      filled++;
    }
  }
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
  for (const l of order) {
    const cands = idx.get(`${l.h}|${l.s}`) ?? [];
    let scanned = 0;
    for (const c of cands) {
      if (scanned++ > opts.maxScanPerList) break;
      if (assigned.has(c.pp.index) || !(c.pp.dayMask & (1 << l.d))) continue;
      if (benefit(prep, c.pp, c.k, l.d) <= 0 || !fits(prep, l, c.pp)) continue;
      addCase(prep, l, c.pp);
      assigned.add(c.pp.index);
      filled++;
    }
  }
  return { filled, swapped };
}
