// "overrun risk": the checker's own P(a list's lognormal case durations + turnovers exceed the list
// minutes) stays within rules.overrunProbabilityMax, and the list reports that probability to within
// REPORTED_TOLERANCE.
import type { Violation } from '../../model/result.ts';
import { dayLabel } from '../context.ts';
import { overrunProbability, type CaseDistribution } from '../overrun.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'overrun risk';
export const REPORTED_TOLERANCE = 0.02;
const EPS = 1e-9;

export const overrunRisk: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    const max = ctx.problem.rules.overrunProbabilityMax;
    for (const l of ctx.plan.lists) {
      const hospital = ctx.hospitals.get(l.hospitalId);
      if (!hospital) continue;
      const cases: CaseDistribution[] = [];
      for (const id of l.patientIds) {
        const patient = ctx.patients.get(id);
        const procedure = patient && ctx.procedures.get(patient.procedureId);
        if (procedure) cases.push(procedure);
      }
      // A list in a session has its session's length (ADR 0023).
      const session = l.sessionId
        ? (ctx.problem.sessions ?? []).find((x) => x.id === l.sessionId)
        : undefined;
      const p = overrunProbability(session?.lengthMin ?? hospital.listMin, cases);
      const ids = { hospitalId: l.hospitalId, theatreId: l.theatreId, day: l.day };
      const where = `list ${l.hospitalId}/${l.theatreId} on ${dayLabel(ctx, l.day)}`;
      const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
      if (p > max + EPS)
        out.push(
          violation(NAME, `${where} overruns with probability ${pct(p)}, above the ${pct(max)} limit`, ids),
        );
      if (!(Math.abs(l.overrunProbability - p) <= REPORTED_TOLERANCE)) {
        out.push(
          violation(
            NAME,
            `${where} reports overrun probability ${pct(l.overrunProbability)} but it is ${pct(p)}`,
            ids,
          ),
        );
      }
    }
    return out;
  },
};
