// Stored responses of POSTs sent with an Idempotency-Key, per user.
import type { Db } from './db.ts';

export interface StoredResponse {
  /** sha256 of method, path and body: the same key with another request is a conflict. */
  fingerprint: string;
  status: number;
  body: unknown;
}

export async function findIdempotent(
  db: Db,
  userId: string,
  key: string,
): Promise<StoredResponse | undefined> {
  const { rows } = await db.query<{ response: StoredResponse }>(
    'SELECT response FROM idempotency_keys WHERE user_id = $1 AND key = $2',
    [userId, key],
  );
  return rows[0]?.response;
}

/** Store once; a concurrent second store of the same key keeps the first. */
export async function saveIdempotent(
  db: Db,
  userId: string,
  key: string,
  r: StoredResponse,
  at: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO idempotency_keys (key, user_id, response, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, key) DO NOTHING`,
    [key, userId, JSON.stringify(r), at.toISOString()],
  );
}
