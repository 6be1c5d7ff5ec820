// Named surgeons and sessions (ADR 0023), re-checked from the raw problem and the plan's
// assignments (the lists' claims are not trusted):
// - "surgeon minutes": a surgeon's planned minutes (cases + turnovers) on a day ≤ maxMinPerDay.
// - "surgeon one place": a surgeon operates at one hospital per day, and at no moment in more
//   theatres than maxParallelTheatres (cases overlap when their [start, start + duration) meet).
// - "session": a case in a session lies inside its session (hospital, theatre, day, time window),
//   and the session's allocation matches (its specialty, its surgeon, or open); on a hospital-day
//   with a session plan every case names its session, except a case in an idle room (a theatre
//   without any session that day) that a regional team staffs that day.
// - "tied surgeon": a patient tied to a surgeon is operated by that surgeon.
// - "surgeon procedure": the surgeon may do the procedure; where named surgeons govern the
//   specialty at the hospital (they have it as home), every case names one.
// - "surgeon availability": the surgeon operates on that day and may operate at that hospital.
import type { ProblemSession, ProblemSurgeon } from '../../model/problem.ts';
import type { Assignment, Violation } from '../../model/result.ts';
import { dayLabel, pushTo, type CheckContext } from '../context.ts';
import { violation, type Rule } from './rule.ts';

interface SurgeonView {
  surgeons: Map<string, ProblemSurgeon>;
  sessions: Map<string, ProblemSession>;
  sessionDays: Set<string>;
  /** "hospital|theatre|day" of every session. */
  sessionTheatres: Set<string>;
  governed: Set<string>;
}

const views = new WeakMap<CheckContext, SurgeonView>();

function view(ctx: CheckContext): SurgeonView {
  const hit = views.get(ctx);
  if (hit) return hit;
  const surgeons = new Map<string, ProblemSurgeon>();
  for (const s of ctx.problem.surgeons ?? []) if (!surgeons.has(s.id)) surgeons.set(s.id, s);
  const sessions = new Map<string, ProblemSession>();
  const sessionDays = new Set<string>();
  const sessionTheatres = new Set<string>();
  for (const s of ctx.problem.sessions ?? []) {
    if (!sessions.has(s.id)) sessions.set(s.id, s);
    sessionDays.add(`${s.hospitalId}|${s.day}`);
    sessionTheatres.add(`${s.hospitalId}|${s.theatreId}|${s.day}`);
  }
  const governed = new Set([...surgeons.values()].map((s) => `${s.homeHospitalId}|${s.specialtyId}`));
  const v = { surgeons, sessions, sessionDays, sessionTheatres, governed };
  views.set(ctx, v);
  return v;
}

function ids(a: Assignment): { patientId: string; hospitalId: string; theatreId: string; day: number } {
  return { patientId: a.patientId, hospitalId: a.hospitalId, theatreId: a.theatreId, day: a.day };
}

function byDay(ctx: CheckContext): Map<string, Assignment[]> {
  const out = new Map<string, Assignment[]>();
  for (const a of ctx.plan.assignments)
    if (a.surgeonId !== undefined && a.surgeonId !== null) pushTo(out, `${a.surgeonId}|${a.day}`, a);
  return out;
}

export const surgeonMinutes: Rule = {
  name: 'surgeon minutes',
  check(ctx) {
    const out: Violation[] = [];
    const v = view(ctx);
    for (const [key, as] of byDay(ctx)) {
      const s = v.surgeons.get(key.split('|')[0] ?? '');
      if (!s) continue;
      const min = as.reduce((t, a) => t + a.durationMin + a.turnoverMin, 0);
      if (min > s.maxMinPerDay)
        out.push(
          violation(
            'surgeon minutes',
            `${s.id} is planned for ${min} min on ${dayLabel(ctx, as[0]?.day ?? 0)}, above their ${s.maxMinPerDay} min`,
            { day: as[0]?.day },
          ),
        );
    }
    return out;
  },
};

export const surgeonOnePlace: Rule = {
  name: 'surgeon one place',
  check(ctx) {
    const out: Violation[] = [];
    const v = view(ctx);
    for (const [key, as] of byDay(ctx)) {
      const s = v.surgeons.get(key.split('|')[0] ?? '');
      const first = as[0];
      if (!first) continue;
      const where = new Set(as.map((a) => a.hospitalId));
      if (where.size > 1)
        out.push(
          violation(
            'surgeon one place',
            `${key.split('|')[0]} operates at ${[...where].join(', ')} on ${dayLabel(ctx, first.day)}`,
            { day: first.day },
          ),
        );
      const max = s?.maxParallelTheatres ?? 1;
      for (const a of as) {
        const theatres = new Set(
          as
            .filter((b) => b.startMin < a.startMin + a.durationMin && a.startMin < b.startMin + b.durationMin)
            .map((b) => `${b.hospitalId}|${b.theatreId}`),
        );
        if (theatres.size > max) {
          out.push(
            violation(
              'surgeon one place',
              `${key.split('|')[0]} is in ${theatres.size} theatres at once during ${a.patientId}'s case (at most ${max})`,
              ids(a),
            ),
          );
          break;
        }
      }
    }
    return out;
  },
};

