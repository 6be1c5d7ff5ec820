// Domain events and who may receive them. The use cases say, per audience, which payload it gets
// (or nothing); api/realtime.ts maps audiences to socket.io rooms. Payloads for analysts must never
// carry personnummer or names (they carry none at all by construction: ids, numbers, phases).
export type EventName =
  | 'solve.progress'
  | 'plan.solved'
  | 'plan.failed'
  | 'plan.status'
  | 'plan.published'
  | 'plan.edited'
  | 'case.decided'
  | 'capacity.changed'
  | 'scenario-run:progress';

export interface Audience {
  /** Planners and admins. */
  planners?: unknown;
  analysts?: unknown;
  /** Every coordinator. */
  coordinators?: unknown;
  /** Coordinators of specific hospitals: hospital id -> payload. */
  hospitals?: ReadonlyMap<string, unknown>;
}

export interface EventSink {
  emit(name: EventName, audience: Audience): void;
}

/** Fan out to several sinks (the socket server, a test recorder, …). */
export function fanOut(...sinks: EventSink[]): EventSink {
  return { emit: (name, audience) => sinks.forEach((s) => s.emit(name, audience)) };
}
