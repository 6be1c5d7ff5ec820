// Where the time of one `GET /api/waiting-list?limit=100` goes, step by step, on the Södra seed:
// the snapshot date, the page SQL, the total count, row parsing, the role view, the audit insert
// and JSON serialisation, each timed alone over many repetitions (no HTTP, no concurrency).
//
//   npx tsx bench/waitingListProfile.ts [--reps 300]      (DATABASE_URL set: that PostgreSQL)
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { openDb } from '../src/db/index.ts';
import { loadSnapshot } from '../src/db/load.ts';
import { generateRegion } from '../seed/generate.ts';
import { uniqueSchemaName } from '../tests/helpers/db.ts';
import { getAsOfDate } from '../src/reference/repo.ts';
import { WAITING_LIST_SELECT, waitingListRowToEntry, type WaitingListRow } from '../src/waiting-list/repo.ts';
import { WaitingListEntry } from '../src/domain/snapshot.ts';
import { patientView } from '../src/auth/scoping.ts';
import { guaranteeDays } from '../src/domain/careGuarantee.ts';
import { createAuditor } from '../src/auth/audit.ts';
import { listWaitingForRole } from '../src/waiting-list/service.ts';
import type { Principal } from '../src/auth/roles.ts';

const { values } = parseArgs({ options: { reps: { type: 'string', default: '300' } }, strict: true });
const reps = Number(values.reps);

const url = process.env.DATABASE_URL;
const schema = url ? uniqueSchemaName('prof') : undefined;
const db = await openDb(url ? { databaseUrl: url, schema: schema as string } : { dataDir: 'memory://' });
await loadSnapshot(db, generateRegion({ seed: 7, scale: 1 }));

const planner: Principal = { userId: 'u-p', role: 'planner', hospitalId: undefined };
const analyst: Principal = { userId: 'u-a', role: 'analyst', hospitalId: undefined };
const auditor = createAuditor(() => new Date());

async function time(name: string, fn: () => Promise<unknown> | unknown): Promise<void> {
  for (let i = 0; i < 20; i++) await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  const p = (q: number): string => (ms[Math.floor(q * (ms.length - 1))] as number).toFixed(3);
  process.stdout.write(
    `${name.padEnd(44)} mean ${mean.toFixed(3).padStart(8)} ms  p50 ${p(0.5).padStart(8)}  p99 ${p(0.99).padStart(8)}\n`,
  );
}

process.stdout.write(`${db.kind}, ${reps} repetitions per step\n`);
const asOfDate = (await getAsOfDate(db)) as string;
await time('getAsOfDate', () => getAsOfDate(db));
const pageSql = `SELECT ${WAITING_LIST_SELECT} FROM waiting_list w ORDER BY w.ord ASC, w.id ASC LIMIT $1 OFFSET $2`;
let raw: WaitingListRow[] = [];
await time('page SQL (limit 100, offset 0)', async () => {
  raw = (await db.query<WaitingListRow>(pageSql, [100, 0])).rows;
});
await time('page SQL (limit 100, offset 20000)', () => db.query(pageSql, [100, 20_000]));
await time('count(*) SQL', () => db.query('SELECT count(*)::integer AS total FROM waiting_list w'));
let parsed: WaitingListEntry[] = [];
await time('zod parse of 100 rows', () => {
  parsed = raw.map((r) => WaitingListEntry.parse(waitingListRowToEntry(r)));
});
await time('row mapping only (no zod) of 100 rows', () => raw.map((r) => waitingListRowToEntry(r)));
let out: unknown[] = [];
await time('role view + guarantee days (planner)', () => {
  out = parsed.map((p) => {
    const v = patientView(planner, p, { asOfDate });
    const days = guaranteeDays(p.decisionDate, asOfDate, p.excludedPeriods);
    return { ...v, guaranteeDays: days, pastGuarantee: days > 90 };
  });
});
await time('role view + guarantee days (analyst)', () =>
  parsed.map((p) => {
    const v = patientView(analyst, p, { asOfDate });
    const days = guaranteeDays(p.decisionDate, asOfDate, p.excludedPeriods);
    return { ...v, guaranteeDays: days, pastGuarantee: days > 90 };
  }),
);
const ids = parsed.map((p) => p.id);
await time('audit insert (100 patient ids)', () =>
  auditor.log(db, planner, { action: 'patient.list', patientIds: ids, details: { filter: { limit: 100 } } }),
);
await time('JSON.stringify of the response', () =>
  JSON.stringify({ rows: out, total: 22_350, limit: 100, offset: 0, asOfDate }),
);
await time('whole use case listWaitingForRole (planner)', () =>
  listWaitingForRole(db, auditor, planner, { limit: 100, offset: 0 }),
);
await time('whole use case listWaitingForRole (analyst)', () =>
  listWaitingForRole(db, auditor, analyst, { limit: 100, offset: 0 }),
);
if (schema !== undefined) await db.query(`DROP SCHEMA "${schema}" CASCADE`);
await db.close();
