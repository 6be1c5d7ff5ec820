// The planning service: Express 5 + socket.io on one HTTP server. createApp wires the use cases of
// src/ to the routes; it opens nothing itself (the caller owns the database) and listens only when
// asked, so tests run it on port 0 and `opflow serve` on PORT.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import express, { type Express, type Request, type Response } from 'express';
import type { Server as IoServer } from 'socket.io';
import type { Db } from '../src/db/db.ts';
import type { Config } from '../src/config.ts';
import { createAuditor, type Auditor } from '../src/auth/audit.ts';
import { createSessionGuard } from '../src/auth/sessions.ts';
import { createLockout } from '../src/auth/lockout.ts';
import { configurePseudonyms } from '../src/auth/scoping.ts';
import { createPlanService, type PlanService } from '../src/plans/service.ts';
import { createCapacityService } from '../src/capacity/service.ts';
import { fanOut, type EventSink } from '../src/planning/events.ts';
import { NotFoundError } from '../src/errors.ts';
import { readSnapshot } from '../src/db/snapshotRepo.ts';
import type { SimulationSources } from '../src/scenarios/runs/input.ts';
import { createScenarioService } from '../src/scenarios/service.ts';
import {
  answerClientError,
  errorMiddleware,
  loginRateLimit,
  register,
  requestId,
  securityHeaders,
  type HttpDeps,
} from './http.ts';
import { routes } from './routes.ts';
import type { AnyRoute } from '../src/http/route.ts';
import { attachRealtime } from './realtime.ts';
import { createJobHost, type JobHost } from '../src/jobs/host.ts';
import { useClusterAdapter } from './cluster.ts';
import { createQueueRunExecutor, type QueueRunExecutor } from '../src/scenarios/runs/queueExecutor.ts';
import { docsHtml, openApiDocument } from './openapi.ts';

export interface AppOptions {
  db: Db;
  config: Config;
  clock?: () => Date;
  /** Extra event sinks besides socket.io (e.g. a test recorder). */
  events?: EventSink;
  /** Serve this folder at `/` when it exists (the dashboard build). */
  staticDir?: string;
  log?: (line: string) => void;
  /** The job queue (ADR 0019): schema (default: see defaultJobSchema), workers here (default yes). */
  jobs?: { schema?: string; workers?: boolean; concurrency?: number; databaseUrl?: string };
  /**
   * The base snapshot of scenario runs and inverse questions (default: the database's current
   * one). Only `loadSnapshot` is used: the patient generator comes with the job threads' module.
   */
  simulation?: SimulationSources;
}

export interface App {
  app: Express;
  httpServer: HttpServer;
  io: IoServer;
  plans: PlanService;
  auditor: Auditor;
  /** The route table (the slices' routes), e.g. for tests that check responses against it. */
  routes: readonly AnyRoute[];
  jobs: JobHost;
  /** Scenario runs on the job queue (the service's one RunExecutor). */
  runs: QueueRunExecutor;
  /** Inverse questions (least capacity for a target): jobs on the same queue, stored in the database. */
  inverses: { idle(): Promise<void> };
  /**
   * Start the job queue, this server's workers and (PostgreSQL) the socket.io cluster adapter; call
   * once before listening. Fails nothing another server runs (ADR 0019); returns the count of plans
   * found running without any job, which are failed.
   */
  recover(): Promise<number>;
  listen(port?: number, host?: string): Promise<AddressInfo>;
  /** Stop accepting, stop sockets, give the running solve `graceMs`, fail what is left. Leaves the db open. */
  close(opts?: { reason?: string; graceMs?: number }): Promise<void>;
}

const VERSION = '0.1.0';
/** The persistent worker-thread module of scenario jobs (it brings the seed's patient generator). */
const SCENARIO_THREAD = new URL('../src/cli/scenarioThread.ts', import.meta.url);

