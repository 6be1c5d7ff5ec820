// "planner exclusion": patients the planner took out of this plan are not scheduled.
import { violation, type Rule } from './rule.ts';

const NAME = 'planner exclusion';

export const plannerExclusion: Rule = {
  name: NAME,
  check(ctx) {
    return ctx.placements
      .filter((p) => ctx.excluded.has(p.patientId))
      .map((p) =>
        violation(
          NAME,
          `${p.patientId} was excluded from this plan by the planner but is scheduled at ${p.hospitalId}`,
          {
            patientId: p.patientId,
            hospitalId: p.hospitalId,
            day: p.day,
          },
        ),
      );
  },
};
