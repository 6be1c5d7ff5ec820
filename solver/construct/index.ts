// Disaggregation: integer lists, teams and lent surgeons from the aggregate
// solution; whole patients chosen from each group (most valuable first, nearest for the hospital);
// packed into the lists first-fit-decreasing under the overrun cap.
import { compareUrgency, type Prepared, type PreparedPatient } from '../eligibility/index.ts';
import type { AggregateModel } from '../formulate/index.ts';
import type { PatientGroup } from '../formulate/groups.ts';
import { addCase, fits, listLengthMin, newList, type WorkList } from './lists.ts';
import type { ListPattern } from '../formulate/patterns.ts';
import { BedLedger } from './beds.ts';
import { SurgeonLedger, surgeonMay, takeSession, type Window } from './staff.ts';
import type { ProblemSession } from '../model/problem.ts';
import { hasDay } from '../eligibility/days.ts';
import { idleRooms } from '../eligibility/staff.ts';

export interface Construction {
  lists: WorkList[];
  /** Lists per "h|d|s" for quick lookup. */
  byKey: Map<string, WorkList[]>;
  assigned: Set<number>;
  teamPlacements: { team: number; h: number; d: number; theatreId: string }[];
  lent: { from: number; to: number; d: number; s: number; theatreId: string }[];
}

