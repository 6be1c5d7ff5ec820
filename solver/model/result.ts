// What the solver returns: a detailed plan, its cost, an honest bound and the checker's verdict.
import type { EpochDay } from './problem.ts';

export interface Assignment {
  patientId: string;
  hospitalId: string;
  theatreId: string;
  day: EpochDay;
  date: string;
  /** Minutes since local midnight (wall clock, Europe/Stockholm). */
  startMin: number;
  /** The same as local time `HH:MM`. */
  startTime: string;
  /** Planned (mean) surgical duration, rounded to whole minutes. */
  durationMin: number;
  turnoverMin: number;
  /** Short human-readable reason: why this patient, why this hospital. */
  reason: string;
  /** The same as a stable code plus parameters, for wording in the dashboard's languages. */
  reasonCode: AssignmentReasonCode;
  reasonParams: ReasonParams;
  pinned: boolean;
  /** The named surgeon operating (ADR 0023); null where the problem has no named surgeons there. */
  surgeonId?: string | null;
  /** The session the case is planned in; null where the hospital-day has no session plan. */
  sessionId?: string | null;
}

/**
 * Why a patient is booked: the first urgency fact that applies (past the guarantee, would pass it
 * soon, past the medical target, within target), always with the need level, priority group and
 * place (listing hospital or moved, with km and consent).
 */
export type AssignmentReasonCode = 'pastGuarantee' | 'guaranteeSoon' | 'pastTarget' | 'withinTarget';

/** Parameters of a reason code: dates as ISO strings, ids of hospitals and procedures, numbers. */
export type ReasonParams = Record<string, string | number | boolean>;

/**
 * The constraint that kept a patient waiting. Blocking codes (the patient cannot be planned at all):
 * plannerExclusion, htaDoNotDo, notOffered, acuteBackup, icuRequired, earliestDate, excludedPeriod.
 * Otherwise: noConsent / travelLimit (only the listing hospital is eligible) or capacity (several
 * hospitals), each only when every eligible list of the specialty in the horizon is full with more
 * urgent patients (checked); noCapacity when no eligible hospital has a list of the specialty on an
 * allowed day; notWorthMoving when an eligible list has room but travel and cross-region costs exceed
 * the treatment's value; lessUrgentBooked when a less urgent patient holds a place the patient fits;
 * roomUnused when an eligible list has room the plan did not use; surgeonNoTime when the patient is
 * tied to a named surgeon (ADR 0023) who has no list with room for them where and when they may be.
 */
export type WaitingReasonCode =
  | 'plannerExclusion'
  | 'htaDoNotDo'
  | 'notOffered'
  | 'acuteBackup'
  | 'icuRequired'
  | 'earliestDate'
  | 'excludedPeriod'
  | 'noConsent'
  | 'travelLimit'
  | 'capacity'
  | 'noCapacity'
  | 'notWorthMoving'
  | 'lessUrgentBooked'
  | 'roomUnused'
  | 'surgeonNoTime';

/** Fairness counts of one procedure, priority group or specialty. */
export interface FairnessCount {
  /** Patients on the list. */
  listed: number;
  /** … of them booked in the plan. */
  booked: number;
  /** … past the medical target date at the horizon start. */
  pastTarget: number;
  bookedPastTarget: number;
}

/** Fairness figures (README "Fairness figures"), computed by the independent checker. */
export interface Fairness {
  byProcedure: Record<string, FairnessCount>;
  byPriorityGroup: Record<string, FairnessCount>;
  bySpecialty: Record<string, FairnessCount>;
  /** Patients in the most urgent group of their region's grid (P1), and how many are booked. */
  topNeedListed: number;
  topNeedBooked: number;
  topNeedCoverage: number;
  /** Of those, unbooked while a patient at least two need levels lower took a list they fit (P1 behind P3/P4). */
  topNeedPassedOver: number;
  /** Planned theatre minutes (case + turnover) of booked patients, and of those past target on the day. */
  theatreMin: number;
  theatreMinPastTarget: number;
  /** Share of booked theatre minutes on procedures of ≥ 90 planned minutes. */
  longProcedureMinShare: number;
  /** Σ over booked patients of the days past the guarantee / target they would have at the horizon end, minus those at surgery. */
  pastGuaranteeDaysAvoided: number;
  pastTargetDaysAvoided: number;
  /** Booked patients overtaken by a more urgent, eligible, fitting unbooked patient (see check/fairness.ts). */
  overtakings: number;
  overtakingShare: number;
  overtakenPatients: number;
}

/** Changes against the previous version of a re-solved plan, counted per patient. */
export interface PlanChanges {
  /** Kept in the plan but at another hospital or on another day. */
  hospitalOrDay: number;
  /** Same hospital and day, another theatre. */
  theatre: number;
  /** Same hospital, day and theatre, another start time. */
  startTime: number;
  /** Booked now, not before. */
  added: number;
  /** Booked before, not now. */
  removed: number;
}

/** One theatre's list on one day. */
export interface TheatreList {
  hospitalId: string;
  theatreId: string;
  day: EpochDay;
  date: string;
  specialtyId: string;
  /** Who staffs it: the hospital's own team or a regional team id. */
  staffedBy: 'own' | { regionalTeamId: string };
  /** Hospital whose surgeon operates (the host itself, or a lender). */
  surgeonFromHospitalId: string;
  patientIds: string[];
  /** Planned end, minutes since midnight (sum of mean durations and turnovers). */
  plannedEndMin: number;
  listEndMin: number;
  /** Start of the list's session (or the hospital's list start), minutes since midnight. */
  listStartMin?: number;
  /** The session the list runs in (ADR 0023); null where the hospital-day has no session plan. */
  sessionId?: string | null;
  /** The named surgeon operating the whole list; null where the problem has none there. */
  surgeonId?: string | null;
  /** P(actual durations overrun the list end), lognormal sum approximation. */
  overrunProbability: number;
}

