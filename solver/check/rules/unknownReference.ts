// "unknown reference": the plan names a patient, procedure, hospital, specialty or regional team the
// problem does not know, or a day outside the horizon, or a date that is not that day's date.
import type { Violation } from '../../model/result.ts';
import { dayLabel, inHorizon } from '../context.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'unknown reference';

export const unknownReference: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    const { problem } = ctx;
    const day = (
      what: string,
      d: number,
      date: string | undefined,
      ids: { hospitalId?: string; theatreId?: string; patientId?: string },
    ): void => {
      if (!inHorizon(ctx, d)) {
        out.push(
          violation(
            NAME,
            `${what} is on day ${d}, outside the horizon ${problem.dates[0] ?? ''}–${problem.dates.at(-1) ?? ''}`,
            { ...ids, day: d },
          ),
        );
      } else if (date !== undefined && date !== dayLabel(ctx, d)) {
        out.push(
          violation(NAME, `${what} says date ${date} but day ${d} is ${dayLabel(ctx, d)}`, {
            ...ids,
            day: d,
          }),
        );
      }
    };
    const hospital = (what: string, id: string, d: number): void => {
      if (!ctx.hospitals.has(id))
        out.push(violation(NAME, `${what} names unknown hospital ${id}`, { hospitalId: id, day: d }));
    };

    for (const a of ctx.plan.assignments) {
      const what = `the assignment of ${a.patientId}`;
      const patient = ctx.patients.get(a.patientId);
      if (!patient)
        out.push(
          violation(NAME, `${a.patientId} is not a patient of this problem`, { patientId: a.patientId }),
        );
      else if (!ctx.procedures.has(patient.procedureId)) {
        out.push(
          violation(NAME, `${a.patientId} has unknown procedure ${patient.procedureId}`, {
            patientId: a.patientId,
          }),
        );
      }
      hospital(what, a.hospitalId, a.day);
      day(what, a.day, a.date, { patientId: a.patientId, hospitalId: a.hospitalId, theatreId: a.theatreId });
    }
    const assigned = new Set(ctx.plan.assignments.map((a) => a.patientId));
    for (const l of ctx.plan.lists) {
      const what = `list ${l.hospitalId}/${l.theatreId}`;
      const ids = { hospitalId: l.hospitalId, theatreId: l.theatreId, day: l.day };
      hospital(what, l.hospitalId, l.day);
      day(what, l.day, l.date, ids);
      if (!ctx.specialties.has(l.specialtyId))
        out.push(violation(NAME, `${what} has unknown specialty ${l.specialtyId}`, ids));
      if (!ctx.hospitals.has(l.surgeonFromHospitalId)) {
        out.push(
          violation(NAME, `${what} takes surgeons from unknown hospital ${l.surgeonFromHospitalId}`, ids),
        );
      }
      if (l.staffedBy !== 'own' && !ctx.teams.has(l.staffedBy.regionalTeamId)) {
        out.push(
          violation(NAME, `${what} is staffed by unknown regional team ${l.staffedBy.regionalTeamId}`, ids),
        );
      }
      for (const patientId of l.patientIds) {
        // A patient with an assignment is reported once, above.
        if (!ctx.patients.has(patientId) && !assigned.has(patientId)) {
          out.push(
            violation(NAME, `${what} holds ${patientId}, who is not a patient of this problem`, {
              ...ids,
              patientId,
            }),
          );
        }
      }
    }
    for (const t of ctx.plan.teamPlacements) {
      const what = `the placement of regional team ${t.teamId}`;
      if (!ctx.teams.has(t.teamId))
        out.push(
          violation(NAME, `regional team ${t.teamId} is not in this problem`, {
            hospitalId: t.hospitalId,
            day: t.day,
          }),
        );
      hospital(what, t.hospitalId, t.day);
      day(what, t.day, t.date, { hospitalId: t.hospitalId, theatreId: t.theatreId });
    }
    for (const m of ctx.plan.lentLists) {
      const what = `the list lent from ${m.fromHospitalId} to ${m.toHospitalId}`;
      hospital(what, m.fromHospitalId, m.day);
      hospital(what, m.toHospitalId, m.day);
      if (!ctx.specialties.has(m.specialtyId))
        out.push(
          violation(NAME, `${what} has unknown specialty ${m.specialtyId}`, {
            hospitalId: m.toHospitalId,
            day: m.day,
          }),
        );
      day(what, m.day, m.date, { hospitalId: m.toHospitalId, theatreId: m.theatreId });
    }
    return out;
  },
};
