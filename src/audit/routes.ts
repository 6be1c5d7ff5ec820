// Routes of the audit slice (admins).
import type { Db } from '../db/db.ts';
import type { Auditor } from '../auth/audit.ts';
import { route, type AnyRoute } from '../http/route.ts';
import { PatientParam } from '../http/schemas.ts';
import { patientExtract, searchAudit } from './service.ts';
import * as S from './schemas.ts';

export function auditRoutes(d: { db: Db; auditor: Auditor }): AnyRoute[] {
  const { db, auditor } = d;
  return [
    route({
      method: 'get',
      path: '/api/audit',
      tag: 'admin',
      summary: 'Query the audit log (admin)',
      auth: ['admin'],
      query: S.AuditQueryParams,
      response: S.AuditSearchResponse,
      handler: async ({ query, who }) => ({ body: await searchAudit(db, auditor, who, query) }),
    }),
    route({
      method: 'get',
      path: '/api/audit/patients/:patientId',
      tag: 'admin',
      summary: 'Every audit row concerning one patient (the log extract a patient may ask for; admin)',
      auth: ['admin'],
      params: PatientParam,
      response: S.PatientExtractResponse,
      handler: async ({ params, who }) => ({
        body: { patientId: params.patientId, rows: await patientExtract(db, auditor, who, params.patientId) },
      }),
    }),
  ];
}
