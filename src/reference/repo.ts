// Read-only reference data for the API, straight from the snapshot tables (no waiting list).
import type { Db } from '../db/db.ts';

export async function getAsOfDate(db: Db): Promise<string | undefined> {
  const { rows } = await db.query<{ d: string }>('SELECT as_of_date::text AS d FROM region_set');
  return rows[0]?.d;
}

export async function getRegionSetMeta(
  db: Db,
): Promise<
  { id: string; name: string; asOfDate: string; synthetic: boolean; calendar: unknown } | undefined
> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    d: string;
    synthetic: boolean;
    calendar: unknown;
  }>('SELECT id, name, as_of_date::text AS d, synthetic, calendar FROM region_set');
  const r = rows[0];
  return r === undefined
    ? undefined
    : { id: r.id, name: r.name, asOfDate: r.d, synthetic: r.synthetic, calendar: r.calendar };
}

export async function listRegions(db: Db): Promise<{ id: string; name: string; countyCode?: string }[]> {
  const { rows } = await db.query<{ id: string; name: string; county_code: string | null }>(
    'SELECT id, name, county_code FROM regions ORDER BY ord',
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    ...(r.county_code !== null ? { countyCode: r.county_code } : {}),
  }));
}

export interface HospitalRef {
  id: string;
  name: string;
  shortName: string;
  regionId: string;
  lat: number;
  lon: number;
  acute: boolean;
  icu: boolean;
  privateProvider: boolean;
  listStartTime: string;
  listMin: number;
  specialtyIds: string[];
  procedureIds: string[];
}

export async function listHospitals(db: Db): Promise<HospitalRef[]> {
  const { rows } = await db.query<{
    id: string;
    name: string;
    short_name: string;
    region_id: string;
    lat: number;
    lon: number;
    acute: boolean;
    icu: boolean;
    private_provider: boolean;
    list_start_time: string;
    list_min: number;
    specialty_ids: string[];
    procedure_ids: string[];
  }>(
    `SELECT h.id, h.name, h.short_name, h.region_id, h.lat, h.lon, h.acute, h.icu, h.private_provider,
       to_char(h.list_start_time, 'HH24:MI') AS list_start_time, h.list_min,
       coalesce((SELECT array_agg(s.specialty_id ORDER BY s.ord) FROM hospital_specialties s WHERE s.hospital_id = h.id), '{}') AS specialty_ids,
       coalesce((SELECT array_agg(p.procedure_id ORDER BY p.ord) FROM hospital_procedures p WHERE p.hospital_id = h.id), '{}') AS procedure_ids
     FROM hospitals h ORDER BY h.ord`,
  );
  return rows.map((h) => ({
    id: h.id,
    name: h.name,
    shortName: h.short_name,
    regionId: h.region_id,
    lat: h.lat,
    lon: h.lon,
    acute: h.acute,
    icu: h.icu,
    privateProvider: h.private_provider,
    listStartTime: h.list_start_time,
    listMin: h.list_min,
    specialtyIds: h.specialty_ids,
    procedureIds: h.procedure_ids,
  }));
}

export async function hospitalExists(db: Db, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM hospitals WHERE id = $1', [id]);
  return rows.length > 0;
}

export async function listTheatres(
  db: Db,
  hospitalId?: string,
): Promise<{ id: string; hospitalId: string; name: string }[]> {
  const { rows } = await db.query<{ id: string; hospital_id: string; name: string }>(
    'SELECT id, hospital_id, name FROM theatres WHERE ($1::text IS NULL OR hospital_id = $1) ORDER BY ord',
    [hospitalId ?? null],
  );
  return rows.map((t) => ({ id: t.id, hospitalId: t.hospital_id, name: t.name }));
}

export async function listSpecialties(db: Db): Promise<{ id: string; nameSv: string; nameEn: string }[]> {
  const { rows } = await db.query<{ id: string; name_sv: string; name_en: string }>(
    'SELECT id, name_sv, name_en FROM specialties ORDER BY ord',
  );
  return rows.map((s) => ({ id: s.id, nameSv: s.name_sv, nameEn: s.name_en }));
}

