// The region snapshot in the database: replace it whole, read it back whole. The only code that
// knows the snapshot tables. A snapshot read back parses to exactly the one that was stored.
import { RegionSnapshot } from '../domain/snapshot.ts';
import { insertRows } from './bulk.ts';
import { insertSessions, insertSurgeons, readSessions, readSurgeons } from './staffRepo.ts';
import { procedureRowToInput } from '../reference/repo.ts';
import { currentGuaranteeWaivers } from '../plans/decisionRepo.ts';
import type { Db, SqlParam } from './db.ts';
import {
  WAITING_LIST_COLUMNS,
  WAITING_LIST_SELECT,
  waitingListParams,
  waitingListRowToEntry,
  type WaitingListRow,
} from '../waiting-list/repo.ts';

/** Snapshot tables, parents before children (insert order; deletes run in reverse). */
export const SNAPSHOT_TABLES = [
  'region_set',
  'regions',
  'priority_grids',
  'priority_grid_groups',
  'specialties',
  'procedures',
  'hospitals',
  'hospital_specialties',
  'hospital_procedures',
  'theatres',
  'roster_templates',
  'roster_overrides',
  'closures',
  'regional_teams',
  'surgeons',
  'theatre_sessions',
  'places',
  'distances',
  'waiting_list',
  'arrivals',
  'ward_beds',
  'ward_bed_overrides',
  'bookings',
] as const;
export type SnapshotTable = (typeof SNAPSHOT_TABLES)[number];

export interface ReplaceResult {
  /** Rows inserted per table. */
  counts: Record<SnapshotTable, number>;
  ms: number;
}

const json = (v: unknown): string => JSON.stringify(v);

const staffingColumns = [
  'hospital_id',
  'anaesthesia_teams',
  'nursing_teams',
  'surgeon_lists',
  'lendable_surgeon_lists',
] as const;

/**
 * Replace the stored snapshot with `s`, all or nothing: the previous snapshot is deleted and the
 * new one inserted in one transaction. `s` must already be validated (see load.ts).
 */
