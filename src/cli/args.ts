// A small, strict flag parser: every flag is declared with a zod schema, unknown flags and bad
// values are errors that name the flag. (node:util parseArgs does the tokenising.)
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { AppError, ValidationError } from '../errors.ts';

export type FlagSpec = Record<
  string,
  { type: 'string' | 'boolean'; schema: z.ZodType; short?: string; help?: string }
>;

/** `--help` / `-h` on a subcommand: not an error; main prints `usage` and exits 0. */
export class HelpRequested extends AppError {
  constructor(readonly usage: string[]) {
    super('help', 0, usage[0] ?? 'help');
  }
}

/** The usage lines of a command: its flags with their value kind and help text. */
export function usageOf(spec: FlagSpec): string[] {
  const flags = Object.entries(spec).map(([k, v]) => {
    const name = `--${k}${v.type === 'string' ? ' VALUE' : ''}${v.short !== undefined ? `, -${v.short}` : ''}`;
    return `  ${name.padEnd(24)} ${v.help ?? ''}`.trimEnd();
  });
  return [...flags, `  ${'--help, -h'.padEnd(24)} this help`];
}

const flagList = (spec: FlagSpec): string => [...Object.keys(spec).map((k) => `--${k}`), '--help'].join(', ');

export function parseFlags<S extends FlagSpec>(
  args: string[],
  spec: S,
): { [K in keyof S]: z.infer<S[K]['schema']> } {
  let values: Record<string, unknown>;
  if (args.includes('--help') || args.includes('-h')) throw new HelpRequested(usageOf(spec));
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
    const first = (e as Error).message.split('\n')[0] ?? 'bad arguments';
    // An unknown flag names the valid ones, so the next try can be right.
    const unknown = (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
    const msg = unknown ? `${first.replace(/\. To specify.*$/, '')}; valid flags: ${flagList(spec)}` : first;
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

const SYSTEM_CODES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  EROFS: 'read-only file system',
  EISDIR: 'is a directory',
  ENOTDIR: 'a path component is not a directory',
  ENOSPC: 'no space left on the device',
  EADDRINUSE: 'address already in use',
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
};

/** A Node system error (fs, net) as one line, or undefined for anything else. */
export function systemErrorLine(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const x = e as { code?: unknown; syscall?: unknown; path?: unknown; address?: unknown; port?: unknown };
  if (typeof x.code !== 'string' || SYSTEM_CODES[x.code] === undefined) return undefined;
  const what =
    typeof x.path === 'string'
      ? ` ${x.path}`
      : typeof x.address === 'string'
        ? ` ${x.address}${typeof x.port === 'number' ? `:${x.port}` : ''}`
        : '';
  return `${typeof x.syscall === 'string' ? x.syscall : 'system call'}${what}: ${SYSTEM_CODES[x.code]} (${x.code})`;
}