export function createApp(opts: AppOptions): App {
  const clock = opts.clock ?? (() => new Date());
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { db, config } = opts;
  const app = express();
  const httpServer = createServer(app);
  httpServer.on('clientError', answerClientError);
  const sessions = createSessionGuard(db, clock);
  const lockout = createLockout(db);
  configurePseudonyms(config.pseudonymSecret);
  const realtime = attachRealtime(httpServer, { tokenSecret: config.tokenSecret, clock, sessions });
  const events = opts.events === undefined ? realtime.sink : fanOut(realtime.sink, opts.events);
  const databaseUrl = opts.jobs?.databaseUrl ?? config.databaseUrl;
  const jobs = createJobHost({
    db,
    schema: opts.jobs?.schema,
    databaseUrl,
    ...(opts.jobs?.workers !== undefined ? { workers: opts.jobs.workers } : {}),
    ...(opts.jobs?.concurrency !== undefined ? { concurrency: opts.jobs.concurrency } : {}),
    // Events from jobs reach every server through the bus; each hands them to its own sockets.
    deliver: opts.events === undefined ? realtime.localSink : fanOut(realtime.localSink, opts.events),
    log,
  });
  let cluster: { close(): Promise<void> } | undefined;
  const runs = createQueueRunExecutor({
    host: jobs,
    sources: {
      loadSnapshot:
        opts.simulation?.loadSnapshot ??
        (async () => {
          const s = await readSnapshot(db);
          if (s === null) throw new NotFoundError('no region snapshot loaded');
          return s;
        }),
    },
    threadModule: SCENARIO_THREAD,
    log,
  });
  const auditor = createAuditor(clock);
  const plans = createPlanService({
    db,
    clock,
    events,
    auditor,
    solveTimeLimitS: config.solveTimeLimitS,
    jobs,
    log,
  });
  const capacity = createCapacityService({ db, auditor, events });
  // Runs and inverse questions are jobs on the queue, computed by any process with workers.
  const scenarios = createScenarioService({ db, auditor, executor: runs });
  const httpDeps: HttpDeps = { db, tokenSecret: config.tokenSecret, clock, sessions, auditor };

  app.disable('x-powered-by');
  // Only plans carry an ETag (their version, for If-Match); Express's body hashes would confuse that.
  app.set('etag', false);
  // X-Forwarded-For counts only from the proxies TRUST_PROXY names (none by default), so a client
  // cannot choose the address its login attempts are counted under.
  app.set('trust proxy', config.trustProxy);
  app.use(requestId);
  app.use(securityHeaders);
  app.use('/api', (_req, res, next) => {
    // Patient data must not linger in caches.
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(express.json({ limit: config.bodyLimitBytes, type: ['application/json', 'application/*+json'] }));
  app.use(express.text({ limit: config.bodyLimitBytes, type: ['text/csv', 'text/plain'] }));
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  app.use('/api/auth/login', loginRateLimit(config.loginRateLimitPerMin, clock));

  const table = routes({ db, config, clock, auditor, plans, capacity, sessions, lockout, scenarios });
  const router = express.Router();
  for (const spec of table) register(router, spec, httpDeps);
  const doc = openApiDocument(table, { version: VERSION });
  router.get('/api/openapi.json', (_req, res) => {
    res.json(doc);
  });
  router.get('/api/docs', (_req, res) => {
    res.type('html').send(docsHtml(table));
  });
  router.get('/api/health', (_req, res) => {
    res.json({ ok: true, version: VERSION });
  });
  app.use(router);

  app.use('/api', (req: Request) => {
    throw new NotFoundError(`no route ${req.method} ${req.originalUrl}`);
  });
  if (opts.staticDir !== undefined && existsSync(opts.staticDir)) {
    app.use(express.static(opts.staticDir, { index: 'index.html', maxAge: '1h' }));
  } else {
    app.get('/', (_req: Request, res: Response) => {
      res
        .type('html')
        .send(
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>opflow</title></head><body><h1>opflow planning service</h1><p>The API is up. See <a href="/api/docs">/api/docs</a>.</p></body></html>',
        );
    });
  }
  app.use((req: Request) => {
    throw new NotFoundError(`no route ${req.method} ${req.originalUrl}`);
  });
  app.use(errorMiddleware(log));

  let closing: Promise<void> | undefined;
  return {
    app,
    httpServer,
    io: realtime.io,
    plans,
    auditor,
    routes: table,
    jobs,
    runs,
    inverses: { idle: () => runs.inversesIdle() },
    recover: async () => {
      await jobs.start();
      if (db.kind === 'postgres' && databaseUrl !== undefined && cluster === undefined)
        cluster = await useClusterAdapter(realtime.io, {
          databaseUrl,
          appSchema: (await db.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]?.s ?? 'public',
          jobSchema: jobs.schema(),
          log,
        });
      await runs.startWorkers();
      return plans.recover();
    },
    listen: (port = config.port, host = config.host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve(httpServer.address() as AddressInfo);
        });
      }),
    close: (o = {}) =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((resolve) =>
          httpServer.listening ? httpServer.close(() => resolve()) : resolve(),
        );
        // io.close() also closes the HTTP server it is attached to; sockets are told to go away.
        await realtime.io.close();
        httpServer.closeIdleConnections();
        await plans.shutdown(o.reason ?? 'server shutting down', o.graceMs ?? 10_000);
        await runs.stopWorkers(o.graceMs ?? 10_000);
        await jobs.stop(o.graceMs ?? 10_000);
        await cluster?.close();
        httpServer.closeAllConnections();
        await stopped;
      })()),
  };
}
