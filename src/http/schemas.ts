// zod building blocks shared by the slices' schemas (params, paging, counts).
import { z } from 'zod';
import { Id } from '../domain/snapshot.ts';

export const Int = (min: number, max: number) =>
  z.coerce.number().int('expected an integer').min(min).max(max);

export const Paging = { limit: Int(1, 1000).default(100), offset: Int(0, 10_000_000).default(0) };

export const HospitalParams = z.object({ id: Id });
export const PatientParam = z.object({ patientId: Id });
export const HospitalQuery = z.object({ hospitalId: Id.optional() });

/** A non-negative whole number in a response. */
export const Count = z.number().int().nonnegative();
