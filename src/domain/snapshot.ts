// The region snapshot: everything opflow knows about a region set (e.g. Södra sjukvårdsregionen)
// at one moment. It is the exchange format of `opflow seed --out`, of imports and of the database
// loader, and the single source from which a planning problem is built. Every field is data, never
// code: a different region set (e.g. Sydöstra) is a different snapshot, not a different build.
import { z } from 'zod';
import { PlanningSettings } from './planningSettings.ts';

/** ISO calendar date `YYYY-MM-DD` (Europe/Stockholm civil date). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'not a real calendar date');
export type IsoDate = z.infer<typeof IsoDate>;

/** Local wall-clock time `HH:MM` in Europe/Stockholm. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time HH:MM');

export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'ids use letters, digits and _ . : -');

const NonNegInt = z.number().int().nonnegative();
const ByCount = z.record(Id, NonNegInt);

/** A principal (huvudman), e.g. Region Skåne; pays for its residents' care elsewhere. */
export const Region = z.object({
  id: Id,
  name: z.string().min(1),
  /** Two-digit county code (länskod), informational. */
  countyCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
});
export type Region = z.infer<typeof Region>;

/** Priority grid of one region: priority group -> max days from decision to medical target date. */
export const PriorityGrid = z.object({
  regionId: Id,
  groups: z
    .array(
      z.object({
        group: z.string().min(1).max(16),
        labelSv: z.string().min(1),
        labelEn: z.string().min(1),
        maxDays: z.number().int().positive(),
      }),
    )
    .min(1),
});
export type PriorityGrid = z.infer<typeof PriorityGrid>;

export const Specialty = z.object({
  id: Id,
  nameSv: z.string().min(1),
  nameEn: z.string().min(1),
});
export type Specialty = z.infer<typeof Specialty>;

/**
 * A procedure identified by its KVÅ code. Surgical (knife-to-skin plus anaesthesia) time is
 * lognormal: ln(minutes) ~ Normal(durationLogMu, durationLogSigma^2).
 */
export const Procedure = z.object({
  id: Id,
  /** KVÅ surgical codes are three letters and two digits (e.g. NFB49, LCD01). */
  kvaCode: z
    .string()
    .regex(/^[A-Z]{3}\d{2}$/, 'expected a KVÅ code of three letters and two digits, such as NFB49'),
  nameSv: z.string().min(1),
  nameEn: z.string().min(1),
  specialtyId: Id,
  durationLogMu: z.number().min(0).max(8),
  /** 0 = a fixed duration (known exactly): a list of only fixed cases overruns with probability 0 or 1. */
  durationLogSigma: z.number().nonnegative().max(2),
  turnoverMin: z.number().int().nonnegative().max(240),
  /** Needs an acute (24 h) hospital's back-up regardless of ASA class. */
  needsAcuteBackup: z.boolean(),
  /** Needs an intensive-care unit on site. */
  needsIcu: z.boolean(),
  /** Highest ASA class a non-acute hospital may take for this procedure (1–4). */
  maxAsaNonAcute: z.number().int().min(1).max(4),
  care: z.enum(['day', 'inpatient']),
  priceSek: z.number().nonnegative(),
  /** HTA "do not do": flagged, never scheduled unless a clinician overrides per patient. */
  htaDoNotDo: z.boolean(),
  /**
   * Expected post-operative length of stay in days (nights in a ward bed); 0 = day surgery. Absent =
   * no bed data for the procedure (it is planned as if it needed no bed).
   */
  lengthOfStayDays: z.number().int().nonnegative().max(60).optional(),
});
export type Procedure = z.infer<typeof Procedure>;

export const Hospital = z.object({
  id: Id,
  name: z.string().min(1),
  shortName: z.string().min(1).max(24),
  regionId: Id,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  acute: z.boolean(),
  icu: z.boolean(),
  /** Private contracted provider (care is bought by the listing region). */
  privateProvider: z.boolean().default(false),
  specialtyIds: z.array(Id),
  procedureIds: z.array(Id),
  /** Planned start of the day's theatre lists, local time. */
  listStartTime: ClockTime,
  /** Usable minutes of one theatre list (session), turnovers included. */
  listMin: z
    .number()
    .int()
    .positive()
    .max(24 * 60),
});
export type Hospital = z.infer<typeof Hospital>;

