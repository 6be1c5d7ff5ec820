// One process's share of the job system: the pg-boss instance on its database, the event bus to
// the servers, and whether this process runs workers. Created synchronously by a composition root
// (the server, `opflow worker`), started once before use.
import type PgBoss from 'pg-boss';
import type { Db } from '../db/db.ts';
import type { EventSink } from '../planning/events.ts';
import { startBoss } from './boss.ts';
import { channelFor, localBus, postgresBus, type EventBus } from './bus.ts';

export interface JobHostOptions {
  db: Db;
  /** pg-boss's schema. Default: `pgboss`, or the database's own schema when that is not `public`. */
  schema?: string | undefined;
  /** PostgreSQL URL for the event bus's LISTEN connection (absent: PGlite, one process). */
  databaseUrl?: string | undefined;
  /** Run workers in this process (default true). */
  workers?: boolean;
  /** Jobs this process runs at once per queue (default 1: solves and replications are CPU-bound). */
  concurrency?: number;
  /** Servers: where events published by any process are delivered (their own sockets). */
  deliver?: EventSink;
  maintenanceIntervalS?: number;
  log?: (line: string) => void;
}

export interface JobHost {
  readonly db: Db;
  readonly workers: boolean;
  readonly concurrency: number;
  start(): Promise<void>;
  readonly started: boolean;
  boss(): PgBoss;
  schema(): string;
  /** Events raised by jobs: to every server once started. */
  readonly events: EventSink;
  /** Stop fetching and wait up to `graceMs` for running jobs; unfinished ones are left to expire. */
  stop(graceMs: number): Promise<void>;
}

export async function defaultJobSchema(db: Db): Promise<string> {
  if (db.kind === 'pglite') return 'pgboss';
  const { rows } = await db.query<{ s: string }>('SELECT current_schema() AS s');
  const s = rows[0]?.s ?? 'public';
  return s === 'public' ? 'pgboss' : s;
}

export function createJobHost(opts: JobHostOptions): JobHost {
  let boss: PgBoss | undefined;
  let bus: EventBus | undefined;
  let schema: string | undefined;
  let starting: Promise<void> | undefined;
  const fallback = opts.deliver;
  return {
    db: opts.db,
    workers: opts.workers ?? true,
    concurrency: Math.max(1, opts.concurrency ?? 1),
    get started() {
      return boss !== undefined;
    },
    start() {
      starting ??= (async () => {
        schema = opts.schema ?? (await defaultJobSchema(opts.db));
        const b = await startBoss(opts.db, {
          schema,
          ...(opts.maintenanceIntervalS !== undefined
            ? { maintenanceIntervalS: opts.maintenanceIntervalS }
            : {}),
          ...(opts.log !== undefined ? { log: opts.log } : {}),
        });
        bus =
          opts.db.kind === 'postgres' && opts.databaseUrl !== undefined
            ? await postgresBus(opts.db, {
                databaseUrl: opts.databaseUrl,
                channel: channelFor(schema),
                ...(opts.deliver !== undefined ? { deliver: opts.deliver } : {}),
                ...(opts.log !== undefined ? { log: opts.log } : {}),
              })
            : localBus(opts.deliver ?? { emit: () => undefined });
        boss = b;
      })();
      return starting;
    },
    boss() {
      if (boss === undefined) throw new Error('the job queue is not started');
      return boss;
    },
    schema() {
      if (schema === undefined) throw new Error('the job queue is not started');
      return schema;
    },
    events: {
      emit(name, audience) {
        if (bus !== undefined) bus.sink.emit(name, audience);
        else fallback?.emit(name, audience);
      },
    },
    async stop(graceMs) {
      if (starting !== undefined) await starting.catch(() => undefined);
      const b = boss;
      if (b !== undefined) {
        await b.stop({ graceful: true, wait: true, close: false, timeout: Math.max(1000, graceMs) });
      }
      await bus?.close();
    },
  };
}
