// The one shape of a REST route, shared by every slice's routes.ts: a description (method, path,
// roles, zod schemas of params, query, body and response) plus a thin handler that calls the
// slice's service. api/http.ts registers these with Express and api/openapi.ts documents them;
// slices never import api/ (the composition sits above them).
import type { Request } from 'express';
import type { z } from 'zod';
import type { Principal, Role } from '../auth/roles.ts';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface HandlerInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Present on every route except `auth: 'public'`. */
  who: Principal;
  /** Parsed If-Match etag, when the header was sent. */
  ifMatch: number | undefined;
  req: Request;
}

export interface HandlerResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Non-JSON responses: the text and its content type. */
  text?: { contentType: string; value: string };
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** Express path, e.g. `/api/plans/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** `public` (no token), `user` (any role) or the roles allowed. */
  auth: 'public' | 'user' | readonly Role[];
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** The import route also takes text/csv. */
  csvBody?: boolean;
  /** Documented JSON body item when it differs from `body` (the import's rows). */
  docBody?: z.ZodType;
  /** Documented success status and schema. */
  status?: number;
  /** The success body's schema (JSON routes); the API tests parse every response with it. */
  response?: z.ZodType;
  produces?: string;
  /** Honours Idempotency-Key (POSTs that create things). */
  idempotent?: boolean;
  /**
   * A request without an Authorization header may authenticate with a signed link in the query
   * (linkToken.ts): this returns the principal the link names for these params and query, or
   * undefined when the query carries no link (then the usual 401).
   */
  linkAuth?: (input: { params: P; query: Q; secret: string; nowMs: number }) => Principal | undefined;
  handler: (input: HandlerInput<P, Q, B>) => Promise<HandlerResult>;
}

/**
 * A route of a table, its P/Q/B erased: a table mixes routes of different types, and each is
 * type-checked where it is defined (through `route`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any>;

/** Type-checks one route against its own schemas, then erases its types for the table. */
export const route = <P, Q, B>(spec: RouteSpec<P, Q, B>): AnyRoute => spec as AnyRoute;

/** Any signed-in role. */
export const ALL = 'user' as const;

export const etagHeader = (etag: number): Record<string, string> => ({ ETag: `"${etag}"` });
