// `opflow serve`: the planning server. Opens the database (PostgreSQL with DATABASE_URL, else
// PGlite in DATA_DIR), listens on PORT and shuts down gracefully. Only with `--demo` (what
// `npm start` runs) does it load the Södra seed into an empty database, create the demo users
// (known password) and start a first solve; without it no account with a known password is ever
// created — the first admin comes from `opflow user create` (README).
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseFlags } from './args.ts';
import type { Command } from './main.ts';
import { loadConfig } from '../config.ts';
import { openDb } from '../db/index.ts';
import { loadSnapshot } from '../db/load.ts';
import { getAsOfDate, listHospitals } from '../db/referenceRepo.ts';
import { countUsers } from '../db/userRepo.ts';
import { listPlans } from '../db/planRepo.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../auth/users.ts';
import { addDays, isoWeekStringOf } from '../calendar/isoWeek.ts';
// The CLI is the composition root: the one place in src/ allowed to start the HTTP layer.
// eslint-disable-next-line no-restricted-imports
import { createApp } from '../../api/app.ts';

const DASHBOARD_DIR = fileURLToPath(new URL('../../dashboard/dist/', import.meta.url));

export const run: Command = async (args, io) => {
  const flags = parseFlags(args, { demo: { type: 'boolean', schema: z.boolean().default(false) } });
  const config = loadConfig();
  const db = await openDb({
    ...(config.databaseUrl !== undefined ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
  });
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

  const app = createApp({ db, config, staticDir: DASHBOARD_DIR, log: io.err });
  const recovered = await app.recover();
  if (recovered > 0)
    io.out(
      `opflow: ${recovered} job(s) left running by a previous process marked failed ("server restarted")`,
    );

  const asOf = await getAsOfDate(db);
  if (asOf === undefined)
    io.out('opflow: no region data yet — load it with `npx opflow seed --load` (or start with --demo)');
  else if (flags.demo && (await listPlans(db, { limit: 1, offset: 0 })).total === 0) {
    const week = isoWeekStringOf(addDays(asOf, 7));
    const started = await app.plans.startPlan(
      { userId: 'u-planner', role: 'planner', hospitalId: undefined },
      { week, weeks: 1 },
    );
    io.out(`opflow: first solve started for ${week} (plan ${started.planId}, job ${started.jobId})`);
  }

  const addr = await app.listen(config.port, config.host);
  const url = `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}/`;
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
