// "travel beyond consent": away from the listing hospital, the trip from home must be known and
// within the patient's maximum travel distance.
import type { Violation } from '../../model/result.ts';
import { km } from '../context.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'travel beyond consent';

export const travelBeyondConsent: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    for (const p of ctx.resolved) {
      if (p.hospitalId === p.patient.listingHospitalId) continue;
      const ids = { patientId: p.patientId, hospitalId: p.hospitalId, day: p.day };
      const d = km(ctx, p.patient.homePlaceId, p.hospitalId);
      if (d === undefined) {
        out.push(
          violation(
            NAME,
            `no known distance from ${p.patientId}'s home (${p.patient.homePlaceId}) to ${p.hospitalId}`,
            ids,
          ),
        );
      } else if (d > p.patient.maxTravelKm) {
        out.push(
          violation(
            NAME,
            `${p.patientId} would travel ${d} km to ${p.hospitalId}, more than the agreed ${p.patient.maxTravelKm} km`,
            ids,
          ),
        );
      }
    }
    return out;
  },
};