export function openLists(
  prep: Prepared,
  agg: AggregateModel,
  x: Float64Array,
  groups?: readonly PatientGroup[],
): Construction {
  const { problem } = prep;
  const val = (col: number): number => Math.round(x[col] ?? 0);
  const spec = problem.specialtyIds;
  // Gather integer decisions per hospital-day.
  const zByHd = new Map<string, { s: number; n: number }[]>();
  for (const z of agg.zs) {
    const n = val(z.col);
    if (n <= 0) continue;
    const key = `${z.h}|${z.d}`;
    const l = zByHd.get(key);
    if (l) l.push({ s: z.s, n });
    else zByHd.set(key, [{ s: z.s, n }]);
  }
  const teamsAt = new Map<string, number[]>();
  for (const k of agg.ks) {
    if (val(k.col) < 1) continue;
    const key = `${k.h}|${k.d}`;
    const l = teamsAt.get(key);
    if (l) l.push(k.team);
    else teamsAt.set(key, [k.team]);
  }
  const borrowed = new Map<string, number[]>();
  const lentOut = new Map<string, number>();
  for (const m of agg.ms) {
    // Never lend more than the lender can spare, even from an x the LP left unfinished (time limit).
    const spare = prep.cap[m.from]?.[m.d]?.lendableSurgeonLists[spec[m.s] ?? ''] ?? 0;
    const n = Math.min(val(m.col), spare - (lentOut.get(`${m.from}|${m.d}|${m.s}`) ?? 0));
    if (n <= 0) continue;
    const key = `${m.to}|${m.d}|${m.s}`;
    const l = borrowed.get(key) ?? [];
    for (let i = 0; i < n; i++) l.push(m.from);
    borrowed.set(key, l);
    const outKey = `${m.from}|${m.d}|${m.s}`;
    lentOut.set(outKey, (lentOut.get(outKey) ?? 0) + n);
  }

  const lists: WorkList[] = [];
  const byKey = new Map<string, WorkList[]>();
  const teamPlacements: Construction['teamPlacements'] = [];
  const lent: Construction['lent'] = [];
  // One ward-bed ledger for all lists of this plan (beds.ts).
  const beds = new BedLedger(prep);
  // One named-surgeon ledger for all lists of this plan (staff.ts).
  const staff = new SurgeonLedger(prep);
  // Lists' surgeons follow the cases the aggregate chose (subspecialists, ADR 0023).
  staff.setDemand(agg.periodDays, (put) => {
    for (const xv of agg.xs) {
      const v = x[xv.col] ?? 0;
      const g = groups?.[xv.group];
      if (v <= 1e-6 || !g) continue;
      const tied = g.members[0]?.patient.surgeonId;
      const ti = tied === undefined ? undefined : staff.idx.surgeonIndex.get(tied);
      put(
        xv.h,
        g.specIndex,
        xv.w,
        ti === undefined ? g.procIndex : -1 - ti,
        v * (g.members[0]?.theatreMin ?? 0),
      );
    }
  });
  // Travelling surgeons: per day and governed specialty, match surgeons to the lists across
  // hospitals before handing them out hospital by hospital (staff.ts reserve).
  const needBy = new Map<string, Map<number, number>>();
  for (const [key, specs] of zByHd) {
    const [h, d] = key.split('|').map(Number) as [number, number];
    for (const { s, n } of specs) {
      if (!staff.idx.governed.has(`${h}|${s}`)) continue;
      const k = `${d}|${s}`;
      const m = needBy.get(k) ?? new Map<number, number>();
      m.set(h, (m.get(h) ?? 0) + n);
      needBy.set(k, m);
    }
  }
  for (const [k, need] of [...needBy.entries()].sort(compareKeys)) {
    const [d, s] = k.split('|').map(Number) as [number, number];
    staff.reserve(d, s, need);
  }
  for (const [key, specs] of [...zByHd.entries()].sort(compareKeys)) {
    const [h, d] = key.split('|').map(Number) as [number, number];
    const c = prep.cap[h]?.[d];
    if (!c) continue;
    // Theatres named by pins are reserved for their specialty and handed out first.
    const reserved = new Map<string, number>();
    for (const pin of problem.pins) {
      if (
        pin.theatreId === undefined ||
        prep.hIndex.get(pin.hospitalId) !== h ||
        pin.day - problem.startDay !== d
      )
        continue;
      const pp = prep.patientById.get(pin.patientId);
      if (pp) reserved.set(pin.theatreId, pp.specIndex);
    }
    const theatres = [...c.openTheatreIds];
    const takeTheatre = (s: number): string | undefined => {
      const own = theatres.findIndex((t) => reserved.get(t) === s);
      const free = own >= 0 ? own : theatres.findIndex((t) => !reserved.has(t));
      const i = free >= 0 ? free : 0;
      return theatres.splice(i, 1)[0];
    };
    const sessionsLeft = staff.idx.sessionsByHd.has(key)
      ? [...(staff.idx.sessionsByHd.get(key) ?? [])]
      : undefined;
    // Idle rooms of a session day: only a placed regional team staffs one (ADR 0023).
    const idle = sessionsLeft ? [...idleRooms(prep, h, d)] : [];
    // Open sessions beyond what the day's other lists need (lists of s beyond the sessions
    // dedicated to s) may go to any specialty in length order, so a list takes a full day rather
    // than a half while a full open session would stand empty.
    let openSpare = 0;
    if (sessionsLeft) {
      openSpare = sessionsLeft.filter((x) => x.specialtyId === undefined).length;
      for (const { s, n } of specs)
        openSpare -= Math.max(0, n - sessionsLeft.filter((x) => x.specialtyId === spec[s]).length);
    }
    let ownStaff = c.staffedTeams;
    const teams = [...(teamsAt.get(key) ?? [])];
    const reservedSpecs = new Set(reserved.values());
    for (const { s, n } of specs.toSorted(
      (a, b) => Number(reservedSpecs.has(b.s)) - Number(reservedSpecs.has(a.s)) || a.s - b.s,
    )) {
      let ownSurgeons = (c.surgeonLists[spec[s] ?? ''] ?? 0) - (lentOut.get(`${h}|${d}|${s}`) ?? 0);
      const lenders = [...(borrowed.get(`${h}|${d}|${s}`) ?? [])];
      const governed = staff.idx.governed.has(`${h}|${s}`);
      const hosp = problem.hospitals[h];
      const rosterWindow = {
        startMin: hosp?.listStartMin ?? 0,
        endMin: (hosp?.listStartMin ?? 0) + (hosp?.listMin ?? 0),
      };
      const windowOf = (x: ProblemSession): Window => ({
        startMin: x.startMin,
        endMin: x.startMin + x.lengthMin,
      });
      for (let i = 0; i < n; i++) {
        // Where the hospital-day has a session plan, the list takes a session (ADR 0023).
        let session: ProblemSession | undefined;
        let theatreId: string | undefined;
        if (sessionsLeft) {
          session = takeSession(
            sessionsLeft,
            spec[s] ?? '',
            (x) =>
              (!governed && x.surgeonId === undefined) || staff.pick(h, d, s, windowOf(x), x) !== undefined,
            (x) => reserved.get(x.theatreId) === s,
            openSpare > 0,
          );
          // An open session taken while the specialty still had its own: one spare fewer.
          if (
            session?.specialtyId === undefined &&
            sessionsLeft.some((x) => x.specialtyId === spec[s] && x.surgeonId === undefined)
          )
            openSpare--;
          theatreId = session?.theatreId;
          if (session === undefined && teams.length > 0 && idle.length > 0)
            if (!governed || staff.pick(h, d, s, rosterWindow) !== undefined) theatreId = idle.shift();
        } else {
          theatreId = takeTheatre(s);
          if (theatreId !== undefined && governed && staff.pick(h, d, s, rosterWindow) === undefined) {
            theatres.unshift(theatreId);
            theatreId = undefined;
          }
        }
        if (theatreId === undefined) break;
        const inIdleRoom = sessionsLeft !== undefined && session === undefined;
        const giveBack = (): void => {
          if (session) sessionsLeft?.unshift(session);
          else if (inIdleRoom) idle.unshift(theatreId as string);
          else theatres.unshift(theatreId as string);
        };
        let staffedBy: WorkList['staffedBy'];
        let team: number | undefined;
        if (ownStaff > 0 && !inIdleRoom) {
          ownStaff--;
          staffedBy = 'own';
        } else if ((team = teams.shift()) !== undefined) {
          staffedBy = { regionalTeamId: problem.regionalTeams[team]?.id ?? '' };
        } else {
          giveBack();
          break;
        }
        let surgeonFromH: number;
        let surgeon: number | undefined;
        if (governed || session?.surgeonId !== undefined) {
          // A named surgeon: their home is the lender when they travel (the new "lending").
          const w = session ? windowOf(session) : rosterWindow;
          surgeon = staff.pick(h, d, s, w, session) as number;
          staff.take(surgeon, h, d, w);
          surgeonFromH = staff.idx.hospitals[surgeon]?.[0] ?? h;
          if (surgeonFromH !== h) lent.push({ from: surgeonFromH, to: h, d, s, theatreId });
        } else if (ownSurgeons > 0) {
          ownSurgeons--;
          surgeonFromH = h;
        } else {
          const from = lenders.shift();
          if (from === undefined) {
            // No surgeon after all (rounding): give the staff back.
            if (staffedBy === 'own') ownStaff++;
            else if (team !== undefined) teams.unshift(team);
            giveBack();
            break;
          }
          surgeonFromH = from;
          lent.push({ from, to: h, d, s, theatreId });
        }
        if (team !== undefined) teamPlacements.push({ team, h, d, theatreId });
        const l = newList(h, d, s, theatreId, staffedBy, surgeonFromH);
        l.beds = beds;
        if (session) l.session = { id: session.id, startMin: session.startMin, lengthMin: session.lengthMin };
        if (staff.idx.active) l.surgeons = staff;
        if (surgeon !== undefined) l.surgeon = surgeon;
        lists.push(l);
        const lk = `${h}|${d}|${s}`;
        const arr = byKey.get(lk);
        if (arr) arr.push(l);
        else byKey.set(lk, [l]);
      }
    }
  }
  return { lists, byKey, assigned: new Set(), teamPlacements, lent };
}

