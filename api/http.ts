// The HTTP plumbing shared by every route: a route table (used both to register Express handlers
// and to generate the OpenAPI document), zod parsing of params/query/body, authentication,
// Idempotency-Key handling, and the single error middleware (RFC 9457 problem+json).
import { createHash, randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { NextFunction, Request, Response, Router } from 'express';
import type { z } from 'zod';
import {
  AppError,
  ConcealedRefusalError,
  ConflictError,
  ForbiddenError,
  UnauthorizedError,
  ValidationError,
  summariseIssues,
  zodIssuesToFieldIssues,
  type FieldIssue,
} from '../src/errors.ts';
import { verifyToken } from '../src/auth/token.ts';
import type { Principal } from '../src/auth/roles.ts';
import type { AnyRoute } from '../src/http/route.ts';
import type { SessionGuard } from '../src/auth/sessions.ts';
import type { Auditor } from '../src/auth/audit.ts';
import { TooManyRequestsError } from '../src/auth/lockout.ts';
import { isSafeText } from '../src/domain/safeText.ts';
import type { Db } from '../src/db/db.ts';
import { findIdempotent, saveIdempotent } from '../src/db/idempotencyRepo.ts';
import { unsafeTextIssues } from '../src/domain/safeText.ts';

export interface HttpDeps {
  db: Db;
  tokenSecret: string;
  clock: () => Date;
  sessions: SessionGuard;
  auditor: Auditor;
}

const parseWith = <T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T => {
  if (schema === undefined) return undefined as T;
  const r = schema.safeParse(value);
  // Backstop behind the schemas' own safeText refinements: no string reaches a handler that the
  // database could not store (NUL, lone surrogates), whatever a schema forgot.
  const unsafe = r.success ? unsafeTextIssues(r.data, where) : [];
  if (r.success && unsafe.length === 0) return r.data;
  const issues = r.success ? unsafe : zodIssuesToFieldIssues(r.error.issues, where);
  throw new ValidationError(`invalid ${where}: ${summariseIssues(issues)}`, issues);
};

/** The principal of a bearer token that is genuine, current, and whose session is still good. */
export async function principalOf(req: Request, deps: HttpDeps): Promise<Principal> {
  const h = req.get('authorization');
  if (h === undefined) throw new UnauthorizedError('missing Authorization: Bearer <token>');
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (m === null) throw new UnauthorizedError('expected Authorization: Bearer <token>');
  const t = verifyToken(deps.tokenSecret, m[1] as string, deps.clock().getTime());
  return deps.sessions.check(t);
}

export const BREAK_GLASS_HEADER = 'x-break-glass-reason';

/**
 * Break-the-glass: an admin sees identities only when the request states why (10–500 characters
 * in X-Break-Glass-Reason); the reason is written to the audit log before the request runs.
 */
async function breakGlass(req: Request, who: Principal, deps: HttpDeps): Promise<Principal> {
  const reason = req.get(BREAK_GLASS_HEADER)?.trim();
  if (reason === undefined || who.role !== 'admin') return who;
  if (reason.length < 10 || reason.length > 500 || !isSafeText(reason))
    throw new ValidationError('X-Break-Glass-Reason: state the reason in 10–500 characters', [
      { field: `header.${BREAK_GLASS_HEADER}`, message: '10–500 characters of text' },
    ]);
  await deps.auditor.log(deps.db, who, {
    action: 'break-the-glass',
    details: { reason, method: req.method, path: req.path },
  });
  return { ...who, breakGlassReason: reason };
}

export function parseIfMatch(req: Request): number | undefined {
  const h = req.get('if-match');
  if (h === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(h);
  if (m === null)
    throw new ValidationError('If-Match: expected the plan etag, e.g. "3"', [
      { field: 'header.if-match', message: 'expected an etag such as "3"' },
    ]);
  return Number(m[1]);
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

export function register(router: Router, spec: AnyRoute, deps: HttpDeps): void {
  router[spec.method](spec.path, async (req: Request, res: Response) => {
    let who: Principal | undefined;
    try {
      await handle(spec, deps, req, res, (p) => (who = p));
    } catch (e) {
      // A refusal is itself an access event worth keeping (who tried what).
      if (e instanceof ForbiddenError || e instanceof ConcealedRefusalError)
        await deps.auditor.log(deps.db, who, {
          action: 'access.denied',
          details: {
            method: req.method,
            path: req.path,
            detail: e instanceof ConcealedRefusalError ? e.auditDetail : e.message,
          },
        });
      throw e;
    }
  });
}

async function handle(
  spec: AnyRoute,
  deps: HttpDeps,
  req: Request,
  res: Response,
  identified: (p: Principal) => void,
): Promise<void> {
  let who: Principal;
  let params: unknown;
  let query: unknown;
  if (spec.linkAuth !== undefined && req.get('authorization') === undefined) {
    // A signed link is checked against the parsed params and query it must match.
    params = parseWith(spec.params, req.params, 'params');
    query = parseWith(spec.query, req.query ?? {}, 'query');
    const nowMs = deps.clock().getTime();
    const linked = spec.linkAuth({ params, query, secret: deps.tokenSecret, nowMs });
    if (linked !== undefined) await deps.sessions.checkUser(linked);
    who = linked ?? (await principalOf(req, deps));
  } else {
    who = spec.auth === 'public' ? (undefined as unknown as Principal) : await principalOf(req, deps);
    params = parseWith(spec.params, req.params, 'params');
    query = parseWith(spec.query, req.query ?? {}, 'query');
  }
  if (who !== undefined) {
    identified(who);
    who = await breakGlass(req, who, deps);
  }
  if (Array.isArray(spec.auth) && !spec.auth.includes(who.role)) {
    throw new ForbiddenError(`${spec.method.toUpperCase()} ${spec.path}: not allowed for role ${who.role}`);
  }
  let rawBody: unknown = req.body;
  if (spec.csvBody === true && typeof rawBody === 'string') rawBody = { kind: 'csv', text: rawBody };
  else if (spec.csvBody === true) rawBody = { kind: 'json', rows: rawBody };
  const body =
    spec.body !== undefined && spec.method !== 'get'
      ? parseWith(spec.body, rawBody ?? {}, 'body')
      : undefined;
  const ifMatch = parseIfMatch(req);

  const key = spec.idempotent === true ? req.get('idempotency-key') : undefined;
  let fingerprint = '';
  if (key !== undefined) {
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new ValidationError('Idempotency-Key: 1–128 characters of letters, digits and . _ : -', [
        { field: 'header.idempotency-key', message: 'invalid key' },
      ]);
    }
    fingerprint = createHash('sha256')
      .update(
        `${req.method} ${req.originalUrl}\n${typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? null)}`,
      )
      .digest('hex');
    const prior = await findIdempotent(deps.db, who.userId, key);
    if (prior !== undefined) {
      if (prior.fingerprint !== fingerprint)
        throw new ConflictError('Idempotency-Key was already used for a different request');
      res.status(prior.status).set('Idempotent-Replayed', 'true').json(prior.body);
      return;
    }
  }
  const out = await spec.handler({ params, query, body, who, ifMatch, req });
  const status = out.status ?? spec.status ?? 200;
  if (key !== undefined && status < 300) {
    await saveIdempotent(
      deps.db,
      who.userId,
      key,
      { fingerprint, status, body: out.body ?? null },
      deps.clock(),
    );
  }
  res.status(status);
  for (const [k, v] of Object.entries(out.headers ?? {})) res.set(k, v);
  if (out.text !== undefined) res.type(out.text.contentType).send(out.text.value);
  else if (out.body === undefined) res.end();
  else res.json(out.body);
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Content Too Large',
  431: 'Request Header Fields Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId: string;
  errors?: FieldIssue[];
  [k: string]: unknown;
}

export function sendProblem(
  req: Request,
  res: Response,
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
): void {
  const body: Problem = {
    type: `https://opflow.example/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: req.originalUrl,
    code,
    requestId: String(res.locals.requestId ?? ''),
    ...extra,
  };
  res.status(status).type('application/problem+json').send(JSON.stringify(body));
}

/** Body-parser errors carry `type` and `status`; map them to problems naming the body. */
interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

export function errorMiddleware(log: (line: string) => void) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) {
      res.end();
      return;
    }
    if (err instanceof ValidationError) {
      sendProblem(req, res, 400, err.code, err.message, { errors: err.issues });
      return;
    }
    // 501: a feature this server is not configured for (its error says which, in its title).
    if (err instanceof AppError && (err.status < 500 || err.status === 501)) {
      const extra: Record<string, unknown> = {};
      const d = err.details ?? {};
      if (Array.isArray(d.violations)) extra.violations = d.violations;
      if (Array.isArray(d.rules)) extra.rules = d.rules;
      if (typeof d.etag === 'number') extra.etag = d.etag;
      // A refused plan edit names its rule and the values the plain-words message needs.
      if (typeof d.rule === 'string') extra.rule = d.rule;
      if (d.params !== null && typeof d.params === 'object') extra.params = d.params;
      if (typeof d.field === 'string') extra.field = d.field;
      if (typeof d.title === 'string') extra.title = d.title;
      if (typeof d.publishedVersion === 'number') extra.publishedVersion = d.publishedVersion;
      if (err.status === 401) res.set('WWW-Authenticate', 'Bearer');
      if (err instanceof TooManyRequestsError) res.set('Retry-After', String(err.retryAfterS));
      sendProblem(req, res, err.status, err.code, err.message, extra);
      return;
    }
    // Express's own client errors (a path parameter that is not valid percent-encoded UTF-8 →
    // URIError with status 400) carry a status but no body-parser type.
    const httpErr = err as { status?: unknown; statusCode?: unknown; type?: unknown; message?: unknown };
    const st = typeof httpErr?.status === 'number' ? httpErr.status : httpErr?.statusCode;
    if (
      httpErr !== null &&
      typeof httpErr === 'object' &&
      httpErr.type === undefined &&
      typeof st === 'number' &&
      st >= 400 &&
      st < 500
    ) {
      const detail = err instanceof URIError ? 'the URL is not valid percent-encoded UTF-8' : 'bad request';
      sendProblem(req, res, st, 'bad_request', detail, { errors: [{ field: 'url', message: detail }] });
      return;
    }
    const bp = err as BodyParserError;
    if (
      bp !== null &&
      typeof bp === 'object' &&
      typeof bp.type === 'string' &&
      typeof bp.status === 'number' &&
      bp.status < 500
    ) {
      const status = bp.status;
      const code =
        bp.type === 'entity.too.large'
          ? 'body_too_large'
          : bp.type === 'entity.parse.failed'
            ? 'validation_failed'
            : 'bad_body';
      const detail =
        bp.type === 'entity.parse.failed'
          ? 'the request body is not valid JSON'
          : (bp.message ?? 'bad request body');
      sendProblem(req, res, status, code, detail, { errors: [{ field: 'body', message: detail }] });
      return;
    }
    log(
      `[${String(res.locals.requestId)}] ${req.method} ${req.originalUrl} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    sendProblem(
      req,
      res,
      500,
      'internal',
      `internal error; quote request id ${String(res.locals.requestId)} when reporting it`,
    );
  };
}

export function requestId(req: Request, res: Response, next: NextFunction): void {
  const given = req.get('x-request-id');
  const id = given !== undefined && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
  res.locals.requestId = id;
  res.set('X-Request-Id', id);
  next();
}

export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  });
  res.removeHeader('X-Powered-By');
  next();
}

