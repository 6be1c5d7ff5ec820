// "moved without consent": treated away from the listing hospital by a patient who did not agree.
import { violation, type Rule } from './rule.ts';

const NAME = 'moved without consent';

export const movedWithoutConsent: Rule = {
  name: NAME,
  check(ctx) {
    return ctx.resolved
      .filter((p) => p.hospitalId !== p.patient.listingHospitalId && !p.patient.consentElsewhere)
      .map((p) =>
        violation(
          NAME,
          `${p.patientId} is listed at ${p.patient.listingHospitalId} and has not agreed to be treated at ${p.hospitalId}`,
          { patientId: p.patientId, hospitalId: p.hospitalId, day: p.day },
        ),
      );
  },
};
