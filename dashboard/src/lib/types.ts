// Browser-safe contracts: type-only imports from the pure model (erased at build time) plus the
// shapes of the API responses the dashboard reads. Nothing here runs.
import type {
  Assignment,
  Fairness,
  FairnessCount,
  Kpis,
  PlanningResult,
  Violation,
} from '../../../solver/model/result.ts';
import type { PatientView } from '../../../src/auth/scoping.ts';
import type { PlanCan } from '../../../src/auth/access.ts';
import type { PublishSummaryRow } from '../../../src/plans/service.ts';
import type { PlanDelta, ReplanEntry } from '../../../src/plans/planDelta.ts';

export type { Assignment, Fairness, FairnessCount, Kpis, PlanningResult, Violation, PatientView, PlanCan };
export type {
  LentList,
  TeamPlacement,
  TheatreList,
  WaitingExplanation,
} from '../../../solver/model/result.ts';

export type Role = 'planner' | 'coordinator' | 'analyst' | 'admin';

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  hospitalId?: string;
}

export interface Hospital {
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

export interface Procedure {
  id: string;
  kvaCode: string;
  nameSv: string;
  nameEn: string;
  specialtyId: string;
  needsAcuteBackup: boolean;
  needsIcu: boolean;
  maxAsaNonAcute: number;
  priceSek: number;
  htaDoNotDo: boolean;
}

export interface Named {
  id: string;
  name: string;
}
export interface Specialty {
  id: string;
  nameSv: string;
  nameEn: string;
}
export interface Theatre {
  id: string;
  hospitalId: string;
  name: string;
}
export interface RegionalTeam {
  id: string;
  name: string;
  baseHospitalId: string;
}

export type PlanStatus = 'running' | 'failed' | 'draft' | 'proposed' | 'published' | 'superseded';

export interface PlanMeta {
  id: number;
  week: string;
  version: number;
  status: PlanStatus;
  etag: number;
  createdAt: string;
  updatedAt: string;
  parentId: number | null;
  error: string | null;
  request: { week: string; weeks: number; pins: { patientId: string }[]; excludedPatientIds: string[] };
}

export type PlanAssignment = Assignment & { patient: PatientView | null };

/** HH:MM of minutes since local midnight. */
export const hhmm = (min: number): string =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/**
 * The case's start as local time, from startMin: plans edited before the server kept startTime in
 * step with a manual move's re-sequencing still carry the pre-move startTime.
 */
export const startOf = (a: Pick<Assignment, 'startMin'>): string => hhmm(a.startMin);

export interface Decision {
  planId: number;
  patientId: string;
  hospitalId: string;
  decision: 'accept' | 'reject';
  reason?: string | null;
  decidedAt?: string;
}

export type PlanReplan = ReplanEntry & { patient: PatientView | null };

export interface Plan extends PlanMeta {
  /** What this user may do with the plan (decided by the server's access rules). */
  can: PlanCan;
  result:
    | (Omit<PlanningResult, 'assignments'> & {
        assignments: PlanAssignment[];
        edited?: boolean;
        /** Cases a coordinator rejected: off the lists, planned again by the next re-solve. */
        replan?: PlanReplan[];
      })
    | null;
  decisions: Decision[];
}

/** What an edit or a decision changed (the server's PlanDelta, with patient views). */
export type PlanChange = Omit<PlanDelta, 'assignments' | 'replan'> & {
  assignments: PlanAssignment[];
  replan: PlanReplan[];
};

export interface EditResponse extends PlanMeta {
  can: PlanCan;
  delta: PlanChange;
}

export interface StatusResponse extends PlanMeta {
  can: PlanCan;
}

export interface DecisionResponse {
  planId: number;
  patientId: string;
  decision: 'accept' | 'reject';
  previousDecision: 'accept' | 'reject' | null;
  reason: string | null;
  etag: number;
  hospitalId: string;
  delta: PlanChange | null;
}

export interface DecisionCase {
  patientId: string;
  patient: PatientView | null;
  hospitalId: string;
  listingHospitalId: string;
  theatreId: string;
  date: string;
  startMin: number;
  /** Planned minutes; null for a rejected case (off the lists). */
  durationMin: number | null;
  /** The patient's home to the proposed hospital; null when the distance is not known. */
  distanceKm: number | null;
  state: 'pending' | 'accepted' | 'rejected';
  replan: boolean;
  reason: string | null;
  decidedAt: string | null;
  canDecide: boolean;
}

export interface DecisionInbox {
  planId: number;
  etag: number;
  hospitals: { hospitalId: string; pending: number; accepted: number; rejected: number }[];
  cases: DecisionCase[];
}

export type { PublishSummaryRow };

export interface PublishSummary {
  planId: number;
  week: string;
  version: number;
  etag: number;
  published: { planId: number; version: number } | null;
  blockedBy: string | null;
  totals: Omit<PublishSummaryRow, 'hospitalId' | 'outgoing'>;
  perHospital: PublishSummaryRow[];
}

export interface PlanKpis {
  planId: number;
  week: string;
  version: number;
  status: PlanStatus;
  etag: number;
  solveStatus: string | null;
  gap: number | null;
  kpis: Kpis | null;
  baseline: Kpis | null;
  /** Fairness figures of the plan and of its baseline (null for plans solved before they existed). */
  fairness: Fairness | null;
  baselineFairness: Fairness | null;
}

/** `guaranteeWaived`: declined care elsewhere, so no care guarantee for this referral (never `pastGuarantee`). */
export type WaitingRow = PatientView & {
  guaranteeDays: number;
  pastGuarantee: boolean;
  guaranteeWaived: boolean;
};

export interface WaitingPage {
  rows: WaitingRow[];
  total: number;
  limit: number;
  offset: number;
  asOfDate: string;
}

/** `GET /api/waiting-list/summary`: counts per listing hospital x specialty (no patient data). */
export interface WaitingSummary {
  asOfDate: string;
  limitDays: number;
  rows: {
    hospitalId: string;
    specialtyId: string;
    waiting: number;
    guaranteeWaived: number;
    pastGuarantee: number;
    pastTarget: number;
  }[];
}

export interface DiffPlace {
  hospitalId: string;
  theatreId: string;
  date: string;
  startMin: number;
}
export interface DiffEntry {
  patientId: string;
  patient: PatientView | null;
  from?: DiffPlace;
  to?: DiffPlace;
}
export interface PlanDiff {
  a: { id: number; version: number; week: string };
  b: { id: number; version: number; week: string };
  added: DiffEntry[];
  removed: DiffEntry[];
  moved: DiffEntry[];
  kpiDelta: Record<string, number>;
}

export interface SolveProgress {
  planId: number;
  jobId: number;
  phase: string;
  bound?: number;
  objective?: number;
  gap?: number;
  elapsedMs: number;
}
