// Text the database can store and every client can render. PostgreSQL rejects NUL in text and
// jsonb; a lone UTF-16 surrogate cannot be encoded as UTF-8 (the driver either fails or writes
// U+FFFD, so the stored text differs from the text the audit row names). Both are refused at the
// boundary, with the field named, before anything is written.
import type { z } from 'zod';
import type { FieldIssue } from '../errors.ts';

export const UNSAFE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

// Without the `u` flag a regex sees UTF-16 code units, so this finds a high surrogate not followed
// by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` can be stored and shown as it is. */
export function isSafeText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

/** The one refinement for free text: `safeText(z.string().max(200))`. */
export function safeText<T extends z.ZodType<string>>(schema: T): T {
  return schema.refine(isSafeText, { message: UNSAFE_TEXT_MESSAGE }) as unknown as T;
}

/**
 * Every string (and object key) in a parsed value that is not safe text, as field issues under
 * `prefix` — for inputs whose schema is open (`z.unknown()` import rows) and as the backstop the
 * HTTP layer applies to every request after its own schema.
 */
export function unsafeTextIssues(value: unknown, prefix: string, limit = 20): FieldIssue[] {
  const out: FieldIssue[] = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (out.length >= limit || depth > 64) return;
    if (typeof v === 'string') {
      if (!isSafeText(v)) out.push({ field: path, message: UNSAFE_TEXT_MESSAGE });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`, depth + 1));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (!isSafeText(k)) out.push({ field: `${path}.(key)`, message: UNSAFE_TEXT_MESSAGE });
        else walk(x, `${path}.${k}`, depth + 1);
      }
    }
  };
  walk(value, prefix, 0);
  return out;
}
