// Every setting of the planning service, read once from the environment and validated with zod.
// Nothing else in the code reads process.env: tests and the bench build a Config directly.
import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ValidationError, zodIssuesToFieldIssues, summariseIssues } from './errors.ts';

const Int = (min: number, max: number) => z.coerce.number().int('expected an integer').min(min).max(max);

export const ConfigSchema = z.object({
  /** TCP port; 0 = any free port (tests). */
  PORT: Int(0, 65535).default(3000),
  /** postgres://… for a real PostgreSQL; absent = embedded PGlite in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./data/pglite'),
  /**
   * HMAC key for login tokens (at least 32 characters). When absent a random key is generated at
   * every start, so tokens do not survive a restart: set it for anything beyond a demo.
   */
  TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TOKEN_TTL_MIN: Int(1, 7 * 24 * 60).default(480),
  SOLVE_TIME_LIMIT_S: Int(1, 3600).default(30),
  /** Largest accepted request body (JSON or CSV), in bytes. */
  BODY_LIMIT: Int(1024, 100 * 1024 * 1024).default(5 * 1024 * 1024),
  /** Login attempts per client address and minute. */
  LOGIN_RATE_LIMIT_PER_MIN: Int(1, 100_000).default(10),
  /** Bind address; loopback unless told otherwise. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * Which proxies may set X-Forwarded-For (the client address used by the login rate limit and
   * the logs). Absent or `false`: none — the address is the TCP peer's and no header can choose
   * it. Otherwise Express's `trust proxy` value: a hop count (`1`), `loopback`, `uniquelocal`,
   * or a comma-separated list of addresses/CIDRs of your reverse proxies.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(
      /^(false|\d{1,2}|(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(\/\d{1,3})?))*)$/,
      'expected false, a hop count, loopback/linklocal/uniquelocal or addresses/CIDRs, comma-separated',
    )
    .optional(),
  /**
   * Key of the analysts' (and admins') patient pseudonyms, at least 32 characters. Absent: derived
   * from TOKEN_SECRET (so random per start when that is absent too — pseudonyms then change at
   * every restart).
   */
  PSEUDONYM_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  tokenSecret: string;
  /** True when TOKEN_SECRET was absent and a random one was made for this process. */
  tokenSecretGenerated: boolean;
  tokenTtlMin: number;
  solveTimeLimitS: number;
  bodyLimitBytes: number;
  loginRateLimitPerMin: number;
  /** Express `trust proxy` setting: false (default) or what TRUST_PROXY names. */
  trustProxy: false | number | string;
  pseudonymSecret: string;
}

/** Parse a settings record (normally `process.env`); throws a ValidationError naming each variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issues = zodIssuesToFieldIssues(parsed.error.issues);
    throw new ValidationError(`invalid configuration: ${summariseIssues(issues)}`, issues);
  }
  const e = parsed.data;
  const tokenSecret = e.TOKEN_SECRET ?? randomBytes(32).toString('base64url');
  const tp = e.TRUST_PROXY;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    tokenSecret,
    tokenSecretGenerated: e.TOKEN_SECRET === undefined,
    tokenTtlMin: e.TOKEN_TTL_MIN,
    solveTimeLimitS: e.SOLVE_TIME_LIMIT_S,
    bodyLimitBytes: e.BODY_LIMIT,
    loginRateLimitPerMin: e.LOGIN_RATE_LIMIT_PER_MIN,
    trustProxy: tp === undefined || tp === 'false' ? false : /^\d+$/.test(tp) ? Number(tp) : tp,
    // A separate key: knowing a pseudonym never helps forge a token, nor the other way round.
    pseudonymSecret:
      e.PSEUDONYM_SECRET ?? createHmac('sha256', tokenSecret).update('opflow pseudonyms').digest('base64url'),
  };
}
