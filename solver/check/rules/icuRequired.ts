// "ICU required": procedures that need intensive-care back-up only where there is an ICU.
import { violation, type Rule } from './rule.ts';

const NAME = 'ICU required';

export const icuRequired: Rule = {
  name: NAME,
  check(ctx) {
    return ctx.resolved
      .filter((p) => p.procedure.needsIcu && !p.hospital.icu)
      .map((p) =>
        violation(NAME, `${p.procedure.id} needs an ICU and ${p.hospitalId} has none (${p.patientId})`, {
          patientId: p.patientId,
          hospitalId: p.hospitalId,
          day: p.day,
        }),
      );
  },
};
