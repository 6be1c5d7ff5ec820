// zod schemas of the plans slice: starting and re-solving plans, reading them in the role's view,
// status changes, edits, diffs, decisions, the publish summary and offers. Parts the solver owns
// (KPIs, lists, the checker's report) are typed from the solver's model and checked as objects;
// everything that can carry patient data is checked field by field (pseudonymised views strictly).
import { z } from 'zod';
import { Id, IsoDate } from '../domain/snapshot.ts';
import { parseIsoWeek } from '../calendar/isoWeek.ts';
import { safeText } from '../domain/safeText.ts';
import { Count, Int, Paging } from '../http/schemas.ts';
import { PatientViewResponse } from '../waiting-list/schemas.ts';
import type {
  Assignment,
  CheckReport,
  Fairness,
  Kpis,
  PlanningResult,
  TheatreList,
} from '../../solver/model/result.ts';
import type { PlanCan } from '../auth/access.ts';
import type { ReplanEntry, SlotRef } from './planDelta.ts';
import { MAX_PLAN_WEEKS } from './buildProblem.ts';
import { MAX_LEAD_DAYS } from './bookings.ts';
import { RulesPatch, WeightsPatch } from '../domain/planningSettings.ts';

export const IsoWeek = z
  .string()
  .refine((w) => {
    try {
      parseIsoWeek(w);
      return true;
    } catch {
      return false;
    }
  }, 'expected an ISO week such as 2026-W49')
  .meta({ example: '2026-W11' });

// ---- input
export const IdParam = z.object({ id: Int(1, Number.MAX_SAFE_INTEGER) });
export const DiffParams = z.object({
  a: Int(1, Number.MAX_SAFE_INTEGER),
  b: Int(1, Number.MAX_SAFE_INTEGER),
});
export const OfferParams = z.object({ id: Int(1, Number.MAX_SAFE_INTEGER), patientId: Id });
export const CreatePlanBody = z.object({
  week: IsoWeek,
  weeks: z.number().int().min(1).max(MAX_PLAN_WEEKS).default(1),
  /** Days from the snapshot date to the first plannable day (default 14; ADR 0009). */
  leadDays: z.number().int().min(0).max(MAX_LEAD_DAYS).optional(),
  /** Objective weights and planning rules over the snapshot's (each optional; unknown names refused). */
  weights: WeightsPatch.optional(),
  rules: RulesPatch.optional(),
});
export const PlanStatusName = z.enum(['running', 'failed', 'draft', 'proposed', 'published', 'superseded']);
export const PlansQuery = z.object({
  week: IsoWeek.optional(),
  status: PlanStatusName.optional(),
  ...Paging,
});
export const StatusBody = z.object({ status: z.enum(['draft', 'proposed', 'published']) });
export const PatchPlanBody = z
  .object({
    pins: z
      .object({
        add: z
          .array(z.object({ patientId: Id }))
          .max(1000)
          .optional(),
        remove: z.array(Id).max(1000).optional(),
      })
      .optional(),
    exclusions: z
      .object({ add: z.array(Id).max(1000).optional(), remove: z.array(Id).max(1000).optional() })
      .optional(),
    moves: z
      .array(z.object({ patientId: Id, hospitalId: Id, theatreId: Id, date: IsoDate }))
      .max(200)
      .optional(),
  })
  .refine((b) => b.pins !== undefined || b.exclusions !== undefined || b.moves !== undefined, {
    message: 'nothing to change: give pins, exclusions or moves',
  });
export type PlanEdit = z.infer<typeof PatchPlanBody>;
export const DecisionBody = z
  .object({
    patientId: Id,
    decision: z.enum(['accept', 'reject']),
    reason: safeText(z.string().trim().min(1).max(500)).optional(),
  })
  .refine((d) => d.decision === 'accept' || d.reason !== undefined, {
    message: 'a rejection needs a reason',
    path: ['reason'],
  });
export const OfferBody = z.object({ answer: z.enum(['accepted', 'declined']) });

// ---- output
/** A part of a response that the solver's model describes: an object of that type. */
const solverPart = <T>(what: string) =>
  z.custom<T>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), `expected ${what}`);

const PlanCanResponse = z.object({
  edit: z.boolean(),
  resolve: z.boolean(),
  propose: z.boolean(),
  withdraw: z.boolean(),
  publish: z.boolean(),
  decide: z.boolean(),
  seeDecisions: z.boolean(),
}) satisfies z.ZodType<PlanCan>;