export interface TeamPlacement {
  teamId: string;
  hospitalId: string;
  theatreId: string;
  day: EpochDay;
  date: string;
}

export interface LentList {
  fromHospitalId: string;
  toHospitalId: string;
  specialtyId: string;
  theatreId: string;
  day: EpochDay;
  date: string;
}

/** Why a patient is still waiting past the guarantee at the end of the horizon. */
export interface WaitingExplanation {
  patientId: string;
  /** Stable name of the binding constraint, e.g. "capacity" or "travel beyond consent". */
  binding: string;
  detail: string;
  /** The binding constraint as a code plus parameters (hospital ids, procedure and specialty ids, km, dates). */
  code: WaitingReasonCode;
  params: ReasonParams;
}

export interface Violation {
  /** Stable constraint name, e.g. "theatre overrun". */
  rule: string;
  message: string;
  patientId?: string;
  hospitalId?: string;
  theatreId?: string;
  day?: EpochDay;
}

export interface CheckReport {
  feasible: boolean;
  violations: Violation[];
}

export interface Quantiles {
  p50: number;
  p90: number;
}

export interface Kpis {
  patientsTreated: number;
  /** Patients (planned or not) whose guarantee days exceed the limit at the horizon's end. */
  pastGuaranteeAtEnd: number;
  /** … among those listed (not excluded), their share by home region. */
  pastGuaranteeShareByHomeRegion: Record<string, number>;
  /** Sum over treated patients of days past the medical target date on the day of surgery. */
  latenessDaysTreated: number;
  /** Sum over all patients of days past target at horizon end (treated ones counted at their surgery day). */
  latenessDaysTotal: number;
  /** Planned (mean) case+turnover minutes / staffed list minutes, per hospital (0–1+). */
  utilisationByHospital: Record<string, number>;
  utilisation: number;
  /** Lists whose overrun probability exceeds 50 % count as planned overtime; expected overtime minutes. */
  expectedOvertimeMin: number;
  maxOverrunProbability: number;
  patientsMoved: number;
  travelKmTotal: number;
  travelKmPerMovedPatient: Quantiles;
  /** SEK the home region pays the treating region, key "payer->payee". */
  settlementSek: Record<string, number>;
  teamPlacements: number;
  lentLists: number;
}

/** Ward-bed occupancy of one hospital on one horizon day. */
export interface BedOccupancy {
  hospitalId: string;
  day: EpochDay;
  date: string;
  capacityBeds: number;
  /** Beds taken by existing bookings. */
  bookedBeds: number;
  /** Beds taken by the plan's cases (stays that started earlier in the horizon included). */
  plannedBeds: number;
}

export interface PlanTimingsMs {
  build: number;
  aggregate: number;
  construct: number;
  improve: number;
  check: number;
  baseline: number;
  total: number;
}

export type SolveStatus = 'optimal' | 'feasible' | 'time_limit' | 'infeasible';

export interface PlanningResult {
  status: SolveStatus;
  backend: string;
  /** Cost of the detailed plan (objective points, lower is better). */
  objective: number;
  /** Proven lower bound on the cost of any detailed plan. */
  bound: number;
  /** (objective − bound) / |bound|, 0 when both are 0. */
  gap: number;
  assignments: Assignment[];
  lists: TheatreList[];
  teamPlacements: TeamPlacement[];
  lentLists: LentList[];
  waitingPastGuarantee: WaitingExplanation[];
  kpis: Kpis;
  check: CheckReport;
  /** Fairness figures of the plan, by the independent checker. */
  fairness: Fairness;
  baseline: {
    objective: number;
    kpis: Kpis;
    check: CheckReport;
    assignments: Assignment[];
    fairness: Fairness;
  };
  /** Re-solves only: cases changed against problem.previousAssignments. */
  changes?: PlanChanges;
  /**
   * Present when the aggregate LP stopped at its time limit (ADR 0018): 'weekly-model' = the daily
   * LP did not finish and the plan and bound come from the weekly model; 'status-quo' = no LP
   * finished and the status quo, improved, was the better plan (the bound is then unproven and the
   * status 'time_limit').
   */
  fallback?: 'weekly-model' | 'status-quo';
  diagnostics: {
    groups: number;
    columns: number;
    rows: number;
    aggregateObjective: number;
    aggregateStatus: string;
  };
  timingsMs: PlanTimingsMs;
  /** Bed occupancy per hospital and horizon day (only where the problem has ward beds). */
  bedOccupancy?: BedOccupancy[];
  /**
   * Patients with a must-treat date in the horizon that the plan does not meet, each with the
   * constraint that stops them (only when the problem has must-treat dates).
   */
  mustTreatUnmet?: MustTreatUnmet[];
}

export interface MustTreatUnmet {
  patientId: string;
  mustTreatBy: string;
  /** The binding constraint: an eligibility rule name, "no lists of the specialty before the date" or "capacity". */
  binding: string;
  detail: string;
}

/** The plan fields the checker needs (a result or a baseline, or an edited plan). */
export interface PlanForCheck {
  assignments: Assignment[];
  lists: TheatreList[];
  teamPlacements: TeamPlacement[];
  lentLists: LentList[];
}
