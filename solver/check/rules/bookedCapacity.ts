// "booked capacity": existing bookings are never re-planned: a booked patient gets no new time, and
// a theatre that has a booking on a day takes no list of the plan that day.
import type { Violation } from '../../model/result.ts';
import { dayLabel, slotKey } from '../context.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'booked capacity';

export const bookedCapacity: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    const bookings = ctx.problem.bookings ?? [];
    if (bookings.length === 0) return out;
    const bookedPatients = new Set(bookings.map((b) => b.patientId));
    const bookedSlots = new Set(bookings.map((b) => slotKey(b.hospitalId, b.theatreId, b.day)));
    for (const p of ctx.placements) {
      if (!bookedPatients.has(p.patientId)) continue;
      out.push(
        violation(NAME, `${p.patientId} already has a booking and is planned again`, {
          patientId: p.patientId,
          hospitalId: p.hospitalId,
          day: p.day,
        }),
      );
    }
    for (const l of ctx.plan.lists) {
      if (!bookedSlots.has(slotKey(l.hospitalId, l.theatreId, l.day))) continue;
      out.push(
        violation(
          NAME,
          `theatre ${l.theatreId} at ${l.hospitalId} is already booked on ${dayLabel(ctx, l.day)}`,
          { hospitalId: l.hospitalId, theatreId: l.theatreId, day: l.day },
        ),
      );
    }
    return out;
  },
};
