// Routes of the reference slice (read-only, every signed-in role).
import type { Db } from '../db/db.ts';
import { ALL, route, type AnyRoute } from '../http/route.ts';
import {
  getRegionSetMeta,
  listHospitals,
  listPriorityGrids,
  listProcedures,
  listRegions,
  listSpecialties,
  listTheatres,
} from './repo.ts';
import { calendarOf } from './service.ts';
import * as S from './schemas.ts';

export function referenceRoutes(d: { db: Db }): AnyRoute[] {
  const { db } = d;
  return [
    route({
      method: 'get',
      path: '/api/region-set',
      tag: 'reference',
      summary: 'The loaded region snapshot: id, name, asOfDate',
      auth: ALL,
      response: S.RegionSetResponse,
      handler: async () => ({ body: (await getRegionSetMeta(db)) ?? null }),
    }),
    route({
      method: 'get',
      path: '/api/regions',
      tag: 'reference',
      summary: 'Regions (huvudmän)',
      auth: ALL,
      response: S.RegionsResponse,
      handler: async () => ({ body: await listRegions(db) }),
    }),
    route({
      method: 'get',
      path: '/api/hospitals',
      tag: 'reference',
      summary: 'Hospitals with specialties and procedures',
      auth: ALL,
      response: S.HospitalsResponse,
      handler: async () => ({ body: await listHospitals(db) }),
    }),
    route({
      method: 'get',
      path: '/api/theatres',
      tag: 'reference',
      summary: 'Theatres, optionally of one hospital',
      auth: ALL,
      query: S.TheatresQuery,
      response: S.TheatresResponse,
      handler: async ({ query }) => ({ body: await listTheatres(db, query.hospitalId) }),
    }),
    route({
      method: 'get',
      path: '/api/procedures',
      tag: 'reference',
      summary: 'Procedures (KVÅ)',
      auth: ALL,
      response: S.ProceduresResponse,
      handler: async () => ({ body: await listProcedures(db) }),
    }),
    route({
      method: 'get',
      path: '/api/specialties',
      tag: 'reference',
      summary: 'Specialties',
      auth: ALL,
      response: S.SpecialtiesResponse,
      handler: async () => ({ body: await listSpecialties(db) }),
    }),
    route({
      method: 'get',
      path: '/api/priority-grids',
      tag: 'reference',
      summary: 'Priority grids per region',
      auth: ALL,
      response: S.PriorityGridsResponse,
      handler: async () => ({ body: await listPriorityGrids(db) }),
    }),
    route({
      method: 'get',
      path: '/api/calendar',
      tag: 'reference',
      summary:
        'Swedish closure days of a year and the snapshot calendar settings (summer weeks, extra closures)',
      auth: ALL,
      query: S.CalendarQuery,
      response: S.CalendarResponse,
      handler: async ({ query }) => ({ body: await calendarOf(db, query.year) }),
    }),
  ];
}
