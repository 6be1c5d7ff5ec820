/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies are asserted structurally */
// The scenario API: versioned CRUD, files with errors naming the field, references checked against
// the snapshot (422), a tiny run to completion on the in-process executor with results, paired
// comparisons and CSV, the inverse question, roles (403) and audit rows.
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { PERSONNUMMER_RE, useHarness } from './harness.ts';
import { queryAudit } from '../../src/audit/repo.ts';
import { getRunStatus } from '../../src/scenarios/runs/repo.ts';
import type { Db } from '../../src/db/db.ts';
import { quoteIdent } from '../../src/db/db.ts';
import { createApp } from '../../api/app.ts';
import express from 'express';
import { errorMiddleware } from '../../api/http.ts';
import { routeTable } from '../helpers/fuzz.ts';
import { scenariosNotConfigured } from '../../src/scenarios/routes.ts';

/** Wait until a run on the job queue has reached a final state. */
async function settled(db: Db, runId: string, timeoutMs = 90_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = await getRunStatus(db, runId);
    if (s !== null && (s.state === 'done' || s.state === 'failed' || s.state === 'cancelled')) return;
    if (Date.now() > end) throw new Error(`run ${runId} not settled: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const base = { schemaVersion: 1, id: 'sc-base', name: 'Bas' };
const moreTheatres = {
  schemaVersion: 1,
  id: 'sc-rooms',
  name: 'Två salar till i Växjö',
  changes: [{ kind: 'theatres', hospitalId: 'h-vaxjo', delta: 2 }],
};

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`scenario API [${variant.name}]`, () => {
    const h = useHarness(variant);

    it('saves, versions, reads, lists and deletes scenarios', async () => {
      const created = await h().call('analyst', 'POST', '/api/scenarios', { body: moreTheatres });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ id: 'sc-rooms', version: 1, name: moreTheatres.name });
      const again = await h().call('planner', 'POST', '/api/scenarios', { body: moreTheatres });
      expect(again.status).toBe(409);

      const v2 = await h().call('planner', 'PUT', '/api/scenarios/sc-rooms', {
        body: {
          ...moreTheatres,
          name: 'Tre salar',
          changes: [{ kind: 'theatres', hospitalId: 'h-vaxjo', delta: 3 }],
        },
      });
      expect(v2.status).toBe(200);
      expect(v2.json.version).toBe(2);
      const latest = await h().call('analyst', 'GET', '/api/scenarios/sc-rooms');
      expect(latest.json.name).toBe('Tre salar');
      const first = await h().call('analyst', 'GET', '/api/scenarios/sc-rooms?version=1');
      expect(first.json.changes[0].delta).toBe(2);
      const versions = await h().call('analyst', 'GET', '/api/scenarios/sc-rooms/versions');
      expect(versions.json.map((v: any) => v.version)).toEqual([2, 1]);
      const list = await h().call('analyst', 'GET', '/api/scenarios');
      expect(list.json).toContainEqual({ id: 'sc-rooms', name: 'Tre salar', version: 2 });

      const mismatch = await h().call('planner', 'PUT', '/api/scenarios/sc-rooms', {
        body: { ...moreTheatres, id: 'other' },
      });
      expect(mismatch.status).toBe(400);
      expect(mismatch.json.errors[0].field).toBe('id');

      await h().call('analyst', 'POST', '/api/scenarios', { body: { ...base, id: 'sc-gone' } });
      expect((await h().call('analyst', 'DELETE', '/api/scenarios/sc-gone')).status).toBe(204);
      expect((await h().call('analyst', 'GET', '/api/scenarios/sc-gone')).status).toBe(404);
      expect((await h().call('analyst', 'DELETE', '/api/scenarios/sc-gone')).status).toBe(404);
    });

    it('takes a scenario file as text and names the bad field', async () => {
      const file = JSON.stringify({
        ...base,
        id: 'sc-file',
        changes: [
          { kind: 'arrivalMultiplier', specialtyId: 'ortho', factor: 1.2 },
          { kind: 'summer', fromWeek: 27, toWeek: 32, factor: 7 },
        ],
      });
      const bad = await h().call('analyst', 'POST', '/api/scenarios', {
        text: file,
        contentType: 'text/plain',
      });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      expect(bad.json.errors[0].field).toBe('changes[1].factor');

      const notJson = await h().call('analyst', 'POST', '/api/scenarios', {
        text: '{ nope',
        contentType: 'text/plain',
      });
      expect(notJson.status).toBe(400);
      expect(notJson.json.errors[0].field).toBe('body');

      const good = await h().call('analyst', 'POST', '/api/scenarios', {
        text: file.replace('"factor":7', '"factor":0.5'),
        contentType: 'text/plain',
      });
      expect(good.status).toBe(201);
      expect(good.json.changes[1]).toMatchObject({ kind: 'summer', factor: 0.5 });
    });

    it('refuses a scenario naming a hospital the snapshot does not have (422, field named)', async () => {
      const r = await h().call('analyst', 'POST', '/api/scenarios', {
        body: {
          ...base,
          id: 'sc-ghost',
          changes: [
            { kind: 'consentShare', share: 0.5 },
            { kind: 'theatres', hospitalId: 'h-nowhere', delta: 1 },
          ],
        },
      });
      expect(r.status).toBe(422);
      expect(r.json.field).toBe('changes[1].hospitalId');
      expect((await h().call('analyst', 'GET', '/api/scenarios/sc-ghost')).status).toBe(404);
    });

    it('refuses coordinators and admins (403) and audits the refusal', async () => {
      for (const who of ['hassleholm', 'admin'] as const) {
        expect((await h().call(who, 'GET', '/api/scenarios')).status).toBe(403);
        expect(
          (await h().call(who, 'POST', '/api/scenarios', { body: { ...base, id: 'sc-x' } })).status,
        ).toBe(403);
        expect((await h().call(who, 'GET', '/api/scenario-runs')).status).toBe(403);
      }
      const denied = await queryAudit(h().db, { action: 'access.denied', limit: 100, offset: 0 });
      expect(
        denied.rows.some((r) => r.userId === 'u-admin' && String(r.details.path) === '/api/scenarios'),
      ).toBe(true);
    });

    it('runs two scenarios × two policies × two replications to the end, with comparisons and CSV', async () => {
      await h().call('analyst', 'POST', '/api/scenarios', { body: base });
      const rooms = (await h().call('analyst', 'GET', '/api/scenarios/sc-rooms')).json;
      const spec = {
        scenarios: [
          { id: 'sc-base', version: 1 },
          { id: 'sc-rooms', version: rooms.version },
        ],
        policies: ['baseline', 'optimised'],
        replications: 2,
        weeks: 2,
        seed: 11,
      };
      const started = await h().call('analyst', 'POST', '/api/scenario-runs', { body: spec });
      expect(started.status).toBe(202);
      expect(started.json).toMatchObject({ total: 8, spec });
      const runId = started.json.runId as string;
      await settled(h().db, runId);

      const status = await h().call('planner', 'GET', `/api/scenario-runs/${runId}`);
      expect(status.json).toMatchObject({ state: 'done', done: 8, total: 8, etaSeconds: null });
      const progress = h().events.events.filter(
        (e) => e.name === 'scenario-run:progress' && (e.audience.analysts as any).runId === runId,
      );
      expect(progress.map((e) => (e.audience.analysts as any).done).at(-1)).toBe(8);
      expect(progress.some((e) => (e.audience.planners as any).state === 'running')).toBe(true);

      const res = await h().call('analyst', 'GET', `/api/scenario-runs/${runId}/results`);
      expect(res.status).toBe(200);
      expect(res.json.partial).toBe(false);
      expect(res.json.reports).toHaveLength(2);
      const report = res.json.reports[1].report;
      expect(Object.keys(report.policies)).toEqual(['optimised', 'baseline']);
      expect(report.policies.baseline.weeks).toHaveLength(2);
      expect(report.differences).toMatchObject({ minuend: 'optimised', subtrahend: 'baseline' });
      const kinds = res.json.comparisons.map(
        (c: any) => `${c.kind}:${c.scenario.id}:${c.policy}-${c.versus.id}:${c.versusPolicy}`,
      );
      expect(kinds.sort()).toEqual(
        [
          'scenario:sc-rooms:optimised-sc-base:optimised',
          'scenario:sc-rooms:baseline-sc-base:baseline',
          'policy:sc-base:optimised-sc-base:baseline',
          'policy:sc-rooms:optimised-sc-rooms:baseline',
        ].sort(),
      );
      // The paired difference is the mean of per-replication differences: check it against the reports.
      const cmp = res.json.comparisons.find((c: any) => c.kind === 'scenario' && c.policy === 'baseline');
      const a = res.json.reports[1].report.policies.baseline.weeks[1].waiting.mean;
      const b = res.json.reports[0].report.policies.baseline.weeks[1].waiting.mean;
      expect(cmp.replications).toBe(2);
      expect(cmp.weeks[1].waiting.mean).toBeCloseTo(a - b, 6);
      expect(PERSONNUMMER_RE.test(res.text)).toBe(false);

      const csv = await h().call('analyst', 'GET', `/api/scenario-runs/${runId}/results.csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe('scenario,version,policy,week,isoWeek,metric,mean,lo,hi');
      expect(lines.some((l) => l.startsWith(`Bas,1,baseline,2,`) && l.includes(',waiting,'))).toBe(true);
      expect(
        lines.some(
          (l) => l.includes('optimised − baseline') && l.includes('pastGuaranteeShare (paired difference)'),
        ),
      ).toBe(true);

      // Deleting a scenario leaves the run's own copy and its results.
      expect((await h().call('analyst', 'DELETE', '/api/scenarios/sc-base')).status).toBe(204);
      const after = await h().call('analyst', 'GET', `/api/scenario-runs/${runId}/results`);
      expect(after.json.scenarios[0]).toMatchObject({ id: 'sc-base', name: 'Bas' });
      expect(after.json.comparisons).toHaveLength(4);

      const audit = await queryAudit(h().db, { action: 'scenario.run', limit: 100, offset: 0 });
      expect(audit.rows.some((r) => r.userId === 'u-analyst' && r.details.runId === runId)).toBe(true);
      const reads = await queryAudit(h().db, { action: 'scenario.read', limit: 500, offset: 0 });
      expect(reads.rows.some((r) => r.details.runId === runId && r.details.results === 'csv')).toBe(true);
      const changes = await queryAudit(h().db, { action: 'scenario.change', limit: 100, offset: 0 });
      expect(changes.rows.some((r) => r.details.op === 'delete' && r.details.scenarioId === 'sc-base')).toBe(
        true,
      );
    }, 180_000);

    it('refuses a run of an unknown scenario version naming the entry (422) and bad specs (400)', async () => {
      const r = await h().call('planner', 'POST', '/api/scenario-runs', {
        body: {
          scenarios: [{ id: 'sc-rooms', version: 99 }],
          policies: ['baseline'],
          replications: 1,
          weeks: 1,
          seed: 1,
        },
      });
      expect(r.status).toBe(422);
      expect(r.json.field).toBe('scenarios[0]');
      const bad = await h().call('planner', 'POST', '/api/scenario-runs', {
        body: {
          scenarios: [{ id: 'sc-rooms', version: 1 }],
          policies: ['baseline'],
          replications: 0,
          weeks: 1,
          seed: 1,
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.json.errors[0].field).toBe('body.replications');
      expect((await h().call('planner', 'GET', '/api/scenario-runs/run-nope')).status).toBe(404);
    });

    it('cancels a run (cancel of a finished run leaves it done)', async () => {
      const started = await h().call('planner', 'POST', '/api/scenario-runs', {
        body: {
          scenarios: [{ id: 'sc-rooms', version: 1 }],
          policies: ['baseline'],
          replications: 1,
          weeks: 1,
          seed: 3,
        },
      });
      expect(started.status).toBe(202);
      const cancelled = await h().call('planner', 'DELETE', `/api/scenario-runs/${started.json.runId}`);
      expect(cancelled.status).toBe(200);
      await settled(h().db, started.json.runId as string);
      const after = await h().call('planner', 'GET', `/api/scenario-runs/${started.json.runId}`);
      // Whichever came first, the state is final and agrees with what was stored.
      expect(['cancelled', 'done']).toContain(after.json.state);
      if (after.json.state === 'done') expect(after.json.done).toBe(1);
      const audit = await queryAudit(h().db, { action: 'scenario.run', limit: 100, offset: 0 });
      expect(
        audit.rows.some((r) => r.details.op === 'cancel' && r.details.runId === started.json.runId),
      ).toBe(true);
    }, 60_000);

    it('cancels the waiting jobs of a cancelled run: the run stays cancelled with what it had', async () => {
      const started = await h().call('planner', 'POST', '/api/scenario-runs', {
        body: {
          scenarios: [{ id: 'sc-rooms', version: 1 }],
          policies: ['baseline', 'optimised'],
          replications: 4,
          weeks: 2,
          seed: 4,
        },
      });
      expect(started.status).toBe(202);
      const runId = started.json.runId as string;
      const cancelled = await h().call('planner', 'DELETE', `/api/scenario-runs/${runId}`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.json.state).toBe('cancelled');
      const jobs = async () =>
        (
          await h().db.query<{ state: string }>(
            `SELECT state FROM ${quoteIdent(h().app.jobs.schema())}.job
             WHERE name = 'opflow-replication' AND data->>'runId' = $1`,
            [runId],
          )
        ).rows.map((x) => x.state);
      // Wait for a job that was already running when the cancel came to finish.
      const end = Date.now() + 60_000;
      while ((await jobs()).some((st) => st === 'active' || st === 'created' || st === 'retry')) {
        if (Date.now() > end) throw new Error(`jobs still open: ${JSON.stringify(await jobs())}`);
        await new Promise((res) => setTimeout(res, 100));
      }
      const states = await jobs();
      expect(states).toHaveLength(8);
      expect(states.filter((st) => st === 'cancelled').length).toBeGreaterThan(0);
      const after = await h().call('analyst', 'GET', `/api/scenario-runs/${runId}`);
      expect(after.json).toMatchObject({ state: 'cancelled', total: 8, etaSeconds: null });
      // Only jobs that had started before the cancel stored anything.
      expect(after.json.done).toBe(states.filter((st) => st === 'completed').length);
      expect(after.json.done).toBeLessThan(8);
    }, 90_000);

    it('answers the inverse question as one job', async () => {
      const r = await h().call('analyst', 'POST', '/api/scenario-inverse', {
        body: {
          find: { kind: 'regional-team-days', hospitalId: 'h-vaxjo', targetShare: 1, maxUnits: 2 },
          scenario: { id: 'sc-rooms', version: 1 },
          policy: 'baseline',
          replications: 1,
          weeks: 1,
          seed: 5,
        },
      });
      expect(r.status).toBe(202);
      await h().app.inverses.idle();
      const done = await h().call('analyst', 'GET', `/api/scenario-inverse/${r.json.inverseId}`);
      expect(done.json.state).toBe('done');
      // A target share of 100 % is met with no extra capacity at all.
      expect(done.json.result).toMatchObject({ units: 0, targetShare: 1, week: 1 });
      expect(done.json.evaluations).toBe(done.json.result.evaluations.length);
      // The question and its answer are in the database: another server (no workers, nothing in
      // memory) answers for it.
      const other = createApp({
        db: h().db,
        config: h().config,
        log: () => undefined,
        jobs: { workers: false },
      });
      await other.recover();
      try {
        const addr = await other.listen(0, '127.0.0.1');
        const res = await fetch(`http://127.0.0.1:${addr.port}/api/scenario-inverse/${r.json.inverseId}`, {
          headers: { authorization: `Bearer ${h().tokens.analyst}` },
        });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual(done.json);
      } finally {
        await other.close({ graceMs: 0 });
      }
      const missing = await h().call('analyst', 'POST', '/api/scenario-inverse', {
        body: {
          find: { kind: 'extra-lists', hospitalId: 'h-vaxjo', targetShare: 0.1, maxUnits: 2 },
          scenario: { id: 'sc-rooms', version: 1 },
          policy: 'baseline',
          replications: 1,
          weeks: 1,
          seed: 5,
        },
      });
      expect(missing.status).toBe(400);
      expect(missing.json.errors[0].field).toBe('body.find.specialtyId');
    }, 120_000);
  });
}

describe('scenario routes without a scenario service', () => {
  it('are mounted all the same and answer 501 with a problem naming what is missing', async () => {
    const table = routeTable().filter((r) => r.path.startsWith('/api/scenario'));
    expect(table.map((r) => `${r.method} ${r.path}`)).toContain('post /api/scenario-inverse');
    expect(table.length).toBeGreaterThan(8);
    for (const r of table) {
      const input = { who: { userId: 'u-analyst', role: 'analyst' }, params: {}, query: {}, body: {} };
      await expect(r.handler(input as any), `${r.method} ${r.path}`).rejects.toMatchObject({ status: 501 });
    }
    const app = express();
    app.get('/api/scenarios', () => scenariosNotConfigured());
    app.use(errorMiddleware(() => undefined));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const addr = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${addr.port}/api/scenarios`);
      expect(res.status).toBe(501);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toMatchObject({
        status: 501,
        code: 'scenarios_not_configured',
        title: 'Scenarios are not configured on this server',
      });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
