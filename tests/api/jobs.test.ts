// Solves as pg-boss jobs (ADR 0019): a server start fails nothing another server may be running; a
// graceful shutdown cancels the running solve and leaves it to the queue, which retries it.
import { describe, expect, it } from 'vitest';
import { dbVariants, useDb } from '../helpers/db.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';
import { loadSnapshot } from '../../src/db/load.ts';
import { loadConfig } from '../../src/config.ts';
import { createApp } from '../../api/app.ts';
import { insertJob, getJob } from '../../src/jobs/repo.ts';
import { insertPlan, setPlanJob, getPlanMeta } from '../../src/plans/repo.ts';
import { EventRecorder } from './harness.ts';
import { until } from '../helpers/queueProcesses.ts';

const config = loadConfig({ PORT: '0', TOKEN_SECRET: 'z'.repeat(40), SOLVE_TIME_LIMIT_S: '20' });
const planner = { userId: 'u-p', role: 'planner' as const, hospitalId: undefined };

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`solve jobs [${variant.name}]`, () => {
    const db = useDb(variant);

    it('a server start fails nothing another server may be running (no "whoever restarts")', async () => {
      await loadSnapshot(db(), smallSnapshot());
      const at = new Date('2026-03-02T08:00:00Z');
      const plan = await insertPlan(db(), {
        request: { week: '2026-W11', weeks: 1, pins: [], excludedPatientIds: [], leadDays: 0 },
        createdBy: 'u-p',
        at,
      });
      const jobId = await insertJob(db(), 'solve', { planId: plan.id }, at);
      await setPlanJob(db(), plan.id, jobId);
      await db().query(`UPDATE jobs SET status = 'running' WHERE id = $1`, [jobId]);
      const events = new EventRecorder();
      const app = createApp({ db: db(), config, events, log: () => undefined, jobs: { workers: false } });
      expect(await app.recover()).toBe(0);
      expect(await getJob(db(), jobId)).toMatchObject({ status: 'running', error: null });
      expect(await getPlanMeta(db(), plan.id)).toMatchObject({ status: 'running' });
      expect(events.events.map((e) => e.name)).toEqual([]);
      await app.close({ graceMs: 0 });
      await db().query(`UPDATE jobs SET status = 'failed' WHERE id = $1`, [jobId]);
      await db().query(`UPDATE plans SET status = 'failed' WHERE id = $1`, [plan.id]);
    });

    it('a graceful shutdown cancels the running solve and leaves it to the queue; the next server completes it', async () => {
      const events = new EventRecorder();
      const app = createApp({ db: db(), config, events, log: () => undefined });
      await app.recover();
      const started = await app.plans.startPlan(planner, { week: '2026-W11', weeks: 1, leadDays: 0 });
      // Wait until the solve is really running (its first progress event), then stop.
      await events.waitFor(
        (e) =>
          e.name === 'solve.progress' &&
          (e.audience.planners as { planId: number }).planId === started.planId,
      );
      await app.close({ reason: 'server shutting down (test)', graceMs: 0 });
      const job = await getJob(db(), started.jobId);
      // The solve may just have won the race; otherwise it waits, queued, for a retry.
      expect(['queued', 'done']).toContain(job?.status);
      if (job?.status === 'queued') {
        expect(job.error).toBe('server shutting down (test)');
        expect(await getPlanMeta(db(), started.planId)).toMatchObject({ status: 'running' });
      }
      const next = createApp({ db: db(), config, events, log: () => undefined });
      await next.recover();
      await next.plans.queue.idle();
      expect(await getJob(db(), started.jobId)).toMatchObject({ status: 'done' });
      expect(await getPlanMeta(db(), started.planId)).toMatchObject({ status: 'draft' });
      await next.close({ graceMs: 0 });
    });

    it('runs queued jobs one after another and completes every plan', async () => {
      const events = new EventRecorder();
      const app = createApp({ db: db(), config, events, log: () => undefined });
      await app.recover();
      const a = await app.plans.startPlan(planner, { week: '2026-W11', weeks: 1, leadDays: 0 });
      const b = await app.plans.startPlan(planner, { week: '2026-W12', weeks: 2, leadDays: 0 });
      await app.plans.queue.idle();
      expect(await getPlanMeta(db(), a.planId)).toMatchObject({ status: 'draft' });
      expect(await getPlanMeta(db(), b.planId)).toMatchObject({ status: 'draft', request: { weeks: 2 } });
      const solved = events.events
        .filter((e) => e.name === 'plan.solved')
        .map((e) => (e.audience.planners as { planId: number }).planId);
      expect(solved).toEqual([a.planId, b.planId]);
      await app.close({ graceMs: 0 });
    });

    it('a solve that keeps failing is retried, then failed with its reason and sent to the dead-letter queue', async () => {
      const app = createApp({ db: db(), config, log: () => undefined });
      await app.recover();
      try {
        const jobId = await db().transaction((tx) => app.plans.queue.insert(tx, 'solve', { planId: 987654 }));
        const failed = await until(
          () => getJob(db(), jobId),
          (j) => j?.status === 'failed',
          60_000,
        );
        expect(failed).toMatchObject({ status: 'failed', error: 'plan 987654 not found' });
        const schema = app.jobs.schema();
        // The queue marks its own job failed just after the handler recorded the failure: wait for it.
        const attempts = await until(
          () =>
            db().query<{ retry_count: number; state: string }>(
              `SELECT retry_count, state FROM "${schema}".job WHERE name = 'opflow-solve' AND (data->>'jobId')::int = $1`,
              [jobId],
            ),
          (r) => r.rows.some((x) => x.state === 'failed'),
          10_000,
        );
        expect(attempts.rows).toEqual([{ retry_count: 2, state: 'failed' }]);
        const dead = await until(
          () =>
            db().query<{ n: number }>(
              `SELECT count(*)::int AS n FROM "${schema}".job WHERE name = 'opflow-solve-dead' AND (data->>'jobId')::int = $1`,
              [jobId],
            ),
          (r) => Number(r.rows[0]?.n) === 1,
          30_000,
        );
        expect(Number(dead.rows[0]?.n)).toBe(1);
      } finally {
        await app.close({ graceMs: 0 });
      }
    });
  });
}