export const PlanStartedResponse = z.object({ planId: z.number(), jobId: z.number() });
export type PlanStartedResponse = z.infer<typeof PlanStartedResponse>;

export const PlanMetaResponse = z.object({
  id: z.number().int(),
  week: z.string(),
  version: z.number().int(),
  status: PlanStatusName,
  etag: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  parentId: z.number().int().nullable(),
  jobId: z.number().int().nullable(),
  error: z.string().nullable(),
  request: z.object({
    week: z.string(),
    weeks: z.number().int(),
    pins: z.array(
      z.object({
        patientId: z.string(),
        hospitalId: z.string(),
        day: z.number().int(),
        theatreId: z.string().optional(),
      }),
    ),
    excludedPatientIds: z.array(z.string()),
    leadDays: z.number().int().optional(),
  }),
});
export type PlanMetaResponse = z.infer<typeof PlanMetaResponse>;
export const PlanListResponse = z.object({ rows: z.array(PlanMetaResponse), total: Count });

const WithPatient = z.object({ patient: PatientViewResponse.nullable() });
/** The named surgeon and session of a case (ADR 0024); the name for identified roles only. */
const WithSurgeon = z.object({
  surgeonId: z.string().nullable().optional(),
  sessionId: z.string().nullable().optional(),
  surgeonName: z.string().optional(),
});
/** A planned case with the patient as the reader may see them. */
const PlanAssignment = solverPart<Assignment>('an assignment').and(WithPatient).and(WithSurgeon);
export type PlanAssignment = z.infer<typeof PlanAssignment>;
const PlanReplan = solverPart<ReplanEntry>('a case to re-plan').and(WithPatient);
export type PlanReplan = z.infer<typeof PlanReplan>;

const DecisionRowResponse = z.object({
  planId: z.number().int(),
  patientId: z.string(),
  hospitalId: z.string(),
  decision: z.enum(['accept', 'reject']),
  reason: z.string().nullable().optional(),
  decidedBy: z.string().optional(),
  decidedAt: z.string(),
});

const PlanResult = solverPart<Omit<PlanningResult, 'assignments'>>('a plan result').and(
  z.object({
    assignments: z.array(PlanAssignment),
    edited: z.boolean().optional(),
    /** Cases a coordinator rejected: off the lists, planned again by the next re-solve. */
    replan: z.array(PlanReplan).optional(),
  }),
);
export const PlanResponse = PlanMetaResponse.extend({
  /** What this user may do with the plan (decided by the server's access rules). */
  can: PlanCanResponse,
  result: PlanResult.nullable(),
  decisions: z.array(DecisionRowResponse),
});
export type PlanResponse = z.infer<typeof PlanResponse>;

export const KpisResponse = z.object({
  planId: z.number().int(),
  week: z.string(),
  version: z.number().int(),
  status: PlanStatusName,
  etag: z.number().int(),
  solveStatus: z.string().nullable(),
  objective: z.number().nullable(),
  bound: z.number().nullable(),
  gap: z.number().nullable(),
  check: solverPart<CheckReport>('a check report').nullable(),
  kpis: solverPart<Kpis>('KPIs').nullable(),
  baseline: solverPart<Kpis>('KPIs').nullable(),
  /** Fairness figures of the plan and of its baseline (null for plans solved before they existed). */
  fairness: solverPart<Fairness>('fairness figures').nullable(),
  baselineFairness: solverPart<Fairness>('fairness figures').nullable(),
});
export type KpisResponse = z.infer<typeof KpisResponse>;

export const StatusResponse = PlanMetaResponse.extend({
  superseded: z.array(z.number().int()),
  can: PlanCanResponse,
});
export type StatusResponse = z.infer<typeof StatusResponse>;

/** What an edit or a decision changed (the lists and cases that changed, with patient views). */
export const PlanChangeResponse = z.object({
  planId: z.number().int(),
  etag: z.number().int(),
  status: z.string(),
  version: z.number().int(),
  week: z.string(),
  lists: z.array(solverPart<TheatreList>('a theatre list')),
  removedSlots: z.array(solverPart<SlotRef>('a list slot')),
  assignments: z.array(PlanAssignment),
  removed: z.array(z.object({ patientId: z.string(), hospitalId: z.string() })),
  replan: z.array(PlanReplan),
  kpis: solverPart<Kpis>('KPIs'),
  objective: z.number(),
  bound: z.number(),
  gap: z.number(),
  check: solverPart<CheckReport>('a check report'),
  request: z
    .object({ pins: PlanMetaResponse.shape.request.shape.pins, excludedPatientIds: z.array(z.string()) })
    .optional(),
});
export type PlanChangeResponse = z.infer<typeof PlanChangeResponse>;

