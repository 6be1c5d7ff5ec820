// "ward beds": on every hospital-day with ward-bed data, the plan's inpatients (each in a bed from
// its surgery day for its procedure's length of stay) fit in the beds existing bookings leave.
import type { Violation } from '../../model/result.ts';
import { bedOccupancy, bedsLeftForPlan } from '../beds.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'ward beds';

export const wardBeds: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    for (const o of bedOccupancy(ctx.problem, ctx.resolved)) {
      const left = bedsLeftForPlan(o);
      if (o.plannedBeds <= left) continue;
      out.push(
        violation(
          NAME,
          `${o.hospitalId} needs ${o.plannedBeds} ward beds for planned cases on ${o.date} but has ${left} (${o.capacityBeds} beds, ${o.bookedBeds} taken by bookings)`,
          { hospitalId: o.hospitalId, day: o.day },
        ),
      );
    }
    return out;
  },
};