export const Theatre = z.object({
  id: Id,
  hospitalId: Id,
  name: z.string().min(1),
});
export type Theatre = z.infer<typeof Theatre>;

/**
 * Staffing of one hospital on one weekday (template) or one date (override). A theatre list
 * needs one anaesthesia team, one nursing team and one surgeon list of the specialty.
 */
const StaffingFields = {
  hospitalId: Id,
  anaesthesiaTeams: NonNegInt,
  nursingTeams: NonNegInt,
  /** Surgeon lists (one surgeon for one day's list) per specialty. */
  surgeonLists: ByCount,
  /** Of those, how many may be lent to another hospital that day. */
  lendableSurgeonLists: ByCount,
};
export const RosterTemplate = z.object({
  ...StaffingFields,
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7),
});
export type RosterTemplate = z.infer<typeof RosterTemplate>;
export const RosterOverride = z.object({
  ...StaffingFields,
  date: IsoDate,
  /**
   * An extra production day (e.g. Saturday lists, or lists on a public holiday): the date operates
   * with exactly this staffing although the calendar closes it (holiday, weekend, extra closure,
   * summer reduction). Absent = the calendar decides as for any other date.
   */
  operatingDay: z.boolean().optional(),
});
export type RosterOverride = z.infer<typeof RosterOverride>;

/** A theatre (or, without theatreId, a whole hospital) closed on a date. */
export const Closure = z.object({
  hospitalId: Id,
  theatreId: Id.optional(),
  date: IsoDate,
  reason: z.string().min(1).max(200),
});
export type Closure = z.infer<typeof Closure>;

/** A complete mobile team (anaesthesia + nursing) that can staff one idle theatre list per day. */
export const RegionalTeam = z.object({
  id: Id,
  name: z.string().min(1),
  baseHospitalId: Id,
  /** ISO weekdays the team works. */
  weekdays: z.array(z.number().int().min(1).max(7)).min(1),
  unavailableDates: z.array(IsoDate).default([]),
  /** Hospitals the team may be sent to (empty = any hospital of the region set). */
  allowedHospitalIds: z.array(Id).default([]),
  costSekPerDay: z.number().nonnegative(),
});
export type RegionalTeam = z.infer<typeof RegionalTeam>;

/**
 * A named operating surgeon (operatör). Where a hospital has named surgeons of a specialty, they —
 * not the roster's surgeon-list counts — are that specialty's surgeon capacity at the hospital
 * (ADR 0023). Lending a list becomes a named surgeon travelling to a hospital they may visit.
 */
export const Surgeon = z.object({
  id: Id,
  /** Display name (synthetic in generated data). */
  name: z.string().min(1).max(120),
  homeHospitalId: Id,
  specialtyId: Id,
  /** Procedures this surgeon operates (all of `specialtyId`). */
  procedureIds: z.array(Id).min(1),
  /** Most planned operating minutes (cases and turnovers) on one day. */
  maxMinPerDay: z
    .number()
    .int()
    .positive()
    .max(24 * 60),
  /** ISO weekdays the surgeon operates (roster template), 1 = Monday … 7 = Sunday. */
  weekdays: z.array(z.number().int().min(1).max(7)),
  /** Roster overrides: dates the surgeon does not operate (leave, on call, courses). */
  unavailableDates: z.array(IsoDate).default([]),
  /** Roster overrides: extra operating dates outside `weekdays` (e.g. a Saturday list). */
  extraDates: z.array(IsoDate).default([]),
  /** Other hospitals where the surgeon may operate; empty = the home hospital only. */
  visitingHospitalIds: z.array(Id).default([]),
  /** Theatres the surgeon may run in parallel on one day (2 = overlapping lists where the hospital allows). */
  maxParallelTheatres: z.number().int().min(1).max(2).default(1),
});
export type Surgeon = z.infer<typeof Surgeon>;

