// "mixed specialty list": a list serves one specialty, and lists and assignments tell the same
// story (every assignment sits in the list of its hospital/theatre/day, and every list patient has
// an assignment there).
import type { Violation } from '../../model/result.ts';
import { dayLabel, slotKey } from '../context.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'mixed specialty list';

export const mixedSpecialty: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    for (const l of ctx.plan.lists) {
      const where = `list ${l.hospitalId}/${l.theatreId} on ${dayLabel(ctx, l.day)}`;
      const slot = slotKey(l.hospitalId, l.theatreId, l.day);
      const assignedHere = new Set((ctx.assignmentsBySlot.get(slot) ?? []).map((a) => a.patientId));
      for (const patientId of l.patientIds) {
        const ids = { patientId, hospitalId: l.hospitalId, theatreId: l.theatreId, day: l.day };
        const patient = ctx.patients.get(patientId);
        const procedure = patient && ctx.procedures.get(patient.procedureId);
        if (procedure && procedure.specialtyId !== l.specialtyId) {
          out.push(
            violation(
              NAME,
              `${patientId} (${procedure.id}, ${procedure.specialtyId}) is in the ${l.specialtyId} ${where}`,
              ids,
            ),
          );
        }
        if (!assignedHere.has(patientId))
          out.push(violation(NAME, `${patientId} is in the ${where} but has no assignment there`, ids));
      }
    }
    for (const a of ctx.plan.assignments) {
      const lists = ctx.listsBySlot.get(slotKey(a.hospitalId, a.theatreId, a.day)) ?? [];
      if (!lists.some((l) => l.patientIds.includes(a.patientId))) {
        out.push(
          violation(
            NAME,
            `${a.patientId} is assigned to ${a.hospitalId}/${a.theatreId} on ${dayLabel(ctx, a.day)} but is in no list there`,
            {
              patientId: a.patientId,
              hospitalId: a.hospitalId,
              theatreId: a.theatreId,
              day: a.day,
            },
          ),
        );
      }
    }
    return out;
  },
};
