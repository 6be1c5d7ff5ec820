/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies are asserted structurally */
// A running planning service for API tests: a database variant (PGlite, or PostgreSQL with
// DATABASE_URL), the small snapshot, one user per role, the app on an ephemeral loopback port,
// an in-process event recorder and a fetch helper that keeps every raw response body per role.
import { afterAll, beforeAll } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createApp, type App } from '../../api/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { loadSnapshot } from '../../src/db/load.ts';
import { createUser } from '../../src/users/service.ts';
import type { Audience, EventName, EventSink } from '../../src/planning/events.ts';
import type { DbVariant, TestDb } from '../helpers/db.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';
import { responseMismatch } from '../helpers/responses.ts';
import { readSnapshot } from '../../src/db/snapshotRepo.ts';
import { seedPatientFactory } from '../../seed/arrivals.ts';

export const PASSWORD = 'test-password-1';
export const USERS = {
  planner: { email: 'planner@test.example', role: 'planner' },
  hassleholm: { email: 'hassleholm@test.example', role: 'coordinator', hospitalId: 'h-hassleholm' },
  vaxjo: { email: 'vaxjo@test.example', role: 'coordinator', hospitalId: 'h-vaxjo' },
  analyst: { email: 'analyst@test.example', role: 'analyst' },
  admin: { email: 'admin@test.example', role: 'admin' },
} as const;
export type UserKey = keyof typeof USERS;

/** Personnummer / samordningsnummer anywhere in a text. */
export const PERSONNUMMER_RE = /\d{8}[-+]\d{4}/;

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface Recorded {
  name: EventName;
  audience: Audience;
}

export class EventRecorder implements EventSink {
  readonly events: Recorded[] = [];
  private waiters: { pred: (e: Recorded) => boolean; resolve: (e: Recorded) => void }[] = [];
  emit(name: EventName, audience: Audience): void {
    const e = { name, audience };
    this.events.push(e);
    this.waiters = this.waiters.filter((w) => {
      if (!w.pred(e)) return true;
      w.resolve(e);
      return false;
    });
  }
  /** The first matching event, past or future. */
  waitFor(pred: (e: Recorded) => boolean): Promise<Recorded> {
    const seen = this.events.find(pred);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }
}

export interface Harness {
  db: TestDb;
  app: App;
  config: Config;
  base: string;
  events: EventRecorder;
  tokens: Record<UserKey, string>;
  /** Raw bodies received per user, for leak checks. */
  bodies: Record<UserKey, string[]>;
  call(
    who: UserKey | undefined,
    method: string,
    path: string,
    opts?: { body?: unknown; text?: string; contentType?: string; headers?: Record<string, string> },
  ): Promise<Reply>;
  socket(who: UserKey): Promise<Socket>;
  /** Start a solve for 2026-W11 as the planner and wait for its result. */
  solvedPlan(week?: string): Promise<{ planId: number; jobId: number }>;
}

export function useHarness(
  variant: DbVariant,
  opts: { env?: Record<string, string>; clock?: () => Date } = {},
): () => Harness {
  let h: Harness | undefined;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    const db = await variant.open();
    await loadSnapshot(db, smallSnapshot());
    for (const [key, u] of Object.entries(USERS)) {
      await createUser(db, {
        id: `u-${key}`,
        email: u.email,
        displayName: key,
        role: u.role,
        hospitalId: 'hospitalId' in u ? u.hospitalId : undefined,
        password: PASSWORD,
      });
    }
    const config = loadConfig({
      PORT: '0',
      TOKEN_SECRET: 'x'.repeat(40),
      LOGIN_RATE_LIMIT_PER_MIN: '1000',
      SOLVE_TIME_LIMIT_S: '20',
      ...opts.env,
    });
    const events = new EventRecorder();
    const app = createApp({
      db,
      config,
      events,
      ...(opts.clock ? { clock: opts.clock } : {}),
      log: () => undefined,
      simulation: {
        loadSnapshot: async () => (await readSnapshot(db)) ?? Promise.reject(new Error('no snapshot')),
        patientFactory: seedPatientFactory,
      },
    });
    await app.recover();
    const addr = await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${addr.port}`;
    const bodies = Object.fromEntries(Object.keys(USERS).map((k) => [k, [] as string[]])) as Record<
      UserKey,
      string[]
    >;
    const tokens = {} as Record<UserKey, string>;
    const call: Harness['call'] = async (who, method, path, o = {}) => {
      const headers: Record<string, string> = { ...o.headers };
      if (who !== undefined && tokens[who] !== undefined) headers.authorization = `Bearer ${tokens[who]}`;
      let body: string | undefined;
      if (o.text !== undefined) {
        body = o.text;
        headers['content-type'] = o.contentType ?? 'text/csv';
      } else if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] = 'application/json';
      }
      const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      if (who !== undefined) bodies[who].push(text);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const mismatch = responseMismatch(
        app.routes,
        method,
        path,
        res.status,
        res.headers.get('content-type'),
        json,
      );
      if (mismatch !== undefined) throw new Error(mismatch);
      return { status: res.status, headers: res.headers, text, json };
    };
    for (const key of Object.keys(USERS) as UserKey[]) {
      const r = await call(undefined, 'POST', '/api/auth/login', {
        body: { email: USERS[key].email, password: PASSWORD },
      });
      if (r.status !== 200) throw new Error(`login ${key}: ${r.status} ${r.text}`);
      tokens[key] = r.json.token;
    }
    h = {
      db,
      app,
      config,
      base,
      events,
      tokens,
      bodies,
      call,
      socket: (who) =>
        new Promise((resolve, reject) => {
          const s = ioClient(base, {
            auth: { token: tokens[who] },
            transports: ['websocket'],
            reconnection: false,
          });
          sockets.push(s);
          s.on('connect', () => resolve(s));
          s.on('connect_error', reject);
        }),
      solvedPlan: async (week = '2026-W11') => {
        // The small snapshot's weeks lie within the default lead time: plan them without one.
        const r = await call('planner', 'POST', '/api/plans', { body: { week, leadDays: 0 } });
        if (r.status !== 202) throw new Error(`POST /api/plans: ${r.status} ${r.text}`);
        const planId = r.json.planId as number;
        await events.waitFor(
          (e) =>
            (e.name === 'plan.solved' || e.name === 'plan.failed') &&
            (e.audience.planners as { planId: number }).planId === planId,
        );
        return r.json;
      },
    };
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await h?.app.close({ graceMs: 0 });
    await h?.db.dispose();
  });
  return () => {
    if (h === undefined) throw new Error(`${variant.name}: harness not started`);
    return h;
  };
}
