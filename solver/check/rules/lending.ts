// "lending beyond spare lists": a hospital lends at most its lendable surgeon lists per day and
// specialty, and only to hospitals within rules.maxLendKm (distanceKm[lender][borrower]; a missing
// distance is a violation).
import type { Violation } from '../../model/result.ts';
import { dayKey, dayLabel, inHorizon, km, specKey } from '../context.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'lending beyond spare lists';

export const lending: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    const counts = new Map<string, { hospitalId: string; day: number; specialtyId: string; n: number }>();
    const maxKm = ctx.problem.rules.maxLendKm;
    for (const m of ctx.plan.lentLists) {
      const key = specKey(m.fromHospitalId, m.day, m.specialtyId);
      const cur = counts.get(key);
      if (cur) cur.n += 1;
      else counts.set(key, { hospitalId: m.fromHospitalId, day: m.day, specialtyId: m.specialtyId, n: 1 });
      if (!ctx.hospitals.has(m.fromHospitalId) || !ctx.hospitals.has(m.toHospitalId)) continue;
      const ids = { hospitalId: m.toHospitalId, theatreId: m.theatreId, day: m.day };
      const d = km(ctx, m.fromHospitalId, m.toHospitalId);
      if (d === undefined) {
        out.push(
          violation(
            NAME,
            `no known distance from ${m.fromHospitalId} to ${m.toHospitalId} for a lent list`,
            ids,
          ),
        );
      } else if (d > maxKm) {
        out.push(
          violation(
            NAME,
            `${m.fromHospitalId} lends surgeons to ${m.toHospitalId}, ${d} km away (limit ${maxKm} km)`,
            ids,
          ),
        );
      }
    }
    for (const c of counts.values()) {
      // Unknown hospitals and days outside the horizon are "unknown reference"s, reported there only.
      if (!ctx.hospitals.has(c.hospitalId) || !inHorizon(ctx, c.day)) continue;
      const spare =
        ctx.hospitalDays.get(dayKey(c.hospitalId, c.day))?.lendableSurgeonLists[c.specialtyId] ?? 0;
      if (c.n > spare) {
        out.push(
          violation(
            NAME,
            `${c.hospitalId} lends ${c.n} ${c.specialtyId} lists on ${dayLabel(ctx, c.day)} but has ${spare} to spare`,
            {
              hospitalId: c.hospitalId,
              day: c.day,
            },
          ),
        );
      }
    }
    return out;
  },
};
