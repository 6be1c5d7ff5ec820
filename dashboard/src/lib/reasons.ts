// Why a case is where it is, in words from the data: the solver's own reason text is English and
// names hospitals by id, so it is never shown. (Once assignments carry a reason code, word that.)
import type { I18n } from './i18n.ts';
import { hospitalName, type Reference } from './reference.ts';
import type { PlanAssignment } from './types.ts';

export function assignmentReason(i: Pick<I18n, 't' | 'date'>, R: Reference, a: PlanAssignment): string {
  const p = a.patient;
  if (p === null) return '';
  const parts: string[] = [];
  const late = Math.round((Date.parse(a.date) - Date.parse(p.medicalTargetDate)) / 86_400_000);
  parts.push(
    late > 0
      ? i.t('reason.pastTarget', { n: late })
      : i.t('reason.target', { date: i.date(p.medicalTargetDate) }),
  );
  parts.push(
    a.hospitalId === p.listingHospitalId
      ? i.t('reason.atHome')
      : i.t('reason.moved', { from: hospitalName(R, p.listingHospitalId) }),
  );
  if (a.pinned) parts.push(i.t('reason.pinned'));
  return parts.join('; ');
}