/** A procedures row as the domain object (the one mapping; the snapshot reader uses it too). */
export function procedureRowToInput(p: Record<string, unknown>): Record<string, unknown> {
  return {
    id: p.id,
    kvaCode: p.kva_code,
    nameSv: p.name_sv,
    nameEn: p.name_en,
    specialtyId: p.specialty_id,
    durationLogMu: p.duration_log_mu,
    durationLogSigma: p.duration_log_sigma,
    turnoverMin: p.turnover_min,
    needsAcuteBackup: p.needs_acute_backup,
    needsIcu: p.needs_icu,
    maxAsaNonAcute: p.max_asa_non_acute,
    care: p.care,
    priceSek: p.price_sek,
    htaDoNotDo: p.hta_do_not_do,
    ...(p.length_of_stay_days === null || p.length_of_stay_days === undefined
      ? {}
      : { lengthOfStayDays: p.length_of_stay_days }),
  };
}

export async function listProcedures(db: Db): Promise<Record<string, unknown>[]> {
  const { rows } = await db.query<Record<string, unknown>>('SELECT * FROM procedures ORDER BY ord');
  return rows.map(procedureRowToInput);
}

export async function listPriorityGrids(
  db: Db,
): Promise<
  { regionId: string; groups: { group: string; labelSv: string; labelEn: string; maxDays: number }[] }[]
> {
  const grids = await db.query<{ ord: number; region_id: string }>(
    'SELECT ord, region_id FROM priority_grids ORDER BY ord',
  );
  const groups = await db.query<{
    grid_ord: number;
    group_code: string;
    label_sv: string;
    label_en: string;
    max_days: number;
  }>(
    'SELECT grid_ord, group_code, label_sv, label_en, max_days FROM priority_grid_groups ORDER BY grid_ord, ord',
  );
  return grids.rows.map((g) => ({
    regionId: g.region_id,
    groups: groups.rows
      .filter((x) => x.grid_ord === g.ord)
      .map((x) => ({ group: x.group_code, labelSv: x.label_sv, labelEn: x.label_en, maxDays: x.max_days })),
  }));
}

/** Reference sets for validating waiting-list imports (see waitingListEntryIssues). */
export async function referenceSets(db: Db): Promise<{
  regions: Set<string>;
  places: Set<string>;
  hospitals: Set<string>;
  procedures: Set<string>;
  gridGroups: Map<string, Set<string>>;
}> {
  const ids = async (table: string): Promise<Set<string>> =>
    new Set((await db.query<{ id: string }>(`SELECT id FROM ${table}`)).rows.map((r) => r.id));
  const gridGroups = new Map<string, Set<string>>();
  const { rows } = await db.query<{ region_id: string; group_code: string }>(
    'SELECT g.region_id, x.group_code FROM priority_grids g JOIN priority_grid_groups x ON x.grid_ord = g.ord',
  );
  for (const r of rows) {
    const s = gridGroups.get(r.region_id) ?? new Set<string>();
    s.add(r.group_code);
    gridGroups.set(r.region_id, s);
  }
  return {
    regions: await ids('regions'),
    places: await ids('places'),
    hospitals: await ids('hospitals'),
    procedures: await ids('procedures'),
    gridGroups,
  };
}

/** km from each of `fromIds` (places) to every hospital, keyed `${from}>${to}`. */
export async function distancesFrom(db: Db, fromIds: readonly string[]): Promise<Map<string, number>> {
  const km = new Map<string, number>();
  if (fromIds.length === 0) return km;
  const { rows } = await db.query<{ from_id: string; to_id: string; km: number }>(
    'SELECT from_id, to_id, km FROM distances WHERE from_id = ANY($1)',
    [[...fromIds]],
  );
  for (const r of rows) km.set(`${r.from_id}>${r.to_id}`, Number(r.km));
  return km;
}
