// "staffed teams": a hospital staffs at most staffedTeams lists itself per day; every other list is
// staffed by a regional team placed on exactly that theatre that day.
import type { Violation } from '../../model/result.ts';
import { dayKey, dayLabel, increment, slotKey } from '../context.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'staffed teams';

export const staffedTeams: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    const ownLists = new Map<string, number>();
    const placements = new Set(
      ctx.plan.teamPlacements.map((t) => `${t.teamId}\u0002${slotKey(t.hospitalId, t.theatreId, t.day)}`),
    );
    for (const l of ctx.plan.lists) {
      if (l.staffedBy === 'own') {
        increment(ownLists, dayKey(l.hospitalId, l.day));
        continue;
      }
      const teamId = l.staffedBy.regionalTeamId;
      if (!placements.has(`${teamId}\u0002${slotKey(l.hospitalId, l.theatreId, l.day)}`)) {
        out.push(
          violation(
            NAME,
            `list ${l.hospitalId}/${l.theatreId} on ${dayLabel(ctx, l.day)} is staffed by regional team ${teamId}, which is not placed there`,
            {
              hospitalId: l.hospitalId,
              theatreId: l.theatreId,
              day: l.day,
            },
          ),
        );
      }
    }
    for (const [key, n] of ownLists) {
      const hd = ctx.hospitalDays.get(key);
      // A list on a day without capacity is a "closed theatre"; reported there only.
      if (!hd || n <= hd.staffedTeams) continue;
      out.push(
        violation(
          NAME,
          `${hd.hospitalId} staffs ${n} lists itself on ${dayLabel(ctx, hd.day)} but has ${hd.staffedTeams} staffed teams`,
          {
            hospitalId: hd.hospitalId,
            day: hd.day,
          },
        ),
      );
    }
    return out;
  },
};
