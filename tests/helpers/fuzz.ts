/* eslint-disable @typescript-eslint/no-explicit-any -- zod internals and JSON bodies are walked structurally */
// The fuzzer of the API, shared by tests/api/fuzz.test.ts (hundreds of requests) and
// bench/security.ts (≥ 10,000 per database). It takes every route of the route table, and for each
// request picks a route, a caller (any role, none, or a forged token) and then params, query and
// body built from the route's own zod schemas: the schema's field names with values drawn from a
// pool of valid ids, dates and numbers mixed with hostile ones (NUL, lone surrogates, invalid
// UTF-8 escapes, huge numbers, wrong types, deep nesting). What it checks is the same everywhere:
// no 5xx, every error is problem+json, and afterwards, in SQL, no write without its audit row.
import fc from 'fast-check';
import type { z } from 'zod';
import type { AnyRoute } from '../../src/http/route.ts';
import { routes } from '../../api/routes.ts';
import type { Db } from '../../src/db/db.ts';

/** The route table as the server builds it (handlers are not called here). */
export function routeTable(): AnyRoute[] {
  const stub = {} as any;
  return routes({
    db: stub,
    config: stub,
    clock: () => new Date(),
    auditor: stub,
    plans: stub,
    capacity: stub,
    sessions: stub,
    lockout: stub,
  });
}

export interface FuzzRequest {
  method: string;
  path: string;
  routePath: string;
  who: string | undefined;
  forged: boolean;
  body: string | undefined;
  contentType: string | undefined;
  headers: Record<string, string>;
}

export interface FuzzPools {
  /** Valid ids of the loaded data: hospitals, theatres, patients, teams, plans, users. */
  ids: string[];
  /** Valid values per path parameter, e.g. `hospitals:id` → hospital ids, `teamId` → team ids. */
  byParam: Record<string, string[]>;
  numbers: number[];
  dates: string[];
  roles: string[];
}

/** Field names of an object schema, looking through refinements, pipes, unions and defaults. */
export function fieldsOf(schema: z.ZodType | undefined): string[] {
  const seen = new Set<string>();
  const walk = (s: any, depth: number): void => {
    if (s === undefined || s === null || depth > 6) return;
    const def = s.def ?? s._def;
    if (s.shape !== undefined && typeof s.shape === 'object')
      for (const k of Object.keys(s.shape)) seen.add(k);
    if (def?.options !== undefined) for (const o of def.options) walk(o, depth + 1);
    if (def?.in !== undefined) walk(def.in, depth + 1);
    if (def?.innerType !== undefined) walk(def.innerType, depth + 1);
    if (def?.schema !== undefined) walk(def.schema, depth + 1);
  };
  walk(schema, 0);
  return [...seen];
}

// Strings a URL path or query can carry, already percent-encoded where they must be.
const HOSTILE_ENCODED = [
  '%00',
  'a%00b',
  '%ED%A0%80', // a UTF-16 surrogate written as UTF-8 (invalid)
  '%FF',
  '%C0%AF',
  '..%2F..%2Fetc',
  '191212121212',
  '9007199254740993',
  '-1',
  '0',
  '1e3',
  '0x10',
  ' ',
  '%20',
  'NaN',
  'x'.repeat(300),
  '%F0%9F%92%A7',
  "';DROP TABLE users;--",
];
const HOSTILE_JSON_STRINGS = [
  'repro \ud800',
  '\udc00',
  'nul\u0000',
  '',
  ' ',
  'x'.repeat(5000),
  '💧',
  '<script>',
];

function encodeLoose(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80'; // a lone surrogate cannot be encoded; send its invalid UTF-8 form instead
  }
}

