/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies are asserted structurally */
// Reference data and capacity edits (roster overrides, closures, regional teams): who may edit,
// validation naming the field, transactions, audit rows and `capacity.changed` to the right rooms.
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { useHarness } from './harness.ts';
import { queryAudit } from '../../src/audit/repo.ts';

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`reference data and capacity [${variant.name}]`, () => {
    const h = useHarness(variant);

    it('serves the reference data to every role', async () => {
      const expectations: [string, (j: any) => void][] = [
        [
          '/api/regions',
          (j) => expect(j.map((r: { id: string }) => r.id)).toEqual(['r-skane', 'r-kronoberg']),
        ],
        [
          '/api/hospitals',
          (j) =>
            expect(j.find((x: { id: string }) => x.id === 'h-vaxjo')).toMatchObject({
              acute: true,
              listStartTime: '07:30',
              specialtyIds: ['gensurg', 'ortho'],
            }),
        ],
        [
          '/api/theatres?hospitalId=h-vaxjo',
          (j) => expect(j.map((t: { id: string }) => t.id)).toEqual(['h-vaxjo-op1', 'h-vaxjo-op2']),
        ],
        ['/api/theatres', (j) => expect(j).toHaveLength(6)],
        [
          '/api/procedures',
          (j) => expect(j.map((p: { kvaCode: string }) => p.kvaCode)).toEqual(['NFB49', 'NGB49', 'JKA21']),
        ],
        ['/api/specialties', (j) => expect(j).toHaveLength(2)],
        [
          '/api/priority-grids',
          (j) => expect(j[0].groups.map((g: { group: string }) => g.group)).toEqual(['A', 'B', 'C']),
        ],
        ['/api/region-set', (j) => expect(j).toMatchObject({ id: 'test-set', asOfDate: '2026-03-02' })],
        ['/api/regional-teams', (j) => expect(j[0]).toMatchObject({ id: 'team-1', weekdays: [2, 4] })],
      ];
      for (const [path, check] of expectations) {
        const r = await h().call('analyst', 'GET', path);
        expect(r.status, path).toBe(200);
        check(r.json);
      }
      const cal = await h().call('vaxjo', 'GET', '/api/calendar?year=2026');
      expect(cal.status).toBe(200);
      expect(
        cal.json.closureDays.some((d: { date: string; nameSv: string }) => d.date === '2026-04-03'),
      ).toBe(true); // långfredag
      expect(cal.json.extraClosureDates).toEqual(['2026-06-05']);
      expect(cal.json.summer.example.reason).toBe('summer');
      expect((await h().call('vaxjo', 'GET', '/api/calendar?year=nineteen')).json.errors[0].field).toBe(
        'query.year',
      );
      expect((await h().call('vaxjo', 'GET', '/api/calendar')).json.errors[0].field).toBe('query.year');
      expect((await h().call('vaxjo', 'GET', '/api/theatres?hospitalId=')).json.errors[0].field).toBe(
        'query.hospitalId',
      );
      expect((await h().call(undefined, 'GET', '/api/regions')).status).toBe(401);
    });

    it('roster overrides: planners and the hospital’s coordinator replace a date range; others get 403', async () => {
      const url = '/api/hospitals/h-vaxjo/roster-overrides';
      const before = await h().call('analyst', 'GET', url);
      expect(before.json).toEqual([
        {
          hospitalId: 'h-vaxjo',
          date: '2026-03-04',
          anaesthesiaTeams: 1,
          nursingTeams: 1,
          surgeonLists: { ortho: 1 },
          lendableSurgeonLists: {},
        },
      ]);
      const s = await h().socket('vaxjo');
      const other = await h().socket('hassleholm');
      const got: string[] = [];
      other.on('capacity.changed', (p: { hospitalId: string }) => got.push(p.hospitalId));
      const changed = new Promise<{ hospitalId: string; kind: string }>((resolve) =>
        s.once('capacity.changed', resolve),
      );
      const body = {
        from: '2026-03-01',
        to: '2026-03-31',
        overrides: [
          {
            date: '2026-03-10',
            anaesthesiaTeams: 3,
            nursingTeams: 3,
            surgeonLists: { ortho: 2, gensurg: 1 },
            lendableSurgeonLists: { ortho: 1 },
          },
          { date: '2026-03-11', anaesthesiaTeams: 0, nursingTeams: 0, surgeonLists: {} },
        ],
      };
      const ok = await h().call('vaxjo', 'PUT', url, { body });
      expect(ok.status).toBe(200);
      expect(ok.json).toEqual({ deleted: 1, inserted: 2 });
      expect(await changed).toMatchObject({ hospitalId: 'h-vaxjo', kind: 'roster-overrides' });
      const after = await h().call('planner', 'GET', `${url}?from=2026-03-10&to=2026-03-10`);
      expect(after.json).toHaveLength(1);
      expect(after.json[0].surgeonLists).toEqual({ ortho: 2, gensurg: 1 });
      expect((await h().call('hassleholm', 'PUT', url, { body })).status).toBe(403);
      expect((await h().call('analyst', 'PUT', url, { body })).status).toBe(403);
      const bad = await h().call('planner', 'PUT', url, {
        body: {
          from: '2026-03-01',
          to: '2026-03-31',
          overrides: [{ date: '2026-04-01', anaesthesiaTeams: -1, nursingTeams: 1, surgeonLists: {} }],
        },
      });
      expect(bad.json.errors[0]).toMatchObject({ field: 'body.overrides[0].anaesthesiaTeams', row: 1 });
      const outside = await h().call('planner', 'PUT', url, {
        body: {
          from: '2026-03-01',
          to: '2026-03-31',
          overrides: [
            {
              date: '2026-04-01',
              anaesthesiaTeams: 1,
              nursingTeams: 1,
              surgeonLists: { ortho: 1 },
              lendableSurgeonLists: { ortho: 2 },
            },
          ],
        },
      });
      expect(outside.json.errors.map((e: { field: string }) => e.field)).toEqual([
        'body.overrides[0].date',
        'body.overrides[0].lendableSurgeonLists.ortho',
      ]);
      expect((await h().call('planner', 'GET', url)).json).toHaveLength(2); // the rejected PUTs changed nothing
      expect(got).toEqual([]); // Hässleholm's coordinator heard nothing about Växjö
      const audit = (
        await queryAudit(h().db, { action: 'capacity.change', hospitalId: 'h-vaxjo', limit: 10, offset: 0 })
      ).rows;
      expect(audit[0]).toMatchObject({ userId: 'u-vaxjo', role: 'coordinator' });
    });

    it('closures: add, list, remove; theatre must belong to the hospital', async () => {
      const url = '/api/hospitals/h-hassleholm/closures';
      const add = await h().call('hassleholm', 'POST', url, {
        body: { theatreId: 'h-hassleholm-op2', date: '2026-03-12', reason: 'Städning' },
      });
      expect(add.status).toBe(201);
      const id = add.json.id as number;
      expect((await h().call('vaxjo', 'GET', url)).json.some((c: { id: number }) => c.id === id)).toBe(true);
      const wrong = await h().call('planner', 'POST', url, {
        body: { theatreId: 'h-vaxjo-op1', date: '2026-03-12', reason: 'x' },
      });
      expect(wrong.json.errors[0].field).toBe('body.theatreId');
      const bad = await h().call('planner', 'POST', url, { body: { date: '2026-02-30', reason: '' } });
      expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'body.date',
        'body.reason',
      ]);
      expect((await h().call('vaxjo', 'DELETE', `${url}/${id}`)).status).toBe(403);
      expect((await h().call('hassleholm', 'DELETE', `${url}/${id}`)).status).toBe(204);
      expect((await h().call('hassleholm', 'DELETE', `${url}/${id}`)).status).toBe(404);
      expect((await h().call('planner', 'GET', '/api/hospitals/h-nowhere/closures')).status).toBe(404);
    });

    it('regional team availability: base hospital coordinator or planner', async () => {
      const url = '/api/regional-teams/team-1/availability';
      const body = { weekdays: [4, 2, 2], unavailableDates: ['2026-03-17'] };
      expect((await h().call('vaxjo', 'PUT', url, { body })).status).toBe(403);
      const ok = await h().call('planner', 'PUT', url, { body });
      expect(ok.status).toBe(200);
      expect(ok.json).toMatchObject({ weekdays: [2, 4], unavailableDates: ['2026-03-17'] });
      expect((await h().call('planner', 'PUT', url, { body: { weekdays: [8] } })).json.errors[0].field).toBe(
        'body.weekdays[0]',
      );
      expect(
        (await h().call('planner', 'PUT', '/api/regional-teams/team-x/availability', { body })).status,
      ).toBe(404);
    });
  });
}