/** Place pinned patients first, then the aggregate's chosen patients per group. */
export function placePatients(
  prep: Prepared,
  groups: PatientGroup[],
  agg: AggregateModel,
  x: Float64Array,
  con: Construction,
): void {
  const { problem } = prep;
  // Pins: into the pinned theatre if given, else the emptiest list of the specialty.
  for (const pin of problem.pins) {
    const pp = prep.patientById.get(pin.patientId);
    const h = prep.hIndex.get(pin.hospitalId);
    if (!pp || h === undefined) continue;
    const cands = (con.byKey.get(`${h}|${pin.day - problem.startDay}|${pp.specIndex}`) ?? []).filter(
      (l) => pin.theatreId === undefined || l.theatreId === pin.theatreId,
    );
    const target = cands.toSorted((a, b) => a.plannedSumMin - b.plannedSumMin)[0];
    if (target) {
      addCase(prep, target, pp);
      con.assigned.add(pp.index);
    }
  }
  // Re-solves: previous cases first, most urgent first, back into a list of their specialty at
  // their previous hospital and day (their previous theatre when it has one) if they still fit —
  // a case moves only for a reason (ADR 0008). Their groups' x then takes the remaining members.
  const pinnedIds = new Set(problem.pins.map((p) => p.patientId));
  const claimed = new Map<string, WorkList>();
  for (const pp of prep.patients.filter((p) => p.prevD >= 0).toSorted(compareUrgency)) {
    if (pp.blockedBy !== null || pinnedIds.has(pp.patient.id) || con.assigned.has(pp.index)) continue;
    if (!hasDay(pp.dayMask, pp.prevD) || !pp.hospitals.includes(pp.prevH)) continue;
    // Each previous theatre maps to one list (its own label when free), so cases that shared a
    // list share one again and keepPreviousTheatres can give it back its theatre.
    const key = `${pp.prevH}|${pp.prevD}|${pp.specIndex}`;
    const lists = con.byKey.get(key) ?? [];
    let home = claimed.get(`${key}|${pp.prevTheatreId}`);
    if (home === undefined) {
      const taken = new Set(claimed.values());
      home =
        lists.find((l) => l.theatreId === pp.prevTheatreId && !taken.has(l)) ??
        lists.find((l) => !taken.has(l));
      if (home) claimed.set(`${key}|${pp.prevTheatreId}`, home);
    }
    const target = home && fits(prep, home, pp) ? home : lists.find((l) => fits(prep, l, pp));
    if (target) {
      addCase(prep, target, pp);
      con.assigned.add(pp.index);
    }
  }
  // Distribute each group's members over its x values (largest remainder), nearest members first.
  const perHs = new Map<string, PreparedPatient[]>();
  const byGroup = new Map<number, { h: number; k: number; w: number; v: number }[]>();
  for (const xv of agg.xs) {
    const v = x[xv.col] ?? 0;
    if (v <= 1e-6) continue;
    const l = byGroup.get(xv.group) ?? [];
    l.push({ h: xv.h, k: xv.k, w: xv.w, v });
    byGroup.set(xv.group, l);
  }
  for (const [gi, vars] of [...byGroup.entries()].sort((a, b) => a[0] - b[0])) {
    const g = groups[gi] as PatientGroup;
    if (g.pinned) continue;
    const total = Math.round(vars.reduce((s, v) => s + v.v, 0));
    const counts = vars.map((v) => Math.floor(v.v + 1e-6));
    let rest = total - counts.reduce((s, c) => s + c, 0);
    const order = vars
      .map((v, i) => ({ i, frac: v.v - Math.floor(v.v + 1e-6) }))
      .sort((a, b) => b.frac - a.frac || a.i - b.i);
    for (const o of order) {
      if (rest <= 0) break;
      counts[o.i] = (counts[o.i] ?? 0) + 1;
      rest--;
    }
    const pool = g.members.filter((m) => !con.assigned.has(m.index));
    vars.forEach((v, i) => {
      const want = counts[i] ?? 0;
      if (want <= 0) return;
      // The most urgent members (ADR 0008): preferring nearer ones would let a less urgent patient
      // overtake a more urgent one eligible for the same lists (groups share a 25 km travel class).
      const chosen = pool.slice(0, want);
      for (const m of chosen) pool.splice(pool.indexOf(m), 1);
      const key = `${v.h}|${g.specIndex}|${v.w}`;
      const l = perHs.get(key) ?? [];
      l.push(...chosen);
      perHs.set(key, l);
    });
  }
  // Per hospital and specialty: the most urgent first, each into the earliest day's list where it
  // fits (ties: the list with most room), so late patients are operated first in the week.
  // (Tried: longest-first best-fit and first-fit decreasing; both placed ~1.5 % fewer patients.)
  const listsByHs = new Map<string, WorkList[]>();
  for (const l of con.lists) {
    const key = `${l.h}|${l.s}|${Math.floor(l.d / agg.periodDays)}`;
    const arr = listsByHs.get(key) ?? [];
    arr.push(l);
    listsByHs.set(key, arr);
  }
  // Patterns chosen by the model, per hospital, specialty and week, one per list in day order:
  // each list first takes the most urgent chosen patients of its pattern's procedures.
  const patternsBy = new Map<string, ListPattern[]>();
  for (const y of agg.ys) {
    const n = Math.round(x[y.col] ?? 0);
    if (n <= 0) continue;
    const key = `${y.h}|${y.s}|${y.w}`;
    const l = patternsBy.get(key) ?? [];
    for (let i = 0; i < n; i++) l.push(y.pattern);
    patternsBy.set(key, l);
  }
  for (const [key, pps] of [...perHs.entries()].sort(compareKeys)) {
    const lists = (listsByHs.get(key) ?? []).toSorted((a, b) => a.d - b.d);
    const patterns = patternsBy.get(key) ?? [];
    const byProc = new Map<number, PreparedPatient[]>();
    for (const pp of pps.toSorted(compareUrgency)) {
      const l = byProc.get(pp.procIndex) ?? [];
      l.push(pp);
      byProc.set(pp.procIndex, l);
    }
    // Each list takes the pattern (of those left) most of whose minutes its surgeon can do.
    const patsLeft = [...patterns];
    lists.forEach((l) => {
      const pat = bestPattern(prep, l, patsLeft);
      if (!pat) return;
      pat.procs.forEach((pi, j) => {
        let want = pat.counts[j] ?? 0;
        for (const pp of byProc.get(pi) ?? []) {
          if (want <= 0) break;
          if (con.assigned.has(pp.index) || !hasDay(pp.dayMask, l.d) || !fits(prep, l, pp)) continue;
          addCase(prep, l, pp);
          con.assigned.add(pp.index);
          want--;
        }
      });
    });
    const ordered = pps.toSorted(compareUrgency);
    // Named surgeons: of a day's lists, the one whose surgeon the other chosen cases need least
    // (minutes of unplaced chosen cases only that surgeon's lists could take, less its room).
    const pressure = (l: WorkList, pp: PreparedPatient): number => {
      if (l.surgeon === undefined || !l.surgeons) return 0;
      const idx = l.surgeons.idx;
      let need = 0;
      for (const q of ordered)
        if (q !== pp && !con.assigned.has(q.index) && hasDay(q.dayMask, l.d) && surgeonMay(idx, l.surgeon, q))
          need += q.theatreMin;
      return need - (listLengthMin(prep, l) - l.plannedSumMin);
    };
    for (const pp of ordered) {
      if (con.assigned.has(pp.index)) continue;
      let target: WorkList | undefined;
      for (const l of lists) {
        if (!hasDay(pp.dayMask, l.d) || !fits(prep, l, pp)) continue;
        if (target === undefined) target = l;
        else if (l.d === target.d) {
          const diff =
            prefers(pp, l) - prefers(pp, target) ||
            pressure(target, pp) - pressure(l, pp) ||
            target.plannedSumMin - l.plannedSumMin;
          if (diff > 0) target = l;
        } else if (l.d > target.d) break;
      }
      if (target) {
        addCase(prep, target, pp);
        con.assigned.add(pp.index);
      }
    }
  }
}

