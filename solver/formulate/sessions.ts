// Named surgeons and sessions in the aggregate model (ADR 0023). Every row is a valid relaxation of
// what construction and the checker enforce per list, surgeon and day, summed over a period of x
// (a week, or a day in the daily model):
//
// - "sessions": on a hospital-day with a session plan, lists of specialty s ≤ sessions dedicated to
//   s (its specialty's, its named surgeons' where they may be there) + the open sessions it takes,
//   which specialties share (columns o, continuous); the total is the "rooms" row, whose
//   right-hand side is the number of sessions there (listSlots).
// - "session minutes": per hospital (and per specialty) and period, planned theatre minutes of the
//   cases ≤ the minutes of the sessions that may hold them (roster days: open theatres × listMin).
//   Every case lies inside one list, and a list inside its session, so any detailed plan satisfies it.
// - "surgeon minutes": where named surgeons govern specialty s at hospital h, every list of s there
//   has a named surgeon, so the cases' minutes at h ≤ Σ over surgeons of s who may operate at h of
//   maxMinPerDay on their available days; and over all governed hospitals of s together ≤ Σ over
//   the surgeons of s (one place per day: a surgeon's minutes are counted once).
// - "surgeon lists" (rows surgeon_lists_named_*): lists of a governed specialty at a hospital-day ≤
//   what the surgeons who may be there can run (parallel theatres × non-overlapping sessions that
//   may serve s).
// - "tied surgeon": minutes of patients tied to a surgeon ≤ that surgeon's maxMinPerDay × days.
// - surgeon minutes per procedure set (surgeon_minutes_procedures_*: subspecialists, also over a
//   host with its visitors' homes) and session minutes per list count (session_minutes_lists_*),
//   ADR 0023 "Travelling surgeons in construction"; each is explained where it is built.
import type { ModelBuilder } from '../backends/model.ts';
import type { Prepared } from '../eligibility/index.ts';
import { idleRooms, sessionServes, staffIndex } from '../eligibility/staff.ts';
import type { PatientGroup } from './groups.ts';
import type { KVar, XVar, ZVar } from './index.ts';
import type { ProblemSession } from '../model/problem.ts';
import { patternEnumerator } from './patterns.ts';

export const SESSION_FAMILIES = ['sessions', 'session minutes', 'surgeon minutes', 'tied surgeon'] as const;