export function requestArbitrary(table: AnyRoute[], pools: FuzzPools): fc.Arbitrary<FuzzRequest> {
  const validString = fc.oneof(
    fc.constantFrom(...pools.ids),
    fc.constantFrom(...pools.dates),
    fc.constantFrom(...pools.roles),
    fc.constantFrom(
      'accept',
      'reject',
      'accepted',
      'declined',
      'draft',
      'proposed',
      'published',
      'true',
      'csv',
      'json',
    ),
  );
  const anyString = fc.oneof(
    { weight: 4, arbitrary: validString },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_JSON_STRINGS) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  );
  const scalar = fc.oneof(
    { weight: 4, arbitrary: anyString },
    { weight: 2, arbitrary: fc.constantFrom(...pools.numbers) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.constantFrom(1e308, -0, 2 ** 53 + 1, 191212121212, 0.5) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    v: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 6, arbitrary: scalar },
      { weight: 1, arbitrary: fc.array(tie('v'), { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.dictionary(anyString, tie('v'), { maxKeys: 3 }) },
    ),
  })).v;
  const segment = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...pools.ids, ...pools.numbers.map(String)).map(encodeLoose) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_ENCODED) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20, unit: 'binary' }).map(encodeLoose) },
  );
  const queryValue = fc.oneof(
    {
      weight: 5,
      arbitrary: fc.oneof(validString, fc.constantFrom(...pools.numbers.map(String))).map(encodeLoose),
    },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_ENCODED) },
  );
  const who = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom(
        ...Object.keys({ planner: 1, hassleholm: 1, vaxjo: 1, analyst: 1, admin: 1 }),
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant('forged') },
  );

  const perRoute = table
    // Logging out would end the fuzzer's own sessions (and every later request would be a 401).
    .filter((spec) => spec.path !== '/api/auth/logout')
    // Starting solves is the one thing the fuzzer must not do thousands of times (CPU, not safety):
    // their bodies never get a valid ISO week, so they are exercised up to validation.
    .map((spec) => {
      const params = spec.path.match(/:[A-Za-z]+/g) ?? [];
      const qFields = fieldsOf(spec.query);
      const bFields = fieldsOf(spec.body);
      const withBody = spec.method !== 'get';
      return fc
        .record({
          segs: fc.tuple(
            ...params.map((name) => {
              const key = name.slice(1);
              const specific = pools.byParam[`${spec.path.split('/')[2]}:${key}`] ?? pools.byParam[key] ?? [];
              return specific.length === 0
                ? segment
                : fc.oneof(
                    { weight: 3, arbitrary: fc.constantFrom(...specific) },
                    { weight: 2, arbitrary: segment },
                  );
            }),
            fc.constant(''),
          ),
          query: fc.array(
            fc.tuple(
              fc.oneof(fc.constantFrom(...(qFields.length > 0 ? qFields : ['x'])), fc.constant('extra')),
              queryValue,
            ),
            { maxLength: 4 },
          ),
          bodyKind: fc.constantFrom(
            'template',
            'template',
            'template',
            'object',
            'object',
            'value',
            'garbage',
            'csv',
            'none',
          ),
          overrides: fc.constantFrom(0, 0, 1, 2),
          fields: fc.array(fc.tuple(fc.constantFrom(...(bFields.length > 0 ? bFields : ['x'])), value), {
            maxLength: 6,
          }),
          other: value,
          who,
          ifMatch: rarely(fc.constantFrom('"1"', '"2"', 'W/"3"', '*', 'garbage', '"99999999999"')),
          idem: rarely(fc.constantFrom('k1', 'k2', 'bad key!', 'x'.repeat(200))),
          glass: rarely(
            fc.constantFrom('patient asked for the log extract', 'short', 'nul\u0000 in a reason'),
          ),
        })
        .map((r): FuzzRequest => {
          let i = 0;
          const path = spec.path.replace(/:[A-Za-z]+/g, () => r.segs[i++] as string);
          const qs = r.query.map(([k, v]) => `${k}=${v}`).join('&');
          let body: string | undefined;
          let contentType: string | undefined;
          if (withBody) {
            const template = TEMPLATES[`${spec.method.toUpperCase()} ${spec.path}`];
            if (r.bodyKind === 'template' && template !== undefined) {
              // A valid body with up to two fields replaced: reaches the handler and its writes.
              body = safeJson({ ...template(), ...Object.fromEntries(r.fields.slice(0, r.overrides)) });
              contentType = 'application/json';
            } else if (r.bodyKind === 'object' || r.bodyKind === 'template') {
              body = safeJson(Object.fromEntries(r.fields));
              contentType = 'application/json';
            } else if (r.bodyKind === 'value') {
              body = safeJson(r.other);
              contentType = 'application/json';
            } else if (r.bodyKind === 'garbage') {
              body = '{"a":';
              contentType = 'application/json';
            } else if (r.bodyKind === 'csv') {
              body = 'id,personnummer\nx,\u0000\n';
              contentType = 'text/csv';
            }
          }
          const headers: Record<string, string> = {};
          if (r.ifMatch !== undefined) headers['if-match'] = r.ifMatch;
          if (r.idem !== undefined) headers['idempotency-key'] = r.idem;
          if (r.glass !== undefined && !r.glass.includes('\u0000')) headers['x-break-glass-reason'] = r.glass;
          return {
            method: spec.method.toUpperCase(),
            path: qs === '' ? path : `${path}?${qs}`,
            routePath: spec.path,
            who: r.who === 'forged' ? undefined : r.who,
            forged: r.who === 'forged',
            body,
            contentType,
            headers,
          };
        });
    });
  return fc.oneof(...perRoute);
}

/** Absent four times in five: headers that are mostly valid when present, and mostly absent. */
const rarely = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

