// "before pre-op release": not before the patient is ready for surgery (pre-op assessment done).
import { dayLabel } from '../context.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'before pre-op release';

export const beforeRelease: Rule = {
  name: NAME,
  check(ctx) {
    return ctx.resolved
      .filter((p) => p.day < p.patient.earliestDay)
      .map((p) =>
        violation(
          NAME,
          `${p.patientId} is planned on ${dayLabel(ctx, p.day)}, before release on day ${p.patient.earliestDay}`,
          {
            patientId: p.patientId,
            hospitalId: p.hospitalId,
            day: p.day,
          },
        ),
      );
  },
};