export function addSessionsAndSurgeons(
  b: ModelBuilder,
  prep: Prepared,
  groups: readonly PatientGroup[],
  xs: readonly XVar[],
  zs: readonly ZVar[],
  periodDays: number,
  /** Regional-team placements: on a session day a placed team adds one open list in an idle room. */
  ks: readonly KVar[] = [],
): void {
  const idx = staffIndex(prep);
  if (!idx.active) return;
  const { problem } = prep;
  const spec = problem.specialtyIds;
  const daysOf = (w: number): number[] => {
    const out: number[] = [];
    for (let d = w * periodDays; d < Math.min(prep.days, (w + 1) * periodDays); d++) out.push(d);
    return out;
  };
  const minOf = (x: XVar): number => groups[x.group]?.members[0]?.theatreMin ?? 0;

  // "sessions": per hospital-day with a session plan, lists of s ≤ sessions dedicated to s (its
  // specialty's, and its surgeons' where that surgeon may operate there that day) + o_s, the open
  // sessions s takes; Σ_s o_s ≤ open sessions. Every session serves one specialty or is open, so
  // with integer lists this is exactly the matching of lists to sessions.
  const usable = (x: ProblemSession, h: number, d: number): boolean => {
    if (x.surgeonId === undefined) return true;
    const i = idx.surgeonIndex.get(x.surgeonId);
    return i !== undefined && (idx.availableDays[i]?.has(d) ?? false) && (idx.hospitals[i] ?? []).includes(h);
  };
  const openCols = new Map<string, number[]>();
  for (const z of zs) {
    const sessions = idx.sessionsByHd.get(`${z.h}|${z.d}`);
    if (!sessions) continue;
    const key = `${z.h}|${z.d}`;
    const open =
      sessions.filter((x) => x.specialtyId === undefined).length + idleRooms(prep, z.h, z.d).length;
    const dedicated = sessions.filter((x) => x.specialtyId === spec[z.s] && usable(x, z.h, z.d)).length;
    const cols = openCols.get(key) ?? [];
    if (open > 0) {
      const o = b.addColumn(`o_${z.h}_${z.d}_${z.s}`, 0, 0, open, false);
      cols.push(o);
      openCols.set(key, cols);
      b.addRow(`sessions_${key}|${z.s}`, [z.col, o], [1, -1], -Infinity, dedicated);
    } else b.addRow(`sessions_${key}|${z.s}`, [z.col], [1], -Infinity, dedicated);
  }
  // A regional team placed on a session day staffs an idle room: one more open list (ADR 0023).
  const teamCols = new Map<string, number[]>();
  for (const k of ks) if (idleRooms(prep, k.h, k.d).length > 0) pushTo(teamCols, `${k.h}|${k.d}`, k.col);
  for (const [key, cols] of openCols) {
    const [h, d] = key.split('|').map(Number) as [number, number];
    const open = (idx.sessionsByHd.get(key) ?? []).filter((x) => x.specialtyId === undefined).length;
    const teams = teamCols.get(key) ?? [];
    if (h >= 0 && d >= 0)
      b.addRow(
        `sessions_open_${key}`,
        [...cols, ...teams],
        [...cols.map(() => 1), ...teams.map(() => -1)],
        -Infinity,
        open,
      );
  }

  // Minutes a hospital-day offers specialty s (undefined s = any specialty).
  const offered = (h: number, d: number, s?: number): number => {
    const c = prep.cap[h]?.[d];
    if (!c) return 0;
    const sessions = idx.sessionsByHd.get(`${h}|${d}`);
    if (!sessions) return c.openTheatreIds.length * (problem.hospitals[h]?.listMin ?? 0);
    return sessions
      .filter((x) => s === undefined || sessionServes(x, spec[s] ?? ''))
      .reduce((t, x) => t + x.lengthMin, 0);
  };
  const xsByHw = new Map<string, XVar[]>();
  for (const x of xs) {
    const key = `${x.h}|${x.w}`;
    const l = xsByHw.get(key) ?? [];
    l.push(x);
    xsByHw.set(key, l);
  }
  const hasSessions = (h: number, w: number): boolean =>
    daysOf(w).some((d) => idx.sessionsByHd.has(`${h}|${d}`));
  // A team list in an idle room offers listMin to any specialty, only where the team is placed.
  const teamsByHw = new Map<string, number[]>();
  for (const k of ks)
    if (idleRooms(prep, k.h, k.d).length > 0)
      pushTo(teamsByHw, `${k.h}|${Math.floor(k.d / periodDays)}`, k.col);
  for (const [key, xl] of xsByHw) {
    const [h, w] = key.split('|').map(Number) as [number, number];
    if (!hasSessions(h, w)) continue;
    const total = daysOf(w).reduce((t, d) => t + offered(h, d), 0);
    const teams = teamsByHw.get(key) ?? [];
    const teamMin = -(problem.hospitals[h]?.listMin ?? 0);
    b.addRow(
      `session_minutes_${key}`,
      [...xl.map((x) => x.col), ...teams],
      [...xl.map(minOf), ...teams.map(() => teamMin)],
      -Infinity,
      total,
    );
    const bySpec = new Map<number, XVar[]>();
    for (const x of xl) {
      const s = groups[x.group]?.specIndex ?? -1;
      const l = bySpec.get(s) ?? [];
      l.push(x);
      bySpec.set(s, l);
    }
    for (const [s, sl] of bySpec) {
      const cap = daysOf(w).reduce((t, d) => t + offered(h, d, s), 0);
      if (cap >= total) continue;
      b.addRow(
        `session_minutes_${h}|${s}|${w}`,
        [...sl.map((x) => x.col), ...teams],
        [...sl.map(minOf), ...teams.map(() => teamMin)],
        -Infinity,
        cap,
      );
    }
  }

  // "session minutes" per list count (daily model): on a session day the lists of s take distinct
  // sessions that may serve s, so the cases' minutes of s ≤ the k longest of those sessions for k
  // lists — a concave function of k, so below each of its tangents f(k₀) + L₍ₖ₀₊₁₎·(z − k₀). The
  // pattern rows price every list at the hospital's longest; this prices half-day sessions.
  if (periodDays === 1) {
    const zAt = new Map(zs.map((z) => [`${z.h}|${z.d}|${z.s}`, z]));
    const xsByHsd = new Map<string, XVar[]>();
    for (const x of xs) {
      const g = groups[x.group];
      if (g && idx.sessionsByHd.has(`${x.h}|${x.w}`)) pushTo(xsByHsd, `${x.h}|${x.w}|${g.specIndex}`, x);
    }
    for (const [key, xl] of xsByHsd) {
      const z = zAt.get(key);
      const [h, d, sp] = key.split('|').map(Number) as [number, number, number];
      if (!z) continue;
      const lens = (idx.sessionsByHd.get(`${h}|${d}`) ?? [])
        .filter((x) => sessionServes(x, spec[sp] ?? ''))
        .map((x) => x.lengthMin)
        .sort((a, b) => b - a);
      let f = 0;
      lens.forEach((len, k0) => {
        if (k0 > 0 && len < (lens[k0 - 1] ?? 0))
          b.addRow(
            `session_minutes_lists_${key}|${k0}`,
            [...xl.map((x) => x.col), z.col],
            [...xl.map(minOf), -len],
            -Infinity,
            f - len * k0,
          );
        f += len;
      });
    }
  }

  if (idx.surgeons.length === 0) return;
  const open = (h: number, d: number): boolean => (prep.cap[h]?.[d]?.openTheatreIds.length ?? 0) > 0;
  // Surgeon-minutes a surgeon can give hospital h (or any governed hospital, h = -1) in period w.
  const surgeonMin = (i: number, h: number, w: number): number => {
    const sg = idx.surgeons[i];
    const hs = idx.hospitals[i] ?? [];
    if (!sg) return 0;
    let days = 0;
    for (const d of daysOf(w)) {
      if (!idx.availableDays[i]?.has(d)) continue;
      const can =
        h >= 0
          ? hs.includes(h) && open(h, d)
          : hs.some((k) => idx.governed.has(`${k}|${idx.specIndex[i]}`) && open(k, d));
      if (can) days++;
    }
    return days * sg.maxMinPerDay;
  };
  const governedX = new Map<string, XVar[]>();
  const regionX = new Map<string, XVar[]>();
  const tiedX = new Map<string, XVar[]>();
  for (const x of xs) {
    const g = groups[x.group];
    if (!g) continue;
    if (idx.governed.has(`${x.h}|${g.specIndex}`)) {
      const k = `${x.h}|${g.specIndex}|${x.w}`;
      pushTo(governedX, k, x);
      const r = `${g.specIndex}|${x.w}`;
      pushTo(regionX, r, x);
    }
    const tied = g.members[0]?.patient.surgeonId;
    const ti = tied === undefined ? undefined : idx.surgeonIndex.get(tied);
    if (ti !== undefined) {
      const k = `${ti}|${x.w}`;
      pushTo(tiedX, k, x);
    }
  }
  const surgeonsOfSpec = (s: number): number[] =>
    idx.surgeons.map((_, i) => i).filter((i) => idx.specIndex[i] === s);

  // "surgeon lists" (named): where named surgeons govern s at h, lists of s there on d ≤ Σ over the
  // surgeons of s who may be at h on d of maxParallelTheatres × the most pairwise non-overlapping
  // sessions of the day (1 on a roster day: all its lists share one window). A surgeon runs no more.
  const chain = (h: number, d: number, s: number): number => {
    const all = idx.sessionsByHd.get(`${h}|${d}`);
    if (!all) return 1;
    // Only sessions that may serve s: a surgeon of s operates in no other; an idle room's team list too.
    const sessions = [...all.filter((x) => sessionServes(x, spec[s] ?? '')), ...teamWindowOf(prep, h, d)];
    let n = 0;
    let end = -Infinity;
    for (const x of sessions.toSorted((a, b) => a.startMin + a.lengthMin - (b.startMin + b.lengthMin))) {
      if (x.startMin < end) continue;
      n++;
      end = x.startMin + x.lengthMin;
    }
    return n;
  };
  for (const z of zs) {
    if (!idx.governed.has(`${z.h}|${z.s}`)) continue;
    let cap = 0;
    for (const i of surgeonsOfSpec(z.s)) {
      if (!idx.availableDays[i]?.has(z.d) || !(idx.hospitals[i] ?? []).includes(z.h)) continue;
      cap += (idx.surgeons[i]?.maxParallelTheatres ?? 1) * chain(z.h, z.d, z.s);
    }
    b.addRow(`surgeon_lists_named_${z.h}|${z.d}|${z.s}`, [z.col], [1], -Infinity, cap);
  }
  // … and over all governed hospitals of s on d together (one place per day): ≤ Σ over the
  // surgeons of s available on d of maxParallelTheatres × their best hospital's session chain.
  const zByDs = new Map<string, ZVar[]>();
  for (const z of zs) {
    if (!idx.governed.has(`${z.h}|${z.s}`)) continue;
    const k = `${z.d}|${z.s}`;
    pushTo(zByDs, k, z);
  }
  for (const [key, zl] of zByDs) {
    if (zl.length < 2) continue;
    const [d, s] = key.split('|').map(Number) as [number, number];
    const hs = new Set(zl.map((z) => z.h));
    let cap = 0;
    for (const i of surgeonsOfSpec(s)) {
      if (!idx.availableDays[i]?.has(d)) continue;
      const best = Math.max(
        0,
        ...(idx.hospitals[i] ?? []).filter((h) => hs.has(h)).map((h) => chain(h, d, s)),
      );
      cap += (idx.surgeons[i]?.maxParallelTheatres ?? 1) * best;
    }
    b.addRow(
      `surgeon_lists_named_region_${key}`,
      zl.map((z) => z.col),
      zl.map(() => 1),
      -Infinity,
      cap,
    );
  }
  for (const [key, xl] of governedX) {
    const [h, s, w] = key.split('|').map(Number) as [number, number, number];
    const cap = surgeonsOfSpec(s).reduce((t, i) => t + surgeonMin(i, h, w), 0);
    b.addRow(
      `surgeon_minutes_${key}`,
      xl.map((x) => x.col),
      xl.map(minOf),
      -Infinity,
      cap,
    );
  }
  for (const [key, xl] of regionX) {
    const [s, w] = key.split('|').map(Number) as [number, number];
    if (new Set(xl.map((x) => x.h)).size < 2) continue;
    const cap = surgeonsOfSpec(s).reduce((t, i) => t + surgeonMin(i, -1, w), 0);
    b.addRow(
      `surgeon_minutes_region_${key}`,
      xl.map((x) => x.col),
      xl.map(minOf),
      -Infinity,
      cap,
    );
  }
  // "surgeon minutes" per procedure set (rows surgeon_minutes_procedures_*; subspecialists): for a set P of procedures, every case of P at a
  // governed hospital is done by a surgeon who does some procedure of P, so the minutes of P there
  // ≤ what those surgeons can give P: per available day min(maxMinPerDay, their lists that day ×
  // the most minutes of P one acceptable list holds). P = the procedures whose possible surgeons
  // all lie in D, for each distinct set D of surgeons who can do one procedure (at h; and over all
  // governed hospitals). The most minutes of P in a list is taken over the kept list patterns of
  // the hospital's longest list (patterns.ts): every acceptable list is dominated by one, so it is
  // a bound (none when the enumeration stopped early).
  const patternsFor = patternEnumerator(prep);
  const procsAt = new Map<string, Set<number>>();
  for (const x of xs) {
    const g = groups[x.group];
    if (!g) continue;
    const k = `${x.h}|${g.specIndex}`;
    const set = procsAt.get(k) ?? new Set<number>();
    set.add(g.procIndex);
    procsAt.set(k, set);
  }
  const theatreMinOf = (p: number): number =>
    Math.round(prep.procMeanMin[p] ?? 0) + (problem.procedures[p]?.turnoverMin ?? 0);
  const listMaxMin = (h: number, s: number, P: ReadonlySet<number>): number => {
    const pats = patternsFor(h, [...(procsAt.get(`${h}|${s}`) ?? [])]);
    if (pats === null) return Infinity;
    let best = 0;
    for (const pat of pats) {
      let t = 0;
      pat.procs.forEach((p, j) => {
        if (P.has(p)) t += (pat.counts[j] ?? 0) * theatreMinOf(p);
      });
      best = Math.max(best, t);
    }
    return best;
  };
  // Most planned minutes of P that fit in L minutes (planned minutes alone: an unbounded knapsack).
  const knapCache = new Map<string, number>();
  const knapMin = (P: ReadonlySet<number>, L: number): number => {
    const key = `${[...P].sort((a, b) => a - b).join(',')}|${L}`;
    const hit = knapCache.get(key);
    if (hit !== undefined) return hit;
    const sizes = [...P].map(theatreMinOf).filter((m) => m > 0);
    const reach = new Uint8Array(Math.max(0, L) + 1);
    reach[0] = 1;
    let best = 0;
    for (let t = 1; t <= L; t++) {
      for (const m of sizes)
        if (m <= t && reach[t - m]) {
          reach[t] = 1;
          best = t;
          break;
        }
    }
    knapCache.set(key, best);
    return best;
  };
  // Most minutes of P one surgeon's lists in one theatre at a time can hold at h on d: the best set
  // of pairwise non-overlapping sessions that may serve s (weighted interval scheduling), each
  // worth min(the most of P one list holds, what fits its length); a roster day has one list.
  // A surgeon in maxParallelTheatres theatres at once runs at most that many such chains.
  const chainMin = (h: number, d: number, s: number, P: ReadonlySet<number>): number => {
    const most = listMaxMin(h, s, P);
    const all = idx.sessionsByHd.get(`${h}|${d}`);
    if (!all) return Math.min(most, knapMin(P, problem.hospitals[h]?.listMin ?? 0));
    const ses = all
      .filter((x) => sessionServes(x, spec[s] ?? ''))
      .toSorted((a, b) => a.startMin + a.lengthMin - (b.startMin + b.lengthMin));
    const best: number[] = [];
    ses.forEach((x, k) => {
      const v = Math.min(most, knapMin(P, x.lengthMin));
      let prev = 0;
      for (let j = k - 1; j >= 0; j--) {
        const y = ses[j] as ProblemSession;
        if (y.startMin + y.lengthMin <= x.startMin) {
          prev = best[j] ?? 0;
          break;
        }
      }
      best.push(Math.max(best[k - 1] ?? 0, prev + v));
    });
    return best[best.length - 1] ?? 0;
  };
  // Minutes surgeon i can give P at h (h = −1: at the best of their governed hospitals) in period w.
  const procMin = (
    i: number,
    h: number | ReadonlySet<number>,
    w: number,
    s: number,
    P: ReadonlySet<number>,
  ): number => {
    const sg = idx.surgeons[i];
    if (!sg) return 0;
    const hs = (idx.hospitals[i] ?? []).filter((k) =>
      typeof h !== 'number' ? h.has(k) : h >= 0 ? k === h : idx.governed.has(`${k}|${idx.specIndex[i]}`),
    );
    let total = 0;
    for (const d of daysOf(w)) {
      if (!idx.availableDays[i]?.has(d)) continue;
      let best = 0;
      for (const k of hs) {
        if (!open(k, d)) continue;
        best = Math.max(best, sg.maxParallelTheatres * chainMin(k, d, s, P));
      }
      total += Math.min(sg.maxMinPerDay, best);
    }
    return total;
  };
  const allProcs = (s: number): ReadonlySet<number> => {
    const out = new Set<number>();
    for (const [k, set] of procsAt) if (Number(k.split('|')[1]) === s) for (const p of set) out.add(p);
    return out;
  };
  const procRows = (
    name: string,
    xl: readonly XVar[],
    mayAt: (i: number) => boolean,
    capOf: (i: number, P: ReadonlySet<number>) => number,
    /** Also the row of all procedures (no surgeon-minutes row covers this set of hospitals). */
    all = false,
  ): void => {
    const byProc = new Map<number, XVar[]>();
    for (const x of xl) pushTo(byProc, groups[x.group]?.procIndex ?? -1, x);
    const doers = new Map<number, number[]>();
    const sets = new Map<string, number[]>();
    const s = groups[xl[0]?.group ?? -1]?.specIndex ?? -1;
    for (const p of byProc.keys()) {
      const d = surgeonsOfSpec(s).filter((i) => mayAt(i) && (idx.procs[i]?.has(p) ?? false));
      doers.set(p, d);
      sets.set(d.join(','), d);
    }
    for (const [dk, d] of sets) {
      const inD = new Set(d);
      const ps = [...byProc.keys()].filter((p) => (doers.get(p) ?? []).every((i) => inD.has(i)));
      const P = new Set(ps);
      const cols = ps.flatMap((p) => byProc.get(p) ?? []);
      const cap = d.reduce((t, i) => t + capOf(i, P), 0);
      // All the specialty's procedures and no tighter than surgeon minutes: the row above says it.
      if (!all && ps.length === byProc.size && d.reduce((t, i) => t + capOf(i, new Set()), 0) <= cap)
        continue;
      b.addRow(
        `surgeon_minutes_procedures_${name}|${dk}`,
        cols.map((x) => x.col),
        cols.map(minOf),
        -Infinity,
        cap,
      );
    }
  };
  for (const [key, xl] of governedX) {
    const [h, s, w] = key.split('|').map(Number) as [number, number, number];
    procRows(
      key,
      xl,
      (i) => (idx.hospitals[i] ?? []).includes(h),
      (i, P) => (P.size === 0 ? surgeonMin(i, h, w) : procMin(i, h, w, s, P)),
    );
  }
  // … and over a host with visitors together with their home hospitals (a visitor counted at
  // both is one surgeon, one place a day): the same rows over the cluster.
  for (const [key, xl] of regionX) {
    const [s, w] = key.split('|').map(Number) as [number, number];
    const hs = new Set(xl.map((x) => x.h));
    if (hs.size < 2) continue;
    const seen = new Set<string>();
    for (const h of hs) {
      const cluster = new Set([h]);
      for (const i of surgeonsOfSpec(s)) {
        const home = idx.hospitals[i]?.[0];
        if (home !== undefined && home !== h && hs.has(home) && (idx.hospitals[i] ?? []).includes(h))
          cluster.add(home);
      }
      const ck = [...cluster].sort((a, b) => a - b).join(',');
      if (cluster.size < 2 || cluster.size === hs.size || seen.has(ck)) continue;
      seen.add(ck);
      procRows(
        `cluster_${ck}|${key}`,
        xl.filter((x) => cluster.has(x.h)),
        (i) => (idx.hospitals[i] ?? []).some((k) => cluster.has(k)),
        (i, P) => procMin(i, cluster, w, s, P.size === 0 ? allProcs(s) : P),
        true,
      );
    }
  }
  for (const [key, xl] of regionX) {
    const [s, w] = key.split('|').map(Number) as [number, number];
    if (new Set(xl.map((x) => x.h)).size < 2) continue;
    procRows(
      `region_${key}`,
      xl,
      () => true,
      (i, P) => (P.size === 0 ? surgeonMin(i, -1, w) : procMin(i, -1, w, s, P)),
    );
  }
  for (const [key, xl] of tiedX) {
    const [i, w] = key.split('|').map(Number) as [number, number];
    const sg = idx.surgeons[i];
    if (!sg) continue;
    const days = daysOf(w).filter((d) => idx.availableDays[i]?.has(d)).length;
    b.addRow(
      `tied_surgeon_${key}`,
      xl.map((x) => x.col),
      xl.map(minOf),
      -Infinity,
      days * sg.maxMinPerDay,
    );
  }
}

