// A quick, deterministic stand-in for the seed's surgeons and session plan (ADR 0023), for tests
// and measurements of the engine before the seed generates them: per hospital and specialty as
// many named surgeons as its busiest roster day has surgeon lists; per hospital-date of the given
// dates one session per staffed theatre (mostly the specialties', some a named surgeon's, a few
// open; every fifth theatre split into a morning and an afternoon); a few patients tied to or
// preferring a surgeon. Not the seed generator (branch surg-data builds that).
import { isoWeekday } from '../../src/calendar/isoWeek.ts';
import type { RegionSnapshot, Session, Surgeon } from '../../src/domain/snapshot.ts';

function hhmm(min: number): string {
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}

export function withSurgeonsAndSessions(snap: RegionSnapshot, dates: readonly string[]): RegionSnapshot {
  const specOf = new Map(snap.procedures.map((p) => [p.id, p.specialtyId]));
  const kmBetween = new Map(snap.distances.map((d) => [`${d.fromId}|${d.toId}`, d.km]));
  const surgeons: Surgeon[] = [];
  for (const h of snap.hospitals) {
    const templates = snap.rosterTemplates.filter((t) => t.hospitalId === h.id);
    const specs = new Set(templates.flatMap((t) => Object.keys(t.surgeonLists)));
    for (const s of [...specs].sort()) {
      const n = Math.max(0, ...templates.map((t) => t.surgeonLists[s] ?? 0));
      const lendable = Math.max(0, ...templates.map((t) => t.lendableSurgeonLists[s] ?? 0));
      const procs = h.procedureIds.filter((p) => specOf.get(p) === s);
      if (procs.length === 0) continue;
      const near = snap.hospitals
        .filter((o) => o.id !== h.id && (kmBetween.get(`${h.id}|${o.id}`) ?? Infinity) <= 150)
        .map((o) => o.id);
      for (let k = 0; k < n; k++) {
        surgeons.push({
          id: `sg-${h.id}-${s}-${k}`,
          name: `Operatör ${surgeons.length + 1}`,
          homeHospitalId: h.id,
          specialtyId: s,
          // Every third surgeon does only the specialty's first procedures (a subspecialist).
          procedureIds: k % 3 === 2 && procs.length > 1 ? procs.slice(0, Math.ceil(procs.length / 2)) : procs,
          maxMinPerDay: Math.max(240, h.listMin - (k % 2) * 60),
          weekdays: [1, 2, 3, 4, 5],
          unavailableDates: k % 5 === 4 && dates[2] !== undefined ? [dates[2]] : [],
          extraDates: [],
          visitingHospitalIds: k < lendable ? near : [],
          maxParallelTheatres: k % 7 === 6 ? 2 : 1,
        });
      }
    }
  }
  const sessions: Session[] = [];
  let serial = 0;
  for (const date of dates) {
    const wd = isoWeekday(date);
    for (const h of snap.hospitals) {
      const t = snap.rosterTemplates.find((x) => x.hospitalId === h.id && x.weekday === wd);
      if (!t) continue;
      const theatres = snap.theatres.filter((x) => x.hospitalId === h.id);
      const staffed = Math.min(theatres.length, t.anaesthesiaTeams, t.nursingTeams);
      const specs = Object.entries(t.surgeonLists).flatMap(([s, n]) => Array.from({ length: n }, () => s));
      const mine = surgeons.filter((s) => s.homeHospitalId === h.id);
      for (let i = 0; i < staffed; i++) {
        const theatreId = (theatres[i] as { id: string }).id;
        const kind = (serial + i) % 10;
        const spec = specs[i % Math.max(1, specs.length)];
        const sg = mine[(serial + i) % Math.max(1, mine.length)];
        const allocation: Session['allocation'] =
          kind === 9 || spec === undefined
            ? { kind: 'open' }
            : kind === 7 && sg
              ? { kind: 'surgeon', surgeonId: sg.id }
              : { kind: 'specialty', specialtyId: spec };
        const start = h.listStartTime.split(':').map(Number) as [number, number];
        const startMin = start[0] * 60 + start[1];
        const base = { hospitalId: h.id, theatreId, date };
        if ((serial + i) % 5 === 3) {
          const half = Math.floor(h.listMin / 2);
          sessions.push({
            ...base,
            id: `se-${++serial}`,
            part: 'am',
            startTime: hhmm(startMin),
            lengthMin: half,
            allocation,
          });
          sessions.push({
            ...base,
            id: `se-${++serial}`,
            part: 'pm',
            startTime: hhmm(startMin + half + 30),
            lengthMin: half - 30,
            allocation:
              spec === undefined
                ? { kind: 'open' }
                : { kind: 'specialty', specialtyId: specs[(i + 1) % specs.length] ?? spec },
          });
        } else
          sessions.push({
            ...base,
            id: `se-${++serial}`,
            part: 'day',
            startTime: hhmm(startMin),
            lengthMin: h.listMin,
            allocation,
          });
      }
    }
  }
  const waitingList = snap.waitingList.map((p, i) => {
    const spec = specOf.get(p.procedureId);
    const cands = surgeons.filter(
      (s) =>
        s.homeHospitalId === p.listingHospitalId &&
        s.specialtyId === spec &&
        s.procedureIds.includes(p.procedureId),
    );
    const sg = cands[i % Math.max(1, cands.length)];
    if (!sg) return p;
    if (i % 20 === 0) return { ...p, surgeonId: sg.id };
    if (i % 10 === 5) return { ...p, preferredSurgeonId: sg.id };
    return p;
  });
  return { ...snap, surgeons, sessions, waitingList };
}
