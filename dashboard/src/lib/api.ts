// fetch with the session's bearer token; RFC 9457 problem bodies become ApiError with the fields
// the views explain to the user (field errors, violated rules).
import { session, expire } from './session.ts';
import type { Violation } from './types.ts';

export interface FieldIssue {
  field: string;
  message: string;
  row?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors: FieldIssue[] = [],
    readonly rules: string[] = [],
    readonly violations: Violation[] = [],
    /** A refused plan edit: the rule's stable name and the values its message needs. */
    readonly rule: string | undefined = undefined,
    readonly params: Record<string, string | number> = {},
  ) {
    super(detail);
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A non-JSON body sent as is (a CSV import); instead of `body`. */
  raw?: { contentType: string; text: string };
  ifMatch?: number;
  signal?: AbortSignal;
}

export async function api<T>(path: string, o: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = session.get()?.token;
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  if (o.raw !== undefined) headers['content-type'] = o.raw.contentType;
  if (o.ifMatch !== undefined) headers['if-match'] = `"${o.ifMatch}"`;
  const res = await fetch(path, {
    method: o.method ?? 'GET',
    headers,
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
    ...(o.raw !== undefined ? { body: o.raw.text } : {}),
    ...(o.signal !== undefined ? { signal: o.signal } : {}),
  });
  const text = await res.text();
  let json: unknown = undefined;
  if (text !== '') {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) {
    const p = (json ?? {}) as {
      detail?: string;
      errors?: FieldIssue[];
      rules?: string[];
      violations?: Violation[];
      rule?: string;
      params?: Record<string, string | number>;
    };
    // An expired or no longer valid token (e.g. the server restarted with a new key): back to the
    // login form with "session expired", then back to this view, rather than a page of errors.
    if (res.status === 401 && path !== '/api/auth/login') expire();
    throw new ApiError(
      res.status,
      p.detail ?? `${res.status} ${res.statusText}`,
      p.errors ?? [],
      p.rules ?? [],
      p.violations ?? [],
      p.rule,
      p.params ?? {},
    );
  }
  return json as T;
}

/** Query string from defined values only. */
export function qs(params: Record<string, string | number | boolean | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s === '' ? '' : `?${s}`;
}
