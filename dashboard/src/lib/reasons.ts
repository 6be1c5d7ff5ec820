// Reason codes (solver/model/result.ts) worded in the user's language, with hospital, specialty and
// procedure names — never ids. Plans solved before the codes existed fall back to their English text.
import type { Assignment, WaitingExplanation } from './types.ts';
import type { I18n, MsgKey } from './i18n.ts';
import { hospitalName, procedureLabel, specialtyName, type Reference } from './reference.ts';

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

export function waitingReasonText(i: I18n, R: Reference, w: WaitingExplanation): string {
  if (w.code === undefined) return i.tOr(`binding.${w.binding}`, w.binding) + ` – ${w.detail}`;
  const p = w.params ?? {};
  const ids = str(p.hospitalIds)
    .split(',')
    .filter((x) => x !== '');
  return i.t(`reason.wait.${w.code}` as MsgKey, {
    procedure: p.procedureId === undefined ? '' : procedureLabel(R, str(p.procedureId), i.lang),
    specialty: p.specialtyId === undefined ? '' : specialtyName(R, str(p.specialtyId), i.lang),
    hospital: p.listingHospitalId === undefined ? '' : hospitalName(R, str(p.listingHospitalId)),
    hospitals: ids.map((h) => hospitalName(R, h)).join(', '),
    km: str(p.maxKm),
    date: p.earliestDate === undefined ? '' : i.date(str(p.earliestDate)),
  });
}

export function assignmentReasonText(i: I18n, R: Reference, a: Assignment): string {
  if (a.reasonCode === undefined) return a.reason;
  const p = a.reasonParams ?? {};
  const why = i.t(`reason.assign.${a.reasonCode}` as MsgKey, {
    date: i.date(
      str(a.reasonCode === 'withinTarget' || a.reasonCode === 'pastTarget' ? p.targetDate : p.guaranteeDate),
    ),
    days: str(p.daysPastTarget),
  });
  const group = i.t('reason.assign.group', { group: str(p.priorityGroup) });
  const where =
    p.moved === true
      ? i.t('reason.assign.moved', {
          hospital: hospitalName(R, str(p.fromHospitalId)),
          km: str(p.km),
          maxKm: str(p.maxKm),
        })
      : i.t('reason.assign.listing');
  return `${why} (${group}); ${where}`;
}
