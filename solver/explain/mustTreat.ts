// Must-treat dates (e.g. cancer pathways): which patients cannot be fitted by their date, and the
// constraint that stops each one. Static reasons come first (eligibility: consent, travel, ASA and
// acute back-up, ICU, release date, excluded periods); then whether any eligible hospital has a
// list of the specialty on an allowed day; after the solve, a patient still unplanned is stopped by
// capacity (the lists before the date are taken by other must-treat patients or are too short).
import { hasDay } from '../eligibility/days.ts';
import type { Prepared, PreparedPatient } from '../eligibility/index.ts';
import type { MustTreatUnmet } from '../model/result.ts';

const NO_LISTS = 'no lists of the specialty before the date';

function dateOf(prep: Prepared, day: number): string {
  const i = day - prep.problem.startDay;
  if (i >= 0 && i < prep.problem.dates.length) return prep.problem.dates[i] as string;
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** True when some eligible hospital has (or may borrow) a surgeon list of the specialty on an allowed day. */
function anyListBefore(prep: Prepared, pp: PreparedPatient): boolean {
  const spec = pp.proc.specialtyId;
  for (const h of pp.hospitals) {
    for (let d = 0; d < prep.days; d++) {
      if (!hasDay(pp.dayMask, d)) continue;
      const c = prep.cap[h]?.[d];
      if (!c || c.openTheatreIds.length === 0) continue;
      if ((c.surgeonLists[spec] ?? 0) > 0) return true;
      // A lent surgeon could bring the list: any other hospital with a lendable list that day.
      if (prep.cap.some((row, f) => f !== h && (row[d]?.lendableSurgeonLists[spec] ?? 0) > 0)) return true;
    }
  }
  return false;
}

/** Must-treat patients that no plan can fit, with the stopping constraint (before the solve). */
export function mustTreatBlocked(prep: Prepared): Map<number, MustTreatUnmet> {
  const out = new Map<number, MustTreatUnmet>();
  for (const pp of prep.patients) {
    if (!pp.mustTreat) continue;
    const mustTreatBy = dateOf(prep, pp.patient.mustTreatByDay ?? prep.endDay);
    const base = { patientId: pp.patient.id, mustTreatBy };
    if (pp.blockedBy !== null) {
      out.set(pp.index, { ...base, binding: pp.blockedBy, detail: blockedDetail(prep, pp) });
    } else if (!anyListBefore(prep, pp)) {
      const where = pp.hospitals.map((h) => prep.problem.hospitals[h]?.id ?? '?').join(', ');
      const consent = pp.patient.consentElsewhere ? '' : '; no consent to be operated elsewhere';
      out.set(pp.index, {
        ...base,
        binding: NO_LISTS,
        detail: `no ${pp.proc.specialtyId} list at ${where} on an allowed day by ${mustTreatBy}${consent}`,
      });
    }
  }
  return out;
}

function blockedDetail(prep: Prepared, pp: PreparedPatient): string {
  const p = pp.patient;
  switch (pp.blockedBy) {
    case 'before pre-op release':
      return `pre-operative work-up done ${dateOf(prep, p.earliestDay)}, after the must-treat date`;
    case 'excluded period':
      return 'a PvV/MoV/SoV period covers every operating day up to the must-treat date';
    case 'must-treat date before the horizon':
      return 'the date is before the first day of this plan';
    case 'procedure not offered':
    case 'acute back-up required':
    case 'ICU required':
      return `no hospital the patient may go to (consent ${p.consentElsewhere ? `up to ${Math.round(p.maxTravelKm)} km` : 'to the listing hospital only'}) can take ${pp.proc.id} (${pp.blockedBy})`;
    default:
      return pp.blockedBy ?? '';
  }
}

/** The report after the solve: the blocked patients, then any other must-treat patient left unplanned or late. */
export function mustTreatReport(
  prep: Prepared,
  blocked: ReadonlyMap<number, MustTreatUnmet>,
  plannedDay: ReadonlyMap<string, number>,
): MustTreatUnmet[] {
  const out: MustTreatUnmet[] = [];
  for (const pp of prep.patients) {
    if (!pp.mustTreat) continue;
    const b = blocked.get(pp.index);
    if (b) {
      out.push(b);
      continue;
    }
    const day = plannedDay.get(pp.patient.id);
    const by = pp.patient.mustTreatByDay ?? prep.endDay;
    if (day !== undefined && day <= by) continue;
    out.push({
      patientId: pp.patient.id,
      mustTreatBy: dateOf(prep, by),
      binding: 'capacity',
      detail: `every ${pp.proc.specialtyId} list it may use by ${dateOf(prep, by)} is taken or too short`,
    });
  }
  return out;
}
