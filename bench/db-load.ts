// Times loading one region snapshot into a fresh database: in-memory PGlite always, PostgreSQL
// (a throw-away schema) too when DATABASE_URL is set. Prints one JSON line per backend.
//
//   npx tsx bench/db-load.ts [--snapshot FILE.json | --scale X [--seed N] | --patients N]
//
// --scale uses the seed generator (seed/generate.ts) when it exists; --patients (default 22000)
// grows the test fixture's waiting list instead, which needs nothing but this repository.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { openDb } from '../src/db/index.ts';
import { loadSnapshot } from '../src/db/load.ts';
import { readSnapshot } from '../src/db/snapshotRepo.ts';
import type { RegionSnapshot } from '../src/domain/snapshot.ts';
import { scaledSnapshot } from '../tests/helpers/smallSnapshot.ts';
import { uniqueSchemaName } from '../tests/helpers/db.ts';

const { values } = parseArgs({
  options: {
    snapshot: { type: 'string' },
    scale: { type: 'string' },
    seed: { type: 'string', default: '1' },
    patients: { type: 'string', default: '22000' },
  },
  strict: true,
});

async function input(): Promise<unknown> {
  if (values.snapshot !== undefined) return JSON.parse(await readFile(values.snapshot, 'utf8')) as unknown;
  if (values.scale !== undefined) {
    const generator = new URL('../seed/generate.ts', import.meta.url);
    if (!existsSync(generator))
      throw new Error('--scale needs seed/generate.ts; use --snapshot or --patients');
    // A runtime path, so the type checker does not require the seed package to exist yet.
    const mod = (await import(pathToFileURL(generator.pathname).href)) as {
      generateRegion: (o: { seed: number; scale: number }) => RegionSnapshot | Promise<RegionSnapshot>;
    };
    return mod.generateRegion({ seed: Number(values.seed), scale: Number(values.scale) });
  }
  return scaledSnapshot(Number(values.patients));
}

function rows(s: unknown): number {
  return Object.values(s as Record<string, unknown>).reduce<number>(
    (n, v) => n + (Array.isArray(v) ? v.length : 0),
    0,
  );
}

const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

const snapshot = await input();
const backends: Array<{ backend: string; open: () => ReturnType<typeof openDb>; schema?: string }> = [
  { backend: 'pglite', open: () => openDb({ dataDir: 'memory://' }) },
];
const url = process.env.DATABASE_URL;
if (url) {
  const schema = uniqueSchemaName('bench');
  backends.push({ backend: 'postgres', schema, open: () => openDb({ databaseUrl: url, schema }) });
}

for (const b of backends) {
  const db = await b.open();
  try {
    const started = performance.now();
    const result = await loadSnapshot(db, snapshot);
    const ms = Math.round(performance.now() - started);
    const readStarted = performance.now();
    await readSnapshot(db);
    const readMs = Math.round(performance.now() - readStarted);
    const line = {
      backend: b.backend,
      rows: rows(snapshot),
      waitingList: result.counts.waiting_list,
      // ms: validation + replace; insertMs: the replace transaction alone; readMs: readSnapshot.
      ms,
      insertMs: result.ms,
      readMs,
      peakRssMb: peakRssMb(),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    if (b.schema !== undefined) await db.exec(`DROP SCHEMA IF EXISTS "${b.schema}" CASCADE`);
    await db.close();
  }
}
