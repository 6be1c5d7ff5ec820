// "closed theatre": a list only on a theatre open that day at that hospital.
import type { Violation } from '../../model/result.ts';
import { dayKey, dayLabel, inHorizon } from '../context.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'closed theatre';

export const closedTheatre: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    for (const l of ctx.plan.lists) {
      // Unknown hospitals and days outside the horizon are "unknown reference"s, reported there only.
      if (!ctx.hospitals.has(l.hospitalId) || !inHorizon(ctx, l.day)) continue;
      const ids = { hospitalId: l.hospitalId, theatreId: l.theatreId, day: l.day };
      const hd = ctx.hospitalDays.get(dayKey(l.hospitalId, l.day));
      if (!hd) {
        out.push(
          violation(
            NAME,
            `${l.hospitalId} has no theatre capacity on ${dayLabel(ctx, l.day)} (list on ${l.theatreId})`,
            ids,
          ),
        );
      } else if (!hd.openTheatreIds.includes(l.theatreId)) {
        out.push(
          violation(
            NAME,
            `theatre ${l.theatreId} at ${l.hospitalId} is not open on ${dayLabel(ctx, l.day)}`,
            ids,
          ),
        );
      }
    }
    return out;
  },
};