/**
 * For rounding the LP's lists (construct/round.ts): may one more list of specialty s open at
 * hospital h on day d, given the lists chosen so far (`lists(h, d, s)`), without breaking the
 * "sessions" and named "surgeon lists" rows above? Uses the same counts as those rows.
 */
export function sessionListGuard(
  prep: Prepared,
  zs: readonly ZVar[],
  /** Regional teams the rounding placed at h on d: each may staff one idle room of a session day. */
  teamsAt: (h: number, d: number) => number = () => 0,
): (h: number, d: number, s: number, lists: (h: number, d: number, s: number) => number) => boolean {
  const idx = staffIndex(prep);
  if (!idx.active) return () => true;
  const spec = prep.problem.specialtyIds;
  const specsAt = new Map<string, number[]>();
  for (const z of zs) pushTo(specsAt, `${z.h}|${z.d}`, z.s);
  const usable = (x: ProblemSession, h: number, d: number): boolean => {
    if (x.surgeonId === undefined) return true;
    const i = idx.surgeonIndex.get(x.surgeonId);
    return i !== undefined && (idx.availableDays[i]?.has(d) ?? false) && (idx.hospitals[i] ?? []).includes(h);
  };
  const chain = (h: number, d: number, s: number): number => {
    const all = idx.sessionsByHd.get(`${h}|${d}`);
    if (!all) return 1;
    let n = 0;
    let end = -Infinity;
    for (const x of [
      ...all.filter((y) => sessionServes(y, spec[s] ?? '')),
      ...teamWindowOf(prep, h, d),
    ].toSorted((a, b) => a.startMin + a.lengthMin - (b.startMin + b.lengthMin))) {
      if (x.startMin < end) continue;
      n++;
      end = x.startMin + x.lengthMin;
    }
    return n;
  };
  const named = (h: number, d: number, s: number): number => {
    let cap = 0;
    idx.surgeons.forEach((sg, i) => {
      if (idx.specIndex[i] !== s || !idx.availableDays[i]?.has(d) || !(idx.hospitals[i] ?? []).includes(h))
        return;
      cap += sg.maxParallelTheatres * chain(h, d, s);
    });
    return cap;
  };
  const governedHs = (s: number): number[] =>
    prep.problem.hospitals.map((_, h) => h).filter((h) => idx.governed.has(`${h}|${s}`));
  return (h, d, s, lists) => {
    const sessions = idx.sessionsByHd.get(`${h}|${d}`);
    if (sessions) {
      const open =
        sessions.filter((x) => x.specialtyId === undefined).length +
        Math.min(idleRooms(prep, h, d).length, teamsAt(h, d));
      let needOpen = 0;
      for (const t of specsAt.get(`${h}|${d}`) ?? []) {
        const ded = sessions.filter((x) => x.specialtyId === spec[t] && usable(x, h, d)).length;
        needOpen += Math.max(0, lists(h, d, t) + (t === s ? 1 : 0) - ded);
      }
      if (needOpen > open) return false;
    }
    if (!idx.governed.has(`${h}|${s}`)) return true;
    if (lists(h, d, s) + 1 > named(h, d, s)) return false;
    const hs = governedHs(s);
    if (hs.length < 2) return true;
    let total = 1;
    for (const k of hs) total += lists(k, d, s);
    let cap = 0;
    idx.surgeons.forEach((sg, i) => {
      if (idx.specIndex[i] !== s || !idx.availableDays[i]?.has(d)) return;
      const best = Math.max(
        0,
        ...(idx.hospitals[i] ?? []).filter((k) => hs.includes(k)).map((k) => chain(k, d, s)),
      );
      cap += sg.maxParallelTheatres * best;
    });
    return total <= cap;
  };
}

