// Explanations that are true: why this patient, why this hospital; and for each patient left waiting
// past the care guarantee, the constraint that actually bound — as an English sentence for the CLI
// and as a code plus parameters for the dashboard (which words it in Swedish and English). A
// "capacity" reason is given only after checking that every eligible list of the specialty in the
// horizon is full with more urgent patients (ADR 0008).
import { benefit, compareUrgency, type Prepared, type PreparedPatient } from '../eligibility/index.ts';
import { fits, type WorkList } from '../construct/lists.ts';
import type {
  AssignmentReasonCode,
  ReasonParams,
  WaitingExplanation,
  WaitingReasonCode,
} from '../model/result.ts';
import { hasDay } from '../eligibility/days.ts';
import { TIED_SURGEON_UNAVAILABLE } from '../eligibility/staff.ts';

export function assignmentReason(
  prep: Prepared,
  pp: PreparedPatient,
  h: number,
  d: number,
): { reason: string; reasonCode: AssignmentReasonCode; reasonParams: ReasonParams } {
  const { problem } = prep;
  const day = problem.startDay + d;
  const p = pp.patient;
  const why: string[] = [];
  const overdue = day - p.targetDay;
  const params: ReasonParams = {
    priorityGroup: p.priorityGroup,
    needLevel: pp.needLevel,
    targetDate: dateOf(p.targetDay, prep),
    daysPastTarget: Math.max(0, overdue),
    procedureId: pp.proc.id,
  };
  let reasonCode: AssignmentReasonCode;
  if (day >= pp.guaranteeBreachDay) {
    reasonCode = 'pastGuarantee';
    params.guaranteeDate = dateOf(pp.guaranteeBreachDay - 1, prep);
    why.push(`past the care guarantee since ${dateOf(pp.guaranteeBreachDay - 1, prep)}`);
  } else if (pp.guaranteeBreachDay <= prep.endDay + problem.rules.untreatedDelayDays) {
    reasonCode = 'guaranteeSoon';
    params.guaranteeDate = dateOf(pp.guaranteeBreachDay, prep);
    why.push(`would pass the care guarantee on ${dateOf(pp.guaranteeBreachDay, prep)}`);
  } else reasonCode = overdue > 0 ? 'pastTarget' : 'withinTarget';
  if (overdue > 0) why.push(`${overdue} days past medical target date (${p.priorityGroup})`);
  else why.push(`medical target ${dateOf(p.targetDay, prep)} (${p.priorityGroup})`);
  const hosp = problem.hospitals[h];
  const listing = problem.hospitals[pp.listingH];
  let where: string;
  if (h === pp.listingH) {
    where = 'at the listing hospital';
    params.moved = false;
  } else {
    const km = Math.round(problem.distanceKm[p.homePlaceId]?.[hosp?.id ?? ''] ?? 0);
    params.moved = true;
    params.fromHospitalId = listing?.id ?? '';
    params.km = km;
    params.maxKm = Math.round(p.maxTravelKm);
    where = `moved from ${listing?.id ?? '?'}; ${km} km from home, consent up to ${Math.round(p.maxTravelKm)} km`;
  }
  return { reason: `${why.join('; ')}; ${where}`, reasonCode, reasonParams: params };
}