export async function replaceSnapshot(db: Db, s: RegionSnapshot): Promise<ReplaceResult> {
  const started = performance.now();
  const counts = await db.transaction(async (tx) => {
    // DELETE rather than TRUNCATE: readers on PostgreSQL keep seeing the old snapshot until commit.
    for (const table of [...SNAPSHOT_TABLES].reverse()) await tx.query(`DELETE FROM ${table}`);
    const ins = (table: SnapshotTable, cols: readonly string[], rows: SqlParam[][]): Promise<number> =>
      insertRows(tx, table, cols, rows);
    const c = {} as Record<SnapshotTable, number>;
    c.region_set = await ins(
      'region_set',
      [
        'id',
        'name',
        'schema_version',
        'as_of_date',
        'synthetic',
        'generator',
        'calendar',
        'planning_settings',
      ],
      [
        [
          s.regionSet.id,
          s.regionSet.name,
          s.schemaVersion,
          s.asOfDate,
          s.synthetic,
          s.generator === undefined ? null : json(s.generator),
          json(s.calendar),
          s.planningSettings === undefined ? null : json(s.planningSettings),
        ],
      ],
    );
    c.regions = await ins(
      'regions',
      ['id', 'ord', 'name', 'county_code'],
      s.regions.map((r, i) => [r.id, i, r.name, r.countyCode ?? null]),
    );
    c.priority_grids = await ins(
      'priority_grids',
      ['ord', 'region_id'],
      s.priorityGrids.map((g, i) => [i, g.regionId]),
    );
    c.priority_grid_groups = await ins(
      'priority_grid_groups',
      ['grid_ord', 'ord', 'group_code', 'label_sv', 'label_en', 'max_days'],
      s.priorityGrids.flatMap((g, gi) =>
        g.groups.map((x, i) => [gi, i, x.group, x.labelSv, x.labelEn, x.maxDays]),
      ),
    );
    c.specialties = await ins(
      'specialties',
      ['id', 'ord', 'name_sv', 'name_en'],
      s.specialties.map((x, i) => [x.id, i, x.nameSv, x.nameEn]),
    );
    c.procedures = await ins(
      'procedures',
      [
        'id',
        'ord',
        'kva_code',
        'name_sv',
        'name_en',
        'specialty_id',
        'duration_log_mu',
        'duration_log_sigma',
        'turnover_min',
        'needs_acute_backup',
        'needs_icu',
        'max_asa_non_acute',
        'care',
        'price_sek',
        'hta_do_not_do',
        'length_of_stay_days',
      ],
      s.procedures.map((p, i) => [
        p.id,
        i,
        p.kvaCode,
        p.nameSv,
        p.nameEn,
        p.specialtyId,
        p.durationLogMu,
        p.durationLogSigma,
        p.turnoverMin,
        p.needsAcuteBackup,
        p.needsIcu,
        p.maxAsaNonAcute,
        p.care,
        p.priceSek,
        p.htaDoNotDo,
        p.lengthOfStayDays ?? null,
      ]),
    );
    c.hospitals = await ins(
      'hospitals',
      [
        'id',
        'ord',
        'name',
        'short_name',
        'region_id',
        'lat',
        'lon',
        'acute',
        'icu',
        'private_provider',
        'list_start_time',
        'list_min',
      ],
      s.hospitals.map((h, i) => [
        h.id,
        i,
        h.name,
        h.shortName,
        h.regionId,
        h.lat,
        h.lon,
        h.acute,
        h.icu,
        h.privateProvider,
        h.listStartTime,
        h.listMin,
      ]),
    );
    c.hospital_specialties = await ins(
      'hospital_specialties',
      ['hospital_id', 'ord', 'specialty_id'],
      s.hospitals.flatMap((h) => h.specialtyIds.map((x, i) => [h.id, i, x])),
    );
    c.hospital_procedures = await ins(
      'hospital_procedures',
      ['hospital_id', 'ord', 'procedure_id'],
      s.hospitals.flatMap((h) => h.procedureIds.map((x, i) => [h.id, i, x])),
    );
    c.theatres = await ins(
      'theatres',
      ['id', 'ord', 'hospital_id', 'name'],
      s.theatres.map((t, i) => [t.id, i, t.hospitalId, t.name]),
    );
    c.roster_templates = await ins(
      'roster_templates',
      ['ord', 'weekday', ...staffingColumns],
      s.rosterTemplates.map((r, i) => [
        i,
        r.weekday,
        r.hospitalId,
        r.anaesthesiaTeams,
        r.nursingTeams,
        json(r.surgeonLists),
        json(r.lendableSurgeonLists),
      ]),
    );
    c.roster_overrides = await ins(
      'roster_overrides',
      ['ord', 'date', ...staffingColumns, 'operating_day'],
      s.rosterOverrides.map((r, i) => [
        i,
        r.date,
        r.hospitalId,
        r.anaesthesiaTeams,
        r.nursingTeams,
        json(r.surgeonLists),
        json(r.lendableSurgeonLists),
        r.operatingDay ?? null,
      ]),
    );
    c.closures = await ins(
      'closures',
      ['ord', 'hospital_id', 'theatre_id', 'date', 'reason'],
      s.closures.map((x, i) => [i, x.hospitalId, x.theatreId ?? null, x.date, x.reason]),
    );
    c.regional_teams = await ins(
      'regional_teams',
      [
        'id',
        'ord',
        'name',
        'base_hospital_id',
        'weekdays',
        'unavailable_dates',
        'allowed_hospital_ids',
        'cost_sek_per_day',
      ],
      s.regionalTeams.map((t, i) => [
        t.id,
        i,
        t.name,
        t.baseHospitalId,
        t.weekdays,
        t.unavailableDates,
        t.allowedHospitalIds,
        t.costSekPerDay,
      ]),
    );
    c.surgeons = await insertSurgeons(tx, s.surgeons);
    c.theatre_sessions = await insertSessions(tx, s.sessions);
    c.places = await ins(
      'places',
      ['id', 'ord', 'name', 'region_id', 'lat', 'lon'],
      s.places.map((p, i) => [p.id, i, p.name, p.regionId, p.lat, p.lon]),
    );
    c.distances = await ins(
      'distances',
      ['ord', 'from_id', 'to_id', 'km'],
      s.distances.map((d, i) => [i, d.fromId, d.toId, d.km]),
    );
    c.waiting_list = await ins(
      'waiting_list',
      WAITING_LIST_COLUMNS,
      s.waitingList.map((p, i) => waitingListParams(p, i)),
    );
    c.arrivals = await ins(
      'arrivals',
      ['ord', 'hospital_id', 'procedure_id', 'per_week'],
      s.arrivals.map((a, i) => [i, a.hospitalId, a.procedureId, a.perWeek]),
    );
    // Waivers a snapshot file carries join those recorded here (the table outlives reloads).
    if (s.guaranteeWaivers !== undefined && s.guaranteeWaivers.length > 0) {
      await tx.query(
        `INSERT INTO guarantee_waivers (patient_id, decision_date, plan_id, reason, recorded_by, recorded_at)
         SELECT r.patient_id, r.decision_date, NULL, 'from the loaded snapshot', 'snapshot', now()
         FROM jsonb_to_recordset($1::jsonb) AS r(patient_id text, decision_date date)
         ON CONFLICT (patient_id) DO UPDATE SET decision_date = EXCLUDED.decision_date
         WHERE guarantee_waivers.decision_date IS DISTINCT FROM EXCLUDED.decision_date`,
        [
          JSON.stringify(
            s.guaranteeWaivers.map((w) => ({ patient_id: w.patientId, decision_date: w.decisionDate })),
          ),
        ],
      );
    }
    c.ward_beds = await ins(
      'ward_beds',
      ['ord', 'hospital_id', 'weekday', 'beds'],
      s.wardBeds.map((b, i) => [i, b.hospitalId, b.weekday, b.beds]),
    );
    c.ward_bed_overrides = await ins(
      'ward_bed_overrides',
      ['ord', 'hospital_id', 'date', 'beds'],
      s.wardBedOverrides.map((b, i) => [i, b.hospitalId, b.date, b.beds]),
    );
    c.bookings = await ins(
      'bookings',
      ['ord', 'patient_id', 'hospital_id', 'theatre_id', 'date', 'start_time'],
      s.bookings.map((b, i) => [i, b.patientId, b.hospitalId, b.theatreId, b.date, b.startTime]),
    );
    return c;
  });
  // Fresh planner statistics for the replaced tables: without them (PGlite has no autovacuum, and
  // PostgreSQL's comes later) a filtered waiting-list page is planned as a sort of every match
  // instead of a walk along the (ord, id) index — 60 ms instead of 4 on the Södra seed.
  await db.exec(`ANALYZE ${SNAPSHOT_TABLES.join(', ')}`);
  return { counts, ms: Math.round(performance.now() - started) };
}

