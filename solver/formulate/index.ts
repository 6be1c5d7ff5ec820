// The aggregate model (docs/design.md §3): patient groups × hospital × day, theatre lists per
// specialty, regional-team placements and lent surgeon lists. Each constraint family is built by
// its own function below and carries a stable name (used in row names and tests).
import { ModelBuilder, type LinearModel } from '../backends/model.ts';
import type { Prepared } from '../eligibility/index.ts';
import type { Pin, ProblemHospitalDay } from '../model/problem.ts';
import type { PatientGroup } from './groups.ts';
import { listCuts, type ListCut } from './overrunCut.ts';
import { patternEnumerator, type ListPattern } from './patterns.ts';
import { addWardBeds } from './beds.ts';
import { hasDay } from '../eligibility/days.ts';
import { addMustTreat } from './mustTreat.ts';
import { mustTreatBlocked } from '../explain/mustTreat.ts';
import { addSessionsAndSurgeons, longestListMin, SESSION_FAMILIES } from './sessions.ts';
import { listSlots } from '../eligibility/staff.ts';

export const CONSTRAINT_FAMILIES = [
  'group size',
  'pin',
  'list minutes',
  'rooms',
  'staffed teams',
  'surgeon lists',
  'lending beyond spare lists',
  'regional team',
  'ward beds',
  'must treat',
  ...SESSION_FAMILIES,
] as const;

export interface XVar {
  col: number;
  group: number;
  k: number;
  h: number;
  /** Week of the horizon (0-based): x is per week, days within it are left to construction. */
  w: number;
}

/** Default time resolution of x and the list patterns: one week (see ADR 0003). */
export const DEFAULT_PERIOD_DAYS = 7;
export interface ZVar {
  col: number;
  h: number;
  d: number;
  s: number;
  /** A pin needs at least one list here ("pin"). */
  pinned: boolean;
}
export interface KVar {
  col: number;
  team: number;
  h: number;
  d: number;
}
export interface MVar {
  col: number;
  from: number;
  to: number;
  d: number;
  s: number;
}

/** y: lists of one pattern at hospital h for specialty s in week w. */
export interface YVar {
  col: number;
  h: number;
  s: number;
  w: number;
  pattern: ListPattern;
}

export interface AggregateModel {
  model: LinearModel;
  /** Days per period of x and y (7 = weekly, 1 = daily). */
  periodDays: number;
  xs: XVar[];
  ys: YVar[];
  zs: ZVar[];
  ks: KVar[];
  ms: MVar[];
}

