// A small, strict flag parser: every flag is declared with a zod schema, unknown flags and bad
// values are errors that name the flag. (node:util parseArgs does the tokenising.)
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { ValidationError } from '../errors.ts';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; schema: z.ZodType; short?: string }>;

export function parseFlags<S extends FlagSpec>(
  args: string[],
  spec: S,
): { [K in keyof S]: z.infer<S[K]['schema']> } {
  let values: Record<string, unknown>;
  try {
    const options = Object.fromEntries(
      Object.entries(spec).map(([k, v]) => [k, v.short ? { type: v.type, short: v.short } : { type: v.type }]),
    );
    values = parseArgs({ args, options, strict: true, allowPositionals: false }).values as Record<string, unknown>;
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0] ?? 'bad arguments';
    throw new ValidationError(msg, [{ field: 'argv', message: msg }]);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) {
    const r = v.schema.safeParse(values[k]);
    if (!r.success) {
      const message = r.error.issues[0]?.message ?? 'invalid value';
      throw new ValidationError(`--${k}: ${message}`, [{ field: `--${k}`, message }]);
    }
    out[k] = r.data;
  }
  return out as { [K in keyof S]: z.infer<S[K]['schema']> };
}
