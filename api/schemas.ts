// zod schemas of the HTTP boundary (params, queries, bodies, main responses). The OpenAPI document
// is generated from these, so they are the one description of the API.
import { z } from 'zod';
import { Id, IsoDate, PatientStatus } from '../src/domain/snapshot.ts';
import { parseIsoWeek } from '../src/calendar/isoWeek.ts';
import { MAX_PLAN_WEEKS } from '../src/planning/buildProblem.ts';
import { RulesPatch, WeightsPatch } from '../src/domain/planningSettings.ts';
import { MAX_LEAD_DAYS } from '../src/planning/bookings.ts';
import { WaitingListSort } from '../src/db/waitingListRepo.ts';
import { Role } from '../src/auth/roles.ts';
import { ImportRow } from '../src/planning/waitingList.ts';
import { safeText, unsafeTextIssues } from '../src/domain/safeText.ts';

const Int = (min: number, max: number) => z.coerce.number().int('expected an integer').min(min).max(max);

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

export const Paging = { limit: Int(1, 1000).default(100), offset: Int(0, 10_000_000).default(0) };

export const LoginBody = z.object({
  email: z.string().email().max(254),
  password: safeText(z.string().min(1).max(1024)),
});
export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: z.object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    role: Role,
    hospitalId: z.string().optional(),
  }),
});

// ---- users and sessions (admin)
const Password = safeText(z.string().min(12, 'at least 12 characters').max(1024));
export const UserIdParams = z.object({ id: Id });
export const SessionParams = z.object({
  id: Id,
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'a session id (22 characters of base64url)'),
});
export const CreateUserBody = z.object({
  email: z.string().email().max(254),
  displayName: safeText(z.string().trim().min(1).max(100)),
  role: Role,
  hospitalId: Id.optional(),
  password: Password,
});
export const PatchUserBody = z
  .object({
    disabled: z.boolean().optional(),
    role: Role.optional(),
    hospitalId: Id.nullable().optional(),
  })
  .strict()
  .refine((b) => b.disabled !== undefined || b.role !== undefined || b.hospitalId !== undefined, {
    message: 'nothing to change: give disabled, role or hospitalId',
  });
export const PasswordBody = z.object({ password: Password });
export const PublicUserResponse = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: Role,
  hospitalId: z.string().optional(),
  disabled: z.boolean(),
});
export const SessionResponse = z.object({
  id: z.string(),
  userId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().optional(),
  revokedBy: z.string().optional(),
});

export const HospitalParams = z.object({ id: Id });
export const IdParam = z.object({ id: Int(1, Number.MAX_SAFE_INTEGER) });
export const DiffParams = z.object({
  a: Int(1, Number.MAX_SAFE_INTEGER),
  b: Int(1, Number.MAX_SAFE_INTEGER),
});
/** Closure ids are the `closures.ord` column, a PostgreSQL integer: larger ids cannot exist (404 → 400). */
export const ClosureParams = z.object({ id: Id, closureId: Int(0, 2_147_483_647) });
export const TeamParams = z.object({ teamId: Id });
export const OfferParams = z.object({ id: Int(1, Number.MAX_SAFE_INTEGER), patientId: Id });

export const TheatresQuery = z.object({ hospitalId: Id.optional() });
export const CalendarQuery = z.object({ year: Int(1900, 2200) });
export const RangeQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });

export const WaitingListQuery = z.object({
  hospitalId: Id.optional(),
  specialtyId: Id.optional(),
  priorityGroup: safeText(z.string().min(1).max(16)).optional(),
  search: safeText(z.string().trim().min(2, { message: 'search needs at least 2 characters' }).max(64))
    .optional()
    .meta({
      description:
        'personnummer (or part of it, digits compared) or name words; planners, coordinators (own hospital) and admins only (analysts: 403); audited with the filter',
    }),
  status: PatientStatus.optional(),
  pastGuarantee: z
    .enum(['true'], { message: 'only pastGuarantee=true is supported (omit it for every patient)' })
    .transform(() => true)
    .optional(),
  sort: WaitingListSort.optional(),
  ...Paging,
});

