// Plain-words explanations: why this patient, why this hospital; and for each patient left waiting
// past the care guarantee, the constraint that kept them.
import type { Prepared, PreparedPatient } from '../eligibility/index.ts';
import type { WaitingExplanation } from '../model/result.ts';

export function assignmentReason(prep: Prepared, pp: PreparedPatient, h: number, d: number): string {
  const { problem } = prep;
  const day = problem.startDay + d;
  const p = pp.patient;
  const why: string[] = [];
  const overdue = day - p.targetDay;
  if (day >= pp.guaranteeBreachDay) {
    why.push(`past the care guarantee since ${dateOf(pp.guaranteeBreachDay - 1, prep)}`);
  } else if (pp.guaranteeBreachDay <= prep.endDay + problem.rules.untreatedDelayDays) {
    why.push(`would pass the care guarantee on ${dateOf(pp.guaranteeBreachDay, prep)}`);
  }
  if (overdue > 0) why.push(`${overdue} days past medical target date (${p.priorityGroup})`);
  else why.push(`medical target ${dateOf(p.targetDay, prep)} (${p.priorityGroup})`);
  const hosp = problem.hospitals[h];
  const listing = problem.hospitals[pp.listingH];
  let where: string;
  if (h === pp.listingH) where = 'at the listing hospital';
  else {
    const km = problem.distanceKm[p.homePlaceId]?.[hosp?.id ?? ''] ?? 0;
    where = `moved from ${listing?.id ?? '?'} (its ${pp.proc.specialtyId} lists are full this week); ${Math.round(km)} km from home, consent up to ${Math.round(p.maxTravelKm)} km`;
  }
  return `${why.join('; ')}; ${where}`;
}

/** Epoch day -> ISO date without a calendar library (proleptic Gregorian, UTC arithmetic). */
function dateOf(day: number, prep: Prepared): string {
  const i = day - prep.problem.startDay;
  if (i >= 0 && i < prep.problem.dates.length) return prep.problem.dates[i] as string;
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function waitingExplanations(prep: Prepared, assigned: ReadonlySet<number>): WaitingExplanation[] {
  const out: WaitingExplanation[] = [];
  for (const pp of prep.patients) {
    if (assigned.has(pp.index) || pp.guaranteeBreachDay > prep.endDay) continue;
    const p = pp.patient;
    let binding: string;
    let detail: string;
    if (pp.blockedBy !== null) {
      binding = pp.blockedBy;
      detail =
        binding === 'before pre-op release'
          ? `pre-operative work-up done ${dateOf(p.earliestDay, prep)}, after this plan`
          : binding === 'excluded period'
            ? 'a PvV/MoV/SoV period covers every operating day of the plan'
            : binding === 'HTA do-not-do'
              ? `${pp.proc.id} is flagged "do not do" by HTA; a clinician must override`
              : binding === 'planner exclusion'
                ? 'excluded from this plan by a planner'
                : `no hospital in the region set can take ${pp.proc.id} for this patient`;
    } else if (pp.hospitals.length === 1 && pp.hospitals[0] === pp.listingH) {
      binding = p.consentElsewhere ? 'travel beyond consent' : 'no consent to move';
      detail = p.consentElsewhere
        ? `no other hospital offering ${pp.proc.id} within ${Math.round(p.maxTravelKm)} km; the listing hospital's ${pp.proc.specialtyId} lists are full with more urgent patients`
        : `has not consented to treatment elsewhere; the listing hospital's ${pp.proc.specialtyId} lists are full with more urgent patients`;
    } else {
      binding = 'capacity';
      detail = `all ${pp.hospitals.length} eligible hospitals' ${pp.proc.specialtyId} lists (staff, surgeons, rooms) are full with more urgent patients this week`;
    }
    out.push({ patientId: p.id, binding, detail });
  }
  return out;
}
