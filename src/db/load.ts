// Importing a snapshot: validate everything first (shape, references, personnummer), then replace
// the stored snapshot in one transaction. Invalid input throws a ValidationError naming each field
// and row, and writes nothing.
import { parseSnapshot } from '../domain/validateSnapshot.ts';
import type { Db } from './db.ts';
import { replaceSnapshot, type ReplaceResult } from './snapshotRepo.ts';

export async function loadSnapshot(db: Db, input: unknown): Promise<ReplaceResult> {
  const snapshot = parseSnapshot(input);
  return replaceSnapshot(db, snapshot);
}
