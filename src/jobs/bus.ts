// Events between processes. A job's events (solve progress, a stored replication) are raised in
// whichever process runs the job — a server or an `opflow worker` — but must reach the dashboards
// connected to every server. On PostgreSQL they travel as NOTIFY on one channel, which every
// server LISTENs to and hands to its own sockets only; on embedded PGlite there is one process and
// the bus delivers directly.
import pg from 'pg';
import type { Db } from '../db/db.ts';
import type { Audience, EventName, EventSink } from '../planning/events.ts';

export interface EventBus {
  /** Publish to every server (this one included). */
  readonly sink: EventSink;
  close(): Promise<void>;
}

interface Wire {
  name: EventName;
  planners?: unknown;
  analysts?: unknown;
  coordinators?: unknown;
  hospitals?: [string, unknown][];
}

const toWire = (name: EventName, a: Audience): Wire => ({
  name,
  ...(a.planners !== undefined ? { planners: a.planners } : {}),
  ...(a.analysts !== undefined ? { analysts: a.analysts } : {}),
  ...(a.coordinators !== undefined ? { coordinators: a.coordinators } : {}),
  ...(a.hospitals !== undefined ? { hospitals: [...a.hospitals] } : {}),
});

const fromWire = (w: Wire): Audience => ({
  ...(w.planners !== undefined ? { planners: w.planners } : {}),
  ...(w.analysts !== undefined ? { analysts: w.analysts } : {}),
  ...(w.coordinators !== undefined ? { coordinators: w.coordinators } : {}),
  ...(w.hospitals !== undefined ? { hospitals: new Map(w.hospitals) } : {}),
});

/** The channel of one opflow installation (its job schema), so test schemas do not hear each other. */
export const channelFor = (schema: string): string => `opflow_events_${schema}`.slice(0, 63);

/** One process: publishing is delivering. */
export function localBus(deliver: EventSink): EventBus {
  return { sink: deliver, close: async () => undefined };
}

/**
 * PostgreSQL: publish with pg_notify through `db`; when `deliver` is given, LISTEN on a dedicated
 * connection and hand every event (from any process) to it. A worker publishes only.
 */
export async function postgresBus(
  db: Db,
  opts: { databaseUrl: string; channel: string; deliver?: EventSink; log?: (line: string) => void },
): Promise<EventBus> {
  let client: pg.Client | undefined;
  if (opts.deliver !== undefined) {
    const deliver = opts.deliver;
    client = new pg.Client({ connectionString: opts.databaseUrl });
    client.on('error', (e) => opts.log?.(`event bus: ${e.message}`));
    client.on('notification', (n) => {
      if (n.channel !== opts.channel || n.payload === undefined) return;
      try {
        const w = JSON.parse(n.payload) as Wire;
        deliver.emit(w.name, fromWire(w));
      } catch (e) {
        opts.log?.(`event bus: unreadable event (${e instanceof Error ? e.message : String(e)})`);
      }
    });
    await client.connect();
    await client.query(`LISTEN "${opts.channel}"`);
  }
  return {
    sink: {
      emit(name, audience) {
        db.query('SELECT pg_notify($1, $2)', [opts.channel, JSON.stringify(toWire(name, audience))]).catch(
          (e: unknown) => opts.log?.(`event bus: ${e instanceof Error ? e.message : String(e)}`),
        );
      },
    },
    close: async () => {
      await client?.end().catch(() => undefined);
    },
  };
}
