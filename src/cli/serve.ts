// `opflow serve`: the planning server. Opens the database (PostgreSQL with DATABASE_URL, else
// PGlite in DATA_DIR), listens on PORT and shuts down gracefully. Only with `--demo` (what
// `npm start` runs) does it load the Södra seed into an empty database, create the demo users
// (known password) and start a first solve for the week of the first plannable day (snapshot date +
// the default lead days); without it no account with a known password is ever created — the first
// admin comes from `opflow user create` (README).
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseFlags, systemErrorLine } from './args.ts';
import type { Command } from './main.ts';
import { loadConfig } from '../config.ts';
import { openDb } from '../db/index.ts';
import { loadSnapshot } from '../db/load.ts';
import { readSnapshot } from '../db/snapshotRepo.ts';
import { getAsOfDate, getRegionSetMeta, listHospitals } from '../reference/repo.ts';
import { countUsers } from '../users/repo.ts';
import { listPlans } from '../plans/repo.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../users/service.ts';
import { isoWeekStringOf } from '../calendar/isoWeek.ts';
import { CalendarSettings } from '../domain/snapshot.ts';
import { DEFAULT_LEAD_DAYS, firstPlannableDate } from '../plans/bookings.ts';
import { AppError } from '../errors.ts';
import type { Db } from '../db/db.ts';
import type { EventSink } from '../planning/events.ts';
// The CLI is the composition root: the one place in src/ allowed to start the HTTP layer.
import { createApp } from '../../api/app.ts';

const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/dist/', import.meta.url));
const DASHBOARD_CONFIG = fileURLToPath(new URL('../../dashboard/vite.config.ts', import.meta.url));

/** A start-up failure the user can fix (port, database): printed as one line, exit code 2. */
export class StartupError extends AppError {
  constructor(message: string) {
    super('startup', 0, message);
  }
}

/** Fail fast, before the database and the seed, when another process holds the port. */
async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE')
        reject(
          new StartupError(
            `port ${port} on ${host} is in use (another opflow?) — stop that process or set PORT to a free port`,
          ),
        );
      else if (e.code === 'EACCES')
        reject(new StartupError(`port ${port} on ${host} needs privileges — set PORT to a port above 1023`));
      else reject(e);
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** DATABASE_URL without its password, for messages. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

async function openDatabase(databaseUrl: string | undefined, dataDir: string): Promise<Db> {
  try {
    return await openDb({ ...(databaseUrl !== undefined ? { databaseUrl } : {}), dataDir });
  } catch (e) {
    const inner = (e as { errors?: unknown[] }).errors?.[0] ?? e;
    const why =
      systemErrorLine(inner) ??
      systemErrorLine(e) ??
      (e instanceof Error ? e.message.split('\n')[0] : String(e));
    if (databaseUrl !== undefined)
      throw new StartupError(
        `cannot use the database at DATABASE_URL ${safeUrl(databaseUrl)}: ${why} — is PostgreSQL running and the URL right? Unset DATABASE_URL to use the embedded PGlite`,
      );
    throw new StartupError(
      `cannot open the embedded database in ${dataDir}: ${why} — set DATA_DIR to a writable folder`,
    );
  }
}

/** Build the dashboard when dashboard/dist is missing (a fresh checkout); say how if that fails. */
async function ensureDashboard(io: { out: (l: string) => void; err: (l: string) => void }): Promise<void> {
  if (existsSync(`${DASHBOARD_DIR}index.html`)) return;
  io.out('opflow: dashboard/dist is missing — building the dashboard (vite build)…');
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const { build } = await import('vite');
    await build({ configFile: DASHBOARD_CONFIG, mode: 'production', logLevel: 'warn' });
    io.out('opflow: dashboard built');
  } catch (e) {
    io.err(
      `opflow: could not build the dashboard (${e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)}); the API runs without it — build it with "npm run build:dashboard"`,
    );
  } finally {
    process.env.NODE_ENV = env;
  }
}

