// "regional team": the regional operation team works only on its available days and at its allowed
// hospitals (an empty list allows any). Two placements on one day are a "double booking".
import type { Violation } from '../../model/result.ts';
import { dayLabel, inHorizon } from '../context.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'regional team';

export const regionalTeam: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    for (const t of ctx.plan.teamPlacements) {
      const team = ctx.teams.get(t.teamId);
      // Unknown teams and days outside the horizon are "unknown reference"s, reported there only.
      if (!team || !inHorizon(ctx, t.day)) continue;
      const ids = { hospitalId: t.hospitalId, theatreId: t.theatreId, day: t.day };
      if (!team.availableDays.includes(t.day)) {
        out.push(
          violation(NAME, `regional team ${t.teamId} is not available on ${dayLabel(ctx, t.day)}`, ids),
        );
      }
      if (team.allowedHospitalIds.length > 0 && !team.allowedHospitalIds.includes(t.hospitalId)) {
        out.push(violation(NAME, `regional team ${t.teamId} may not work at ${t.hospitalId}`, ids));
      }
    }
    return out;
  },
};