export function formulate(
  prep: Prepared,
  groups: PatientGroup[],
  periodDays = DEFAULT_PERIOD_DAYS,
): AggregateModel {
  const { problem, days, cap } = prep;
  const b = new ModelBuilder();
  const H = problem.hospitals.length;
  const S = problem.specialtyIds.length;
  const pins = new Map<string, Pin>(problem.pins.map((p) => [p.patientId, p]));
  const offersSpec: boolean[][] = problem.hospitals.map((h) => {
    const row = new Array<boolean>(S).fill(false);
    for (const pid of h.procedureIds) {
      const pi = prep.procIndex.get(pid);
      const si = pi === undefined ? undefined : prep.specIndex.get(problem.procedures[pi]?.specialtyId ?? '');
      if (si !== undefined) row[si] = true;
    }
    return row;
  });
  const open = (h: number, d: number): ProblemHospitalDay | undefined => {
    const c = cap[h]?.[d];
    return c !== undefined && c.openTheatreIds.length > 0 ? c : undefined;
  };
  const cutsFor = listCuts(prep);

  // Variables: x (patients of a group at a hospital in a week of the horizon), continuous. Days are
  // left to construction: a week-level x with day-level lists is still a relaxation of every
  // detailed plan (coefficients take the best allowed day), and it is ~5x smaller than x per day.
  const xs: XVar[] = [];
  const weeks = Math.ceil(days / periodDays);
  for (const g of groups) {
    const pin = g.pinned ? pins.get(g.members[0]?.patient.id ?? '') : undefined;
    g.hospitals.forEach((h, k) => {
      if (pin && problem.hospitals[h]?.id !== pin.hospitalId) return;
      for (let w = 0; w < weeks; w++) {
        let best = -Infinity;
        for (let d = w * periodDays; d < Math.min(days, (w + 1) * periodDays); d++) {
          if (!hasDay(g.dayMask, d) || open(h, d) === undefined) continue;
          if (pin && problem.startDay + d !== pin.day) continue;
          const value = g.benefitMax[k]?.[d] ?? NaN;
          if (Number.isFinite(value)) best = Math.max(best, value);
        }
        if (best === -Infinity) continue;
        const col = b.addColumn(`x_${g.index}_${h}_${w}`, -best, 0, g.members.length, false);
        xs.push({ col, group: g.index, k, h, w });
      }
    });
  }
  // z: theatre lists per hospital-day-specialty, integer. A pin needs a list of its specialty at
  // its hospital on its day ("pin"): the week-level x alone would not put it on that day.
  const pinnedLists = new Set<string>();
  for (const g of groups) {
    if (!g.pinned) continue;
    const pin = pins.get(g.members[0]?.patient.id ?? '');
    const h = pin ? prep.hIndex.get(pin.hospitalId) : undefined;
    if (pin && h !== undefined) pinnedLists.add(`${h}|${pin.day - problem.startDay}|${g.specIndex}`);
  }
  const zIndex = new Map<string, ZVar>();
  const zs: ZVar[] = [];
  for (let h = 0; h < H; h++) {
    for (let d = 0; d < days; d++) {
      const c = open(h, d);
      if (!c) continue;
      for (let s = 0; s < S; s++) {
        if (!offersSpec[h]?.[s]) continue;
        const pinned = pinnedLists.has(`${h}|${d}|${s}`);
        const col = b.addColumn(`z_${h}_${d}_${s}`, 0, 0, listSlots(prep, h, d), true);
        if (pinned) b.addRow(`pin_list_${h}|${d}|${s}`, [col], [1], 1, Infinity);
        const v = { col, h, d, s, pinned };
        zs.push(v);
        zIndex.set(`${h}|${d}|${s}`, v);
      }
    }
  }
  // k: regional team t placed at h on d, binary; only where a room would stand idle for lack of staff.
  const ks: KVar[] = [];
  problem.regionalTeams.forEach((t, ti) => {
    const allowed = new Set(t.allowedHospitalIds);
    for (const day of t.availableDays) {
      const d = day - problem.startDay;
      if (d < 0 || d >= days) continue;
      for (let h = 0; h < H; h++) {
        const c = open(h, d);
        const hosp = problem.hospitals[h];
        if (!c || !hosp || (allowed.size > 0 && !allowed.has(hosp.id))) continue;
        if (c.openTheatreIds.length <= c.staffedTeams) continue;
        const cost = problem.weights.teamPointsPerSek * t.costSekPerDay;
        ks.push({ col: b.addColumn(`k_${ti}_${h}_${d}`, cost, 0, 1, true), team: ti, h, d });
      }
    }
  });
  // m: surgeon lists lent from f to h for specialty s on d, integer.
  const ms: MVar[] = [];
  for (let d = 0; d < days; d++) {
    for (let f = 0; f < H; f++) {
      const cf = cap[f]?.[d];
      if (!cf) continue;
      const fromId = problem.hospitals[f]?.id ?? '';
      for (const [spec, lendable] of Object.entries(cf.lendableSurgeonLists)) {
        const s = prep.specIndex.get(spec);
        if (s === undefined || lendable <= 0) continue;
        for (let h = 0; h < H; h++) {
          if (h === f || !zIndex.has(`${h}|${d}|${s}`)) continue;
          const km = problem.distanceKm[fromId]?.[problem.hospitals[h]?.id ?? ''];
          if (km === undefined || km > problem.rules.maxLendKm) continue;
          const cost = problem.weights.lentListPointsPerList + problem.weights.lentListPointsPerKm * km;
          ms.push({
            col: b.addColumn(`m_${f}_${h}_${d}_${s}`, cost, 0, lendable, true),
            from: f,
            to: h,
            d,
            s,
          });
        }
      }
    }
  }

  addGroupSize(b, groups, xs);
  const ys = addListMinutes(b, prep, groups, xs, zs, cutsFor, periodDays);
  addRoomsAndStaff(b, prep, zs, ks);
  addSurgeonLists(b, prep, zs, ms);
  addRegionalTeam(b, ks);
  addWardBeds(b, prep, groups, xs, periodDays);
  if (prep.patients.some((p) => p.mustTreat))
    addMustTreat(b, groups, xs, new Set(mustTreatBlocked(prep).keys()));
  addSessionsAndSurgeons(b, prep, groups, xs, zs, periodDays, ks);
  return {
    model: b.build(),
    periodDays,
    xs,
    ys,
    zs,
    ks,
    ms,
  };
}

