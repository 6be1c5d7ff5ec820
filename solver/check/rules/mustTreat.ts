// "must treat": a patient whose must-treat date lies in the horizon is scheduled on or before it
// (unless the planner excluded the patient from this plan).
import type { Violation } from '../../model/result.ts';
import { dayLabel } from '../context.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'must treat';

export const mustTreat: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    const { problem } = ctx;
    const endDay = problem.startDay + problem.dates.length;
    const excluded = new Set(problem.excludedPatientIds);
    const first = new Map<string, number>();
    for (const p of ctx.placements)
      first.set(p.patientId, Math.min(first.get(p.patientId) ?? Infinity, p.day));
    for (const p of problem.patients) {
      const by = p.mustTreatByDay;
      if (by === undefined || by >= endDay || excluded.has(p.id)) continue;
      const day = first.get(p.id);
      if (day !== undefined && day <= by) continue;
      const now = day === undefined ? 'is not scheduled' : `is scheduled on ${dayLabel(ctx, day)}`;
      out.push(
        violation(NAME, `${p.id} must be operated by ${dayLabel(ctx, by)} but ${now}`, {
          patientId: p.id,
          ...(day === undefined ? {} : { day }),
        }),
      );
    }
    return out;
  },
};