let unique = 0;
/** Valid bodies of the write routes, for the fuzzer to start from. */
const TEMPLATES: Record<string, () => Record<string, unknown>> = {
  'POST /api/hospitals/:id/closures': () => ({ date: '2026-03-20', reason: 'fuzz' }),
  'PUT /api/hospitals/:id/roster-overrides': () => ({ from: '2026-03-20', to: '2026-03-21', overrides: [] }),
  'PUT /api/regional-teams/:teamId/availability': () => ({
    weekdays: [1, 3],
    unavailableDates: ['2026-03-20'],
  }),
  'POST /api/users': () => ({
    email: `fuzz${++unique}@test.example`,
    displayName: 'Fuzz',
    role: 'analyst',
    password: 'a-long-enough-password',
  }),
  'POST /api/plans/:id/decisions': () => ({ decision: 'reject', reason: 'fuzz' }),
  'POST /api/plans/:id/offers/:patientId': () => ({ answer: 'accepted' }),
  'POST /api/plans/:id/status': () => ({ status: 'draft' }),
  'PATCH /api/plans/:id': () => ({ exclusions: { add: [] } }),
  'POST /api/hospitals/:id/waiting-list/import': () => ({ rows: [] }),
};

/** JSON text with lone surrogates kept as \\u escapes (JSON.stringify does that since ES2019). */
function safeJson(v: unknown): string {
  return JSON.stringify(v) ?? 'null';
}

export interface FuzzOutcome {
  req: FuzzRequest;
  status: number;
  contentType: string;
  replayed: boolean;
  text: string;
}

export async function send(
  base: string,
  tokens: Record<string, string>,
  req: FuzzRequest,
): Promise<FuzzOutcome> {
  const headers: Record<string, string> = { ...req.headers };
  if (req.who !== undefined) headers.authorization = `Bearer ${tokens[req.who]}`;
  if (req.forged) headers.authorization = 'Bearer v1.e30.AAAA';
  if (req.contentType !== undefined) headers['content-type'] = req.contentType;
  let res: Response;
  try {
    res = await fetch(base + req.path, {
      method: req.method,
      headers,
      ...(req.body !== undefined ? { body: req.body } : {}),
    });
  } catch (e) {
    // No HTTP answer at all (the connection was reset): counted apart, reported with the request.
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? String(e);
    return { req, status: 0, contentType: '', replayed: false, text: `transport error ${cause}` };
  }
  const text = await res.text();
  return {
    req,
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    replayed: res.headers.get('idempotent-replayed') === 'true',
    text,
  };
}

export interface FuzzStats {
  requests: number;
  /** Requests sent twice because the first attempt got no HTTP answer (connection reset). */
  resent: number;
  byStatus: Record<string, number>;
  serverErrors: FuzzOutcome[];
  nonProblemErrors: FuzzOutcome[];
  /** Successful, not replayed, non-GET requests per route: the writes that must have audit rows. */
  writes: Record<string, number>;
}

