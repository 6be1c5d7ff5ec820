// "acute back-up required": a non-acute hospital takes only patients within the procedure's ASA
// limit, and never procedures that need an acute hospital's back-up.
import type { Violation } from '../../model/result.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'acute back-up required';

export const acuteBackup: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    for (const p of ctx.resolved) {
      if (p.hospital.acute) continue;
      const ids = { patientId: p.patientId, hospitalId: p.hospitalId, day: p.day };
      if (p.procedure.needsAcuteBackup) {
        out.push(
          violation(
            NAME,
            `${p.procedure.id} needs acute back-up and ${p.hospitalId} is not an acute hospital (${p.patientId})`,
            ids,
          ),
        );
      } else if (p.patient.asaClass > p.procedure.maxAsaNonAcute) {
        out.push(
          violation(
            NAME,
            `${p.patientId} is ASA ${p.patient.asaClass} (limit ${p.procedure.maxAsaNonAcute} for ${p.procedure.id} outside acute hospitals) and ${p.hospitalId} is not an acute hospital`,
            ids,
          ),
        );
      }
    }
    return out;
  },
};
