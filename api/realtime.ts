// socket.io on the API's HTTP server. The handshake carries the same bearer token as REST
// (`auth: { token }`); each socket joins the rooms of its role: `planners` (planners, admins),
// `analysts`, `coordinators` and `hospital:<id>`. Events are emitted per audience (src/planning/
// events.ts), so a room only ever receives the payload meant for it.
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { verifyToken } from '../src/auth/token.ts';
import type { Principal } from '../src/auth/roles.ts';
import { SESSION_CACHE_MS, type SessionGuard } from '../src/auth/sessions.ts';
import type { TokenPayload } from '../src/auth/token.ts';
import { zodIssuesToFieldIssues } from '../src/errors.ts';
import type { Audience, EventName, EventSink } from '../src/planning/events.ts';
import { z } from 'zod';
import { Id } from '../src/domain/snapshot.ts';

/** A coordinator's (or planner's) request to follow one hospital's room. */
const SubscribeMessage = z.object({ hospitalId: Id });

export interface Realtime {
  io: Server;
  /** To the sockets of every server (through the adapter on PostgreSQL). */
  sink: EventSink;
  /** To this server's own sockets: events every server already receives (the job event bus). */
  localSink: EventSink;
}

export function roomsFor(p: Principal): string[] {
  switch (p.role) {
    case 'planner':
    case 'admin':
      return ['planners'];
    case 'analyst':
      return ['analysts'];
    case 'coordinator':
      return p.hospitalId === undefined ? ['coordinators'] : ['coordinators', `hospital:${p.hospitalId}`];
  }
}

type Ack = (reply: unknown) => void;

export function attachRealtime(
  httpServer: HttpServer,
  opts: { tokenSecret: string; clock: () => Date; sessions: SessionGuard },
): Realtime {
  const io = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    cors: { origin: false },
  });

  io.use((socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    if (typeof token !== 'string') {
      next(new Error('unauthorized: handshake auth.token required'));
      return;
    }
    void (async () => {
      const t = verifyToken(opts.tokenSecret, token, opts.clock().getTime());
      socket.data.principal = await opts.sessions.check(t);
      socket.data.token = t;
      socket.data.expMs = t.exp * 1000;
    })().then(
      () => next(),
      (e: unknown) => next(new Error(`unauthorized: ${e instanceof Error ? e.message : 'invalid token'}`)),
    );
  });

  // A socket lives no longer than its session: revocations made here disconnect at once; changes
  // made elsewhere (another server, SQL) are found by re-checking every socket, past the cache,
  // every SESSION_CACHE_MS.
  const drop = (socket: Socket, why: string): void => {
    socket.emit('session.ended', { reason: why });
    socket.disconnect(true);
  };
  const unsubscribe = opts.sessions.onRevoked((r) => {
    for (const socket of io.sockets.sockets.values()) {
      const p = socket.data.principal as Principal | undefined;
      if (
        p !== undefined &&
        p.userId === r.userId &&
        (r.sessionId === undefined || r.sessionId === p.sessionId)
      )
        drop(socket, 'revoked');
    }
  });
  let sweeping = false;
  const sweep = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    void Promise.all(
      [...io.sockets.sockets.values()].map(async (socket) => {
        const t = socket.data.token as TokenPayload | undefined;
        if (t === undefined) return;
        try {
          await opts.sessions.check(t, { fresh: true });
        } catch (e) {
          drop(socket, e instanceof Error ? e.message : 'session ended');
        }
      }),
    ).finally(() => (sweeping = false));
  }, SESSION_CACHE_MS);
  sweep.unref();
  const stopSweeps = (): void => {
    clearInterval(sweep);
    unsubscribe();
  };
  httpServer.once('close', stopSweeps);

  io.on('connection', (socket: Socket) => {
    const p = socket.data.principal as Principal;
    void socket.join(roomsFor(p));
    // A socket lives no longer than its token.
    const ttl = Number(socket.data.expMs) - opts.clock().getTime();
    const timer = setTimeout(() => socket.disconnect(true), Math.max(0, Math.min(ttl, 2 ** 31 - 1)));
    socket.on('disconnect', () => clearTimeout(timer));

    socket.on('subscribe', (msg: unknown, ack?: Ack) => {
      const reply = typeof ack === 'function' ? ack : (r: unknown) => socket.emit('error.message', r);
      const parsed = SubscribeMessage.safeParse(msg);
      if (!parsed.success) {
        reply({ ok: false, status: 400, errors: zodIssuesToFieldIssues(parsed.error.issues) });
        return;
      }
      const { hospitalId } = parsed.data;
      if (p.role === 'planner' || p.role === 'admin') {
        reply({
          ok: true,
          rooms: [...socket.rooms].filter((r) => r !== socket.id),
          note: 'planners receive every hospital’s events already',
        });
        return;
      }
      if (p.role === 'coordinator' && p.hospitalId === hospitalId) {
        reply({ ok: true, rooms: [...socket.rooms].filter((r) => r !== socket.id) });
        return;
      }
      reply({
        ok: false,
        status: 403,
        errors: [{ field: 'hospitalId', message: `not allowed to follow ${hospitalId}` }],
      });
    });
  });

  const sinkOf = (local: boolean): EventSink => ({
    emit(name: EventName, a: Audience) {
      const to = (room: string) => (local ? io.local.to(room) : io.to(room));
      if (a.planners !== undefined) to('planners').emit(name, a.planners);
      if (a.analysts !== undefined) to('analysts').emit(name, a.analysts);
      if (a.coordinators !== undefined) to('coordinators').emit(name, a.coordinators);
      for (const [h, payload] of a.hospitals ?? []) to(`hospital:${h}`).emit(name, payload);
    },
  });
  return { io, sink: sinkOf(false), localSink: sinkOf(true) };
}
