// Broken object-level authorisation probes (tests/helpers/bola.ts, also run by bench/security.ts):
// every route × every role with another hospital's objects and a solved plan; 0 leaks.
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { useHarness, type UserKey } from './harness.ts';
import { probeBola, type Caller } from '../helpers/bola.ts';

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`BOLA probes [${variant.name}]`, () => {
    const h = useHarness(variant);

    it('no role reaches another hospital, an admin route or a personnummer it may not see', async () => {
      const { planId } = await h().solvedPlan();
      const call: Caller = async (who, method, path, body) =>
        h().call(who as UserKey, method, path, body === undefined ? {} : { body });
      const { probes, leaks } = await probeBola(h().db, call, planId);
      expect(leaks).toEqual([]);
      expect(probes).toBeGreaterThan(5 * 30);
    }, 240_000);

    // Neither the waiting list nor a plan body shows an analyst an internal patient id: both carry
    // the analyst's keyed pseudonym (ADR 0013), so nothing joins to the planners' ids.
    it('analysts see no internal patient id in the waiting list or a plan', async () => {
      const planId = Number(
        (await h().db.query<{ id: number }>("SELECT min(id) AS id FROM plans WHERE status <> 'running'"))
          .rows[0]?.id,
      );
      const ids = (await h().db.query<{ id: string }>('SELECT id FROM waiting_list')).rows.map((r) => r.id);
      const list = await h().call('analyst', 'GET', '/api/waiting-list?limit=1000');
      const plan = await h().call('analyst', 'GET', `/api/plans/${planId}`);
      expect([list.status, plan.status]).toEqual([200, 200]);
      expect(ids.filter((id) => list.text.includes(`"${id}"`))).toEqual([]);
      expect(ids.filter((id) => plan.text.includes(`"${id}"`))).toEqual([]);
      // Not vacuous: the plan shows patients, under pseudonyms.
      expect(plan.json.result.assignments.length).toBeGreaterThan(0);
      expect(plan.json.result.assignments[0].patientId).toMatch(/^ps-/);
    }, 120_000);
  });
}