/** Part of the day a session covers. */
export const SessionPart = z.enum(['day', 'am', 'pm']);
export type SessionPart = z.infer<typeof SessionPart>;

/** Who a session's theatre time belongs to: a specialty, a named surgeon, or open to any specialty. */
export const SessionAllocation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('specialty'), specialtyId: Id }),
  z.object({ kind: z.literal('surgeon'), surgeonId: Id }),
  z.object({ kind: z.literal('open') }),
]);
export type SessionAllocation = z.infer<typeof SessionAllocation>;

/**
 * One session of a hospital's session plan (salsfördelning): theatre time in one theatre on one
 * date. A hospital-date with sessions has exactly that theatre time; a hospital-date without any
 * falls back to the roster (one list of `listMin` per open, staffed theatre). Closures still apply.
 */
export const Session = z.object({
  id: Id,
  hospitalId: Id,
  theatreId: Id,
  date: IsoDate,
  part: SessionPart,
  startTime: ClockTime,
  /** Usable minutes, turnovers included. */
  lengthMin: z
    .number()
    .int()
    .positive()
    .max(24 * 60),
  allocation: SessionAllocation,
});
export type Session = z.infer<typeof Session>;

/** A patient's home area (kommun / district centroid). */
export const Place = z.object({
  id: Id,
  name: z.string().min(1),
  regionId: Id,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type Place = z.infer<typeof Place>;

/** Road distance between a place or hospital and a hospital. */
export const Distance = z.object({
  fromId: Id,
  toId: Id,
  km: z.number().nonnegative(),
});
export type Distance = z.infer<typeof Distance>;

export const ExcludedPeriodKind = z.enum(['PvV', 'MoV', 'SoV']);
export type ExcludedPeriodKind = z.infer<typeof ExcludedPeriodKind>;

/** A period (inclusive dates) that does not count towards the care guarantee. */
export const ExcludedPeriod = z
  .object({ kind: ExcludedPeriodKind, from: IsoDate, to: IsoDate })
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] });
export type ExcludedPeriod = z.infer<typeof ExcludedPeriod>;

export const PatientStatus = z.enum(['waiting', 'scheduled', 'treated', 'removed']);
export type PatientStatus = z.infer<typeof PatientStatus>;

/** One entry on a waiting list (one referral/decision to treat). */
export const WaitingListEntry = z.object({
  /** Pseudonymous id, stable across snapshots; what analysts see. */
  id: Id,
  /** Personnummer or samordningsnummer `YYYYMMDD-NNNC` (`+` at age 100+); validated separately. */
  personnummer: z.string(),
  givenName: z.string().min(1),
  familyName: z.string().min(1),
  /** True for generated identities: such data must never be mistaken for a real person. */
  synthetic: z.boolean(),
  homeRegionId: Id,
  homePlaceId: Id,
  listingHospitalId: Id,
  procedureId: Id,
  /** Beslutsdatum: the decision to treat; the care-guarantee clock starts here. */
  decisionDate: IsoDate,
  priorityGroup: z.string().min(1).max(16),
  /** Medicinskt måldatum. */
  medicalTargetDate: IsoDate,
  asaClass: z.number().int().min(1).max(4),
  /** Earliest date the patient can be operated (pre-operative work-up done). */
  earliestDate: IsoDate,
  consentElsewhere: z.boolean(),
  maxTravelKm: z.number().nonnegative(),
  excludedPeriods: z.array(ExcludedPeriod).default([]),
  status: PatientStatus,
  category: z.enum(['elektiv', 'bevakning']).default('elektiv'),
  /** A clinician overrode the procedure's HTA "do not do" flag for this patient. */
  htaOverride: z.boolean().default(false),
  /** Must be operated on or before this date (e.g. a cancer pathway); hard for the plan. */
  mustTreatBy: IsoDate.optional(),
  /** Continuity: only this named surgeon may operate the patient. */
  surgeonId: Id.optional(),
  /** The patient or clinic prefers this named surgeon (soft). */
  preferredSurgeonId: Id.optional(),
});
export type WaitingListEntry = z.infer<typeof WaitingListEntry>;

