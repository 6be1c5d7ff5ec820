// Group interchangeable patients: same procedure, eligible hospitals, eligible days, home region,
// urgency profile within the horizon and travel class. The aggregate model plans group counts.
import { benefit, compareUrgency, type Prepared, type PreparedPatient } from '../eligibility/index.ts';
import { daySetKey, hasDay, type DaySet } from '../eligibility/days.ts';

export interface PatientGroup {
  index: number;
  procIndex: number;
  specIndex: number;
  /** Members, most urgent first. */
  members: PreparedPatient[];
  /** Hospital indices and the member-maximum benefit per (hospital, day): an optimistic coefficient keeps the bound valid. */
  hospitals: number[];
  dayMask: DaySet;
  /** benefitMax[k][d] over members for hospitals[k], day d (NaN when not allowed). */
  benefitMax: number[][];
  /** A pinned patient forms its own group that must be planned at the pin. */
  pinned: boolean;
  /** Every member has a must-treat date in the horizon (the key keeps them apart from others). */
  mustTreat: boolean;
}

const TRAVEL_BUCKET_KM = 25;

export function buildGroups(prep: Prepared, pinnedIds: ReadonlySet<string>): PatientGroup[] {
  const { days } = prep;
  const byKey = new Map<string, PreparedPatient[]>();
  const singles: PreparedPatient[] = [];
  for (const pp of prep.patients) {
    if (pp.blockedBy !== null) continue;
    if (pinnedIds.has(pp.patient.id)) {
      singles.push(pp);
      continue;
    }
    const key = [
      pp.procIndex,
      pp.patient.homeRegionId,
      daySetKey(pp.dayMask),
      // Benefit differs within a procedure and eligibility only through the urgency level (need,
      // lifted past the guarantee; ADR 0018), the stepped waiting index (ADR 0008) and, in re-solves, the previous hospital and day (keep bonus).
      pp.urgencyLevel,
      pp.waitIndex,
      pp.mustTreat ? 'must' : '',
      // Tied to a named surgeon (ADR 0023): the "tied surgeon" row needs the surgeon per group.
      pp.patient.surgeonId ?? '',
      `${pp.prevH}:${pp.prevD}`,
      pp.hospitals.map((h, k) => `${h}:${Math.floor((pp.extraKm[k] ?? 0) / TRAVEL_BUCKET_KM)}`).join(','),
    ].join('|');
    const list = byKey.get(key);
    if (list) list.push(pp);
    else byKey.set(key, [pp]);
  }
  const groups: PatientGroup[] = [];
  const make = (members: PreparedPatient[], pinned: boolean): void => {
    const first = members[0] as PreparedPatient;
    const benefitMax = first.hospitals.map((_, k) => {
      const row: number[] = [];
      for (let d = 0; d < days; d++) {
        if (!hasDay(first.dayMask, d)) {
          row.push(NaN);
          continue;
        }
        let best = -Infinity;
        for (const m of members) best = Math.max(best, benefit(prep, m, k, d));
        row.push(best);
      }
      return row;
    });
    const sorted = members.toSorted(compareUrgency);
    groups.push({
      index: groups.length,
      procIndex: first.procIndex,
      specIndex: first.specIndex,
      members: sorted,
      hospitals: first.hospitals,
      dayMask: first.dayMask,
      benefitMax,
      pinned,
      mustTreat: members.every((m) => m.mustTreat),
    });
  };
  for (const members of byKey.values()) make(members, false);
  for (const pp of singles) make([pp], true);
  return groups;
}
