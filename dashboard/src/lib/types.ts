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

export type { Assignment, Fairness, FairnessCount, Kpis, PlanningResult, Violation, PatientView };
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

export interface Plan extends PlanMeta {
  result: (Omit<PlanningResult, 'assignments'> & { assignments: PlanAssignment[]; edited?: boolean }) | null;
  decisions: Decision[];
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

export type WaitingRow = PatientView & { guaranteeDays: number; pastGuarantee: boolean };

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
