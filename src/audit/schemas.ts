// zod schemas of the audit slice (admins): the log query and one patient's extract.
import { z } from 'zod';
import { Id } from '../domain/snapshot.ts';
import { safeText } from '../domain/safeText.ts';
import { Count, Paging } from '../http/schemas.ts';

export const AuditQueryParams = z.object({
  userId: safeText(z.string().min(1).max(64)).optional(),
  action: safeText(z.string().min(1).max(64)).optional(),
  patientId: Id.optional(),
  hospitalId: Id.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  ...Paging,
});

export const AuditRowResponse = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.string().optional(),
  role: z.string().optional(),
  action: z.string(),
  patientId: z.string().optional(),
  hospitalId: z.string().optional(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditRowResponse = z.infer<typeof AuditRowResponse>;
export const AuditSearchResponse = z.object({ rows: z.array(AuditRowResponse), total: Count });
export const PatientExtractResponse = z.object({ patientId: z.string(), rows: z.array(AuditRowResponse) });
