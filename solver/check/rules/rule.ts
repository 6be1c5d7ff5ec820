import type { EpochDay } from '../../model/problem.ts';
import type { Violation } from '../../model/result.ts';
import type { CheckContext } from '../context.ts';
import type { RuleName } from './names.ts';

export interface Rule {
  name: RuleName;
  check(ctx: CheckContext): Violation[];
}

export interface ViolationIds {
  patientId?: string;
  hospitalId?: string;
  theatreId?: string;
  day?: EpochDay;
}

/** A violation with only the ids that are set (no `undefined` keys, so reports compare cleanly). */
export function violation(rule: RuleName, message: string, ids: ViolationIds = {}): Violation {
  const v: Violation = { rule, message };
  if (ids.patientId !== undefined) v.patientId = ids.patientId;
  if (ids.hospitalId !== undefined) v.hospitalId = ids.hospitalId;
  if (ids.theatreId !== undefined) v.theatreId = ids.theatreId;
  if (ids.day !== undefined) v.day = ids.day;
  return v;
}
