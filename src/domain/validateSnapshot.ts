// Full validation of a region snapshot: shape (zod), then the rules zod cannot see — references
// between tables, unique ids, identity numbers, date order. Returns every issue with its field and
// 1-based row so an import can be rejected whole with a precise list.
import { RegionSnapshot, type RegionSnapshotInput } from './snapshot.ts';
import { checkPersonnummer } from './personnummer.ts';
import { sessionIssues, surgeonIssues } from './validateStaff.ts';
import { ValidationError, zodIssuesToFieldIssues, summariseIssues, type FieldIssue } from '../errors.ts';

export type SnapshotValidation = { ok: true; snapshot: RegionSnapshot } | { ok: false; issues: FieldIssue[] };

export function validateSnapshot(input: unknown): SnapshotValidation {
  const parsed = RegionSnapshot.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssuesToFieldIssues(parsed.error.issues) };
  const s = parsed.data;
  const issues: FieldIssue[] = [];
  const at = (table: string, i: number, field: string, message: string): void => {
    issues.push({ field: `${table}[${i}].${field}`, row: i + 1, message });
  };

  const ids = <T extends { id: string }>(table: string, rows: readonly T[]): Set<string> => {
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      if (seen.has(r.id)) at(table, i, 'id', `duplicate id "${r.id}"`);
      seen.add(r.id);
    });
    return seen;
  };
  const regions = ids('regions', s.regions);
  const specialties = ids('specialties', s.specialties);
  const procedures = ids('procedures', s.procedures);
  const hospitals = ids('hospitals', s.hospitals);
  const theatres = ids('theatres', s.theatres);
  const places = ids('places', s.places);
  ids('regionalTeams', s.regionalTeams);
  ids('waitingList', s.waitingList);
  const ref = (
    table: string,
    i: number,
    field: string,
    set: Set<string>,
    value: string,
    what: string,
  ): void => {
    if (!set.has(value)) at(table, i, field, `unknown ${what} "${value}"`);
  };

  const gridGroups = new Map<string, Set<string>>();
  s.priorityGrids.forEach((g, i) => {
    ref('priorityGrids', i, 'regionId', regions, g.regionId, 'region');
    gridGroups.set(g.regionId, new Set(g.groups.map((x) => x.group)));
  });
  s.procedures.forEach((p, i) =>
    ref('procedures', i, 'specialtyId', specialties, p.specialtyId, 'specialty'),
  );
  const procSpecialty = new Map(s.procedures.map((p) => [p.id, p.specialtyId]));
  s.hospitals.forEach((h, i) => {
    ref('hospitals', i, 'regionId', regions, h.regionId, 'region');
    h.specialtyIds.forEach((x, j) => ref('hospitals', i, `specialtyIds[${j}]`, specialties, x, 'specialty'));
    h.procedureIds.forEach((x, j) => {
      ref('hospitals', i, `procedureIds[${j}]`, procedures, x, 'procedure');
      const sp = procSpecialty.get(x);
      if (sp !== undefined && !h.specialtyIds.includes(sp)) {
        at(
          'hospitals',
          i,
          `procedureIds[${j}]`,
          `procedure "${x}" needs specialty "${sp}" which the hospital lacks`,
        );
      }
    });
  });
  const theatreHospital = new Map(s.theatres.map((t) => [t.id, t.hospitalId]));
  s.theatres.forEach((t, i) => ref('theatres', i, 'hospitalId', hospitals, t.hospitalId, 'hospital'));
  const staffing =
    (table: string) =>
    (
      r: {
        hospitalId: string;
        surgeonLists: Record<string, number>;
        lendableSurgeonLists: Record<string, number>;
      },
      i: number,
    ) => {
      ref(table, i, 'hospitalId', hospitals, r.hospitalId, 'hospital');
      for (const sp of Object.keys(r.surgeonLists))
        ref(table, i, `surgeonLists.${sp}`, specialties, sp, 'specialty');
      for (const [sp, n] of Object.entries(r.lendableSurgeonLists)) {
        ref(table, i, `lendableSurgeonLists.${sp}`, specialties, sp, 'specialty');
        if (n > (r.surgeonLists[sp] ?? 0))
          at(table, i, `lendableSurgeonLists.${sp}`, 'more lendable lists than surgeon lists');
      }
    };
  s.rosterTemplates.forEach(staffing('rosterTemplates'));
  s.rosterOverrides.forEach(staffing('rosterOverrides'));
  s.closures.forEach((c, i) => {
    ref('closures', i, 'hospitalId', hospitals, c.hospitalId, 'hospital');
    if (c.theatreId !== undefined) {
      ref('closures', i, 'theatreId', theatres, c.theatreId, 'theatre');
      const h = theatreHospital.get(c.theatreId);
      if (h !== undefined && h !== c.hospitalId) at('closures', i, 'theatreId', `theatre belongs to "${h}"`);
    }
  });
  s.regionalTeams.forEach((t, i) => {
    ref('regionalTeams', i, 'baseHospitalId', hospitals, t.baseHospitalId, 'hospital');
    t.allowedHospitalIds.forEach((h, j) =>
      ref('regionalTeams', i, `allowedHospitalIds[${j}]`, hospitals, h, 'hospital'),
    );
  });
  s.places.forEach((p, i) => ref('places', i, 'regionId', regions, p.regionId, 'region'));
  const endpoints = new Set([...places, ...hospitals]);
  s.distances.forEach((d, i) => {
    ref('distances', i, 'fromId', endpoints, d.fromId, 'place or hospital');
    ref('distances', i, 'toId', hospitals, d.toId, 'hospital');
  });
  s.arrivals.forEach((a, i) => {
    ref('arrivals', i, 'hospitalId', hospitals, a.hospitalId, 'hospital');
    ref('arrivals', i, 'procedureId', procedures, a.procedureId, 'procedure');
  });
  // One row per key where a second would be ambiguous (which roster holds on that Monday?).
  const unique = <T>(table: string, rows: readonly T[], field: string, key: (r: T) => string): void => {
    const first = new Map<string, number>();
    rows.forEach((r, i) => {
      const k = key(r);
      const j = first.get(k);
      if (j === undefined) first.set(k, i);
      else at(table, i, field, `duplicate of row ${j + 1} (${k})`);
    });
  };
  unique('priorityGrids', s.priorityGrids, 'regionId', (g) => `region ${g.regionId}`);
  unique('rosterTemplates', s.rosterTemplates, 'weekday', (r) => `${r.hospitalId}, weekday ${r.weekday}`);
  unique('rosterOverrides', s.rosterOverrides, 'date', (r) => `${r.hospitalId}, ${r.date}`);
  unique('distances', s.distances, 'toId', (d) => `${d.fromId} -> ${d.toId}`);
  unique('arrivals', s.arrivals, 'procedureId', (a) => `${a.hospitalId}, ${a.procedureId}`);
  s.wardBeds.forEach((b, i) => ref('wardBeds', i, 'hospitalId', hospitals, b.hospitalId, 'hospital'));
  s.wardBedOverrides.forEach((b, i) =>
    ref('wardBedOverrides', i, 'hospitalId', hospitals, b.hospitalId, 'hospital'),
  );
  unique('wardBeds', s.wardBeds, 'weekday', (b) => `${b.hospitalId}, weekday ${b.weekday}`);
  unique('wardBedOverrides', s.wardBedOverrides, 'date', (b) => `${b.hospitalId}, ${b.date}`);
  issues.push(...bookingIssues(s, hospitals, theatreHospital));
  const staffRefs = {
    hospitals: new Map(s.hospitals.map((h) => [h.id, h])),
    specialties,
    procedures: new Map(s.procedures.map((p) => [p.id, p])),
    theatres: new Map(s.theatres.map((t) => [t.id, t])),
  };
  const surgeons = new Map(s.surgeons.map((x) => [x.id, x]));
  issues.push(...surgeonIssues(s.surgeons, staffRefs));
  issues.push(...sessionIssues(s.sessions, staffRefs, surgeons));
  s.waitingList.forEach((p, i) => {
    issues.push(
      ...waitingListEntryIssues(p, i, {
        regions,
        places,
        hospitals,
        procedures,
        gridGroups,
        asOfDate: s.asOfDate,
        surgeons,
      }),
    );
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, snapshot: s };
}

