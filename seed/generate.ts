// The deterministic Södra seed: `generateRegion({ seed, scale, asOfDate })` builds a complete,
// valid RegionSnapshot from the plain data tables in seed/data/ and a seeded PRNG.
//
// Determinism: no clock, no Math.random, no iteration over hash maps whose order depends on
// insertion history we do not control; every object is built with a fixed key order. The same
// seed, scale and date give the same JSON byte for byte. Each hospital's waiting list draws from
// its own forked stream, so adding a procedure to one hospital does not reshuffle the others.
//
// Scale: 0 < scale <= 10. Patients are multiplied by `scale`. Hospitals are multiplied too, by
// whole copies of the region set: for scale > 1 there are round(scale) copies (regions `r-skane-2`,
// hospitals `h-sus-lund-2`, …) shifted 2° north per copy, and the patients are spread over the
// copies. For scale <= 1 every hospital is kept and only the waiting list shrinks.
//
// Calibration (docs/design.md, published Swedish figures): the waiting time of each entry, in care-guarantee days on the snapshot
// date, is drawn from an exponential truncated at ~18 months whose mean is solved per hospital and
// specialty so that the expected share past 90 days equals the table's `pastGuaranteeShare`.
import { epochDay, fromEpochDay, isoWeekday } from '../src/calendar/isoWeek.ts';
import { makePersonnummer } from '../src/domain/personnummer.ts';
import type {
  ArrivalRate,
  Closure,
  Distance,
  ExcludedPeriod,
  ExcludedPeriodKind,
  Hospital,
  Place,
  PriorityGrid,
  Procedure,
  Region,
  RegionSnapshot,
  RegionalTeam,
  RosterOverride,
  RosterTemplate,
  Theatre,
  WaitingListEntry,
  WardBedOverride,
  WardBedTemplate,
} from '../src/domain/snapshot.ts';
import { ValidationError } from '../src/errors.ts';
import { FAMILY_NAMES, FEMALE_NAMES, MALE_NAMES } from './data/names.ts';
import { HOSPITALS, type HospitalSeed } from './data/hospitals.ts';
import { CALENDAR, CLOSURES, REFERRAL_FLOWS, REGIONAL_TEAMS, ROSTER_CHANGES } from './data/operations.ts';
import { PLACES } from './data/places.ts';
import { PROCEDURES, type ProcedureSeed } from './data/procedures.ts';
import { PRIORITY_GRIDS, PRIORITY_GROUP_NAMES, REGIONS } from './data/regions.ts';
import { SPECIALTIES } from './data/specialties.ts';
import { createRng, WeightedSampler, type Rng } from './rng.ts';
import { WARD_BED_CHANGES, WARD_BEDS } from './data/beds.ts';
import { INPATIENT_DEFAULT_LOS_DAYS, LENGTH_OF_STAY_DAYS } from './data/lengthOfStay.ts';
import { generateBookings } from './bookings.ts';
import { generateSessions, generateSurgeons, tieWaitingList, type StaffHospital } from './staff.ts';

export const DEFAULT_AS_OF_DATE = '2026-11-23';
export const MAX_SCALE = 10;
export const GENERATOR_NAME = 'opflow-seed-sodra';

/**
 * Synthetic identities use the serial numbers (the NNN of YYYYMMDD-NNNC) 980–999 only. Real
 * personnummer use these too, so the serial alone does not make a number fake: every generated
 * entry is also marked `synthetic: true` and the snapshot `synthetic: true`. The narrow range makes
 * a generated number easy to spot in a log or a screenshot.
 */
export const SYNTHETIC_SERIAL_MIN = 980;
export const SYNTHETIC_SERIAL_MAX = 999;

/** Waiting times are drawn up to this many guarantee days (about 18 months). */
export const MAX_WAIT_DAYS = 540;
/** Road distance ≈ great-circle distance × this factor (Swedish rural roads, rough). */
export const ROAD_FACTOR = 1.25;
/** Degrees of latitude between copies of the region set (scale > 1). */
export const LAT_SHIFT_PER_COPY = 2;

