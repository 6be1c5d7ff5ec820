// The API under fuzzed requests built from every route's zod schemas (tests/helpers/fuzz.ts): no
// 5xx, every error problem+json, and no write without its audit row (checked in SQL afterwards).
// A few hundred requests here; bench/security.ts runs ≥ 10,000 per database.
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { useHarness, USERS } from './harness.ts';
import { poolsFrom, routeTable, runFuzz, writesWithoutAudit } from '../helpers/fuzz.ts';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 600);

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`fuzzed API [${variant.name}]`, () => {
    const h = useHarness(variant);

    it(`answers ${REQUESTS} fuzzed requests without a 5xx, with problem+json errors and an audit row per write`, async () => {
      await h().solvedPlan();
      const db = h().db;
      const auditId = Number(
        (await db.query<{ n: number }>('SELECT coalesce(max(id), 0)::int AS n FROM audit_log')).rows[0]?.n,
      );
      const closureOrd = Number(
        (await db.query<{ n: number }>('SELECT coalesce(max(ord), -1)::int AS n FROM closures')).rows[0]?.n,
      );
      const stats = await runFuzz({
        base: h().base,
        tokens: h().tokens,
        table: routeTable(),
        pools: await poolsFrom(db),
        requests: REQUESTS,
        seed: 12,
        concurrency: 4,
      });
      const show = (o: { req: { method: string; path: string }; status: number; text: string }[]) =>
        o.slice(0, 5).map((x) => `${x.status} ${x.req.method} ${x.req.path} ${x.text.slice(0, 200)}`);
      expect(show(stats.serverErrors)).toEqual([]);
      expect(show(stats.nonProblemErrors)).toEqual([]);
      expect(stats.requests).toBe(REQUESTS);
      // The fuzzer reaches handlers, not only validation: some requests succeed.
      expect(Object.keys(stats.byStatus).some((s) => Number(s) < 300)).toBe(true);
      const audit = await writesWithoutAudit(db, stats, {
        auditId,
        closureOrd,
        userIds: Object.keys(USERS).map((k) => `u-${k}`),
      });
      expect(audit.missing, JSON.stringify(audit.perAction)).toBe(0);
      if (process.env.FUZZ_VERBOSE !== undefined)
        process.stdout.write(
          `${JSON.stringify({ byStatus: stats.byStatus, resent: stats.resent, audit })}\n`,
        );
    }, 240_000);
  });
}
