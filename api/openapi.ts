// OpenAPI 3.1 from the route table: the same zod schemas that parse requests describe them.
import { z } from 'zod';
import type { AnyRoute } from '../src/http/route.ts';

type Json = Record<string, unknown>;

const toSchema = (s: z.ZodType, io: 'input' | 'output'): Json =>
  z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;

const Problem: Json = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'instance'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, row: { type: 'integer' }, message: { type: 'string' } },
      },
    },
  },
};

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (schema === undefined) return [];
  const js = toSchema(schema, 'input');
  const props = (js.properties ?? {}) as Record<string, Json>;
  const required = new Set((js.required ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
  }));
}

export function openApiDocument(routes: readonly AnyRoute[], info: { version: string }): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const status = String(r.status ?? 200);
    const ok: Json =
      status === '204'
        ? { description: 'No content' }
        : {
            description: 'Success',
            content:
              r.produces !== undefined
                ? { [r.produces]: { schema: { type: 'string' } } }
                : { 'application/json': { schema: r.response ? toSchema(r.response, 'output') : {} } },
          };
    const op: Json = {
      operationId: `${r.method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      summary: r.summary,
      tags: [r.tag],
      ...(r.auth === 'public' ? { security: [] } : {}),
      ...(Array.isArray(r.auth) ? { 'x-roles': r.auth } : {}),
      parameters: [
        ...parameters(r.params, 'path'),
        ...parameters(r.query, 'query'),
        ...(r.idempotent
          ? [
              {
                name: 'Idempotency-Key',
                in: 'header',
                required: false,
                schema: { type: 'string', maxLength: 128 },
              },
            ]
          : []),
        ...(r.method === 'patch' || r.path.endsWith('/status')
          ? [{ name: 'If-Match', in: 'header', required: true, schema: { type: 'string' } }]
          : []),
      ],
      responses: {
        [status]: ok,
        default: {
          description: 'Problem (RFC 9457)',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
    };
    if (r.body !== undefined) {
      op.requestBody = {
        required: true,
        content: r.csvBody
          ? {
              'text/csv': { schema: { type: 'string', description: 'Columns as in docs/api.md' } },
              'application/json': {
                schema: { type: 'array', items: toSchema(r.docBody ?? z.unknown(), 'input') },
              },
            }
          : { 'application/json': { schema: toSchema(r.body, 'input') } },
      };
    }
    (paths[path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'opflow planning service',
      version: info.version,
      description:
        'Operating-theatre capacity planning for Södra sjukvårdsregionen. Errors are application/problem+json.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Token from POST /api/auth/login' },
      },
      schemas: { Problem },
    },
  };
}

export function docsHtml(routes: readonly AnyRoute[]): string {
  const esc = (s: string): string =>
    s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
  const rows = routes
    .map(
      (r) =>
        `<tr><td><code>${r.method.toUpperCase()}</code></td><td><code>${esc(r.path)}</code></td><td>${esc(r.summary)}</td><td>${esc(
          r.auth === 'public' ? 'public' : r.auth === 'user' ? 'any role' : r.auth.join(', '),
        )}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>opflow API</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}</style></head>
<body><h1>opflow planning service API</h1><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Authenticate with <code>POST /api/auth/login</code>, then send <code>Authorization: Bearer &lt;token&gt;</code>. Errors are <code>application/problem+json</code>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What</th><th>Roles</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}