export const sessionRule: Rule = {
  name: 'session',
  check(ctx) {
    const out: Violation[] = [];
    const v = view(ctx);
    // A regional team may staff an idle room of a session day: its cases have no session (ADR 0023).
    const teamRooms = new Set(ctx.plan.teamPlacements.map((t) => `${t.hospitalId}|${t.theatreId}|${t.day}`));
    for (const a of ctx.plan.assignments) {
      const where = `${a.hospitalId}/${a.theatreId} on ${dayLabel(ctx, a.day)}`;
      if (a.sessionId === undefined || a.sessionId === null) {
        const room = `${a.hospitalId}|${a.theatreId}|${a.day}`;
        const teamInIdleRoom = teamRooms.has(room) && !v.sessionTheatres.has(room);
        if (v.sessionDays.has(`${a.hospitalId}|${a.day}`) && !teamInIdleRoom)
          out.push(
            violation(
              'session',
              `${a.patientId} in ${where} has no session, but the day has a session plan`,
              ids(a),
            ),
          );
        continue;
      }
      const s = v.sessions.get(a.sessionId);
      if (!s || s.hospitalId !== a.hospitalId || s.theatreId !== a.theatreId || s.day !== a.day) {
        out.push(
          violation(
            'session',
            `${a.patientId} in ${where} claims session ${a.sessionId}, which is not there`,
            ids(a),
          ),
        );
        continue;
      }
      if (a.startMin < s.startMin || a.startMin + a.durationMin + a.turnoverMin > s.startMin + s.lengthMin)
        out.push(
          violation('session', `${a.patientId} in ${where} does not fit inside session ${s.id}`, ids(a)),
        );
      const spec = ctx.procedures.get(ctx.patients.get(a.patientId)?.procedureId ?? '')?.specialtyId;
      const sessSpec = s.surgeonId !== undefined ? v.surgeons.get(s.surgeonId)?.specialtyId : s.specialtyId;
      if (sessSpec !== undefined && spec !== undefined && sessSpec !== spec)
        out.push(
          violation('session', `${a.patientId} (${spec}) is in session ${s.id} of ${sessSpec}`, ids(a)),
        );
      if (s.surgeonId !== undefined && a.surgeonId !== s.surgeonId)
        out.push(
          violation(
            'session',
            `${a.patientId} is in ${s.surgeonId}'s session ${s.id} but operated by ${a.surgeonId ?? 'no named surgeon'}`,
            ids(a),
          ),
        );
    }
    return out;
  },
};

export const tiedSurgeon: Rule = {
  name: 'tied surgeon',
  check(ctx) {
    const out: Violation[] = [];
    for (const a of ctx.plan.assignments) {
      const tied = ctx.patients.get(a.patientId)?.surgeonId;
      if (tied !== undefined && a.surgeonId !== tied)
        out.push(
          violation(
            'tied surgeon',
            `${a.patientId} is tied to ${tied} but operated by ${a.surgeonId ?? 'no named surgeon'}`,
            ids(a),
          ),
        );
    }
    return out;
  },
};

export const surgeonProcedure: Rule = {
  name: 'surgeon procedure',
  check(ctx) {
    const out: Violation[] = [];
    const v = view(ctx);
    for (const a of ctx.plan.assignments) {
      const proc = ctx.procedures.get(ctx.patients.get(a.patientId)?.procedureId ?? '');
      if (!proc) continue;
      if (a.surgeonId === undefined || a.surgeonId === null) {
        if (v.governed.has(`${a.hospitalId}|${proc.specialtyId}`))
          out.push(
            violation(
              'surgeon procedure',
              `${a.patientId} at ${a.hospitalId} has no named surgeon, but named surgeons operate ${proc.specialtyId} there`,
              ids(a),
            ),
          );
        continue;
      }
      const s = v.surgeons.get(a.surgeonId);
      if (!s || !s.procedureIds.includes(proc.id))
        out.push(
          violation('surgeon procedure', `${a.surgeonId} may not do ${proc.id} (${a.patientId})`, ids(a)),
        );
    }
    return out;
  },
};

export const surgeonAvailability: Rule = {
  name: 'surgeon availability',
  check(ctx) {
    const out: Violation[] = [];
    const v = view(ctx);
    for (const a of ctx.plan.assignments) {
      if (a.surgeonId === undefined || a.surgeonId === null) continue;
      const s = v.surgeons.get(a.surgeonId);
      if (!s) continue;
      if (!s.availableDays.includes(a.day))
        out.push(
          violation(
            'surgeon availability',
            `${s.id} does not operate on ${dayLabel(ctx, a.day)} (${a.patientId})`,
            ids(a),
          ),
        );
      if (a.hospitalId !== s.homeHospitalId && !s.visitingHospitalIds.includes(a.hospitalId))
        out.push(
          violation(
            'surgeon availability',
            `${s.id} may not operate at ${a.hospitalId} (${a.patientId})`,
            ids(a),
          ),
        );
    }
    return out;
  },
};