/** Expected new decisions to treat per week (used by multi-week simulations). */
export const ArrivalRate = z.object({
  hospitalId: Id,
  procedureId: Id,
  perWeek: z.number().nonnegative(),
});
export type ArrivalRate = z.infer<typeof ArrivalRate>;

/** Calendar settings that are data: summer reduction and extra closure days. */
export const CalendarSettings = z.object({
  /** ISO weeks (inclusive) with reduced summer capacity, e.g. 27–32. */
  summerFromWeek: z.number().int().min(1).max(53),
  summerToWeek: z.number().int().min(1).max(53),
  /** Share of normal staffing kept in the summer weeks (0–1). */
  summerCapacityFactor: z.number().min(0).max(1),
  /** Region-wide extra closure dates besides the Swedish public holidays. */
  extraClosureDates: z.array(IsoDate).default([]),
});
export type CalendarSettings = z.infer<typeof CalendarSettings>;

/** Elective post-operative ward beds (vårdplatser) of a hospital on an ISO weekday (template). */
export const WardBedTemplate = z.object({
  hospitalId: Id,
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7),
  beds: NonNegInt,
});
export type WardBedTemplate = z.infer<typeof WardBedTemplate>;

/** Elective ward beds of a hospital on one date, replacing its weekday template (e.g. a closed ward). */
export const WardBedOverride = z.object({ hospitalId: Id, date: IsoDate, beds: NonNegInt });
export type WardBedOverride = z.infer<typeof WardBedOverride>;

/**
 * An existing booking: a waiting-list patient already given a theatre time. It occupies its theatre
 * that day and its patient's post-operative bed, and is never re-planned (ADR 0009). The duration
 * is the procedure's.
 */
export const Booking = z.object({
  patientId: Id,
  hospitalId: Id,
  theatreId: Id,
  date: IsoDate,
  startTime: ClockTime,
});
export type Booking = z.infer<typeof Booking>;

export const RegionSnapshot = z.object({
  schemaVersion: z.literal(1),
  regionSet: z.object({ id: Id, name: z.string().min(1) }),
  /** The day the waiting list describes ("today" for the planner). */
  asOfDate: IsoDate,
  /** True when every identity in it is generated. */
  synthetic: z.boolean(),
  generator: z.object({ name: z.string(), seed: z.number().int(), scale: z.number().positive() }).optional(),
  calendar: CalendarSettings,
  regions: z.array(Region).min(1),
  priorityGrids: z.array(PriorityGrid),
  specialties: z.array(Specialty).min(1),
  procedures: z.array(Procedure).min(1),
  hospitals: z.array(Hospital).min(1),
  theatres: z.array(Theatre),
  rosterTemplates: z.array(RosterTemplate),
  rosterOverrides: z.array(RosterOverride).default([]),
  closures: z.array(Closure).default([]),
  regionalTeams: z.array(RegionalTeam).default([]),
  /** Named surgeons (ADR 0023); empty = surgeon capacity from the rosters' counts only. */
  surgeons: z.array(Surgeon).default([]),
  /** The session plan (ADR 0023); empty = theatre time from the rosters only. */
  sessions: z.array(Session).default([]),
  places: z.array(Place),
  distances: z.array(Distance),
  waitingList: z.array(WaitingListEntry),
  arrivals: z.array(ArrivalRate).default([]),
  /**
   * Patients who declined care at another hospital and so gave up the care guarantee for the
   * referral decided on `decisionDate` (applies while their entry still has that decision date).
   */
  guaranteeWaivers: z.array(z.object({ patientId: Id, decisionDate: IsoDate })).optional(),
  /** Ward beds: per-weekday template per hospital; a hospital without rows has no bed limit. */
  wardBeds: z.array(WardBedTemplate).default([]),
  wardBedOverrides: z.array(WardBedOverride).default([]),
  bookings: z.array(Booking).default([]),
  /** Objective weights and planning rules of this region set; absent = the defaults. */
  planningSettings: PlanningSettings.optional(),
});
export type RegionSnapshot = z.infer<typeof RegionSnapshot>;
export type RegionSnapshotInput = z.input<typeof RegionSnapshot>;
