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
      Object.entries(spec).map(([k, v]) => [
        k,
        v.short ? { type: v.type, short: v.short } : { type: v.type },
      ]),
    );
    // `--scale -1` would be read by parseArgs as a flag: join negative numbers to their flag so the
    // value reaches its own schema and gets a precise message ("must be positive").
    const joined = args.flatMap((a, i) => {
      const prev = args[i - 1];
      if (prev?.startsWith('--') && spec[prev.slice(2)]?.type === 'string' && /^-\.?\d/.test(a)) return [];
      const next = args[i + 1];
      if (
        a.startsWith('--') &&
        spec[a.slice(2)]?.type === 'string' &&
        next !== undefined &&
        /^-\.?\d/.test(next)
      ) {
        return [`${a}=${next}`];
      }
      return [a];
    });
    values = parseArgs({ args: joined, options, strict: true, allowPositionals: false }).values as Record<
      string,
      unknown
    >;
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
