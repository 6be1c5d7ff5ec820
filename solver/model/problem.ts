// The planning problem as the solver sees it: plain, JSON-serialisable objects. Dates are integer
// epoch days (days since 1970-01-01, Europe/Stockholm civil dates); times of day are integer minutes
// since local midnight. src/ builds this from a region snapshot; nothing here reads a clock.

export type EpochDay = number;

export interface ProblemProcedure {
  id: string;
  specialtyId: string;
  /** ln(minutes) ~ Normal(logMu, logSigma²). */
  logMu: number;
  logSigma: number;
  turnoverMin: number;
  needsAcuteBackup: boolean;
  needsIcu: boolean;
  maxAsaNonAcute: number;
  priceSek: number;
  htaDoNotDo: boolean;
  /**
   * Expected post-operative length of stay in days (nights in a ward bed); 0 or absent = day
   * surgery. A case operated on day d occupies one bed on days d … d + lengthOfStayDays − 1.
   */
  lengthOfStayDays?: number;
}

export interface ProblemHospital {
  id: string;
  regionId: string;
  acute: boolean;
  icu: boolean;
  procedureIds: string[];
  /** Usable minutes of one theatre list, turnovers included. */
  listMin: number;
  /** Start of the day's lists, minutes since local midnight. */
  listStartMin: number;
}

/**
 * Capacity of one hospital on one day of the horizon (only days with some capacity are listed), as
 * left to the plan: theatre-days taken by existing bookings are already removed (src/planning).
 */
export interface ProblemHospitalDay {
  hospitalId: string;
  day: EpochDay;
  /** Theatres open that day (not closed), in a stable order. */
  openTheatreIds: string[];
  /** Lists the hospital can staff itself: min(anaesthesia teams, nursing teams) after calendar factors. */
  staffedTeams: number;
  /** Surgeon lists per specialty. */
  surgeonLists: Record<string, number>;
  /** Of surgeonLists, how many may be lent to another hospital. */
  lendableSurgeonLists: Record<string, number>;
}

export interface ProblemRegionalTeam {
  id: string;
  baseHospitalId: string;
  availableDays: EpochDay[];
  /** Empty = any hospital. */
  allowedHospitalIds: string[];
  costSekPerDay: number;
}

/** A named surgeon (ADR 0023); `availableDays` lists the horizon days they may operate. */
export interface ProblemSurgeon {
  id: string;
  homeHospitalId: string;
  specialtyId: string;
  procedureIds: string[];
  maxMinPerDay: number;
  availableDays: EpochDay[];
  /** Other hospitals they may operate at (within rules.maxLendKm of home); empty = home only. */
  visitingHospitalIds: string[];
  /** 1, or 2 where they may run two theatres on one day. */
  maxParallelTheatres: number;
}

/** One session of the session plan on a horizon day (ADR 0023). */
export interface ProblemSession {
  id: string;
  hospitalId: string;
  theatreId: string;
  day: EpochDay;
  part: 'day' | 'am' | 'pm';
  startMin: number;
  lengthMin: number;
  /** Allocated to a specialty; absent (and no surgeonId) = open to any specialty of the hospital. */
  specialtyId?: string;
  /** Allocated to this named surgeon (their specialty). */
  surgeonId?: string;
}

export interface ProblemPeriod {
  kind: 'PvV' | 'MoV' | 'SoV';
  /** Inclusive epoch days. */
  fromDay: EpochDay;
  toDay: EpochDay;
}

export interface ProblemPatient {
  id: string;
  homeRegionId: string;
  homePlaceId: string;
  listingHospitalId: string;
  procedureId: string;
  asaClass: number;
  priorityGroup: string;
  decisionDay: EpochDay;
  targetDay: EpochDay;
  earliestDay: EpochDay;
  consentElsewhere: boolean;
  maxTravelKm: number;
  excludedPeriods: ProblemPeriod[];
  htaOverride: boolean;
  /**
   * The patient declined care at another hospital and gave up the care guarantee for this
   * referral: never past the guarantee (KPIs, breach terms); the medical target still applies.
   */
  guaranteeWaived?: boolean;
  /**
   * Must be operated on or before this day (e.g. a cancer pathway): hard. When it falls inside the
   * horizon, the plan must include the patient by then; absent = no such date.
   */
  mustTreatByDay?: EpochDay;
  /** Continuity: only this named surgeon may operate the patient (hard). */
  surgeonId?: string;
  /** Preferred named surgeon (soft). */
  preferredSurgeonId?: string;
}

export interface Pin {
  patientId: string;
  hospitalId: string;
  day: EpochDay;
  /** Optional: keep the theatre too. */
  theatreId?: string;
}

/**
 * Objective weights, in objective points. Defaults live in solver/model/defaults.ts; analysts may
 * change them. Each weight names its unit. The objective is need-first and case-mix neutral
 * (ADR 0008): a treatment is worth the theatre minutes it uses times an urgency rate per minute.
 */