/** "group size" (and "pin"): a group's planned patients never exceed its members; a pin is planned. */
function addGroupSize(b: ModelBuilder, groups: PatientGroup[], xs: XVar[]): void {
  const byGroup = new Map<number, number[]>();
  for (const x of xs) {
    const l = byGroup.get(x.group);
    if (l) l.push(x.col);
    else byGroup.set(x.group, [x.col]);
  }
  for (const g of groups) {
    const cols = byGroup.get(g.index) ?? [];
    if (g.pinned)
      b.addRow(
        `pin_${g.index}`,
        cols,
        cols.map(() => 1),
        1,
        1,
      );
    else if (cols.length > 0)
      b.addRow(
        `group_size_${g.index}`,
        cols,
        cols.map(() => 1),
        -Infinity,
        g.members.length,
      );
  }
}

/**
 * "list minutes": the cases planned for a specialty at a hospital in a week fit into that week's
 * lists. Preferably as list patterns (patterns.ts): y lists of each pattern, Σ_p y ≤ lists, and
 * per procedure Σ x ≤ Σ_p count·y. Where the patterns are too many to enumerate, as valid
 * knapsack cuts instead (overrunCut.ts). Rows are named list_minutes_<proc|count|cut>_h|s|w.
 */
function addListMinutes(
  b: ModelBuilder,
  prep: Prepared,
  groups: PatientGroup[],
  xs: XVar[],
  zs: ZVar[],
  cutsFor: (h: number, s: number) => ListCut[],
  periodDays: number,
): YVar[] {
  const patternsFor = patternEnumerator(prep);
  const xsBy = new Map<string, XVar[]>();
  const procsAt = new Map<string, Set<number>>();
  for (const x of xs) {
    const g = groups[x.group] as PatientGroup;
    const key = `${x.h}|${g.specIndex}|${x.w}`;
    const l = xsBy.get(key) ?? [];
    l.push(x);
    xsBy.set(key, l);
    const pk = `${x.h}|${g.specIndex}`;
    const set = procsAt.get(pk) ?? new Set<number>();
    set.add(g.procIndex);
    procsAt.set(pk, set);
  }
  const zsBy = new Map<string, ZVar[]>();
  for (const z of zs) {
    const key = `${z.h}|${z.s}|${Math.floor(z.d / periodDays)}`;
    const l = zsBy.get(key) ?? [];
    l.push(z);
    zsBy.set(key, l);
  }
  const ys: YVar[] = [];
  for (const [key, xl] of xsBy) {
    const [h, s, w] = key.split('|').map(Number) as [number, number, number];
    const zl = zsBy.get(key) ?? [];
    const longest = periodDays === 1 ? longestListMin(prep, h, w, s) : undefined;
    const patterns = patternsFor(h, [...(procsAt.get(`${h}|${s}`) ?? [])], longest);
    if (patterns !== null) {
      const yCols: YVar[] = patterns.map((pattern, pi) => ({
        col: b.addColumn(`y_${key}_${pi}`, 0, 0, Infinity, true),
        h,
        s,
        w,
        pattern,
      }));
      ys.push(...yCols);
      b.addRow(
        `list_minutes_count_${key}`,
        [...yCols.map((y) => y.col), ...zl.map((z) => z.col)],
        [...yCols.map(() => 1), ...zl.map(() => -1)],
        -Infinity,
        0,
      );
      const byProc = new Map<number, number[]>();
      for (const x of xl) {
        const pi = (groups[x.group] as PatientGroup).procIndex;
        const l = byProc.get(pi) ?? [];
        l.push(x.col);
        byProc.set(pi, l);
      }
      for (const [pi, cols] of byProc) {
        const yc: number[] = [];
        const yv: number[] = [];
        for (const y of yCols) {
          const j = y.pattern.procs.indexOf(pi);
          if (j >= 0) {
            yc.push(y.col);
            yv.push(-(y.pattern.counts[j] ?? 0));
          }
        }
        b.addRow(
          `list_minutes_proc${pi}_${key}`,
          [...cols, ...yc],
          [...cols.map(() => 1), ...yv],
          -Infinity,
          0,
        );
      }
      continue;
    }
    for (const cut of cutsFor(h, s)) {
      const cols: number[] = [];
      const vals: number[] = [];
      for (const x of xl) {
        const wgt = cut.weight((groups[x.group] as PatientGroup).procIndex);
        if (wgt === 0) continue;
        cols.push(x.col);
        vals.push(wgt);
      }
      if (cols.length === 0) continue;
      for (const z of zl) {
        cols.push(z.col);
        vals.push(-cut.capacity);
      }
      b.addRow(`list_minutes_${cut.name}_${key}`, cols, vals, -Infinity, 0);
    }
  }
  return ys;
}

