// Weeks a simulation runs past the end of the snapshot's session plan repeat the plan's weekday
// pattern (ADR 0028): a hospital-date after the plan takes the sessions of the same weekday in the
// plan's last weeks, so the shape of theatre time (split days, allocations to specialties and
// surgeons) does not change at the plan's end; without this the simulated throughput jumps there.
// The repeated theatre-days follow the date's own roster (summer, overrides) as a scenario's
// changes do: the last theatres' sessions drop, or open full-day sessions fill free staffed rooms.
// Pure: no clock, no I/O, inputs never mutated.
import type { RegionSnapshot, Session } from '../domain/snapshot.ts';
import { addDays } from '../calendar/isoWeek.ts';
import { rosterListsOn, surgeonWorks } from '../scenarios/staffApply.ts';

/** Weeks back into the plan a weekday may look for sessions (a holiday week has none). */
const LOOKBACK_WEEKS = 4;

/** The snapshot with sessions for the dates after its session plan's last date (unchanged if none). */
export function withSessionPattern(base: RegionSnapshot, dates: readonly string[]): RegionSnapshot {
  if (base.sessions.length === 0) return base;
  let planEnd = '';
  for (const s of base.sessions) if (s.date > planEnd) planEnd = s.date;
  const after = dates.filter((d) => d > planEnd);
  if (after.length === 0) return base;
  const byHd = new Map<string, Session[]>();
  for (const s of base.sessions) {
    const key = `${s.hospitalId}|${s.date}`;
    const l = byHd.get(key);
    if (l === undefined) byHd.set(key, [s]);
    else l.push(s);
  }
  const surgeons = new Map(base.surgeons.map((s) => [s.id, s]));
  const added: Session[] = [];
  for (const h of base.hospitals) {
    for (const date of after) {
      const target = rosterListsOn(base, h.id, date);
      if (target === undefined) continue;
      // The same weekday in the plan's last weeks that has sessions.
      let first = date;
      while (first > planEnd) first = addDays(first, -7);
      let source: string | undefined;
      for (let k = 0, d = first; k < LOOKBACK_WEEKS; k++, d = addDays(d, -7))
        if (byHd.has(`${h.id}|${d}`)) {
          source = d;
          break;
        }
      if (source === undefined) continue;
      const from = rosterListsOn(base, h.id, source);
      const open = new Set(target.openTheatreIds);
      const planned = (byHd.get(`${h.id}|${source}`) as Session[]).filter((s) => open.has(s.theatreId));
      const theatres = target.openTheatreIds.filter((t) => planned.some((s) => s.theatreId === t));
      const wanted = Math.min(
        target.openTheatreIds.length,
        Math.max(0, theatres.length + target.lists - (from?.lists ?? theatres.length)),
      );
      const keep = new Set(theatres.slice(0, wanted));
      for (const s of planned) {
        if (!keep.has(s.theatreId)) continue;
        const a = s.allocation;
        const surgeon = a.kind === 'surgeon' ? surgeons.get(a.surgeonId) : undefined;
        added.push({
          ...s,
          id: `${s.id}.${date}`,
          date,
          allocation:
            a.kind === 'surgeon' && (surgeon === undefined || !surgeonWorks(surgeon, date))
              ? surgeon === undefined
                ? { kind: 'open' }
                : { kind: 'specialty', specialtyId: surgeon.specialtyId }
              : a,
        });
      }
      const free = target.openTheatreIds.filter((t) => !keep.has(t));
      for (const t of free.slice(0, Math.max(0, wanted - keep.size)))
        added.push({
          id: `se-${t}-${date}-day.r`,
          hospitalId: h.id,
          theatreId: t,
          date,
          part: 'day',
          startTime: h.listStartTime,
          lengthMin: h.listMin,
          allocation: { kind: 'open' },
        });
    }
  }
  return added.length === 0 ? base : { ...base, sessions: [...base.sessions, ...added] };
}