/** Epoch day -> ISO date without a calendar library (proleptic Gregorian, UTC arithmetic). */
function dateOf(day: number, prep: Prepared): string {
  const i = day - prep.problem.startDay;
  if (i >= 0 && i < prep.problem.dates.length) return prep.problem.dates[i] as string;
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

const BLOCKED: Record<string, WaitingReasonCode> = {
  'planner exclusion': 'plannerExclusion',
  'HTA do-not-do': 'htaDoNotDo',
  'procedure not offered': 'notOffered',
  'acute back-up required': 'acuteBackup',
  'ICU required': 'icuRequired',
  'before pre-op release': 'earliestDate',
  'excluded period': 'excludedPeriod',
  [TIED_SURGEON_UNAVAILABLE]: 'surgeonNoTime',
};

/**
 * A patient tied to a named surgeon (ADR 0023) whom none of that surgeon's lists on the patient's
 * eligible hospitals and days could take (no such list, or each full or past the surgeon's minutes).
 */
function tiedSurgeonHasNoTime(
  prep: Prepared,
  pp: PreparedPatient,
  listsBy: ReadonlyMap<string, WorkList[]>,
): boolean {
  const tied = pp.patient.surgeonId;
  if (tied === undefined) return false;
  for (const h of pp.hospitals) {
    for (let d = 0; d < prep.days; d++) {
      if (!hasDay(pp.dayMask, d)) continue;
      for (const l of listsBy.get(`${h}|${d}|${pp.specIndex}`) ?? []) {
        if (l.surgeon === undefined || prep.problem.surgeons?.[l.surgeon]?.id !== tied) continue;
        if (fits(prep, l, pp) || l.cases.some((c) => compareUrgency(pp, c) < 0 && fits(prep, l, pp, c)))
          return false;
      }
    }
  }
  return true;
}

/** What the patient's eligible lists say: none, full with more urgent patients, room, or a less urgent case. */
function listVerdict(
  prep: Prepared,
  pp: PreparedPatient,
  listsBy: ReadonlyMap<string, WorkList[]>,
): 'none' | 'full' | 'room' | 'lessUrgent' | 'roomUnused' {
  let any = false;
  let room = false;
  let unused = false;
  for (const [k, h] of pp.hospitals.entries()) {
    for (let d = 0; d < prep.days; d++) {
      if (!hasDay(pp.dayMask, d)) continue;
      for (const l of listsBy.get(`${h}|${d}|${pp.specIndex}`) ?? []) {
        any = true;
        if (l.cases.some((c) => compareUrgency(pp, c) < 0 && fits(prep, l, pp, c))) return 'lessUrgent';
        if (fits(prep, l, pp)) {
          if (benefit(prep, pp, k, d) <= 0) room = true;
          else unused = true;
        }
      }
    }
  }
  return !any ? 'none' : unused ? 'roomUnused' : room ? 'room' : 'full';
}

export function waitingExplanations(
  prep: Prepared,
  lists: readonly WorkList[],
  assigned: ReadonlySet<number>,
): WaitingExplanation[] {
  const listsBy = new Map<string, WorkList[]>();
  for (const l of lists) {
    const key = `${l.h}|${l.d}|${l.s}`;
    const arr = listsBy.get(key) ?? [];
    arr.push(l);
    listsBy.set(key, arr);
  }
  const ids = prep.problem.hospitals.map((h) => h.id);
  const out: WaitingExplanation[] = [];
  for (const pp of prep.patients) {
    if (assigned.has(pp.index) || pp.guaranteeBreachDay > prep.endDay) continue;
    const p = pp.patient;
    const params: ReasonParams = {
      procedureId: pp.proc.id,
      specialtyId: pp.proc.specialtyId,
      listingHospitalId: ids[pp.listingH] ?? p.listingHospitalId,
    };
    let binding: string;
    let detail: string;
    let code: WaitingReasonCode;
    if (pp.blockedBy !== null) {
      binding = pp.blockedBy;
      code = BLOCKED[binding] ?? 'notOffered';
      if (code === 'earliestDate') params.earliestDate = dateOf(p.earliestDay, prep);
      if (code === 'surgeonNoTime') {
        params.surgeonId = p.surgeonId ?? '';
        params.hospitalIds = '';
      }
      detail =
        code === 'earliestDate'
          ? `pre-operative work-up done ${dateOf(p.earliestDay, prep)}, after this plan`
          : code === 'excludedPeriod'
            ? 'a PvV/MoV/SoV period covers every operating day of the plan'
            : code === 'htaDoNotDo'
              ? `${pp.proc.id} is flagged "do not do" by HTA; a clinician must override`
              : code === 'plannerExclusion'
                ? 'excluded from this plan by a planner'
                : code === 'surgeonNoTime'
                  ? `tied to surgeon ${p.surgeonId ?? '?'}, who does not operate ${pp.proc.id} at an eligible hospital on any day the patient can be operated`
                  : `no hospital in the region set can take ${pp.proc.id} for this patient (${binding})`;
    } else {
      const hospitalIds = pp.hospitals.map((h) => ids[h] ?? '');
      params.hospitalIds = hospitalIds.join(',');
      params.hospitalCount = hospitalIds.length;
      const verdict = listVerdict(prep, pp, listsBy);
      const onlyListing = pp.hospitals.length === 1 && pp.hospitals[0] === pp.listingH;
      if (tiedSurgeonHasNoTime(prep, pp, listsBy)) {
        code = 'surgeonNoTime';
        binding = 'tied surgeon has no time';
        params.surgeonId = p.surgeonId ?? '';
        detail = `tied to surgeon ${p.surgeonId ?? '?'}, whose lists at ${hospitalIds.join(', ')} on the patient's days are full or past their minutes`;
      } else if (verdict === 'none') {
        code = 'noCapacity';
        binding = 'no lists of the specialty';
        detail = `no ${pp.proc.specialtyId} list is planned at ${hospitalIds.join(', ')} on the days the patient can be operated (staff, surgeons or rooms went to other specialties or are absent)`;
      } else if (verdict === 'room') {
        code = 'notWorthMoving';
        binding = 'not worth moving';
        detail = `an eligible ${pp.proc.specialtyId} list has room, but the extra travel and cross-region cost outweigh the value of treating this patient there`;
      } else if (verdict === 'lessUrgent') {
        code = 'lessUrgentBooked';
        binding = 'less urgent patient booked';
        detail = `a less urgent patient holds a place this patient would fit (the plan's remaining overtaking; see the fairness figures)`;
      } else if (verdict === 'roomUnused') {
        code = 'roomUnused';
        binding = 'room left unused';
        detail = `an eligible ${pp.proc.specialtyId} list has room for this patient that the plan left unused`;
      } else if (onlyListing) {
        code = p.consentElsewhere ? 'travelLimit' : 'noConsent';
        binding = p.consentElsewhere ? 'travel beyond consent' : 'no consent to move';
        if (p.consentElsewhere) params.maxKm = Math.round(p.maxTravelKm);
        detail = p.consentElsewhere
          ? `no other hospital offering ${pp.proc.id} within ${Math.round(p.maxTravelKm)} km; the listing hospital's ${pp.proc.specialtyId} lists are full with more urgent patients`
          : `has not consented to treatment elsewhere; the listing hospital's ${pp.proc.specialtyId} lists are full with more urgent patients`;
      } else {
        code = 'capacity';
        binding = 'capacity';
        detail = `all ${pp.hospitals.length} eligible hospitals' ${pp.proc.specialtyId} lists (staff, surgeons, rooms) are full with more urgent patients this week`;
      }
    }
    out.push({ patientId: p.id, binding, detail, code, params });
  }
  return out;
}