export const EditResponse = PlanMetaResponse.extend({
  check: solverPart<CheckReport>('a check report'),
  kpis: solverPart<Kpis>('KPIs'),
  can: PlanCanResponse,
  delta: PlanChangeResponse,
});
export type EditResponse = z.infer<typeof EditResponse>;

const DiffPlace = z.object({
  hospitalId: z.string(),
  theatreId: z.string(),
  date: IsoDate,
  startMin: z.number(),
});
const DiffEntry = z.object({
  patientId: z.string(),
  patient: PatientViewResponse.nullable(),
  from: DiffPlace.optional(),
  to: DiffPlace.optional(),
});
export type DiffEntry = z.infer<typeof DiffEntry>;
const PlanRef = z.object({ id: z.number().int(), version: z.number().int(), week: z.string() });
export const DiffResponse = z.object({
  a: PlanRef,
  b: PlanRef,
  added: z.array(DiffEntry),
  removed: z.array(DiffEntry),
  moved: z.array(DiffEntry),
  kpiDelta: z.record(z.string(), z.number()),
});
export type DiffResponse = z.infer<typeof DiffResponse>;

export const DecisionResponse = z.object({
  planId: z.number().int(),
  patientId: z.string(),
  hospitalId: z.string(),
  listingHospitalId: z.string(),
  decision: z.enum(['accept', 'reject']),
  previousDecision: z.enum(['accept', 'reject']).nullable(),
  reason: z.string().nullable(),
  etag: z.number().int(),
  delta: PlanChangeResponse.nullable(),
});
export type DecisionResponse = z.infer<typeof DecisionResponse>;

export const DecisionCaseResponse = z.object({
  patientId: z.string(),
  patient: PatientViewResponse.nullable(),
  hospitalId: z.string(),
  listingHospitalId: z.string(),
  theatreId: z.string(),
  date: IsoDate,
  startMin: z.number(),
  /** Planned minutes; null for a rejected case (off the lists). */
  durationMin: z.number().nullable(),
  /** The patient's home to the proposed hospital; null when the distance is not known. */
  distanceKm: z.number().nullable(),
  state: z.enum(['pending', 'accepted', 'rejected']),
  replan: z.boolean(),
  reason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  canDecide: z.boolean(),
});
export type DecisionCaseResponse = z.infer<typeof DecisionCaseResponse>;
export const DecisionInboxResponse = z.object({
  planId: z.number().int(),
  week: z.string(),
  version: z.number().int(),
  status: PlanStatusName,
  etag: z.number().int(),
  can: PlanCanResponse,
  hospitals: z.array(z.object({ hospitalId: z.string(), pending: Count, accepted: Count, rejected: Count })),
  cases: z.array(DecisionCaseResponse),
});
export type DecisionInboxResponse = z.infer<typeof DecisionInboxResponse>;

/** One hospital's line of the publish confirmation. */
export const PublishSummaryRow = z.object({
  hospitalId: z.string(),
  cases: Count,
  incoming: Count,
  outgoing: Count,
  pending: Count,
  accepted: Count,
  rejected: Count,
  added: Count,
  removed: Count,
  moved: Count,
});
export type PublishSummaryRow = z.infer<typeof PublishSummaryRow>;
export const PublishSummaryResponse = z.object({
  planId: z.number().int(),
  week: z.string(),
  version: z.number().int(),
  status: PlanStatusName,
  etag: z.number().int(),
  can: PlanCanResponse,
  published: z.object({ planId: z.number().int(), version: z.number().int() }).nullable(),
  /** Why publishing would be refused (409), or null. */
  blockedBy: z.string().nullable(),
  totals: PublishSummaryRow.omit({ hospitalId: true, outgoing: true }),
  perHospital: z.array(PublishSummaryRow),
});
export type PublishSummaryResponse = z.infer<typeof PublishSummaryResponse>;

const Period = z.object({ from: IsoDate, to: IsoDate });
export const OfferResponse = z.object({
  planId: z.number().int(),
  patientId: z.string(),
  answer: z.enum(['accepted', 'declined']),
  elsewhere: z.boolean(),
  pvv: Period.optional(),
  guaranteeWaived: z.boolean().optional(),
  consentElsewhere: z.boolean().optional(),
  status: z.literal('scheduled').optional(),
});
