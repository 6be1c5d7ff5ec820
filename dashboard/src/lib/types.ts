// Browser-safe contracts: type-only imports from the pure model (erased at build time) plus the
// shapes of the API responses the dashboard reads. Nothing here runs.
import type { Assignment, Fairness, FairnessCount, Violation } from '../../../solver/model/result.ts';
import type { PatientView } from '../../../src/auth/scoping.ts';
import type { PlanCan } from '../../../src/auth/access.ts';
import type { LoginResponse } from '../../../src/users/schemas.ts';
import type {
  HospitalResponse,
  ProcedureResponse,
  SpecialtyResponse,
  TheatreResponse,
} from '../../../src/reference/schemas.ts';
import type { TeamResponse } from '../../../src/capacity/schemas.ts';
import type {
  WaitingListResponse,
  WaitingListSummaryResponse,
  WaitingRowResponse,
} from '../../../src/waiting-list/schemas.ts';
import type {
  DecisionInboxResponse,
  DecisionResponse as DecisionResponseBody,
  DiffEntry,
  DiffResponse,
  EditResponse as EditResponseBody,
  KpisResponse,
  PlanAssignment,
  PlanChangeResponse,
  PlanMetaResponse,
  PlanReplan,
  PlanResponse,
  PublishSummaryResponse,
  StatusResponse as StatusResponseBody,
} from '../../../src/plans/schemas.ts';

export type { Assignment, Fairness, FairnessCount, Violation, PatientView, PlanCan };
export type { TheatreList, WaitingExplanation } from '../../../solver/model/result.ts';

// The API's response shapes are the server's output schemas (src/<slice>/schemas.ts), imported
// as types only: one definition, checked against every response in the API tests.
export type User = LoginResponse['user'];
export type Role = User['role'];
export type Hospital = HospitalResponse;
export type Procedure = ProcedureResponse;
export interface Named {
  id: string;
  name: string;
}
export type Specialty = SpecialtyResponse;
export type Theatre = TheatreResponse;
export type RegionalTeam = TeamResponse;
export type PlanMeta = PlanMetaResponse;
export type PlanStatus = PlanMeta['status'];
export type { PlanAssignment, PlanReplan, DiffEntry };
/** A coordinator's decision; one the screen has just recorded carries no server time yet. */
export type Decision = Omit<PlanResponse['decisions'][number], 'decidedAt'> & { decidedAt?: string };
export type Plan = Omit<PlanResponse, 'decisions'> & { decisions: Decision[] };
/** What an edit or a decision changed (the server's PlanDelta, with patient views). */
export type PlanChange = PlanChangeResponse;
export type EditResponse = EditResponseBody;
export type StatusResponse = StatusResponseBody;
export type DecisionResponse = DecisionResponseBody;
export type DecisionInbox = DecisionInboxResponse;
export type PublishSummary = PublishSummaryResponse;
export type PlanKpis = KpisResponse;
/** `guaranteeWaived`: declined care elsewhere, so no care guarantee for this referral (never `pastGuarantee`). */
export type WaitingRow = WaitingRowResponse;
export type WaitingPage = WaitingListResponse;
/** `GET /api/waiting-list/summary`: counts per listing hospital x specialty (no patient data). */
export type WaitingSummary = WaitingListSummaryResponse;
export type PlanDiff = DiffResponse;
export type DiffPlace = NonNullable<DiffEntry['from']>;

/** HH:MM of minutes since local midnight. */
export const hhmm = (min: number): string =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/**
 * The case's start as local time, from startMin: plans edited before the server kept startTime in
 * step with a manual move's re-sequencing still carry the pre-move startTime.
 */
export const startOf = (a: Pick<Assignment, 'startMin'>): string => hhmm(a.startMin);

export interface SolveProgress {
  planId: number;
  jobId: number;
  phase: string;
  bound?: number;
  objective?: number;
  gap?: number;
  elapsedMs: number;
}
