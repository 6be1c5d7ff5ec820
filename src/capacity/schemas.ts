// zod schemas of the capacity slice: staffing overrides, closures, regional-team availability.
import { z } from 'zod';
import { Id, IsoDate, Session, Surgeon } from '../domain/snapshot.ts';
import { safeText, unsafeTextIssues } from '../domain/safeText.ts';
import { Count, Int } from '../http/schemas.ts';

/** Closure ids are the `closures.ord` column, a PostgreSQL integer: larger ids cannot exist (404 → 400). */
export const ClosureParams = z.object({ id: Id, closureId: Int(0, 2_147_483_647) });
export const TeamParams = z.object({ teamId: Id });
export const RangeQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });

const Counts = z.record(Id, z.number().int().nonnegative());
const OverrideInput = z.object({
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

const CountsOut = z.record(z.string(), z.number());
export const OverrideResponse = z.object({
  hospitalId: z.string(),
  date: IsoDate,
  anaesthesiaTeams: z.number(),
  nursingTeams: z.number(),
  surgeonLists: CountsOut,
  lendableSurgeonLists: CountsOut,
});
export type OverrideResponse = z.infer<typeof OverrideResponse>;
export const OverridesResponse = z.array(OverrideResponse);
export const ReplacedResponse = z.object({ deleted: Count, inserted: Count });
export const ClosureResponse = z.object({
  id: z.number().int(),
  hospitalId: z.string(),
  theatreId: z.string().optional(),
  date: IsoDate,
  reason: z.string(),
});
export type ClosureResponse = z.infer<typeof ClosureResponse>;
export const ClosuresResponse = z.array(ClosureResponse);
export const TeamResponse = z.object({
  id: z.string(),
  name: z.string(),
  baseHospitalId: z.string(),
  weekdays: z.array(z.number().int()),
  unavailableDates: z.array(IsoDate),
  allowedHospitalIds: z.array(z.string()),
  costSekPerDay: z.number(),
});
export type TeamResponse = z.infer<typeof TeamResponse>;
export const TeamsResponse = z.array(TeamResponse);

// Staff imports (ADR 0024): a surgeon roster and a session plan, as text/csv or a JSON array.
export const StaffImportBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('csv'), text: safeText(z.string()) }),
  z.object({
    kind: z.literal('json'),
    rows: z.unknown().superRefine((rows, ctx) => {
      for (const i of unsafeTextIssues(rows, 'rows'))
        ctx.addIssue({ code: 'custom', message: `${i.field}: ${i.message}` });
    }),
  }),
]);
export const SurgeonImportResponse = z.object({
  hospitalIds: z.array(z.string()),
  received: Count,
  new: Count,
  changed: Count,
  unchanged: Count,
});
export const SessionImportResponse = z.object({
  received: Count,
  hospitals: z.array(
    z.object({ hospitalId: z.string(), from: IsoDate, to: IsoDate, deleted: Count, inserted: Count }),
  ),
});
export const SurgeonsResponse = z.array(Surgeon);
export const SessionsResponse = z.array(Session);
