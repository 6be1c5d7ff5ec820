// zod schemas of the waiting-list slice: the paged list, the region summary, imports, a patient's
// plan history, and the patient as each role may see it (used by the plans slice too).
import { z } from 'zod';
import { Id, IsoDate, PatientStatus, WaitingListEntry } from '../domain/snapshot.ts';
import { safeText, unsafeTextIssues } from '../domain/safeText.ts';
import { Count, Paging } from '../http/schemas.ts';
import { WaitingListSort } from './repo.ts';

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

/**
 * A patient as a role may see them: identified (planners; coordinators for their hospital's
 * patients; admins with a stated reason) or pseudonymised — then strictly without personnummer,
 * names or home place, which is what this schema enforces on every response that carries it.
 */
export const PatientViewResponse = z.discriminatedUnion('view', [
  WaitingListEntry.extend({ view: z.literal('full'), id: z.string() }),
  z.strictObject({
    view: z.literal('pseudonymised'),
    id: z.string(),
    ageBand: z.string(),
    homeRegionId: z.string(),
    listingHospitalId: z.string(),
    procedureId: z.string(),
    priorityGroup: z.string(),
    decisionDate: IsoDate,
    medicalTargetDate: IsoDate,
    earliestDate: IsoDate,
    asaClass: z.number().int(),
    status: PatientStatus,
    category: WaitingListEntry.shape.category.unwrap(),
  }),
]);

const GuaranteeFields = {
  guaranteeDays: z.number().int(),
  pastGuarantee: z.boolean(),
  guaranteeWaived: z.boolean(),
};
export const WaitingRowResponse = z.discriminatedUnion('view', [
  PatientViewResponse.options[0].extend(GuaranteeFields),
  PatientViewResponse.options[1].extend(GuaranteeFields),
]);
export type WaitingRowResponse = z.infer<typeof WaitingRowResponse>;
export const WaitingListResponse = z.object({
  rows: z.array(WaitingRowResponse),
  total: Count,
  limit: Count,
  offset: Count,
  asOfDate: IsoDate,
});
export type WaitingListResponse = z.infer<typeof WaitingListResponse>;

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
export type WaitingListSummaryResponse = z.infer<typeof WaitingListSummaryResponse>;

export const PatientPlansResponse = z.object({
  patientId: z.string(),
  plans: z.array(
    z.object({
      planId: z.number().int(),
      week: z.string(),
      version: z.number().int(),
      status: z.string(),
      createdAt: z.string(),
      hospitalId: z.string(),
      theatreId: z.string(),
      date: IsoDate,
      startMin: z.number(),
      decision: z.enum(['accept', 'reject']).nullable(),
    }),
  ),
});
export type PatientPlansResponse = z.infer<typeof PatientPlansResponse>;