/**
 * Bookings name a known waiting-list patient (once), a known hospital and one of its theatres, one
 * that offers the patient's procedure.
 */
function bookingIssues(
  s: RegionSnapshot,
  hospitals: ReadonlySet<string>,
  theatreHospital: ReadonlyMap<string, string>,
): FieldIssue[] {
  const out: FieldIssue[] = [];
  const patients = new Map(s.waitingList.map((p) => [p.id, p]));
  const offered = new Map(s.hospitals.map((h) => [h.id, new Set(h.procedureIds)]));
  const seen = new Map<string, number>();
  s.bookings.forEach((b, i) => {
    const at = (field: string, message: string): void => {
      out.push({ field: `bookings[${i}].${field}`, row: i + 1, message });
    };
    const p = patients.get(b.patientId);
    if (!p) at('patientId', `unknown waiting-list patient "${b.patientId}"`);
    const j = seen.get(b.patientId);
    if (j !== undefined)
      at('patientId', `duplicate of row ${j + 1} (patient ${b.patientId} is already booked)`);
    else seen.set(b.patientId, i);
    if (!hospitals.has(b.hospitalId)) at('hospitalId', `unknown hospital "${b.hospitalId}"`);
    const th = theatreHospital.get(b.theatreId);
    if (th === undefined) at('theatreId', `unknown theatre "${b.theatreId}"`);
    else if (th !== b.hospitalId) at('theatreId', `theatre belongs to "${th}"`);
    if (p && hospitals.has(b.hospitalId) && !offered.get(b.hospitalId)?.has(p.procedureId))
      at('hospitalId', `${b.hospitalId} does not offer the patient's procedure "${p.procedureId}"`);
  });
  return out;
}

