// Scenario runs on the job queue (ADR 0019), in-process: a server alone computes a run's
// replications through pg-boss (PGlite: on its one connection; PostgreSQL: its own schema), stores
// each exactly once, reports progress as `scenario-run:progress`, and gives the bytes a direct
// computation gives.
import { describe, expect, it } from 'vitest';
import { dbVariants, useDb } from '../helpers/db.ts';
import { generateRegion } from '../../seed/generate.ts';
import { seedPatientFactory } from '../../seed/arrivals.ts';
import { loadSnapshot } from '../../src/db/load.ts';
import { loadConfig } from '../../src/config.ts';
import { createApp } from '../../api/app.ts';
import { baseScenario } from '../../src/scenarios/model.ts';
import { saveScenario } from '../../src/scenarios/repo.ts';
import { getRunStatus, insertReplication, runReplications } from '../../src/scenarios/runs/repo.ts';
import { computeReplication } from '../../src/scenarios/runs/replicate.ts';
import { DEFAULT_POLICY_OPTIONS } from '../../src/simulation/policies.ts';
import { EventRecorder } from '../api/harness.ts';

const config = loadConfig({ PORT: '0', TOKEN_SECRET: 'z'.repeat(40), SOLVE_TIME_LIMIT_S: '20' });
const BASE = generateRegion({ seed: 7, scale: 0.05 });

async function until<T>(f: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`scenario runs on the queue [${variant.name}]`, () => {
    const db = useDb(variant);

    it('a server alone runs every replication through pg-boss, stores each once and reports progress', async () => {
      await loadSnapshot(db(), BASE);
      const scenario = await saveScenario(db(), baseScenario());
      const events = new EventRecorder();
      const app = createApp({ db: db(), config, events, log: () => undefined });
      await app.recover();
      try {
        const spec = {
          scenarios: [{ id: scenario.id, version: scenario.version }],
          policies: ['baseline' as const],
          replications: 2,
          weeks: 2,
          seed: 11,
        };
        const started = await app.runs.start(spec, 'u-analyst');
        expect(started).toMatchObject({ state: 'queued', total: 2, done: 0 });
        const done = await until(
          () => getRunStatus(db(), started.runId),
          (s) => s?.state === 'done',
          120_000,
        );
        expect(done).toMatchObject({ done: 2, total: 2, error: null });
        const stored = await runReplications(db(), started.runId);
        expect(stored.map((r) => r.replication)).toEqual([0, 1]);
        for (const r of stored) {
          const direct = await computeReplication(
            {
              base: BASE,
              scenario,
              seed: 11,
              weeks: 2,
              policy: 'baseline',
              policyOptions: DEFAULT_POLICY_OPTIONS,
              replication: r.replication,
            },
            seedPatientFactory,
          );
          expect(JSON.stringify(r.result)).toBe(JSON.stringify(direct));
        }
        const last = await events.waitFor(
          (e) =>
            e.name === 'scenario-run:progress' &&
            (e.audience.analysts as { runId: string; done: number }).done === 2,
        );
        expect(last.audience.analysts).toEqual({ runId: started.runId, state: 'done', done: 2, total: 2 });
        // Exactly once: storing a finished replication again (a retried job) adds nothing.
        const again = stored[0];
        if (again === undefined) throw new Error('no replication stored');
        const key = { runId: started.runId, ...again };
        expect(await insertReplication(db(), key, again.result, 1, 'another-worker')).toBe(false);
        expect(await runReplications(db(), started.runId)).toHaveLength(2);
      } finally {
        await app.close({ graceMs: 0 });
      }
    });
  });
}
