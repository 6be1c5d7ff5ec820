// zod schemas of the reference slice: the loaded snapshot's regions, hospitals, theatres,
// procedures, specialties, priority grids and the Swedish calendar.
import { z } from 'zod';
import { CalendarSettings, IsoDate } from '../domain/snapshot.ts';
import { HospitalQuery, Int } from '../http/schemas.ts';

export const TheatresQuery = HospitalQuery;
export const CalendarQuery = z.object({ year: Int(1900, 2200) });

export const RegionSetResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    asOfDate: IsoDate,
    synthetic: z.boolean(),
    calendar: z.unknown(),
  })
  .nullable();
export const RegionsResponse = z.array(
  z.object({ id: z.string(), name: z.string(), countyCode: z.string().optional() }),
);
export const HospitalResponse = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  regionId: z.string(),
  lat: z.number(),
  lon: z.number(),
  acute: z.boolean(),
  icu: z.boolean(),
  privateProvider: z.boolean(),
  listStartTime: z.string(),
  listMin: z.number(),
  specialtyIds: z.array(z.string()),
  procedureIds: z.array(z.string()),
});
export type HospitalResponse = z.infer<typeof HospitalResponse>;
export const HospitalsResponse = z.array(HospitalResponse);
export const TheatreResponse = z.object({ id: z.string(), hospitalId: z.string(), name: z.string() });
export type TheatreResponse = z.infer<typeof TheatreResponse>;
export const TheatresResponse = z.array(TheatreResponse);
/** A procedure (KVÅ) as the dashboard reads it; the duration model's fields come along. */
export const ProcedureResponse = z.looseObject({
  id: z.string(),
  kvaCode: z.string(),
  nameSv: z.string(),
  nameEn: z.string(),
  specialtyId: z.string(),
  needsAcuteBackup: z.boolean(),
  needsIcu: z.boolean(),
  maxAsaNonAcute: z.number(),
  priceSek: z.number(),
  htaDoNotDo: z.boolean(),
});
export type ProcedureResponse = z.infer<typeof ProcedureResponse>;
export const ProceduresResponse = z.array(ProcedureResponse);
export const SpecialtyResponse = z.object({ id: z.string(), nameSv: z.string(), nameEn: z.string() });
export type SpecialtyResponse = z.infer<typeof SpecialtyResponse>;
export const SpecialtiesResponse = z.array(SpecialtyResponse);
export const PriorityGridsResponse = z.array(
  z.object({
    regionId: z.string(),
    groups: z.array(
      z.object({ group: z.string(), labelSv: z.string(), labelEn: z.string(), maxDays: z.number() }),
    ),
  }),
);
export const CalendarResponse = z.object({
  year: z.number().int(),
  closureDays: z.array(
    z.object({
      date: IsoDate,
      nameSv: z.string(),
      nameEn: z.string(),
      kind: z.enum(['public_holiday', 'closure_day']),
    }),
  ),
  extraClosureDates: z.array(IsoDate),
  settings: CalendarSettings.nullable(),
  summer: z
    .object({
      fromWeek: z.number().int(),
      toWeek: z.number().int(),
      capacityFactor: z.number(),
      example: z.object({ factor: z.number(), reason: z.string(), closureNamesSv: z.array(z.string()) }),
    })
    .nullable(),
});
export type CalendarResponse = z.infer<typeof CalendarResponse>;
