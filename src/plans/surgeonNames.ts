// Surgeon names on plan responses (ADR 0024): each assignment that names a surgeon gets
// `surgeonName` for identified roles. Names are staff data, yet analysts' views stay as they were
// (pseudonymised, ids only). A thin decoration of the service's answer; the stored result keeps
// only `surgeonId` and `sessionId`, so a renamed surgeon shows under the new name.
import type { Db } from '../db/db.ts';
import { surgeonNames } from '../db/staffRepo.ts';
import type { Principal } from '../auth/roles.ts';
import { seesPseudonymised } from '../auth/scoping.ts';

interface WithAssignments {
  assignments: ReadonlyArray<{ surgeonId?: string | null }>;
}

/** Names for the surgeons of `assignments`, or none for a pseudonymised reader. */
export async function namesFor(
  db: Db,
  who: Principal,
  assignments: WithAssignments['assignments'],
): Promise<Map<string, string>> {
  if (seesPseudonymised(who)) return new Map();
  const ids = [...new Set(assignments.flatMap((a) => (a.surgeonId ? [a.surgeonId] : [])))];
  return ids.length === 0 ? new Map() : surgeonNames(db, ids);
}

/** `body` with `surgeonName` on each assignment of `body[key]` that names a known surgeon. */
export async function withSurgeonNames<T>(
  db: Db,
  who: Principal,
  body: T,
  pick: (b: T) => WithAssignments | null,
): Promise<T> {
  const part = pick(body);
  if (part === null) return body;
  const names = await namesFor(db, who, part.assignments);
  if (names.size === 0) return body;
  (part as { assignments: unknown[] }).assignments = part.assignments.map((a) => {
    const name = a.surgeonId ? names.get(a.surgeonId) : undefined;
    return name === undefined ? a : { ...a, surgeonName: name };
  });
  return body;
}
