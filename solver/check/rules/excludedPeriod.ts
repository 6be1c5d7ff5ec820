// "excluded period": never during the patient's PvV / MoV / SoV periods (inclusive days).
import type { Violation } from '../../model/result.ts';
import { dayLabel } from '../context.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'excluded period';

export const excludedPeriod: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    for (const p of ctx.resolved) {
      const period = p.patient.excludedPeriods.find((e) => p.day >= e.fromDay && p.day <= e.toDay);
      if (period) {
        out.push(
          violation(
            NAME,
            `${p.patientId} is planned on ${dayLabel(ctx, p.day)}, inside a ${period.kind} period (days ${period.fromDay}–${period.toDay})`,
            {
              patientId: p.patientId,
              hospitalId: p.hospitalId,
              day: p.day,
            },
          ),
        );
      }
    }
    return out;
  },
};