const Count = z.number().int().nonnegative();
export const WaitingListSummaryResponse = z.object({
  asOfDate: IsoDate.meta({ description: 'the snapshot date the counts are taken on' }),
  limitDays: Count.meta({ description: 'the care guarantee, days (90)' }),
  rows: z.array(
    z.object({
      hospitalId: Id.meta({ description: 'the listing hospital' }),
      specialtyId: Id.meta({ description: "the procedure's specialty" }),
      waiting: Count.meta({ description: 'patients with status waiting, category elektiv' }),
      guaranteeWaived: Count.meta({
        description:
          'of those, patients who declined care elsewhere and so gave up the care guarantee for this referral (outside the guarantee statistics)',
      }),
      pastGuarantee: Count.meta({
        description:
          'of those not waived, guarantee days (days since the decision minus excluded-period days) > limitDays',
      }),
      pastTarget: Count.meta({ description: 'of those, medical target date before asOfDate' }),
    }),
  ),
});

const Counts = z.record(Id, z.number().int().nonnegative());
export const OverrideInput = z.object({
  date: IsoDate,
  anaesthesiaTeams: z.number().int().nonnegative().max(100),
  nursingTeams: z.number().int().nonnegative().max(100),
  surgeonLists: Counts,
  lendableSurgeonLists: Counts.default({}),
});
export const OverridesBody = z.object({
  from: IsoDate,
  to: IsoDate,
  overrides: z.array(OverrideInput).max(1000),
});
export const ClosureBody = z.object({
  theatreId: Id.optional(),
  date: IsoDate,
  reason: safeText(z.string().trim().min(1).max(200)),
});
export const TeamAvailabilityBody = z.object({
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  unavailableDates: z.array(IsoDate).max(400).default([]),
});

export const ImportBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('csv'), text: safeText(z.string()) }),
  z.object({
    kind: z.literal('json'),
    // The rows are checked field by field by the import itself; text they carry is checked here.
    rows: z.unknown().superRefine((rows, ctx) => {
      for (const i of unsafeTextIssues(rows, 'rows'))
        ctx.addIssue({ code: 'custom', message: `${i.field}: ${i.message}` });
    }),
  }),
]);
export const ImportResponse = z.object({
  hospitalId: z.string(),
  received: z.number(),
  new: z.number(),
  changed: z.number(),
  unchanged: z.number(),
});

export const CreatePlanBody = z.object({
  week: IsoWeek,
  weeks: z.number().int().min(1).max(MAX_PLAN_WEEKS).default(1),
  /** Days from the snapshot date to the first plannable day (default 14; ADR 0009). */
  leadDays: z.number().int().min(0).max(MAX_LEAD_DAYS).optional(),
  /** Objective weights and planning rules over the snapshot's (each optional; unknown names refused). */
  weights: WeightsPatch.optional(),
  rules: RulesPatch.optional(),
});
export const PlanStartedResponse = z.object({ planId: z.number(), jobId: z.number() });
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
export const DayListQuery = z.object({ hospitalId: Id, date: IsoDate.optional() });
export const DayListHtmlQuery = DayListQuery.extend({
  token: z
    .string()
    .max(2000)
    .optional()
    .meta({ description: 'a signed link token from day-list-link (instead of Authorization)' }),
});
export const DayListLinkResponse = z.object({
  url: z.string().meta({ description: 'same-origin path of the HTML day list, with its token' }),
  expiresAt: z.string(),
});

export const AuditQueryParams = z.object({
  userId: safeText(z.string().min(1).max(64)).optional(),
  action: safeText(z.string().min(1).max(64)).optional(),
  patientId: Id.optional(),
  hospitalId: Id.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  ...Paging,
});
export const PatientParam = z.object({ patientId: Id });

export const SubscribeMessage = z.object({ hospitalId: Id });

export { ImportRow };
