// The real opflow server for browser tests: the dashboard built with Vite's JS API, an in-memory
// PGlite loaded with the small snapshot and the demo users, and createApp on an ephemeral port.
import { fileURLToPath } from 'node:url';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { build } from 'vite';
import { createApp, type App } from '../../api/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDb } from '../../src/db/index.ts';
import type { Db } from '../../src/db/db.ts';
import { loadSnapshot } from '../../src/db/load.ts';
import { listHospitals } from '../../src/reference/repo.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../../src/users/service.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';
import { readSnapshot } from '../../src/db/snapshotRepo.ts';
import { seedPatientFactory } from '../../seed/arrivals.ts';
import type { RegionSnapshot } from '../../src/domain/snapshot.ts';

export const DASHBOARD_CONFIG = fileURLToPath(new URL('../../dashboard/vite.config.ts', import.meta.url));
/**
 * Each test process builds the dashboard into its own folder: the e2e files run in parallel, and a
 * build empties its output folder first, so a shared dashboard/dist could vanish under another
 * file's open page.
 */
export const DASHBOARD_DIST = `${join(tmpdir(), `opflow-e2e-dashboard-${process.pid}`)}${sep}`;
export { DEMO_PASSWORD };

/**
 * The production bundle, as `npm run build:dashboard` makes it. Vitest sets NODE_ENV=test, which
 * would make Vite resolve the libraries' development builds (a third larger); build as production.
 */
export async function buildDashboard(): Promise<void> {
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: DASHBOARD_CONFIG,
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: DASHBOARD_DIST, emptyOutDir: true },
    });
    process.once('exit', () => rmSync(DASHBOARD_DIST, { recursive: true, force: true }));
  } finally {
    process.env.NODE_ENV = env;
  }
}

export interface E2eServer {
  base: string;
  app: App;
  db: Db;
  /** A bearer token for a demo user, for setting the scene through the API. */
  token(email: string): Promise<string>;
  call<T = unknown>(
    token: string,
    method: string,
    path: string,
    o?: { body?: unknown; ifMatch?: number },
  ): Promise<{ status: number; json: T }>;
  close(): Promise<void>;
}

export async function startServer(snapshot: RegionSnapshot = smallSnapshot()): Promise<E2eServer> {
  const db = await openDb({ dataDir: 'memory://' });
  await loadSnapshot(db, snapshot);
  await seedDemoUsers(db, await listHospitals(db));
  const config = loadConfig({
    PORT: '0',
    TOKEN_SECRET: 'e2e-'.repeat(10),
    LOGIN_RATE_LIMIT_PER_MIN: '1000',
    SOLVE_TIME_LIMIT_S: '20',
  });
  const app = createApp({
    db,
    config,
    staticDir: DASHBOARD_DIST,
    log: () => undefined,
    // Scenario runs simulate the loaded snapshot with the seed's generator of arriving patients.
    simulation: {
      loadSnapshot: async () => (await readSnapshot(db)) ?? Promise.reject(new Error('no snapshot')),
      patientFactory: seedPatientFactory,
    },
  });
  await app.recover();
  const addr = await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${addr.port}`;
  const call: E2eServer['call'] = async (token, method, path, o = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    if (o.ifMatch !== undefined) headers['if-match'] = `"${o.ifMatch}"`;
    const res = await fetch(base + path, {
      method,
      headers,
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, json: (text === '' ? undefined : JSON.parse(text)) as never };
  };
  return {
    base,
    app,
    db,
    call,
    token: async (email) => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: DEMO_PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
    close: async () => {
      await app.close({ graceMs: 0 });
      await db.close();
    },
  };
}