export const run: Command = async (args, io) => {
  const flags = parseFlags(args, {
    demo: { type: 'boolean', schema: z.boolean().default(false) },
    'no-worker': {
      type: 'boolean',
      schema: z.boolean().default(false),
      help: 'run no solves or replications here; leave them to `opflow worker` (PostgreSQL only)',
    },
  });
  const config = loadConfig();
  await assertPortFree(config.port, config.host);
  const db = await openDatabase(config.databaseUrl, config.dataDir);
  io.out(
    `opflow: database ${db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`}`,
  );

  if (flags.demo && (await getAsOfDate(db)) === undefined) {
    io.out('opflow: empty database — generating and loading the Södra seed (seed 7, scale 1)…');
    const { generateRegion } = await import('../../seed/generate.ts');
    const loaded = await loadSnapshot(db, generateRegion({ seed: 7, scale: 1 }));
    io.out(`opflow: loaded ${loaded.counts.waiting_list} waiting-list entries in ${loaded.ms} ms`);
  }
  if (flags.demo && (await countUsers(db)) === 0) {
    const seeded = await seedDemoUsers(db, await listHospitals(db));
    io.out(`opflow: created ${seeded.length} demo users`);
  } else if ((await countUsers(db)) === 0) {
    io.out(
      'opflow: no users yet — create the first admin: OPFLOW_PASSWORD=… npx opflow user create --role admin --email you@example.org',
    );
  }

  await ensureDashboard(io);
  // The log says when the first plan is ready (or why it failed), with where to open it.
  let firstPlanId: number | undefined;
  let baseUrl = '';
  const announce: EventSink = {
    emit(name, audience) {
      const p = audience.planners as
        | { planId?: number; week?: string; patientsTreated?: number; gap?: number; error?: string }
        | undefined;
      if (p === undefined || firstPlanId === undefined || p.planId !== firstPlanId) return;
      if (name === 'plan.solved')
        io.out(
          `opflow: first plan ready — plan ${p.planId} for ${p.week ?? '?'}: ${p.patientsTreated ?? 0} patients planned, gap ${((p.gap ?? 0) * 100).toFixed(2)} % — ${baseUrl}#/plan`,
        );
      else if (name === 'plan.failed')
        io.err(`opflow: the first solve failed: ${p.error ?? 'unknown error'}`);
    },
  };
  // The inverse question simulates the database's snapshot with the seed's generator of arriving
  // patients (runs do the same in the job queue's replication threads).
  const { seedPatientFactory } = await import('../../seed/arrivals.ts');
  const simulation = {
    loadSnapshot: async () => {
      const s = await readSnapshot(db);
      if (s === null) throw new Error('no region data loaded');
      return s;
    },
    patientFactory: seedPatientFactory,
  };
  if (flags['no-worker'] && config.databaseUrl === undefined)
    throw new StartupError(
      '--no-worker needs DATABASE_URL: with embedded PGlite nothing else can run the jobs',
    );
  const app = createApp({
    db,
    config,
    staticDir: DASHBOARD_DIR,
    log: io.err,
    events: announce,
    simulation,
    jobs: {
      workers: !flags['no-worker'],
      ...(process.env.PGBOSS_SCHEMA ? { schema: process.env.PGBOSS_SCHEMA } : {}),
    },
  });
  const recovered = await app.recover();
  if (recovered > 0) io.out(`opflow: ${recovered} plan(s) left running without a job marked failed`);

  const meta = await getRegionSetMeta(db);
  if (meta === undefined)
    io.out('opflow: no region data yet — load it with `npx opflow seed --load` (or start with --demo)');
  else if (flags.demo && (await listPlans(db, { limit: 1, offset: 0 })).total === 0) {
    // The week of the first plannable day: earlier days are already booked (ADR 0009).
    const calendar = CalendarSettings.parse(meta.calendar);
    const week = isoWeekStringOf(
      firstPlannableDate({ asOfDate: meta.asOfDate, calendar }, DEFAULT_LEAD_DAYS),
    );
    const started = await app.plans.startPlan(
      { userId: 'u-planner', role: 'planner', hospitalId: undefined },
      { week, weeks: 1 },
    );
    firstPlanId = started.planId;
    io.out(
      `opflow: first solve started for ${week} (plan ${started.planId}, job ${started.jobId}); the log says when it is ready`,
    );
  }

  let addr: Awaited<ReturnType<typeof app.listen>>;
  try {
    addr = await app.listen(config.port, config.host);
  } catch (e) {
    await app.close({ reason: 'could not listen', graceMs: 0 }).catch(() => undefined);
    await db.close();
    if ((e as { code?: string }).code === 'EADDRINUSE')
      throw new StartupError(
        `port ${config.port} on ${config.host} is in use — stop that process or set PORT to a free port`,
      );
    throw e;
  }
  const url = `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}/`;
  baseUrl = url;
  io.out(`opflow: listening on ${url}  (API docs: ${url}api/docs)`);
  if (flags.demo) {
    io.out(`opflow: demo logins (password "${DEMO_PASSWORD}"):`);
    for (const u of [
      ['planner@opti.example', 'planner (OpTi)'],
      ['ystad@opti.example', 'coordinator, Ystad'],
      ['vaxjo@opti.example', 'coordinator, Växjö'],
      ['analyst@opti.example', 'analyst (pseudonymised)'],
      ['admin@opti.example', 'admin (audit log)'],
    ])
      io.out(`  ${u[0]?.padEnd(24)} ${u[1]}`);
  }
  if (config.tokenSecretGenerated)
    io.out('opflow: TOKEN_SECRET not set — tokens are signed with a random key and end at restart');

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      io.out(`opflow: ${signal} — shutting down`);
      void (async () => {
        try {
          await app.close({ reason: `server shutting down (${signal})`, graceMs: 5_000 });
        } finally {
          await db.close();
          resolve();
        }
      })();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
};
