// Several servers on one PostgreSQL: socket.io's PostgreSQL adapter carries every room broadcast
// to the other servers' sockets (NOTIFY on a channel per installation; large payloads through the
// socket_io_attachments table of migration 013).
import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Server } from 'socket.io';
import { quoteIdent } from '../src/db/db.ts';

export async function useClusterAdapter(
  io: Server,
  opts: { databaseUrl: string; appSchema: string; jobSchema: string; log?: (line: string) => void },
): Promise<{ close(): Promise<void> }> {
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: 2,
    options: `-c search_path=${quoteIdent(opts.appSchema)}`,
  });
  pool.on('error', (e) => opts.log?.(`socket.io adapter: ${e.message}`));
  io.adapter(
    createAdapter(pool, {
      channelPrefix: `socket.io_${opts.jobSchema}`,
      errorHandler: (e: Error) => opts.log?.(`socket.io adapter: ${e.message}`),
    }),
  );
  return {
    close: async () => {
      await pool.end().catch(() => undefined);
    },
  };
}
