// The live feed: one socket.io connection per session (token in the handshake), its state for the
// header badge, and a tiny event bus the views subscribe to ("refetch on events").
import { io, type Socket } from 'socket.io-client';
import { useEffect, useRef } from 'preact/hooks';
import { store } from './store.ts';
import { expire, session } from './session.ts';

export type LiveState = 'connecting' | 'live' | 'offline';
export const liveState = store<LiveState>('offline');

export const LIVE_EVENTS = [
  'solve.progress',
  'plan.solved',
  'plan.failed',
  'plan.status',
  'plan.published',
  'plan.edited',
  'case.decided',
  'capacity.changed',
  'scenario-run:progress',
] as const;
export type LiveEvent = (typeof LIVE_EVENTS)[number];

type Handler = (name: LiveEvent, payload: Record<string, unknown>) => void;
const handlers = new Set<Handler>();
/** The latest events, newest first, for the live log (screen-reader announcements). */
export const lastEvent = store<{ name: LiveEvent; payload: Record<string, unknown>; n: number } | null>(null);

let socket: Socket | undefined;
let counter = 0;

function dispatch(name: LiveEvent, payload: Record<string, unknown>): void {
  for (const h of [...handlers]) h(name, payload);
  if (name !== 'solve.progress' && name !== 'scenario-run:progress')
    lastEvent.set({ name, payload, n: ++counter });
}

function connect(token: string): void {
  disconnect();
  liveState.set('connecting');
  const s = io({ auth: { token }, transports: ['websocket'], reconnectionDelayMax: 5000 });
  s.on('connect', () => liveState.set('live'));
  s.on('disconnect', () => liveState.set('offline'));
  s.on('connect_error', (e: Error) => {
    liveState.set('offline');
    // The server no longer accepts the token (restarted with a new key, or it expired).
    if (e.message.startsWith('unauthorized')) expire();
  });
  s.io.on('reconnect_attempt', () => liveState.set('connecting'));
  for (const name of LIVE_EVENTS)
    s.on(name, (p: unknown) => dispatch(name, (p ?? {}) as Record<string, unknown>));
  socket = s;
}

function disconnect(): void {
  socket?.removeAllListeners();
  socket?.disconnect();
  socket = undefined;
  liveState.set('offline');
}

session.subscribe((s) => (s === null ? disconnect() : connect(s.token)));
if (session.get() !== null) connect(session.get()!.token);

/** Call `fn` for each of `names` while the component is mounted. */
export function useLive(names: readonly LiveEvent[], fn: Handler): void {
  const ref = useRef(fn);
  ref.current = fn;
  const key = names.join(',');
  useEffect(() => {
    const h: Handler = (name, p) => {
      if (names.includes(name)) ref.current(name, p);
    };
    handlers.add(h);
    return () => {
      handlers.delete(h);
    };
  }, [key]);
}
