// "HTA do-not-do": procedures HTA advises against are flagged, not scheduled, unless a clinician
// overrode the flag for this patient.
import { violation, type Rule } from './rule.ts';

const NAME = 'HTA do-not-do';

export const htaDoNotDo: Rule = {
  name: NAME,
  check(ctx) {
    return ctx.resolved
      .filter((p) => p.procedure.htaDoNotDo && !p.patient.htaOverride)
      .map((p) =>
        violation(
          NAME,
          `${p.procedure.id} is an HTA do-not-do procedure and ${p.patientId} has no clinician override`,
          {
            patientId: p.patientId,
            hospitalId: p.hospitalId,
            day: p.day,
          },
        ),
      );
  },
};
