// Every successful JSON response of the API tests is parsed with its route's output schema, so a
// response that drifts from the schema (and from the types the dashboard imports) fails the test
// that received it.
import type { AnyRoute } from '../../src/http/route.ts';
import { summariseIssues, zodIssuesToFieldIssues } from '../../src/errors.ts';

const patterns = new WeakMap<AnyRoute, RegExp>();
const patternOf = (r: AnyRoute): RegExp => {
  let re = patterns.get(r);
  if (re === undefined) {
    const src = r.path
      .split('/')
      .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    re = new RegExp(`^${src}$`);
    patterns.set(r, re);
  }
  return re;
};

/** The route serving `method path` (query string ignored), or undefined. */
export function routeOf(table: readonly AnyRoute[], method: string, path: string): AnyRoute | undefined {
  const bare = path.split('?')[0] ?? path;
  return table.find((r) => r.method === method.toLowerCase() && patternOf(r).test(bare));
}

/**
 * Why a response does not match its route's output schema, or undefined when it does (or when
 * it is not a successful JSON response of a route with a schema).
 */
export function responseMismatch(
  table: readonly AnyRoute[],
  method: string,
  path: string,
  status: number,
  contentType: string | null,
  json: unknown,
): string | undefined {
  if (status < 200 || status >= 300 || status === 204) return undefined;
  if (contentType === null || !contentType.startsWith('application/json')) return undefined;
  const r = routeOf(table, method, path);
  if (r?.response === undefined) return undefined;
  const parsed = r.response.safeParse(json);
  if (parsed.success) return undefined;
  return `${method} ${path}: response does not match its schema: ${summariseIssues(zodIssuesToFieldIssues(parsed.error.issues, 'response'))}`;
}
