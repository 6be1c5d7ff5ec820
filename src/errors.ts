// One error hierarchy for the whole application. The API maps each to application/problem+json
// (RFC 9457); the CLI prints `message` as one line and exits non-zero.

/** One precise complaint about input: where (row, field) and what. */
export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `waitingList[12].personnummer` or `body.week`. */
  field: string;
  /** 1-based row for tabular input (CSV line or array element), when there is one. */
  row?: number;
  message: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  constructor(
    code: string,
    status: number,
    message: string,
    opts: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.details = opts.details;
  }
}

export class ValidationError extends AppError {
  readonly issues: FieldIssue[];
  constructor(message: string, issues: FieldIssue[], opts: { cause?: unknown } = {}) {
    super('validation_failed', 400, message, { ...opts, details: { issues } });
    this.issues = issues;
  }
}
export class NotFoundError extends AppError {
  constructor(message: string) {
    super('not_found', 404, message);
  }
}
/**
 * A refusal answered as "not found", so the answer does not tell a caller whether the thing exists
 * out of their reach (no 403-vs-404 oracle). Audited like a 403 (`auditDetail` says why, for the
 * audit log only).
 */
export class ConcealedRefusalError extends NotFoundError {
  readonly auditDetail: string;
  constructor(message: string, auditDetail: string) {
    super(message);
    this.auditDetail = auditDetail;
  }
}
export class ConflictError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('conflict', 409, message, details ? { details } : {});
  }
}
export class ForbiddenError extends AppError {
  constructor(message: string) {
    super('forbidden', 403, message);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message: string) {
    super('unauthorized', 401, message);
  }
}
export class InfeasibleError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('infeasible', 422, message, details ? { details } : {});
  }
}

/** Turn zod issues into field issues; array indices of `rowsAt` become 1-based rows. */
export function zodIssuesToFieldIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  prefix = '',
): FieldIssue[] {
  return issues.map((i) => {
    const path = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    const field = `${prefix}${path}`.replace(/^\./, '') || prefix || '(root)';
    const firstIndex = i.path.find((p) => typeof p === 'number');
    return typeof firstIndex === 'number'
      ? { field, row: firstIndex + 1, message: i.message }
      : { field, message: i.message };
  });
}

/** A one-line summary of field issues for CLI output and problem titles. */
export function summariseIssues(issues: readonly FieldIssue[], max = 5): string {
  const shown = issues
    .slice(0, max)
    .map((i) => `${i.row !== undefined ? `row ${i.row}: ` : ''}${i.field}: ${i.message}`);
  const more = issues.length > max ? ` (+${issues.length - max} more)` : '';
  return shown.join('; ') + more;
}