export interface Weights {
  /** Points per planned theatre minute (case + turnover) at the lowest urgency rate. */
  pointsPerTheatreMin: number;
  /**
   * Rate multiplier per step of medical need: a patient whose priority group has a shorter target
   * (in the region's priority grid) than k other groups of that grid is worth this^k per minute.
   * Must exceed 1 + waitRateMax so that need always dominates waiting time.
   */
  needRateFactor: number;
  /** Waiting adds at most this share to the rate within one need level (days past target, then past the guarantee). */
  waitRateMax: number;
  /** Days past the target date (at the horizon end + untreatedDelayDays) count in whole steps, capped. */
  waitStepDays: number;
  waitCapDays: number;
  /** Days past the care guarantee (same projection day) count in whole steps, capped. */
  guaranteeStepDays: number;
  guaranteeCapDays: number;
  /**
   * Guarantee lift (ADR 0018): every this many days past the care guarantee (same projection day)
   * raise a patient's urgency level by one, at most guaranteeLiftMaxLevels, and never up to the top
   * level of the region's grid (P1 stays P1's). Absent or 0: no lift.
   */
  guaranteeLiftStepDays?: number;
  guaranteeLiftMaxLevels?: number;
  /** Share of a treatment's value lost per day it is later in the horizon (earlier is better). */
  dayDiscountPerDay: number;
  /** Re-solves: extra share of its value for a previous case kept at its hospital and day. */
  keepPreviousShare: number;
  /** Per km of extra travel beyond the distance to the listing hospital. */
  travelPointsPerKm: number;
  /** Per SEK paid by the home region to another region. */
  crossRegionPointsPerSek: number;
  /** Per SEK of regional-team cost. */
  teamPointsPerSek: number;
  /** Per surgeon list lent to another hospital (plus travel of the surgeon). */
  lentListPointsPerList: number;
  lentListPointsPerKm: number;
  /**
   * Per extra theatre a named surgeon runs in parallel on one day (ADR 0023): a surgeon whose lists
   * overlap in time in two theatres costs this once per such day. Absent = the default.
   */
  parallelTheatrePointsPerDay?: number;
}

/** One region's priority grid: each medical priority group and its maximum days to the target date. */
export interface ProblemPriorityGrid {
  regionId: string;
  groups: { group: string; maxDays: number }[];
}

/** A case of the plan being re-solved; the solver prefers to keep it where it was. */
export interface PreviousAssignment {
  patientId: string;
  hospitalId: string;
  theatreId: string;
  day: EpochDay;
  startMin: number;
}

export interface Rules {
  /** Care guarantee (vårdgaranti): max guarantee days from decision to treatment. */
  guaranteeDays: number;
  /** A list is accepted only if P(planned cases overrun the list) ≤ this. */
  overrunProbabilityMax: number;
  /** An untreated patient is assumed to wait at least this long after the horizon. */
  untreatedDelayDays: number;
  /** Surgeons are lent only to hospitals at most this far from their own. */
  maxLendKm: number;
}

/**
 * Elective ward beds (vårdplatser) of one hospital on one horizon day (every calendar day, weekends
 * too: a stay does not stop on Saturday). A hospital-day without an entry has no bed limit.
 */
export interface ProblemWardBeds {
  hospitalId: string;
  day: EpochDay;
  /** Elective post-operative beds of the day. */
  capacityBeds: number;
  /** Of those, beds occupied by existing bookings' patients (stays may have started before the horizon). */
  bookedBeds: number;
}

/**
 * An existing booking: a patient already given a theatre time. It is never re-planned; its patient is
 * not among `patients`, and its theatre-day is not in the plan's capacity (see ADR 0009).
 */
export interface ProblemBooking {
  patientId: string;
  procedureId: string;
  hospitalId: string;
  theatreId: string;
  day: EpochDay;
  startMin: number;
}

export interface PlanningProblem {
  /** Epoch days of the horizon [startDay, startDay + dates.length); dates[i] is day startDay+i. */
  startDay: EpochDay;
  dates: string[];
  specialtyIds: string[];
  procedures: ProblemProcedure[];
  hospitals: ProblemHospital[];
  hospitalDays: ProblemHospitalDay[];
  regionalTeams: ProblemRegionalTeam[];
  /** km from a place or hospital id to a hospital id. */
  distanceKm: Record<string, Record<string, number>>;
  patients: ProblemPatient[];
  pins: Pin[];
  /** Patients the planner excluded from this plan. */
  excludedPatientIds: string[];
  /** A re-solve: the assignments of the plan it replaces. */
  previousAssignments?: PreviousAssignment[];
  weights: Weights;
  rules: Rules;
  /** Existing bookings in or near the horizon (beds, and the "booked capacity" rule). */
  bookings?: ProblemBooking[];
  /** Ward beds per hospital and horizon day; absent = beds are not limited. */
  wardBeds?: ProblemWardBeds[];
  /**
   * Priority grids by region. A patient's medical need is the rank of their priority group in the
   * grid of their home region (shorter target = greater need); no grid = equal need.
   */
  priorityGrids?: ProblemPriorityGrid[];
  /** Named surgeons; absent or empty = surgeon capacity from hospitalDays' counts only. */
  surgeons?: ProblemSurgeon[];
  /** Sessions of the horizon; hospital-days without any use hospitalDays' theatres as full-day lists. */
  sessions?: ProblemSession[];
}