const EARTH_RADIUS_KM = 6371.0088;
const GUARANTEE_DAYS = 90;
/** Share of entries with an excluded period (PvV/MoV/SoV). */
const EXCLUDED_PERIOD_SHARE = 0.08;
export const CONSENT_ELSEWHERE_SHARE = 0.67;
const SCHEDULED_SHARE = 0.012;
export const HTA_OVERRIDE_SHARE = 0.1;
const COORDINATION_NUMBER_SHARE = 0.003;
const CENTENARIAN_SHARE = 0.0008;
/** Home-place choice: weight exp(-km / this) + a floor, so most patients live near the hospital. */
export const HOME_DISTANCE_SCALE_KM = 25;
export const HOME_WEIGHT_FLOOR = 0.002;
/** Patients are mostly listed in their own region: a place across the border weighs this much less. */
export const OTHER_REGION_HOME_FACTOR = 0.25;
/** Priority groups whose target date is long past are rare on a list (they get operated first). */
const LATE_PRIORITY_FACTOR = 0.1;
/** Urgent procedures (P1+P2 >= 0.5) wait much shorter than their specialty. */
const URGENT_WAIT_FACTOR = 0.25;

export interface GenerateOptions {
  seed: number;
  /** 0 < scale <= 10; fractional allowed. */
  scale: number;
  /** The snapshot date (default 2026-11-23, a Monday). */
  asOfDate?: string;
}

/** Procedure ids are derived from the KVÅ code: `p-nfb49`. */
export const procedureId = (kva: string): string => `p-${kva.toLowerCase()}`;

/** Copies of the region set for a scale: 1 up to scale 1.5, then round(scale). */
export function copyCount(scale: number): number {
  return scale > 1 ? Math.max(1, Math.round(scale)) : 1;
}

/** Waiting-list entries at scale 1 (the sum of the hospitals' list sizes). */
export const BASE_LIST_SIZE = HOSPITALS.reduce((n, h) => n + h.listSize, 0);

function invalid(field: string, message: string): ValidationError {
  return new ValidationError(`${field}: ${message}`, [{ field, message }]);
}

function checkOptions(opts: GenerateOptions): string {
  if (!Number.isSafeInteger(opts.seed)) throw invalid('seed', `expected an integer, got ${opts.seed}`);
  if (!(typeof opts.scale === 'number' && opts.scale > 0 && opts.scale <= MAX_SCALE)) {
    throw invalid('scale', `expected a number with 0 < scale <= ${MAX_SCALE}, got ${opts.scale}`);
  }
  const asOf = opts.asOfDate ?? DEFAULT_AS_OF_DATE;
  try {
    epochDay(asOf);
  } catch {
    throw invalid('asOfDate', `expected a date YYYY-MM-DD, got "${asOf}"`);
  }
  return asOf;
}

/** Great-circle distance × road factor, rounded to 0.1 km. */
export function roadKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  const km = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  return Math.round(km * ROAD_FACTOR * 10) / 10;
}

const round = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

/** P(W >= x) for W exponential with mean m truncated to [0, t). */
function truncatedTail(m: number, x: number, t: number): number {
  const et = Math.exp(-t / m);
  return (Math.exp(-x / m) - et) / (1 - et);
}

/** Mean of an exponential with mean m truncated to [0, t). */
function truncatedMean(m: number, t: number): number {
  const et = Math.exp(-t / m);
  return m - (t * et) / (1 - et);
}

/**
 * The exponential mean whose truncation to [0, MAX_WAIT_DAYS) puts `share` of the draws at 91 days
 * or more (guarantee days are whole days; more than 90 is past the guarantee). Bisection on a
 * monotone function; the attainable range is about 0–0.83.
 */
