// "surgeon lists": per hospital, day and specialty, the lists its own surgeons operate plus the
// lists it lends out stay within its surgeon lists; a list operated by another hospital's surgeons
// needs a matching lent list.
import type { Violation } from '../../model/result.ts';
import { dayKey, dayLabel, increment, specKey } from '../context.ts';
import { violation, type Rule } from './rule.ts';

const NAME = 'surgeon lists';

export const surgeonLists: Rule = {
  name: NAME,
  check(ctx) {
    const out: Violation[] = [];
    const own = new Map<string, { hospitalId: string; day: number; specialtyId: string; n: number }>();
    const lentOut = new Map<string, number>();
    const lentSlots = new Set<string>();
    for (const m of ctx.plan.lentLists) {
      increment(lentOut, specKey(m.fromHospitalId, m.day, m.specialtyId));
      lentSlots.add([m.fromHospitalId, m.toHospitalId, m.specialtyId, m.theatreId, m.day].join('\u0001'));
    }
    for (const l of ctx.plan.lists) {
      if (l.surgeonFromHospitalId === l.hospitalId) {
        const key = specKey(l.hospitalId, l.day, l.specialtyId);
        const cur = own.get(key);
        if (cur) cur.n += 1;
        else own.set(key, { hospitalId: l.hospitalId, day: l.day, specialtyId: l.specialtyId, n: 1 });
        continue;
      }
      const slot = [l.surgeonFromHospitalId, l.hospitalId, l.specialtyId, l.theatreId, l.day].join('\u0001');
      if (!lentSlots.has(slot)) {
        out.push(
          violation(
            NAME,
            `list ${l.hospitalId}/${l.theatreId} on ${dayLabel(ctx, l.day)} is operated by ${l.surgeonFromHospitalId} surgeons without a lent ${l.specialtyId} list`,
            { hospitalId: l.hospitalId, theatreId: l.theatreId, day: l.day },
          ),
        );
      }
    }
    for (const [key, o] of own) {
      const hd = ctx.hospitalDays.get(dayKey(o.hospitalId, o.day));
      // A list on a day without capacity is a "closed theatre"; reported there only.
      if (!hd) continue;
      const have = hd.surgeonLists[o.specialtyId] ?? 0;
      const lent = lentOut.get(key) ?? 0;
      if (o.n > have - lent) {
        const lentText = lent > 0 ? ` and lends ${lent} of them out` : '';
        out.push(
          violation(
            NAME,
            `${o.hospitalId} runs ${o.n} ${o.specialtyId} lists with its own surgeons on ${dayLabel(ctx, o.day)} but has ${have} surgeon lists${lentText}`,
            {
              hospitalId: o.hospitalId,
              day: o.day,
            },
          ),
        );
      }
    }
    return out;
  },
};