/** Group child rows by a key, keeping their order. */
function groupBy<R, K>(rows: readonly R[], key: (r: R) => K): Map<K, R[]> {
  const m = new Map<K, R[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list === undefined) m.set(k, [r]);
    else list.push(r);
  }
  return m;
}

type Row = Record<string, unknown>;

/** The stored snapshot, or null when none has been loaded. Read in one transaction (one snapshot). */
export async function readSnapshot(db: Db): Promise<RegionSnapshot | null> {
  return db.transaction(async (tx) => {
    const q = async <T = Row>(sql: string): Promise<T[]> => (await tx.query<T>(sql)).rows;
    const meta = (
      await q<{
        id: string;
        name: string;
        schema_version: number;
        as_of_date: string;
        synthetic: boolean;
        generator: unknown;
        calendar: unknown;
        planning_settings: unknown;
      }>(
        `SELECT id, name, schema_version, as_of_date::text AS as_of_date, synthetic, generator, calendar,
           planning_settings
         FROM region_set`,
      )
    )[0];
    if (meta === undefined) return null;

    const gridGroups = groupBy(
      await q<{ grid_ord: number; group_code: string; label_sv: string; label_en: string; max_days: number }>(
        'SELECT grid_ord, group_code, label_sv, label_en, max_days FROM priority_grid_groups ORDER BY grid_ord, ord',
      ),
      (r) => r.grid_ord,
    );
    const hospitalSpecialties = groupBy(
      await q<{ hospital_id: string; specialty_id: string }>(
        'SELECT hospital_id, specialty_id FROM hospital_specialties ORDER BY hospital_id, ord',
      ),
      (r) => r.hospital_id,
    );
    const hospitalProcedures = groupBy(
      await q<{ hospital_id: string; procedure_id: string }>(
        'SELECT hospital_id, procedure_id FROM hospital_procedures ORDER BY hospital_id, ord',
      ),
      (r) => r.hospital_id,
    );
    const staffing = (r: Row): Row => ({
      hospitalId: r.hospital_id,
      anaesthesiaTeams: r.anaesthesia_teams,
      nursingTeams: r.nursing_teams,
      surgeonLists: r.surgeon_lists,
      lendableSurgeonLists: r.lendable_surgeon_lists,
    });

    const snapshot: Row = {
      schemaVersion: meta.schema_version,
      regionSet: { id: meta.id, name: meta.name },
      asOfDate: meta.as_of_date,
      synthetic: meta.synthetic,
      ...(meta.generator !== null ? { generator: meta.generator } : {}),
      calendar: meta.calendar,
      ...(meta.planning_settings !== null && meta.planning_settings !== undefined
        ? { planningSettings: meta.planning_settings }
        : {}),
      regions: (await q('SELECT id, name, county_code FROM regions ORDER BY ord')).map((r) => ({
        id: r.id,
        name: r.name,
        ...(r.county_code !== null ? { countyCode: r.county_code } : {}),
      })),
      priorityGrids: (
        await q<{ ord: number; region_id: string }>('SELECT ord, region_id FROM priority_grids ORDER BY ord')
      ).map((g) => ({
        regionId: g.region_id,
        groups: (gridGroups.get(g.ord) ?? []).map((x) => ({
          group: x.group_code,
          labelSv: x.label_sv,
          labelEn: x.label_en,
          maxDays: x.max_days,
        })),
      })),
      specialties: (await q('SELECT id, name_sv, name_en FROM specialties ORDER BY ord')).map((r) => ({
        id: r.id,
        nameSv: r.name_sv,
        nameEn: r.name_en,
      })),
      procedures: (await q('SELECT * FROM procedures ORDER BY ord')).map(procedureRowToInput),
      hospitals: (
        await q<Row & { id: string }>(
          `SELECT id, name, short_name, region_id, lat, lon, acute, icu, private_provider,
             to_char(list_start_time, 'HH24:MI') AS list_start_time, list_min
           FROM hospitals ORDER BY ord`,
        )
      ).map((h) => ({
        id: h.id,
        name: h.name,
        shortName: h.short_name,
        regionId: h.region_id,
        lat: h.lat,
        lon: h.lon,
        acute: h.acute,
        icu: h.icu,
        privateProvider: h.private_provider,
        specialtyIds: (hospitalSpecialties.get(h.id) ?? []).map((x) => x.specialty_id),
        procedureIds: (hospitalProcedures.get(h.id) ?? []).map((x) => x.procedure_id),
        listStartTime: h.list_start_time,
        listMin: h.list_min,
      })),
      theatres: (await q('SELECT id, hospital_id, name FROM theatres ORDER BY ord')).map((t) => ({
        id: t.id,
        hospitalId: t.hospital_id,
        name: t.name,
      })),
      rosterTemplates: (await q('SELECT * FROM roster_templates ORDER BY ord')).map((r) => ({
        ...staffing(r),
        weekday: r.weekday,
      })),
      rosterOverrides: (
        await q(
          `SELECT hospital_id, anaesthesia_teams, nursing_teams, surgeon_lists, lendable_surgeon_lists,
             date::text AS date, operating_day
           FROM roster_overrides ORDER BY ord`,
        )
      ).map((r) => ({
        ...staffing(r),
        date: r.date,
        ...(r.operating_day === null || r.operating_day === undefined
          ? {}
          : { operatingDay: r.operating_day }),
      })),
      closures: (
        await q('SELECT hospital_id, theatre_id, date::text AS date, reason FROM closures ORDER BY ord')
      ).map((c) => ({
        hospitalId: c.hospital_id,
        ...(c.theatre_id !== null ? { theatreId: c.theatre_id } : {}),
        date: c.date,
        reason: c.reason,
      })),
      regionalTeams: (
        await q(
          `SELECT id, name, base_hospital_id, weekdays, unavailable_dates::text[] AS unavailable_dates,
             allowed_hospital_ids, cost_sek_per_day
           FROM regional_teams ORDER BY ord`,
        )
      ).map((t) => ({
        id: t.id,
        name: t.name,
        baseHospitalId: t.base_hospital_id,
        weekdays: t.weekdays,
        unavailableDates: t.unavailable_dates,
        allowedHospitalIds: t.allowed_hospital_ids,
        costSekPerDay: t.cost_sek_per_day,
      })),
      surgeons: await readSurgeons(tx),
      sessions: await readSessions(tx),
      places: (await q('SELECT id, name, region_id, lat, lon FROM places ORDER BY ord')).map((p) => ({
        id: p.id,
        name: p.name,
        regionId: p.region_id,
        lat: p.lat,
        lon: p.lon,
      })),
      distances: (await q('SELECT from_id, to_id, km FROM distances ORDER BY ord')).map((d) => ({
        fromId: d.from_id,
        toId: d.to_id,
        km: d.km,
      })),
      waitingList: (
        await q<WaitingListRow>(`SELECT ${WAITING_LIST_SELECT} FROM waiting_list w ORDER BY w.ord`)
      ).map(waitingListRowToEntry),
      arrivals: (await q('SELECT hospital_id, procedure_id, per_week FROM arrivals ORDER BY ord')).map(
        (a) => ({ hospitalId: a.hospital_id, procedureId: a.procedure_id, perWeek: a.per_week }),
      ),
      wardBeds: (await q('SELECT hospital_id, weekday, beds FROM ward_beds ORDER BY ord')).map((b) => ({
        hospitalId: b.hospital_id,
        weekday: b.weekday,
        beds: b.beds,
      })),
      wardBedOverrides: (
        await q('SELECT hospital_id, date::text AS date, beds FROM ward_bed_overrides ORDER BY ord')
      ).map((b) => ({ hospitalId: b.hospital_id, date: b.date, beds: b.beds })),
      bookings: (
        await q(
          `SELECT patient_id, hospital_id, theatre_id, date::text AS date,
             to_char(start_time, 'HH24:MI') AS start_time
           FROM bookings ORDER BY ord`,
        )
      ).map((b) => ({
        patientId: b.patient_id,
        hospitalId: b.hospital_id,
        theatreId: b.theatre_id,
        date: b.date,
        startTime: b.start_time,
      })),
    };
    // Waivers are recorded beside the snapshot (they survive a reload); the plan's data carries the
    // ones that apply to the current referrals.
    const waivers = await currentGuaranteeWaivers(tx);
    if (waivers.length > 0) snapshot.guaranteeWaivers = waivers;
    // Parse at the boundary: a row that no longer fits the schema fails here, not in the solver.
    return RegionSnapshot.parse(snapshot);
  });
}