export function waitMeanForShare(share: number): number {
  const x = GUARANTEE_DAYS + 1;
  let lo = 1;
  let hi = 100_000;
  for (let i = 0; i < 100; i++) {
    const mid = Math.sqrt(lo * hi);
    if (truncatedTail(mid, x, MAX_WAIT_DAYS) < share) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

interface CopyIds {
  index: number;
  suffix: string;
  latShift: number;
  region: (key: string) => string;
  hospital: (key: string) => string;
  place: (key: string) => string;
  name: (name: string) => string;
  shortName: (name: string) => string;
}

function copyIds(index: number): CopyIds {
  const suffix = index === 1 ? '' : `-${index}`;
  return {
    index,
    suffix,
    latShift: (index - 1) * LAT_SHIFT_PER_COPY,
    region: (key) => `r-${key}${suffix}`,
    hospital: (key) => `h-${key}${suffix}`,
    place: (key) => `pl-${key}${suffix}`,
    name: (name) => (index === 1 ? name : `${name} (kopia ${index})`),
    shortName: (name) => (index === 1 ? name : `${name} #${index}`),
  };
}

/** The procedures a hospital performs: those of its specialties that its remit allows. */
export function hospitalProcedures(h: HospitalSeed): ProcedureSeed[] {
  const excluded = new Set(h.excludeProcedures ?? []);
  return PROCEDURES.filter(
    (p) =>
      h.specialties[p.specialtyId] !== undefined &&
      !excluded.has(p.kva) &&
      (p.onlyAt === undefined || p.onlyAt.includes(h.key)) &&
      (!p.needsAcuteBackup || h.acute) &&
      (!p.needsIcu || h.icu) &&
      (h.dayCareOnly !== true || p.care === 'day'),
  );
}

function specialtyEntries(h: HospitalSeed): Array<[string, HospitalSeed['specialties'][string]]> {
  // Table order, i.e. the SPECIALTIES order restricted to the hospital's specialties.
  return SPECIALTIES.flatMap((s) => {
    const x = h.specialties[s.id];
    return x === undefined ? [] : [[s.id, x] as [string, typeof x]];
  });
}

function buildProcedures(): Procedure[] {
  return PROCEDURES.map((p) => ({
    id: procedureId(p.kva),
    kvaCode: p.kva,
    nameSv: p.nameSv,
    nameEn: p.nameEn,
    specialtyId: p.specialtyId,
    durationLogMu: round(Math.log(p.medianMin), 4),
    durationLogSigma: p.sigma,
    turnoverMin: p.turnoverMin,
    needsAcuteBackup: p.needsAcuteBackup,
    needsIcu: p.needsIcu,
    maxAsaNonAcute: p.maxAsaNonAcute,
    care: p.care,
    priceSek: p.priceSek,
    htaDoNotDo: p.htaDoNotDo,
    // Length of stay is kept in its own table (seed/data/lengthOfStay.ts), joined here.
    lengthOfStayDays:
      LENGTH_OF_STAY_DAYS[procedureId(p.kva)] ?? (p.care === 'day' ? 0 : INPATIENT_DEFAULT_LOS_DAYS),
  }));
}

function staffingFor(h: HospitalSeed, weekday: number) {
  const weekend = weekday >= 6;
  const friday = weekday === 5;
  const teamDrop = friday ? h.fridayTeamDrop : 0;
  const surgeonLists: Record<string, number> = {};
  const lendableSurgeonLists: Record<string, number> = {};
  if (!weekend) {
    for (const [sp, x] of specialtyEntries(h)) {
      const n = friday && x.surgeonLists >= 3 ? x.surgeonLists - 1 : x.surgeonLists;
      surgeonLists[sp] = n;
      if (x.lendable !== undefined && x.lendable > 0) lendableSurgeonLists[sp] = Math.min(x.lendable, n);
    }
  }
  return {
    anaesthesiaTeams: weekend ? 0 : Math.max(0, h.anaesthesiaTeams - teamDrop),
    nursingTeams: weekend ? 0 : Math.max(0, h.nursingTeams - teamDrop),
    surgeonLists,
    lendableSurgeonLists,
  };
}

/** First Monday on or after a date: the origin of the day offsets in seed/data/operations.ts. */
function firstMondayFrom(date: string): number {
  const day = epochDay(date);
  return day + ((8 - isoWeekday(date)) % 7);
}

interface PlaceRow {
  place: Place;
  copy: number;
}

interface HospitalRow {
  seed: HospitalSeed;
  hospital: Hospital;
  copy: CopyIds;
  procedures: ProcedureSeed[];
}

export function generateRegion(opts: GenerateOptions): RegionSnapshot {
  const asOfDate = checkOptions(opts);
  const asOfDay = epochDay(asOfDate);
  const copies = copyCount(opts.scale);
  const root = createRng(opts.seed);
  const monday0 = firstMondayFrom(asOfDate);

  const regions: Region[] = [];
  const priorityGrids: PriorityGrid[] = [];
  const hospitalRows: HospitalRow[] = [];
  const theatres: Theatre[] = [];
  const rosterTemplates: RosterTemplate[] = [];
  const rosterOverrides: RosterOverride[] = [];
  const closures: Closure[] = [];
  const regionalTeams: RegionalTeam[] = [];
  const placeRows: PlaceRow[] = [];
  const wardBeds: WardBedTemplate[] = [];
  const wardBedOverrides: WardBedOverride[] = [];

  for (let c = 1; c <= copies; c++) {
    const ids = copyIds(c);
    for (const r of REGIONS) {
      regions.push({ id: ids.region(r.key), name: ids.name(r.name), countyCode: r.countyCode });
      const grid = PRIORITY_GRIDS[r.key];
      if (grid === undefined) throw new Error(`seed data: no priority grid for ${r.key}`);
      priorityGrids.push({ regionId: ids.region(r.key), groups: grid.map((g) => ({ ...g })) });
    }
    for (const p of PLACES) {
      placeRows.push({
        copy: c,
        place: {
          id: ids.place(p.key),
          name: ids.name(p.name),
          regionId: ids.region(p.regionKey),
          lat: round(p.lat + ids.latShift, 4),
          lon: p.lon,
        },
      });
    }
    for (const h of HOSPITALS) {
      const procs = hospitalProcedures(h);
      const id = ids.hospital(h.key);
      hospitalRows.push({
        seed: h,
        copy: ids,
        procedures: procs,
        hospital: {
          id,
          name: ids.name(h.name),
          shortName: ids.shortName(h.shortName),
          regionId: ids.region(h.regionKey),
          lat: round(h.lat + ids.latShift, 4),
          lon: h.lon,
          acute: h.acute,
          icu: h.icu,
          privateProvider: h.privateProvider,
          specialtyIds: specialtyEntries(h).map(([sp]) => sp),
          procedureIds: procs.map((p) => procedureId(p.kva)),
          listStartTime: h.listStartTime,
          listMin: h.listMin,
        },
      });
      for (let t = 1; t <= h.theatres; t++) {
        theatres.push({
          id: `${id}-sal${String(t).padStart(2, '0')}`,
          hospitalId: id,
          name: h.theatreNames?.[t] ?? `Sal ${t}`,
        });
      }
      for (let wd = 1; wd <= 7; wd++)
        rosterTemplates.push({ hospitalId: id, ...staffingFor(h, wd), weekday: wd });
    }
    for (const ch of ROSTER_CHANGES) {
      const h = HOSPITALS.find((x) => x.key === ch.hospitalKey);
      if (h === undefined) throw new Error(`seed data: unknown hospital ${ch.hospitalKey}`);
      for (const off of ch.offsets) {
        const date = fromEpochDay(monday0 + off);
        const base = staffingFor(h, isoWeekday(date));
        const surgeonLists = { ...base.surgeonLists };
        for (const [sp, d] of Object.entries(ch.surgeonDelta ?? {})) {
          surgeonLists[sp] = Math.max(0, (surgeonLists[sp] ?? 0) + d);
        }
        const lendableSurgeonLists: Record<string, number> = {};
        for (const [sp, n] of Object.entries(base.lendableSurgeonLists)) {
          lendableSurgeonLists[sp] = Math.min(n, surgeonLists[sp] ?? 0);
        }
        rosterOverrides.push({
          hospitalId: ids.hospital(h.key),
          anaesthesiaTeams: Math.max(0, base.anaesthesiaTeams + ch.anaesthesiaDelta),
          nursingTeams: Math.max(0, base.nursingTeams + ch.nursingDelta),
          surgeonLists,
          lendableSurgeonLists,
          date,
        });
      }
    }
    for (const cl of CLOSURES) {
      for (const off of cl.offsets) {
        const hospitalId = ids.hospital(cl.hospitalKey);
        closures.push({
          hospitalId,
          ...(cl.theatre !== undefined
            ? { theatreId: `${hospitalId}-sal${String(cl.theatre).padStart(2, '0')}` }
            : {}),
          date: fromEpochDay(monday0 + off),
          reason: cl.reason,
        });
      }
    }
    for (const b of WARD_BEDS) {
      for (let wd = 1; wd <= 7; wd++)
        wardBeds.push({
          hospitalId: ids.hospital(b.hospitalKey),
          weekday: wd,
          beds: wd >= 6 ? b.weekendBeds : b.weekdayBeds,
        });
    }
    for (const ch of WARD_BED_CHANGES) {
      const b = WARD_BEDS.find((x) => x.hospitalKey === ch.hospitalKey);
      if (b === undefined) throw new Error(`seed data: no ward beds for ${ch.hospitalKey}`);
      for (const off of ch.offsets) {
        const date = fromEpochDay(monday0 + off);
        const base = isoWeekday(date) >= 6 ? b.weekendBeds : b.weekdayBeds;
        wardBedOverrides.push({
          hospitalId: ids.hospital(b.hospitalKey),
          date,
          beds: Math.max(0, base + ch.bedsDelta),
        });
      }
    }
    for (const t of REGIONAL_TEAMS) {
      regionalTeams.push({
        id: `rt-${t.key}${ids.suffix}`,
        name: ids.name(t.name),
        baseHospitalId: ids.hospital(t.baseHospitalKey),
        weekdays: [...t.weekdays],
        unavailableDates: t.unavailableOffsets.map((off) => fromEpochDay(monday0 + off)),
        allowedHospitalIds: t.allowedHospitalKeys.map((k) => ids.hospital(k)),
        costSekPerDay: t.costSekPerDay,
      });
    }
  }

  const hospitals = hospitalRows.map((r) => r.hospital);
  const places = placeRows.map((r) => r.place);
  const distances = buildDistances(places, hospitals);

  const gridDays = new Map<string, Map<string, number>>();
  for (const g of priorityGrids) gridDays.set(g.regionId, new Map(g.groups.map((x) => [x.group, x.maxDays])));

  const waitingList: WaitingListEntry[] = [];
  const arrivals: ArrivalRate[] = [];
  const identities = new IdentityFactory(asOfDate);
  for (const row of hospitalRows) {
    const count = Math.round((row.seed.listSize * opts.scale) / copies);
    const copyPlaces = placeRows.filter((p) => p.copy === row.copy.index).map((p) => p.place);
    const list = generateHospitalList({
      row,
      count,
      rng: root.fork(`waiting-list:${row.hospital.id}`),
      asOfDay,
      places: copyPlaces,
      gridDays,
      identities,
      firstIndex: waitingList.length + 1,
    });
    for (const e of list.entries) waitingList.push(e);
    for (const a of list.arrivals) arrivals.push(a);
  }

  const calendar = {
    summerFromWeek: CALENDAR.summerFromWeek,
    summerToWeek: CALENDAR.summerToWeek,
    summerCapacityFactor: CALENDAR.summerCapacityFactor,
    extraClosureDates: [],
  };
  const procedures = buildProcedures();
  const booked = generateBookings({
    asOfDate,
    calendar,
    hospitals,
    theatres,
    procedures,
    rosterTemplates,
    rosterOverrides,
    closures,
    wardBeds,
    wardBedOverrides,
    waitingList,
    rng: root.fork('bookings'),
  });

  // Named surgeons, the session plan and the waiting list's surgeon ties (seed/staff.ts, ADR 0024).
  const staffInput = {
    asOfDate,
    calendar,
    hospitals: hospitalRows.map((r): StaffHospital => ({
      seed: r.seed,
      hospital: r.hospital,
      procedures: r.procedures,
      hospitalIdOf: r.copy.hospital,
    })),
    theatres,
    rosterTemplates,
    rosterOverrides,
    closures,
    procedureIdOf: procedureId,
  };
  const surgeons = generateSurgeons({ ...staffInput, rng: root.fork('surgeons') });
  const sessions = generateSessions({ ...staffInput, rng: root.fork('sessions') }, surgeons);
  const waitingListTied = tieWaitingList(booked.waitingList, surgeons, root.fork('surgeon-ties'));

  return {
    schemaVersion: 1,
    regionSet: {
      id: 'sodra',
      name:
        copies === 1 ? 'Södra sjukvårdsregionen' : `Södra sjukvårdsregionen (syntetisk, ${copies} kopior)`,
    },
    asOfDate,
    synthetic: true,
    generator: { name: GENERATOR_NAME, seed: opts.seed, scale: opts.scale },
    calendar,
    regions,
    priorityGrids,
    specialties: SPECIALTIES.map((s) => ({ id: s.id, nameSv: s.nameSv, nameEn: s.nameEn })),
    procedures,
    hospitals,
    theatres,
    rosterTemplates,
    rosterOverrides,
    closures,
    regionalTeams,
    surgeons,
    sessions,
    places,
    distances,
    waitingList: waitingListTied,
    arrivals,
    wardBeds,
    wardBedOverrides,
    bookings: booked.bookings,
  };
}

/** Place -> hospital for every pair, then hospital -> hospital for every ordered pair of distinct hospitals. */
function buildDistances(places: readonly Place[], hospitals: readonly Hospital[]): Distance[] {
  const out: Distance[] = [];
  for (const from of [...places, ...hospitals]) {
    for (const to of hospitals) {
      if (from.id === to.id) continue;
      out.push({ fromId: from.id, toId: to.id, km: roadKm(from.lat, from.lon, to.lat, to.lon) });
    }
  }
  return out;
}

/** Unique synthetic personnummer: birth date + serial 980–999 with the right sex digit. */
class IdentityFactory {
  private readonly used = new Set<string>();
  constructor(private readonly asOfDate: string) {}

  make(rng: Rng, birthDay: number, female: boolean, coordination: boolean): string {
    // The serial's last digit is the sex digit: even for women, odd for men.
    const first = female ? SYNTHETIC_SERIAL_MIN : SYNTHETIC_SERIAL_MIN + 1;
    const slots = Math.floor((SYNTHETIC_SERIAL_MAX - first) / 2) + 1;
    const start = rng.int(0, slots - 1);
    // Ten serials per birth date and sex; on the rare full date, move one day earlier.
    for (let day = birthDay; ; day--) {
      const birthDate = fromEpochDay(day);
      for (let k = 0; k < slots; k++) {
        const serial = first + 2 * ((start + k) % slots);
        const pnr = makePersonnummer(birthDate, serial, this.asOfDate, coordination);
        if (!this.used.has(pnr)) {
          this.used.add(pnr);
          return pnr;
        }
      }
    }
  }
}

/** How far a patient accepts to travel: around 100 km, never less than home to the listing hospital. */
export function drawMaxTravelKm(rng: Rng, homeKm: number): number {
  const travel = Math.min(250, Math.max(30, rng.lognormal(Math.log(100), 0.38)));
  return Math.max(Math.round(travel / 10) * 10, Math.ceil(homeKm / 10) * 10);
}

interface ListInput {
  row: HospitalRow;
  count: number;
  rng: Rng;
  asOfDay: number;
  places: readonly Place[];
  gridDays: ReadonlyMap<string, ReadonlyMap<string, number>>;
  identities: IdentityFactory;
  firstIndex: number;
}

interface ProcedurePlan {
  proc: ProcedureSeed;
  id: string;
  /** Expected share of the hospital's list. */
  share: number;
  /** Mean (before truncation) of the waiting-time exponential. */
  waitMean: number;
  /** Home places for a referral flow, with its share. */
  flow?: { share: number; places: readonly Place[] };
}

const EXCLUDED_KINDS: readonly ExcludedPeriodKind[] = ['PvV', 'MoV', 'SoV'];
const EXCLUDED_KIND_WEIGHTS = [0.7, 0.22, 0.08];
const EXCLUDED_LENGTH: Record<ExcludedPeriodKind, [number, number]> = {
  PvV: [14, 90],
  MoV: [21, 120],
  SoV: [14, 60],
};
export const ASA_CLASSES = [1, 2, 3, 4] as const;
export const ASA_WEIGHTS = [0.34, 0.43, 0.2, 0.03];
/** Long waits at acute hospitals are partly *because of* comorbidity (the region's own reports). */
const ASA_WEIGHTS_LONG_WAIT = [0.24, 0.4, 0.3, 0.06];

function planProcedures(row: HospitalRow, places: readonly Place[]): ProcedurePlan[] {
  const h = row.seed;
  const mixTotal = new Map<string, number>();
  const weightOf = (p: ProcedureSeed): number => p.listMix * (h.procedureWeights?.[p.kva] ?? 1);
  for (const p of row.procedures)
    mixTotal.set(p.specialtyId, (mixTotal.get(p.specialtyId) ?? 0) + weightOf(p));
  let specialtyTotal = 0;
  for (const [sp, x] of specialtyEntries(h)) if (mixTotal.has(sp)) specialtyTotal += x.listWeight;
  return row.procedures.map((p) => {
    const sp = h.specialties[p.specialtyId];
    if (sp === undefined) throw new Error(`seed data: ${h.key} lacks specialty ${p.specialtyId}`);
    const urgent = p.priority[0] + p.priority[1] >= 0.5;
    const flowSeed = REFERRAL_FLOWS.find((f) => f.hospitalKey === h.key && f.kva === p.kva);
    const plan: ProcedurePlan = {
      proc: p,
      id: procedureId(p.kva),
      share: ((sp.listWeight / specialtyTotal) * weightOf(p)) / (mixTotal.get(p.specialtyId) ?? 1),
      waitMean: waitMeanForShare(sp.pastGuaranteeShare) * (urgent ? URGENT_WAIT_FACTOR : 1),
    };
    if (flowSeed !== undefined) {
      const ids = new Set(flowSeed.placeKeys.map((k) => row.copy.place(k)));
      plan.flow = { share: flowSeed.share, places: places.filter((pl) => ids.has(pl.id)) };
    }
    return plan;
  });
}

function generateHospitalList(input: ListInput): { entries: WaitingListEntry[]; arrivals: ArrivalRate[] } {
  const { row, count, rng, asOfDay, places, gridDays, identities } = input;
  const h = row.hospital;
  const plans = planProcedures(row, places);
  const procedureSampler = new WeightedSampler(
    plans,
    plans.map((p) => p.share),
  );
  const homeKm = places.map((pl) => roadKm(pl.lat, pl.lon, h.lat, h.lon));
  const homeSampler = new WeightedSampler(
    places.map((pl, i) => ({ place: pl, km: homeKm[i] as number })),
    homeKm.map(
      (km, i) =>
        (Math.exp(-km / HOME_DISTANCE_SCALE_KM) + HOME_WEIGHT_FLOOR) *
        (places[i]?.regionId === h.regionId ? 1 : OTHER_REGION_HOME_FACTOR),
    ),
  );

  const entries: WaitingListEntry[] = [];
  for (let i = 0; i < count; i++) {
    const plan = procedureSampler.sample(rng);
    const p = plan.proc;

    // Home: near the hospital, or from a referral flow's catchment.
    let home: { place: Place; km: number };
    if (plan.flow !== undefined && plan.flow.places.length > 0 && rng.bool(plan.flow.share)) {
      const pl = rng.choice(plan.flow.places);
      home = { place: pl, km: roadKm(pl.lat, pl.lon, h.lat, h.lon) };
    } else {
      home = homeSampler.sample(rng);
    }
    const grid = gridDays.get(home.place.regionId);
    if (grid === undefined) throw new Error(`no priority grid for ${home.place.regionId}`);

    // Waiting time in guarantee days, plus an optional excluded period inside the wait.
    let excludedKind: ExcludedPeriodKind | undefined;
    let excludedDays = 0;
    if (rng.bool(EXCLUDED_PERIOD_SHARE)) {
      excludedKind = rng.weighted(EXCLUDED_KINDS, EXCLUDED_KIND_WEIGHTS);
      const [lo, hi] = EXCLUDED_LENGTH[excludedKind];
      excludedDays = rng.int(lo, hi);
    }
    const waitDays = Math.floor(rng.truncatedExponential(plan.waitMean, MAX_WAIT_DAYS - excludedDays));
    const decisionDay = asOfDay - waitDays - excludedDays;
    const excludedPeriods: ExcludedPeriod[] = [];
    if (excludedKind !== undefined) {
      const from = decisionDay + rng.int(0, waitDays);
      excludedPeriods.push({
        kind: excludedKind,
        from: fromEpochDay(from),
        to: fromEpochDay(from + excludedDays - 1),
      });
    }

    // Priority: drawn per procedure, but groups whose target is long past are rare on the list.
    const groupWeights = PRIORITY_GROUP_NAMES.map((g, k) => {
      const maxDays = grid.get(g) ?? 0;
      return (p.priority[k] ?? 0) * (waitDays + excludedDays <= maxDays * 1.5 ? 1 : LATE_PRIORITY_FACTOR);
    });
    const priorityGroup = rng.weighted(PRIORITY_GROUP_NAMES, groupWeights);
    const targetDays = grid.get(priorityGroup) ?? 0;

    // ASA: non-acute hospitals list only patients within the procedure's limit.
    const asaWeights = (h.acute && waitDays > GUARANTEE_DAYS ? ASA_WEIGHTS_LONG_WAIT : ASA_WEIGHTS).map(
      (w, k) => (h.acute || k + 1 <= p.maxAsaNonAcute ? w : 0),
    );
    const asaClass = rng.weighted(ASA_CLASSES, asaWeights);

    // Identity.
    const female = rng.bool(p.femaleShare);
    let age = Math.round(Math.min(95, Math.max(18, rng.normal(p.age.mean, p.age.sd))));
    if (p.age.mean >= 65 && rng.bool(CENTENARIAN_SHARE)) age = rng.int(100, 103);
    // Birthday somewhere in the year after the age-th birthday; the margins keep the age exact.
    const birthDay = asOfDay - Math.floor((age + 0.003 + rng.next() * 0.994) * 365.2425);
    const personnummer = identities.make(rng, birthDay, female, rng.bool(COORDINATION_NUMBER_SHARE));
    const givenName = rng.choice(female ? FEMALE_NAMES : MALE_NAMES);
    const familyName = rng.choice(FAMILY_NAMES);

    const maxTravelKm = drawMaxTravelKm(rng, home.km);

    entries.push({
      id: `P${String(input.firstIndex + i).padStart(7, '0')}`,
      personnummer,
      givenName,
      familyName,
      synthetic: true,
      homeRegionId: home.place.regionId,
      homePlaceId: home.place.id,
      listingHospitalId: h.id,
      procedureId: plan.id,
      decisionDate: fromEpochDay(decisionDay),
      priorityGroup,
      medicalTargetDate: fromEpochDay(decisionDay + targetDays),
      asaClass,
      earliestDate: fromEpochDay(decisionDay + rng.int(7, 40)),
      consentElsewhere: rng.bool(CONSENT_ELSEWHERE_SHARE),
      maxTravelKm,
      excludedPeriods,
      status: rng.bool(SCHEDULED_SHARE) ? 'scheduled' : 'waiting',
      category: 'elektiv',
      htaOverride: p.htaDoNotDo && rng.bool(HTA_OVERRIDE_SHARE),
    });
  }

  // Weekly arrivals the list implies in a steady state (Little's law: L = λ·W, and for an
  // exponential wait the mean age on the list equals the mean wait): λ = expected count / mean age.
  // Computed from expected values, not the drawn list, so a rare procedure still gets a rate.
  const arrivals = plans.map((pl) => {
    const meanAgeDays = Math.max(7, truncatedMean(pl.waitMean, MAX_WAIT_DAYS));
    return { hospitalId: h.id, procedureId: pl.id, perWeek: round((count * pl.share * 7) / meanAgeDays, 2) };
  });
  return { entries, arrivals };
}
