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
import { createPlanService, type PlanService } from '../src/planning/plans.ts';
import { createCapacityService } from '../src/planning/capacity.ts';
import { fanOut, type EventSink } from '../src/planning/events.ts';
import { NotFoundError } from '../src/errors.ts';
import { readSnapshot } from '../src/db/snapshotRepo.ts';
import type { SimulationSources } from '../src/scenarios/runs/input.ts';
import { createLocalRunExecutor, type LocalRunExecutor } from '../src/scenarios/runs/localExecutor.ts';
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
import { attachRealtime } from './realtime.ts';
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
  /** What scenario runs simulate from (the composition root injects the patient generator). */
  simulation?: SimulationSources;
}

export interface App {
  app: Express;
  httpServer: HttpServer;
  io: IoServer;
  plans: PlanService;
  auditor: Auditor;
  /** The executor of scenario runs (in-process). */
  scenarioRuns: LocalRunExecutor;
  /** Fail jobs a previous process left running; call once before listening. */
  recover(): Promise<number>;
  listen(port?: number, host?: string): Promise<AddressInfo>;
  /** Stop accepting, stop sockets, give the running solve `graceMs`, fail what is left. Leaves the db open. */
  close(opts?: { reason?: string; graceMs?: number }): Promise<void>;
}

const VERSION = '0.1.0';

export function createApp(opts: AppOptions): App {
  const clock = opts.clock ?? (() => new Date());
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const { db, config } = opts;
  const app = express();
  const httpServer = createServer(app);
  httpServer.on('clientError', answerClientError);
  const sessions = createSessionGuard(db, clock);
  const lockout = createLockout();
  configurePseudonyms(config.pseudonymSecret);
  const realtime = attachRealtime(httpServer, { tokenSecret: config.tokenSecret, clock, sessions });
  const events = opts.events === undefined ? realtime.sink : fanOut(realtime.sink, opts.events);
  const auditor = createAuditor(clock);
  const plans = createPlanService({
    db,
    clock,
    events,
    auditor,
    solveTimeLimitS: config.solveTimeLimitS,
    log,
  });
  const capacity = createCapacityService({ db, auditor, events });
  const scenarioRuns = createLocalRunExecutor({
    db,
    events,
    log,
    clock,
    sources: opts.simulation ?? databaseSources(db),
  });
  const scenarios = createScenarioService({ db, auditor, executor: scenarioRuns });
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
    scenarioRuns,
    recover: () => plans.recover(),
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
        httpServer.closeAllConnections();
        await stopped;
      })()),
  };
}

/** Runs simulate the database's current snapshot; without an injected generator they fail saying so. */
function databaseSources(db: Db): SimulationSources {
  return {
    loadSnapshot: async () => {
      const s = await readSnapshot(db);
      if (s === null) throw new Error('no region data loaded');
      return s;
    },
    patientFactory: () => {
      throw new Error('no generator of arriving patients configured (start the server with `opflow serve`)');
    },
  };
}