/**
 * The window of a team list in an idle room of a session hospital-day (the hospital's list start and
 * listMin), as one more "session" for counting a surgeon's non-overlapping lists; none elsewhere.
 */
function teamWindowOf(prep: Prepared, h: number, d: number): { startMin: number; lengthMin: number }[] {
  if (idleRooms(prep, h, d).length === 0) return [];
  const hosp = prep.problem.hospitals[h];
  return [{ startMin: hosp?.listStartMin ?? 0, lengthMin: hosp?.listMin ?? 0 }];
}

/** Appends to a map of arrays in place (no copying: these maps hold hundreds of thousands). */
function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/**
 * The longest list specialty s can run at hospital h on day d when that day has a session plan:
 * the longest session that may serve s (its own, open ones, its named surgeons'), or the hospital's listMin where an idle room may take a
 * regional team's full-day list. Undefined on a roster day (no session plan). Every list of s there
 * lies in one of those, so list patterns enumerated at this length still dominate every list the
 * day can hold (ADR 0023, "Case mix on session days").
 */
export function longestListMin(prep: Prepared, h: number, d: number, s: number): number | undefined {
  const idx = staffIndex(prep);
  if (!idx.active) return undefined;
  const sessions = idx.sessionsByHd.get(`${h}|${d}`);
  if (!sessions) return undefined;
  const specialtyId = prep.problem.specialtyIds[s] ?? '';
  // A named surgeon's session serves only that surgeon's specialty (the checker's "session" rule).
  const surgeonSpec = new Map((prep.problem.surgeons ?? []).map((g) => [g.id, g.specialtyId]));
  let longest = 0;
  for (const x of sessions) {
    if (!sessionServes(x, specialtyId)) continue;
    const own = x.surgeonId === undefined ? undefined : surgeonSpec.get(x.surgeonId);
    if (own !== undefined && own !== specialtyId) continue;
    longest = Math.max(longest, x.lengthMin);
  }
  if (idleRooms(prep, h, d).length > 0) longest = Math.max(longest, prep.problem.hospitals[h]?.listMin ?? 0);
  return longest > 0 ? Math.min(longest, idx.listCapMin[h] ?? longest) : undefined;
}