/** Fixed-window login limiter per client address (in memory: one process). */
export function loginRateLimit(perMin: number, clock: () => Date) {
  const hits = new Map<string, { windowStart: number; count: number }>();
  return (req: Request, res: Response, next: NextFunction): void => {
    const now = clock().getTime();
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const h = hits.get(ip);
    if (h === undefined || now - h.windowStart >= 60_000) {
      hits.set(ip, { windowStart: now, count: 1 });
      if (hits.size > 10_000) for (const [k, v] of hits) if (now - v.windowStart >= 60_000) hits.delete(k);
      next();
      return;
    }
    h.count += 1;
    if (h.count > perMin) {
      const retry = Math.max(1, Math.ceil((h.windowStart + 60_000 - now) / 1000));
      res.set('Retry-After', String(retry));
      sendProblem(req, res, 429, 'rate_limited', `too many login attempts; retry in ${retry} s`);
      return;
    }
    next();
  };
}

/**
 * Errors Node's HTTP parser answers before Express sees the request (headers over 16 KB → 431,
 * malformed requests → 400). Without a listener Node writes a bare status line with no body; this
 * answers problem+json like every other error, then closes the connection.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const code = tooLarge ? 'headers_too_large' : 'bad_request';
  const detail = tooLarge
    ? 'the request headers are larger than the server accepts (16 KB)'
    : 'the request could not be parsed as HTTP';
  const body = JSON.stringify({
    type: `https://opflow.example/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: '',
    code,
    requestId: randomUUID(),
  });
  socket.end(
    `HTTP/1.1 ${status} ${TITLES[status] ?? 'Error'}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
