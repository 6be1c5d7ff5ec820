// `opflow seed --seed 7 [--scale 1] [--as-of 2026-11-23] [--out FILE|-] [--load [--data-dir DIR]]`
// Generates the deterministic Södra snapshot (seed/generate.ts), writes it as JSON and/or loads it
// into the database (PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise), and prints a
// summary: patients, hospitals, and per hospital the list size and share past the 90-day guarantee.
// With `--out -` the JSON goes to stdout and everything else to stderr.
//
// The CLI is the application's outer shell, so it is the one place in src/ that imports seed/.
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { DEFAULT_AS_OF_DATE, MAX_SCALE, generateRegion } from '../../seed/generate.ts';
import { snapshotToJson } from '../../seed/serialize.ts';
import { formatSummary, summariseSnapshot } from '../../seed/summary.ts';
import { isIsoDate } from '../calendar/isoWeek.ts';
import { parseFlags, systemErrorLine, type FlagSpec } from './args.ts';
import { ValidationError } from '../errors.ts';
import type { Command } from './main.ts';

const seedMessage = 'expected an integer, e.g. --seed 7';
const scaleMessage = `expected a number with 0 < scale <= ${MAX_SCALE}, e.g. --scale 1 or --scale 0.1`;
const asOfMessage = 'expected a date YYYY-MM-DD, e.g. --as-of 2026-11-23';

const flags = {
  seed: {
    type: 'string',
    help: 'random seed (same seed, same bytes); default 1',
    schema: z
      .string()
      .default('1')
      .refine((s) => /^-?\d{1,15}$/.test(s), seedMessage)
      .transform(Number),
  },
  scale: {
    type: 'string',
    help: 'size relative to Södra (0.1 … national); default 1',
    schema: z
      .string()
      .default('1')
      .refine((s) => /^\d*\.?\d+$/.test(s), scaleMessage)
      .transform(Number)
      .refine((x) => x > 0 && x <= MAX_SCALE, scaleMessage),
  },
  'as-of': {
    type: 'string',
    help: 'snapshot date YYYY-MM-DD',
    schema: z.string().default(DEFAULT_AS_OF_DATE).refine(isIsoDate, asOfMessage),
  },
  out: {
    type: 'string',
    help: 'write the snapshot JSON to this file (- = stdout)',
    schema: z.string().min(1, 'expected a file name or - for stdout').optional(),
  },
  load: {
    type: 'boolean',
    help: 'load it into the database (PGlite, or DATABASE_URL)',
    schema: z.boolean().default(false),
  },
  'data-dir': {
    type: 'string',
    help: 'PGlite data directory for --load',
    schema: z.string().min(1).optional(),
  },
} satisfies FlagSpec;

export const run: Command = async (args, io) => {
  const opts = parseFlags(args, flags);
  const log = opts.out === '-' ? io.err : io.out;

  const started = performance.now();
  const snapshot = generateRegion({ seed: opts.seed, scale: opts.scale, asOfDate: opts['as-of'] });
  const generatedMs = Math.round(performance.now() - started);

  if (opts.out !== undefined) {
    const json = snapshotToJson(snapshot);
    if (opts.out === '-') {
      io.out(json.trimEnd());
    } else {
      try {
        await writeFile(opts.out, json, 'utf8');
      } catch (e) {
        const why = systemErrorLine(e) ?? String(e);
        throw new ValidationError(`--out: cannot write ${opts.out}: ${why}`, [
          { field: '--out', message: why },
        ]);
      }
      log(`wrote ${opts.out} (${(Buffer.byteLength(json) / 1e6).toFixed(1)} MB)`);
    }
  }
  log(`generated seed ${opts.seed} at scale ${opts.scale} in ${generatedMs} ms`);
  for (const line of formatSummary(summariseSnapshot(snapshot))) log(line);

  if (opts.load) {
    // Loaded on demand: generating a file must not pay for (or need) a database driver.
    const { openDb } = await import('../db/index.ts');
    const { loadSnapshot } = await import('../db/load.ts');
    const databaseUrl = process.env.DATABASE_URL;
    const db = await openDb({
      ...(databaseUrl !== undefined && databaseUrl !== '' ? { databaseUrl } : {}),
      ...(opts['data-dir'] !== undefined ? { dataDir: opts['data-dir'] } : {}),
    });
    try {
      const result = await loadSnapshot(db, snapshot);
      const where = databaseUrl
        ? 'PostgreSQL (DATABASE_URL)'
        : `PGlite (${opts['data-dir'] ?? 'default data dir'})`;
      log(`loaded into ${where} in ${Math.round(result.ms)} ms`);
      log(
        Object.entries(result.counts)
          .map(([table, n]) => `${table}=${n}`)
          .join(' '),
      );
    } finally {
      await db.close();
    }
  }
  return 0;
};