/** "rooms" and "staffed teams": lists ≤ open theatres; lists ≤ own staffed teams + regional teams placed. */
function addRoomsAndStaff(b: ModelBuilder, prep: Prepared, zs: ZVar[], ks: KVar[]): void {
  const byHd = new Map<string, { z: number[]; k: number[] }>();
  const get = (h: number, d: number): { z: number[]; k: number[] } => {
    const key = `${h}|${d}`;
    let e = byHd.get(key);
    if (!e) byHd.set(key, (e = { z: [], k: [] }));
    return e;
  };
  for (const z of zs) get(z.h, z.d).z.push(z.col);
  for (const k of ks) get(k.h, k.d).k.push(k.col);
  for (const [key, e] of byHd) {
    const [h, d] = key.split('|').map(Number) as [number, number];
    const c = prep.cap[h]?.[d];
    if (!c || e.z.length === 0) continue;
    b.addRow(
      `rooms_${key}`,
      e.z,
      e.z.map(() => 1),
      -Infinity,
      listSlots(prep, h, d),
    );
    b.addRow(
      `staffed_teams_${key}`,
      [...e.z, ...e.k],
      [...e.z.map(() => 1), ...e.k.map(() => -1)],
      -Infinity,
      c.staffedTeams,
    );
  }
}

/**
 * "surgeon lists": lists of a specialty ≤ own surgeon lists − lent out + borrowed;
 * "lending beyond spare lists": lent out ≤ the lender's lendable lists.
 */
function addSurgeonLists(b: ModelBuilder, prep: Prepared, zs: ZVar[], ms: MVar[]): void {
  const spec = prep.problem.specialtyIds;
  const inByKey = new Map<string, number[]>();
  const outByKey = new Map<string, number[]>();
  const push = (m: Map<string, number[]>, key: string, col: number): void => {
    const l = m.get(key);
    if (l) l.push(col);
    else m.set(key, [col]);
  };
  for (const m of ms) {
    push(inByKey, `${m.to}|${m.d}|${m.s}`, m.col);
    push(outByKey, `${m.from}|${m.d}|${m.s}`, m.col);
  }
  const zKeys = new Set<string>();
  for (const z of zs) {
    const key = `${z.h}|${z.d}|${z.s}`;
    zKeys.add(key);
    const own = prep.cap[z.h]?.[z.d]?.surgeonLists[spec[z.s] ?? ''] ?? 0;
    const ins = inByKey.get(key) ?? [];
    const outs = outByKey.get(key) ?? [];
    b.addRow(
      `surgeon_lists_${key}`,
      [z.col, ...ins, ...outs],
      [1, ...ins.map(() => -1), ...outs.map(() => 1)],
      -Infinity,
      own,
    );
  }
  for (const [key, outs] of outByKey) {
    const [f, d, s] = key.split('|').map(Number) as [number, number, number];
    const c = prep.cap[f]?.[d];
    const lendable = c?.lendableSurgeonLists[spec[s] ?? ''] ?? 0;
    b.addRow(
      `lending_${key}`,
      outs,
      outs.map(() => 1),
      -Infinity,
      lendable,
    );
    if (!zKeys.has(key)) {
      // A lender without its own list variable still cannot lend more surgeons than it has.
      const own = c?.surgeonLists[spec[s] ?? ''] ?? 0;
      b.addRow(
        `surgeon_lists_${key}`,
        outs,
        outs.map(() => 1),
        -Infinity,
        own,
      );
    }
  }
}

/** "regional team": a team is in at most one hospital per day. */
function addRegionalTeam(b: ModelBuilder, ks: KVar[]): void {
  const byTeamDay = new Map<string, number[]>();
  for (const k of ks) {
    const key = `${k.team}|${k.d}`;
    const l = byTeamDay.get(key);
    if (l) l.push(k.col);
    else byTeamDay.set(key, [k.col]);
  }
  for (const [key, cols] of byTeamDay)
    b.addRow(
      `regional_team_${key}`,
      cols,
      cols.map(() => 1),
      -Infinity,
      1,
    );
}
