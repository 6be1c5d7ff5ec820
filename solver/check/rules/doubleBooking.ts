// "double booking": a patient in more than one assignment or list (or twice in one list), two lists
// on one theatre on one day (unless each runs in its own session of the session plan, ADR 0023), or
// one regional team placed twice on one day.
import type { Violation } from '../../model/result.ts';
import { dayLabel, increment } from '../context.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'double booking';

export const doubleBooking: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    const inAssignments = new Map<string, number>();
    for (const a of ctx.plan.assignments) increment(inAssignments, a.patientId);
    const inLists = new Map<string, number>();
    for (const l of ctx.plan.lists) for (const id of l.patientIds) increment(inLists, id);
    for (const [patientId, n] of inAssignments) {
      if (n > 1) out.push(violation(NAME, `${patientId} has ${n} assignments`, { patientId }));
    }
    for (const [patientId, n] of inLists) {
      if (n > 1) out.push(violation(NAME, `${patientId} appears ${n} times in theatre lists`, { patientId }));
    }
    for (const lists of ctx.listsBySlot.values()) {
      const first = lists[0];
      const sessionIds = lists.map((l) => l.sessionId ?? null);
      const ownSessions =
        sessionIds.every((x) => x !== null) && new Set(sessionIds).size === sessionIds.length;
      if (first && lists.length > 1 && !ownSessions) {
        out.push(
          violation(
            NAME,
            `theatre ${first.theatreId} at ${first.hospitalId} has ${lists.length} lists on ${dayLabel(ctx, first.day)}`,
            {
              hospitalId: first.hospitalId,
              theatreId: first.theatreId,
              day: first.day,
            },
          ),
        );
      }
    }
    const teamDays = new Map<string, number>();
    for (const t of ctx.plan.teamPlacements) increment(teamDays, `${t.teamId}\u0001${t.day}`);
    const reported = new Set<string>();
    for (const t of ctx.plan.teamPlacements) {
      const key = `${t.teamId}\u0001${t.day}`;
      const n = teamDays.get(key) ?? 0;
      if (n > 1 && !reported.has(key)) {
        reported.add(key);
        out.push(
          violation(NAME, `regional team ${t.teamId} is placed ${n} times on ${dayLabel(ctx, t.day)}`, {
            day: t.day,
          }),
        );
      }
    }
    return out;
  },
};
