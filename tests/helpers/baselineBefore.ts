// A copy of the status quo before it planned on sessions and named surgeons (ADR 0023), kept so
// tests can show that problems without either get exactly the same baseline as before.
// The status-quo policy: each hospital treats only its own list, most urgent first,
// with its own staff and surgeons; no transfers, no regional team, no lending.
import { benefit, type Prepared, type PreparedPatient } from '../../solver/eligibility/index.ts';
import { addCase, fits, newList, plannedMin, type WorkList } from '../../solver/construct/lists.ts';
import { BedLedger } from '../../solver/construct/beds.ts';
import { hasDay } from '../../solver/eligibility/days.ts';
import { idleRooms } from '../../solver/eligibility/staff.ts';

export function baselineListsBefore(prep: Prepared): { lists: WorkList[]; assigned: Set<number> } {
  const { problem, days } = prep;
  const spec = problem.specialtyIds;
  // Own patients per hospital and specialty, most urgent first (value of treating now).
  const own = new Map<string, PreparedPatient[]>();
  for (const pp of prep.patients) {
    if (pp.blockedBy !== null || !pp.hospitals.includes(pp.listingH)) continue;
    const key = `${pp.listingH}|${pp.specIndex}`;
    const l = own.get(key) ?? [];
    l.push(pp);
    own.set(key, l);
  }
  for (const l of own.values()) {
    // Status quo: by medical target date, earliest first (the hospital's own urgency order).
    l.sort(
      (a, b) =>
        a.patient.targetDay - b.patient.targetDay ||
        a.patient.decisionDay - b.patient.decisionDay ||
        a.index - b.index,
    );
  }
  const lists: WorkList[] = [];
  const assigned = new Set<number>();
  // Scans start past each list's prefix of assigned patients (assignments only grow), and a list
  // stops scanning once not even the shortest own case fits its remaining planned minutes: the
  // same choices as scanning everyone, without rescanning thousands of patients per list.
  const head = new Map<string, number>();
  const firstOpen = (key: string, l: readonly PreparedPatient[]): number => {
    let i = head.get(key) ?? 0;
    while (i < l.length && assigned.has((l[i] as PreparedPatient).index)) i++;
    head.set(key, i);
    return i;
  };
  const shortestAdd = new Map<string, number>();
  for (const [key, l] of own) {
    let m = Infinity;
    for (const pp of l) m = Math.min(m, plannedMin(prep, pp) + pp.proc.turnoverMin);
    shortestAdd.set(key, m);
  }
  // The status quo respects ward beds too (one ledger for its lists).
  const beds = new BedLedger(prep);
  for (let d = 0; d < days; d++) {
    for (let h = 0; h < problem.hospitals.length; h++) {
      const c = prep.cap[h]?.[d];
      if (!c) continue;
      // The status quo has no regional team: a session day's idle rooms stay idle (ADR 0023).
      const idle = idleRooms(prep, h, d);
      const theatres = c.openTheatreIds.filter((t) => !idle.includes(t));
      let slots = Math.min(theatres.length, c.staffedTeams);
      const surgeons = new Map<number, number>();
      spec.forEach((s, si) => surgeons.set(si, c.surgeonLists[s] ?? 0));
      // Give each list to the specialty whose most urgent waiting own patient is most urgent.
      while (slots > 0) {
        let bestS = -1;
        let bestV = -Infinity;
        for (const [si, n] of surgeons) {
          if (n <= 0) continue;
          const key = `${h}|${si}`;
          const l = own.get(key) ?? [];
          let waiting: PreparedPatient | undefined;
          for (let i = firstOpen(key, l); i < l.length; i++) {
            const p = l[i] as PreparedPatient;
            if (!assigned.has(p.index) && hasDay(p.dayMask, d)) {
              waiting = p;
              break;
            }
          }
          if (!waiting) continue;
          if (-waiting.patient.targetDay > bestV) {
            bestV = -waiting.patient.targetDay;
            bestS = si;
          }
        }
        if (bestS < 0) break;
        surgeons.set(bestS, (surgeons.get(bestS) ?? 0) - 1);
        slots--;
        const l = newList(h, d, bestS, theatres.shift() ?? '', 'own', h);
        l.beds = beds;
        const key = `${h}|${bestS}`;
        const ownList = own.get(key) ?? [];
        const listMin = problem.hospitals[h]?.listMin ?? 0;
        const shortest = shortestAdd.get(key) ?? Infinity;
        for (let i = firstOpen(key, ownList); i < ownList.length; i++) {
          if (l.plannedSumMin + shortest > listMin) break;
          const pp = ownList[i] as PreparedPatient;
          if (assigned.has(pp.index) || !hasDay(pp.dayMask, d)) continue;
          const k = pp.hospitals.indexOf(h);
          if (benefit(prep, pp, k, d) <= 0 || !fits(prep, l, pp)) continue;
          addCase(prep, l, pp);
          assigned.add(pp.index);
        }
        if (l.cases.length > 0) lists.push(l);
      }
    }
  }
  return { lists, assigned };
}
