// "pin broken": a pinned patient must be scheduled at the pinned hospital and day (and theatre, if
// the pin names one).
import type { Violation } from '../../model/result.ts';
import { dayLabel, pushTo, type Placement } from '../context.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'pin broken';

export const pinBroken: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    const byPatient = new Map<string, Placement[]>();
    for (const p of ctx.placements) pushTo(byPatient, p.patientId, p);
    for (const pin of ctx.problem.pins) {
      const where = `${pin.hospitalId}${pin.theatreId === undefined ? '' : ` theatre ${pin.theatreId}`} on ${dayLabel(ctx, pin.day)}`;
      const ids = {
        patientId: pin.patientId,
        hospitalId: pin.hospitalId,
        theatreId: pin.theatreId,
        day: pin.day,
      };
      const placed = byPatient.get(pin.patientId) ?? [];
      const kept = placed.some(
        (p) =>
          p.hospitalId === pin.hospitalId &&
          p.day === pin.day &&
          (pin.theatreId === undefined || p.theatreId === pin.theatreId),
      );
      if (kept) continue;
      const first = placed[0];
      const now =
        first === undefined
          ? 'is not scheduled'
          : `is scheduled at ${first.hospitalId} theatre ${first.theatreId} on ${dayLabel(ctx, first.day)}`;
      out.push(violation(NAME, `${pin.patientId} is pinned to ${where} but ${now}`, ids));
    }
    return out;
  },
};