export async function runFuzz(opts: {
  base: string;
  tokens: Record<string, string>;
  table: AnyRoute[];
  pools: FuzzPools;
  requests: number;
  seed: number;
  concurrency: number;
}): Promise<FuzzStats> {
  const reqs = fc.sample(requestArbitrary(opts.table, opts.pools), {
    numRuns: opts.requests,
    seed: opts.seed,
  });
  const stats: FuzzStats = {
    requests: 0,
    resent: 0,
    byStatus: {},
    serverErrors: [],
    nonProblemErrors: [],
    writes: {},
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < reqs.length) {
      const req = reqs[next++] as FuzzRequest;
      let out = await send(opts.base, opts.tokens, req);
      if (out.status === 0) {
        // A pooled keep-alive connection the server closed while idle (the first request after a
        // long solve): the request never reached the server. Sent once more, and counted.
        stats.resent++;
        out = await send(opts.base, opts.tokens, req);
      }
      stats.requests++;

      stats.byStatus[out.status] = (stats.byStatus[out.status] ?? 0) + 1;
      if (out.status >= 500 || out.status === 0) stats.serverErrors.push(out);
      if (out.status >= 400 && !out.contentType.startsWith('application/problem+json'))
        stats.nonProblemErrors.push(out);
      if (out.status < 300 && req.method !== 'GET' && !out.replayed) {
        const k = `${req.method} ${req.routePath}`;
        stats.writes[k] = (stats.writes[k] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return stats;
}

/** The audit action every write route records. */
export const WRITE_ACTIONS: Record<string, string> = {
  'POST /api/auth/login': 'login',
  'POST /api/auth/logout': 'logout',
  'POST /api/users': 'user.create',
  'PATCH /api/users/:id': 'user.change',
  'PUT /api/users/:id/password': 'user.password',
  'DELETE /api/users/:id/sessions': 'session.revoke',
  'DELETE /api/users/:id/sessions/:sessionId': 'session.revoke',
  'PUT /api/hospitals/:id/roster-overrides': 'capacity.change',
  'POST /api/hospitals/:id/closures': 'capacity.change',
  'DELETE /api/hospitals/:id/closures/:closureId': 'capacity.change',
  'PUT /api/regional-teams/:teamId/availability': 'capacity.change',
  'POST /api/hospitals/:id/waiting-list/import': 'patient.import',
  'POST /api/surgeons/import': 'capacity.change',
  'POST /api/sessions/import': 'capacity.change',
  'POST /api/plans': 'plan.create',
  'POST /api/plans/:id/status': 'plan.status',
  'PATCH /api/plans/:id': 'plan.edit',
  'POST /api/plans/:id/resolve': 'plan.create',
  'POST /api/plans/:id/decisions': 'case.decide',
  'POST /api/plans/:id/offers/:patientId': 'offer.answer',
  'POST /api/scenarios': 'scenario.change',
  'PUT /api/scenarios/:id': 'scenario.change',
  'DELETE /api/scenarios/:id': 'scenario.change',
  'POST /api/scenario-runs': 'scenario.run',
  'DELETE /api/scenario-runs/:runId': 'scenario.run',
  'POST /api/scenario-inverse': 'scenario.run',
};

/**
 * Writes without an audit row, checked in SQL after a run: per audit action, the successful
 * writes counted by the client minus the rows the server wrote since `sinceAuditId` (a shortfall
 * is a write without its row), plus rows of the capacity tables and users created during the run
 * that no audit row names.
 */
export async function writesWithoutAudit(
  db: Db,
  stats: FuzzStats,
  since: { auditId: number; closureOrd: number; userIds: readonly string[] },
): Promise<{ missing: number; perAction: Record<string, { writes: number; rows: number }> }> {
  const perAction: Record<string, { writes: number; rows: number }> = {};
  for (const [route, n] of Object.entries(stats.writes)) {
    const action = WRITE_ACTIONS[route] ?? `unmapped ${route}`;
    perAction[action] ??= { writes: 0, rows: 0 };
    perAction[action].writes += n;
  }
  const { rows } = await db.query<{ action: string; n: number }>(
    'SELECT action, count(*)::int AS n FROM audit_log WHERE id > $1 GROUP BY action',
    [since.auditId],
  );
  for (const r of rows) if (perAction[r.action] !== undefined) perAction[r.action]!.rows = r.n;
  let missing = 0;
  for (const v of Object.values(perAction)) missing += Math.max(0, v.writes - v.rows);
  const closures = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM closures c WHERE c.ord > $1 AND NOT EXISTS (
       SELECT 1 FROM audit_log a WHERE a.action = 'capacity.change'
         AND (a.details -> 'closure' ->> 'id')::int = c.ord)`,
    [since.closureOrd],
  );
  const users = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users u WHERE NOT (u.id = ANY($1::text[])) AND NOT EXISTS (
       SELECT 1 FROM audit_log a WHERE a.action = 'user.create' AND a.details ->> 'targetUserId' = u.id)`,
    [since.userIds],
  );
  missing += (closures.rows[0]?.n ?? 0) + (users.rows[0]?.n ?? 0);
  return { missing, perAction };
}

/** Ids, numbers and dates of the loaded data, for the value pools. */
export async function poolsFrom(db: Db): Promise<FuzzPools> {
  const q = async (sql: string): Promise<string[]> =>
    (await db.query<{ id: string }>(sql)).rows.map((r) => String(r.id));
  const ids = [
    ...(await q('SELECT id FROM hospitals')),
    ...(await q('SELECT id FROM theatres LIMIT 10')),
    ...(await q('SELECT id FROM regional_teams')),
    ...(await q('SELECT id FROM waiting_list ORDER BY id LIMIT 30')),
    ...(await q('SELECT id FROM procedures')),
    'u-nobody',
    'h-nowhere',
  ];
  const plans = (await q('SELECT id FROM plans')).map(Number);
  const patients = await q('SELECT id FROM waiting_list ORDER BY id LIMIT 30');
  return {
    ids,
    byParam: {
      'hospitals:id': await q('SELECT id FROM hospitals'),
      teamId: await q('SELECT id FROM regional_teams'),
      patientId: patients,
      'plans:id': plans.map(String),
      a: plans.map(String),
      b: plans.map(String),
      closureId: (await q('SELECT ord AS id FROM closures')).concat(['0', '1']),
    },
    numbers: [...plans, 0, 1, 2, 3, 100, 2_147_483_647],
    dates: ['2026-03-02', '2026-03-20', '2026-02-30', '2026-13-01', '2026-03-20T00:00:00Z', '2026-X11'],
    roles: ['planner', 'coordinator', 'analyst', 'admin', 'root'],
  };
}