export interface ReferenceSets {
  regions: ReadonlySet<string>;
  places: ReadonlySet<string>;
  hospitals: ReadonlySet<string>;
  procedures: ReadonlySet<string>;
  gridGroups: ReadonlyMap<string, ReadonlySet<string>>;
  asOfDate: string;
  /** Named surgeons by id; absent = surgeon references are not checked (no surgeons loaded). */
  surgeons?: ReadonlyMap<string, { procedureIds: readonly string[] }>;
}

/** Rules for one waiting-list row beyond its shape; shared by snapshot validation and list imports. */
export function waitingListEntryIssues(
  p: RegionSnapshot['waitingList'][number],
  index: number,
  refs: ReferenceSets,
  table = 'waitingList',
): FieldIssue[] {
  const out: FieldIssue[] = [];
  const at = (field: string, message: string): void => {
    out.push({ field: `${table}[${index}].${field}`, row: index + 1, message });
  };
  const pn = checkPersonnummer(p.personnummer, refs.asOfDate);
  if (!pn.ok) at('personnummer', pn.reason);
  if (!refs.regions.has(p.homeRegionId)) at('homeRegionId', `unknown region "${p.homeRegionId}"`);
  if (!refs.places.has(p.homePlaceId)) at('homePlaceId', `unknown place "${p.homePlaceId}"`);
  if (!refs.hospitals.has(p.listingHospitalId))
    at('listingHospitalId', `unknown hospital "${p.listingHospitalId}"`);
  if (!refs.procedures.has(p.procedureId)) at('procedureId', `unknown procedure "${p.procedureId}"`);
  const groups = refs.gridGroups.get(p.homeRegionId);
  if (groups !== undefined && !groups.has(p.priorityGroup)) {
    at('priorityGroup', `priority group "${p.priorityGroup}" is not in region ${p.homeRegionId}'s grid`);
  }
  if (p.medicalTargetDate < p.decisionDate) at('medicalTargetDate', 'is before the decision date');
  if (p.earliestDate < p.decisionDate) at('earliestDate', 'is before the decision date');
  if (p.decisionDate > refs.asOfDate) at('decisionDate', `is after the snapshot date ${refs.asOfDate}`);
  p.excludedPeriods.forEach((e, j) => {
    if (e.from < p.decisionDate) at(`excludedPeriods[${j}].from`, 'is before the decision date');
  });
  if (refs.surgeons !== undefined) {
    for (const field of ['surgeonId', 'preferredSurgeonId'] as const) {
      const id = p[field];
      if (id === undefined) continue;
      const s = refs.surgeons.get(id);
      if (s === undefined) at(field, `unknown surgeon "${id}"`);
      else if (!s.procedureIds.includes(p.procedureId))
        at(field, `surgeon "${id}" does not operate procedure "${p.procedureId}"`);
    }
  }
  return out;
}

/** Validate or throw a ValidationError naming every field and row. */
export function parseSnapshot(input: RegionSnapshotInput | unknown): RegionSnapshot {
  const v = validateSnapshot(input);
  if (!v.ok) throw new ValidationError(`invalid region snapshot: ${summariseIssues(v.issues)}`, v.issues);
  return v.snapshot;
}