/**
 * Removes and returns the pattern a list's surgeon can do most minutes of (the first such, so
 * without named surgeons patterns go to lists in order).
 */
function bestPattern(prep: Prepared, l: WorkList, left: ListPattern[]): ListPattern | undefined {
  const idx = l.surgeons?.idx;
  let best = -1;
  let bestMin = -1;
  left.forEach((pat, k) => {
    if (l.surgeon === undefined || !idx) {
      if (best < 0) best = k;
      return;
    }
    let min = 0;
    pat.procs.forEach((pi, j) => {
      if (idx.procs[l.surgeon as number]?.has(pi)) min += (pat.counts[j] ?? 0) * (prep.procMeanMin[pi] ?? 0);
    });
    if (min > bestMin) {
      bestMin = min;
      best = k;
    }
  });
  return best < 0 ? undefined : left.splice(best, 1)[0];
}

/** 1 when the list's named surgeon is the patient's preferred one (ADR 0023), else 0. */
function prefers(pp: PreparedPatient, l: WorkList): number {
  const want = pp.patient.preferredSurgeonId;
  if (want === undefined || l.surgeon === undefined) return 0;
  return l.surgeons?.idx.surgeons[l.surgeon]?.id === want ? 1 : 0;
}

function compareKeys<T>(a: [string, T], b: [string, T]): number {
  const x = a[0].split('|').map(Number);
  const y = b[0].split('|').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/**
 * Re-solves: theatres of one hospital-day are interchangeable for lists, so give each list the
 * theatre most of its previous cases had (greedy by matches), keeping pinned theatres where they
 * are; team placements and lent lists follow their list. Changes only labels, never feasibility.
 */
export function keepPreviousTheatres(prep: Prepared, con: Construction): void {
  const { problem } = prep;
  if ((problem.previousAssignments ?? []).length === 0) return;
  const pinnedTheatres = new Set(
    problem.pins
      .filter((p) => p.theatreId !== undefined)
      .map((p) => `${prep.hIndex.get(p.hospitalId)}|${p.day - problem.startDay}|${p.theatreId}`),
  );
  const byHd = new Map<string, WorkList[]>();
  for (const l of con.lists) {
    const key = `${l.h}|${l.d}`;
    const arr = byHd.get(key) ?? [];
    arr.push(l);
    byHd.set(key, arr);
  }
  for (const [key, lists] of byHd) {
    // A list in a session keeps its session's theatre (ADR 0023).
    const movable = lists.filter((l) => !pinnedTheatres.has(`${key}|${l.theatreId}`) && !l.session);
    const free = movable.map((l) => l.theatreId);
    const pairs: { l: WorkList; t: string; n: number }[] = [];
    for (const l of movable) {
      const n = new Map<string, number>();
      for (const c of l.cases) {
        if (c.prevH === l.h && c.prevD === l.d && free.includes(c.prevTheatreId))
          n.set(c.prevTheatreId, (n.get(c.prevTheatreId) ?? 0) + 1);
      }
      for (const [t, k] of n) pairs.push({ l, t, n: k });
    }
    pairs.sort((a, b) => b.n - a.n || (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
    const given = new Map<WorkList, string>();
    const taken = new Set<string>();
    for (const p of pairs) {
      if (given.has(p.l) || taken.has(p.t)) continue;
      given.set(p.l, p.t);
      taken.add(p.t);
    }
    const rest = free.filter((t) => !taken.has(t));
    const renamed = new Map<string, string>();
    for (const l of movable) {
      const t = given.get(l) ?? (rest.shift() as string);
      renamed.set(l.theatreId, t);
    }
    for (const l of movable) l.theatreId = renamed.get(l.theatreId) ?? l.theatreId;
    const [h, d] = key.split('|').map(Number) as [number, number];
    for (const tp of con.teamPlacements)
      if (tp.h === h && tp.d === d) tp.theatreId = renamed.get(tp.theatreId) ?? tp.theatreId;
    for (const m of con.lent)
      if (m.to === h && m.d === d) m.theatreId = renamed.get(m.theatreId) ?? m.theatreId;
  }
}
