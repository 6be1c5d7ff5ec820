// "procedure not offered": the hospital does not perform the patient's procedure.
import { violation, type Rule } from './rule.ts';

const NAME = 'procedure not offered';

export const procedureNotOffered: Rule = {
  name: NAME,
  check(ctx) {
    return ctx.resolved
      .filter((p) => !ctx.offered.get(p.hospitalId)?.has(p.procedure.id))
      .map((p) =>
        violation(NAME, `${p.hospitalId} does not offer ${p.procedure.id} (${p.patientId})`, {
          patientId: p.patientId,
          hospitalId: p.hospitalId,
          day: p.day,
        }),
      );
  },
};
