// Waiting-list search by personnummer or name: server-side, in the role's scope, audited with the
// term, and refused to analysts (who see pseudonymised data only).
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { useHarness } from './harness.ts';
import { queryAudit } from '../../src/audit/repo.ts';

interface Row {
  id: string;
  personnummer: string;
  givenName: string;
  familyName: string;
  listingHospitalId: string;
}

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`waiting-list search [${variant.name}]`, () => {
    const h = useHarness(variant);
    const all = async (): Promise<Row[]> =>
      (await h().call('planner', 'GET', '/api/waiting-list?limit=1000')).json.rows as Row[];

    it('finds a patient by personnummer, with or without the dash, and by a part of it', async () => {
      const rows = await all();
      const p = rows[5]!;
      for (const term of [p.personnummer, p.personnummer.replace(/[-+]/, ''), p.personnummer.slice(2, 10)]) {
        const r = await h().call('planner', 'GET', `/api/waiting-list?search=${encodeURIComponent(term)}`);
        expect(r.status).toBe(200);
        const ids = (r.json.rows as Row[]).map((x) => x.id);
        expect(ids).toContain(p.id);
        // Exactly the rows whose digits contain the term's digits.
        const digits = term.replace(/\D/g, '');
        const expected = rows
          .filter((x) => x.personnummer.replace(/\D/g, '').includes(digits))
          .map((x) => x.id);
        expect(ids.sort()).toEqual(expected.sort());
        expect(r.json.total).toBe(expected.length);
      }
    });

    it('finds by name words in any order, case-insensitive, and treats % and _ literally', async () => {
      const rows = await all();
      const p = rows[3]!;
      const r = await h().call(
        'planner',
        'GET',
        `/api/waiting-list?search=${encodeURIComponent(`${p.familyName.toUpperCase()} ${p.givenName.toLowerCase()}`)}`,
      );
      expect(r.status).toBe(200);
      const expected = rows
        .filter((x) => {
          const full = `${x.givenName} ${x.familyName}`.toLowerCase();
          return full.includes(p.familyName.toLowerCase()) && full.includes(p.givenName.toLowerCase());
        })
        .map((x) => x.id);
      expect((r.json.rows as Row[]).map((x) => x.id).sort()).toEqual(expected.sort());
      expect(expected).toContain(p.id);
      const wild = await h().call('planner', 'GET', `/api/waiting-list?search=${encodeURIComponent('%_')}`);
      expect(wild.status).toBe(200);
      expect(wild.json.total).toBe(0);
    });

    it("keeps a coordinator's search to their hospital", async () => {
      const rows = await all();
      const other = rows.find((x) => x.listingHospitalId !== 'h-vaxjo')!;
      const r = await h().call(
        'vaxjo',
        'GET',
        `/api/waiting-list?search=${encodeURIComponent(other.personnummer)}`,
      );
      expect(r.status).toBe(200);
      expect((r.json.rows as Row[]).every((x) => x.listingHospitalId === 'h-vaxjo')).toBe(true);
      expect((r.json.rows as Row[]).map((x) => x.id)).not.toContain(other.id);
    });

    it('refuses analysts (403) and a term under 2 characters (400 naming the field)', async () => {
      const a = await h().call('analyst', 'GET', '/api/waiting-list?search=Anna');
      expect(a.status).toBe(403);
      const short = await h().call('planner', 'GET', '/api/waiting-list?search=A');
      expect(short.status).toBe(400);
      expect(short.json.errors[0].field).toBe('query.search');
    });

    it('audits a search with its term and the patients it showed', async () => {
      const rows = await all();
      const p = rows[7]!;
      const r = await h().call(
        'planner',
        'GET',
        `/api/waiting-list?search=${encodeURIComponent(p.personnummer)}`,
      );
      expect(r.status).toBe(200);
      const log = (await queryAudit(h().db, { action: 'patient.list', limit: 1000, offset: 0 })).rows;
      const mine = log.filter(
        (x) => (x.details as { filter?: { search?: string } }).filter?.search === p.personnummer,
      );
      expect(mine).toHaveLength(1);
      expect(mine[0]!.details.patientIds ?? [mine[0]!.patientId]).toContain(p.id);
    });

    it("answers a patient's plan history from the plans that place them, scoped and audited", async () => {
      const { planId } = await h().solvedPlan();
      const plan = (await h().call('planner', 'GET', `/api/plans/${planId}`)).json;
      const a = plan.result.assignments[0] as { patientId: string; hospitalId: string; date: string };
      const r = await h().call('planner', 'GET', `/api/waiting-list/${a.patientId}/plans`);
      expect(r.status).toBe(200);
      const mine = (r.json.plans as { planId: number; hospitalId: string; date: string }[]).find(
        (x) => x.planId === planId,
      );
      expect(mine).toMatchObject({ hospitalId: a.hospitalId, date: a.date, status: 'draft' });
      // A patient the plan does not place has no entry for it.
      const placed = new Set((plan.result.assignments as { patientId: string }[]).map((x) => x.patientId));
      const unplaced = (await all()).find((x) => !placed.has(x.id));
      if (unplaced !== undefined) {
        const u = await h().call('planner', 'GET', `/api/waiting-list/${unplaced.id}/plans`);
        expect(u.json.plans.filter((x: { planId: number }) => x.planId === planId)).toEqual([]);
      }
      const log = (
        await queryAudit(h().db, { action: 'patient.read', patientId: a.patientId, limit: 100, offset: 0 })
      ).rows;
      expect(log.some((x) => x.details.planHistory === true)).toBe(true);
      expect((await h().call('analyst', 'GET', `/api/waiting-list/${a.patientId}/plans`)).status).toBe(403);
      expect((await h().call('planner', 'GET', '/api/waiting-list/nobody-here/plans')).status).toBe(404);
      // Coordinators: drafts are not theirs to see, and other hospitals' patients are refused.
      const rows = await all();
      const vx = rows.find((x) => x.listingHospitalId === 'h-vaxjo')!;
      const other = rows.find((x) => x.listingHospitalId !== 'h-vaxjo')!;
      const own = await h().call('vaxjo', 'GET', `/api/waiting-list/${vx.id}/plans`);
      expect(own.status).toBe(200);
      expect(own.json.plans.every((x: { status: string }) => x.status !== 'draft')).toBe(true);
      // (404 like an unknown id: no oracle; tests/api/oracles.test.ts)
      expect((await h().call('vaxjo', 'GET', `/api/waiting-list/${other.id}/plans`)).status).toBe(404);
    });
  });
}
