// "theatre overrun": the planned timetable of every theatre-day is physically possible. Cases start
// no earlier than the list start, do not overlap, leave the earlier case's turnover before the next
// one, and end (start + planned duration) by the list end; the planned duration is the procedure's
// mean exp(logMu + logSigma²/2) rounded to whole minutes, and the turnover is the procedure's.
// Checked per hospital/theatre/day over all assignments there, whatever list they claim.
import type { Assignment, Violation } from '../../model/result.ts';
import { dayLabel } from '../context.ts';
import { plannedCaseMin } from '../overrun.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'theatre overrun';

function clock(min: number): string {
  const h = Math.floor(min / 60);
  const m = min - h * 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

export const theatreOverrun: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    for (const slot of ctx.assignmentsBySlot.values()) {
      const first = slot[0];
      const hospital = first && ctx.hospitals.get(first.hospitalId);
      if (!first || !hospital) continue;
      // A case in a session keeps to its session's window (ADR 0023), else the hospital's list.
      const sessions = new Map((ctx.problem.sessions ?? []).map((x) => [x.id, x]));
      const windowOf = (a: Assignment): { start: number; end: number } => {
        const s = a.sessionId ? sessions.get(a.sessionId) : undefined;
        return s
          ? { start: s.startMin, end: s.startMin + s.lengthMin }
          : { start: hospital.listStartMin, end: hospital.listStartMin + hospital.listMin };
      };
      const turnoverOf = (a: Assignment): number => {
        const patient = ctx.patients.get(a.patientId);
        return (patient && ctx.procedures.get(patient.procedureId)?.turnoverMin) ?? a.turnoverMin;
      };
      const ordered = slot.toSorted((a, b) => a.startMin - b.startMin);
      let prev: Assignment | undefined;
      for (const a of ordered) {
        const ids = { patientId: a.patientId, hospitalId: a.hospitalId, theatreId: a.theatreId, day: a.day };
        const where = `${a.hospitalId}/${a.theatreId} on ${dayLabel(ctx, a.day)}`;
        const patient = ctx.patients.get(a.patientId);
        const procedure = patient && ctx.procedures.get(patient.procedureId);
        if (procedure) {
          const planned = plannedCaseMin(procedure.logMu, procedure.logSigma);
          if (a.durationMin !== planned) {
            out.push(
              violation(
                NAME,
                `${a.patientId} is planned for ${a.durationMin} min but ${procedure.id} takes ${planned} min on average`,
                ids,
              ),
            );
          }
          if (a.turnoverMin !== procedure.turnoverMin) {
            out.push(
              violation(
                NAME,
                `${a.patientId} has ${a.turnoverMin} min turnover but ${procedure.id} needs ${procedure.turnoverMin} min`,
                ids,
              ),
            );
          }
        }
        const { start: listStart, end: listEnd } = windowOf(a);
        if (a.startMin < listStart) {
          out.push(
            violation(
              NAME,
              `${a.patientId} starts at ${clock(a.startMin)} in ${where}, before the list starts at ${clock(listStart)}`,
              ids,
            ),
          );
        }
        if (a.startMin + a.durationMin > listEnd) {
          out.push(
            violation(
              NAME,
              `${a.patientId} ends at ${clock(a.startMin + a.durationMin)} in ${where}, after the list ends at ${clock(listEnd)}`,
              ids,
            ),
          );
        }
        if (prev) {
          const prevEnd = prev.startMin + prev.durationMin;
          const ready = prevEnd + turnoverOf(prev);
          if (a.startMin < prevEnd) {
            out.push(
              violation(
                NAME,
                `${a.patientId} starts at ${clock(a.startMin)} in ${where} while ${prev.patientId} is still in theatre (until ${clock(prevEnd)})`,
                ids,
              ),
            );
          } else if (a.startMin < ready) {
            out.push(
              violation(
                NAME,
                `${a.patientId} starts at ${clock(a.startMin)} in ${where}, before the turnover after ${prev.patientId} ends at ${clock(ready)}`,
                ids,
              ),
            );
          }
        }
        prev = a;
      }
    }
    return out;
  },
};
