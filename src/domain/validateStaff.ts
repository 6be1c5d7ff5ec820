// Rules for named surgeons and sessions beyond their shape (ADR 0024): references, ownership,
// no two sessions overlapping in one theatre. Shared by snapshot validation and the staff imports,
// which check a whole file's rows against the snapshot they would change.
import type { FieldIssue } from '../errors.ts';
import type { Hospital, Procedure, Session, Surgeon, Theatre } from './snapshot.ts';

export interface StaffRefs {
  hospitals: ReadonlyMap<string, Pick<Hospital, 'id' | 'specialtyIds' | 'procedureIds'>>;
  specialties: ReadonlySet<string>;
  procedures: ReadonlyMap<string, Pick<Procedure, 'id' | 'specialtyId'>>;
  theatres: ReadonlyMap<string, Pick<Theatre, 'id' | 'hospitalId'>>;
}

type At = (table: string, i: number, field: string, message: string) => void;

const collect =
  (out: FieldIssue[]): At =>
  (table, i, field, message) => {
    out.push({ field: `${table}[${i}].${field}`, row: i + 1, message });
  };

/** Issues of surgeon rows: unique ids, home hospital and specialty, procedures, visiting hospitals. */
export function surgeonIssues(
  surgeons: readonly Surgeon[],
  refs: StaffRefs,
  table = 'surgeons',
): FieldIssue[] {
  const out: FieldIssue[] = [];
  const at = collect(out);
  const seen = new Map<string, number>();
  surgeons.forEach((s, i) => {
    const j = seen.get(s.id);
    if (j !== undefined) at(table, i, 'id', `duplicate of row ${j + 1} (surgeon "${s.id}")`);
    else seen.set(s.id, i);
    const home = refs.hospitals.get(s.homeHospitalId);
    if (home === undefined) at(table, i, 'homeHospitalId', `unknown hospital "${s.homeHospitalId}"`);
    if (!refs.specialties.has(s.specialtyId))
      at(table, i, 'specialtyId', `unknown specialty "${s.specialtyId}"`);
    else if (home !== undefined && !home.specialtyIds.includes(s.specialtyId))
      at(table, i, 'specialtyId', `the home hospital lacks specialty "${s.specialtyId}"`);
    const places = [s.homeHospitalId, ...s.visitingHospitalIds];
    s.procedureIds.forEach((p, k) => {
      const proc = refs.procedures.get(p);
      if (proc === undefined) return at(table, i, `procedureIds[${k}]`, `unknown procedure "${p}"`);
      if (proc.specialtyId !== s.specialtyId)
        return at(table, i, `procedureIds[${k}]`, `procedure "${p}" is not of specialty "${s.specialtyId}"`);
      if (!places.some((h) => refs.hospitals.get(h)?.procedureIds.includes(p) === true))
        at(table, i, `procedureIds[${k}]`, `no hospital where the surgeon operates does procedure "${p}"`);
    });
    s.visitingHospitalIds.forEach((h, k) => {
      if (!refs.hospitals.has(h)) at(table, i, `visitingHospitalIds[${k}]`, `unknown hospital "${h}"`);
      else if (h === s.homeHospitalId) at(table, i, `visitingHospitalIds[${k}]`, 'is the home hospital');
    });
    const extra = new Set(s.extraDates);
    s.unavailableDates.forEach((d, k) => {
      if (extra.has(d)) at(table, i, `unavailableDates[${k}]`, `${d} is also an extra date`);
    });
  });
  return out;
}

const minutesOf = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/**
 * Issues of session rows: unique ids, hospital and its theatre, allocation (a specialty of the
 * hospital, or a surgeon who may operate there), within the day, no overlap in one theatre.
 */
export function sessionIssues(
  sessions: readonly Session[],
  refs: StaffRefs,
  surgeons: ReadonlyMap<string, Pick<Surgeon, 'id' | 'homeHospitalId' | 'visitingHospitalIds'>>,
  table = 'sessions',
): FieldIssue[] {
  const out: FieldIssue[] = [];
  const at = collect(out);
  const seen = new Map<string, number>();
  const byTheatreDay = new Map<string, number[]>();
  sessions.forEach((x, i) => {
    const j = seen.get(x.id);
    if (j !== undefined) at(table, i, 'id', `duplicate of row ${j + 1} (session "${x.id}")`);
    else seen.set(x.id, i);
    const h = refs.hospitals.get(x.hospitalId);
    if (h === undefined) at(table, i, 'hospitalId', `unknown hospital "${x.hospitalId}"`);
    const t = refs.theatres.get(x.theatreId);
    if (t === undefined) at(table, i, 'theatreId', `unknown theatre "${x.theatreId}"`);
    else if (t.hospitalId !== x.hospitalId)
      at(table, i, 'theatreId', `theatre "${x.theatreId}" is not a theatre of the row's hospital`);
    if (minutesOf(x.startTime) + x.lengthMin > 24 * 60) at(table, i, 'lengthMin', 'runs past midnight');
    const a = x.allocation;
    if (a.kind === 'specialty') {
      if (!refs.specialties.has(a.specialtyId))
        at(table, i, 'allocation.specialtyId', `unknown specialty "${a.specialtyId}"`);
      else if (h !== undefined && !h.specialtyIds.includes(a.specialtyId))
        at(table, i, 'allocation.specialtyId', `the row's hospital lacks specialty "${a.specialtyId}"`);
    } else if (a.kind === 'surgeon') {
      const s = surgeons.get(a.surgeonId);
      if (s === undefined) at(table, i, 'allocation.surgeonId', `unknown surgeon "${a.surgeonId}"`);
      else if (s.homeHospitalId !== x.hospitalId && !s.visitingHospitalIds.includes(x.hospitalId))
        at(
          table,
          i,
          'allocation.surgeonId',
          `surgeon "${a.surgeonId}" may not operate at the row's hospital`,
        );
    }
    const key = `${x.theatreId}|${x.date}`;
    const list = byTheatreDay.get(key);
    if (list === undefined) byTheatreDay.set(key, [i]);
    else list.push(i);
  });
  for (const rows of byTheatreDay.values()) {
    if (rows.length < 2) continue;
    const sorted = rows
      .map((i) => ({
        i,
        start: minutesOf((sessions[i] as Session).startTime),
        len: (sessions[i] as Session).lengthMin,
      }))
      .sort((a, b) => a.start - b.start || a.i - b.i);
    // Against the latest end so far: a short session inside a long one does not hide a third.
    let reach = sorted[0] as (typeof sorted)[number];
    for (let k = 1; k < sorted.length; k++) {
      const cur = sorted[k] as (typeof sorted)[number];
      if (cur.start < reach.start + reach.len)
        at(table, cur.i, 'startTime', `overlaps row ${reach.i + 1} in the same theatre on the same date`);
      if (cur.start + cur.len > reach.start + reach.len) reach = cur;
    }
  }
  return out;
}
