// The waiting list: paging and filters, role scoping, audit rows for every read, and imports
// (CSV and JSON) that are all-or-nothing, name each bad row and field, and are idempotent.
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { PERSONNUMMER_RE, USERS, useHarness, type Reply } from './harness.ts';
import { makePersonnummer } from '../../src/domain/personnummer.ts';
import { countPatients, getPatient } from '../../src/waiting-list/patientRepo.ts';
import { queryAudit } from '../../src/audit/repo.ts';
import { pseudonym } from '../../src/auth/scoping.ts';
import { WaitingListEntry } from '../../src/domain/snapshot.ts';
import { guaranteeDays } from '../../src/domain/careGuarantee.ts';

const HEADER =
  'id,personnummer,givenName,familyName,homeRegionId,homePlaceId,procedureId,decisionDate,priorityGroup,medicalTargetDate,asaClass,earliestDate,consentElsewhere,maxTravelKm,excludedPeriods';
const row = (n: number, over: Partial<Record<string, string>> = {}): string => {
  const v: Record<string, string> = {
    id: `imp-${n}`,
    personnummer: makePersonnummer(`1950-01-${String(n).padStart(2, '0')}`, 200 + n, '2026-03-02'),
    givenName: 'Test',
    familyName: n === 2 ? '"Svensson, d.y."' : 'Svensson',
    homeRegionId: 'r-skane',
    homePlaceId: 'pl-lund',
    procedureId: 'p-knee',
    decisionDate: '2025-12-01',
    priorityGroup: 'B',
    medicalTargetDate: '2026-03-01',
    asaClass: '2',
    earliestDate: '2025-12-01',
    consentElsewhere: 'ja',
    maxTravelKm: '120',
    excludedPeriods: n === 3 ? 'PvV:2025-12-10..2025-12-20' : '',
    ...over,
  };
  return HEADER.split(',')
    .map((c) => v[c] ?? '')
    .join(',');
};

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`waiting list [${variant.name}]`, () => {
    const h = useHarness(variant);

    it('pages and filters for a planner, with guarantee days', async () => {
      const all = await h().call('planner', 'GET', '/api/waiting-list');
      expect(all.status).toBe(200);
      expect(all.json.total).toBe(20);
      expect(all.json.limit).toBe(100);
      // Rows are mapped from the database without zod on the hot path: each must still be a
      // valid entry (plus view and guarantee fields), exactly as the schema would return it.
      for (const r of all.json.rows) {
        const { view, guaranteeDays: days, pastGuarantee: past, guaranteeWaived: waived, ...entry } = r;
        expect(view).toBe('full');
        expect(WaitingListEntry.strict().parse(entry)).toStrictEqual(entry);
        expect(days).toBe(guaranteeDays(entry.decisionDate, all.json.asOfDate, entry.excludedPeriods));
        // No offer has been declined here: nobody has waived the guarantee.
        expect(waived).toBe(false);
        expect(past).toBe(days > 90);
      }
      const page = await h().call('planner', 'GET', '/api/waiting-list?limit=5&offset=5&sort=-decisionDate');
      expect(page.json.rows).toHaveLength(5);
      expect(page.json.rows[0].decisionDate >= page.json.rows[4].decisionDate).toBe(true);
      const vx = await h().call('planner', 'GET', '/api/waiting-list?hospitalId=h-vaxjo&specialtyId=ortho');
      for (const r of vx.json.rows) expect(r.listingHospitalId).toBe('h-vaxjo');
      const past = await h().call('planner', 'GET', '/api/waiting-list?pastGuarantee=true&priorityGroup=A');
      expect(past.json.rows.length).toBeGreaterThan(0);
      for (const r of past.json.rows) {
        expect(r.pastGuarantee).toBe(true);
        expect(r.guaranteeDays).toBeGreaterThan(90);
        expect(r.priorityGroup).toBe('A');
      }
    });

    it('names the field of every bad query parameter', async () => {
      const r = await h().call(
        'planner',
        'GET',
        '/api/waiting-list?limit=0&sort=name&pastGuarantee=maybe&status=gone',
      );
      expect(r.status).toBe(400);
      expect(r.json.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'query.limit',
        'query.pastGuarantee',
        'query.sort',
        'query.status',
      ]);
    });

    it('scopes a coordinator to their own hospital: another hospital is 403, the default is their own', async () => {
      const own = await h().call('hassleholm', 'GET', '/api/waiting-list');
      expect(own.status).toBe(200);
      expect(own.json.rows.length).toBeGreaterThan(0);
      for (const r of own.json.rows) expect(r.listingHospitalId).toBe('h-hassleholm');
      expect(own.json.rows[0].view).toBe('full');
      const other = await h().call('hassleholm', 'GET', '/api/waiting-list?hospitalId=h-vaxjo');
      expect(other.status).toBe(403);
      expect(other.text).not.toMatch(PERSONNUMMER_RE);
    });

    it('gives analysts pseudonymised rows only', async () => {
      const r = await h().call('analyst', 'GET', '/api/waiting-list?limit=1000');
      expect(r.status).toBe(200);
      expect(r.json.rows).toHaveLength(20);
      expect(r.text).not.toMatch(PERSONNUMMER_RE);
      for (const p of r.json.rows) {
        expect(Object.keys(p).sort()).toEqual(
          [
            'asaClass',
            'ageBand',
            'category',
            'decisionDate',
            'earliestDate',
            'guaranteeDays',
            'guaranteeWaived',
            'homeRegionId',
            'id',
            'listingHospitalId',
            'medicalTargetDate',
            'pastGuarantee',
            'priorityGroup',
            'procedureId',
            'status',
            'view',
          ].sort(),
        );
      }
      expect(r.json.rows.some((p: { ageBand: string }) => p.ageBand === '100+')).toBe(true);
    });

    it('writes one audit row per list read with the patient ids; admins can query it and extract per patient', async () => {
      await h().call('hassleholm', 'GET', '/api/waiting-list?limit=3');
      const rows = (
        await queryAudit(h().db, { action: 'patient.list', userId: 'u-hassleholm', limit: 100, offset: 0 })
      ).rows;
      const last = rows.at(-1);
      expect(last).toMatchObject({ role: 'coordinator', hospitalId: 'h-hassleholm' });
      const ids = last?.details.patientIds as string[];
      expect(ids).toHaveLength(3);
      expect((await h().call('planner', 'GET', '/api/audit')).status).toBe(403);
      const q = await h().call('admin', 'GET', `/api/audit?action=patient.list&userId=u-hassleholm`);
      expect(q.status).toBe(200);
      expect(q.json.total).toBe(rows.length);
      const extract = await h().call('admin', 'GET', `/api/audit/patients/${ids[0]}`);
      expect(extract.status).toBe(200);
      expect(extract.json.rows.some((r: { userId: string }) => r.userId === 'u-hassleholm')).toBe(true);
      expect((await h().call('admin', 'GET', '/api/audit?from=yesterday')).json.errors[0].field).toBe(
        'query.from',
      );
      // Append-only: the database refuses to rewrite history.
      await expect(h().db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    });

    it('imports a CSV all-or-nothing: every bad row and field listed, nothing written', async () => {
      const before = await countPatients(h().db);
      const text = [
        HEADER,
        row(1),
        row(2, { personnummer: '19500102-0000' }),
        row(3, { procedureId: 'p-none', decisionDate: '2025-13-01' }),
        row(4, { asaClass: 'five' }),
      ].join('\r\n');
      const r = await h().call('hassleholm', 'POST', '/api/hospitals/h-hassleholm/waiting-list/import', {
        text,
      });
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/problem\+json/);
      const found = r.json.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`);
      expect(found).toEqual(expect.arrayContaining(['3:rows[2].decisionDate', '4:rows[3].asaClass']));
      // Shape errors come first; with the shape fixed the reference and personnummer rules speak.
      const text2 = [
        HEADER,
        row(1),
        row(2, { personnummer: '19500102-0000' }),
        row(3, { procedureId: 'p-none' }),
      ].join('\n');
      const r2 = await h().call('hassleholm', 'POST', '/api/hospitals/h-hassleholm/waiting-list/import', {
        text: text2,
      });
      expect(r2.status).toBe(400);
      expect(r2.json.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual([
        '2:rows[1].personnummer',
        '3:rows[2].procedureId',
      ]);
      expect(await countPatients(h().db)).toBe(before);
      expect(await getPatient(h().db, 'imp-1')).toBeUndefined();
      const hdr = await h().call('hassleholm', 'POST', '/api/hospitals/h-hassleholm/waiting-list/import', {
        text: 'id,shoeSize\nx,42',
      });
      expect(hdr.json.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['header.shoeSize', 'header.personnummer']),
      );
    });

    it('imports a valid CSV; the same file again is a no-op; a changed row counts as changed', async () => {
      const text = [HEADER, row(1), row(2), row(3)].join('\r\n') + '\r\n';
      const url = '/api/hospitals/h-hassleholm/waiting-list/import';
      const first = await h().call('hassleholm', 'POST', url, { text });
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({ received: 3, new: 3, changed: 0, unchanged: 0 });
      const again = await h().call('hassleholm', 'POST', url, { text });
      expect(again.json).toMatchObject({ received: 3, new: 0, changed: 0, unchanged: 3 });
      const p2 = await getPatient(h().db, 'imp-2');
      expect(p2).toMatchObject({
        familyName: 'Svensson, d.y.',
        listingHospitalId: 'h-hassleholm',
        consentElsewhere: true,
        status: 'waiting',
      });
      expect((await getPatient(h().db, 'imp-3'))?.excludedPeriods).toEqual([
        { kind: 'PvV', from: '2025-12-10', to: '2025-12-20' },
      ]);
      const changed = await h().call('planner', 'POST', url, {
        text: [HEADER, row(1, { maxTravelKm: '200' }), row(2), row(3)].join('\n'),
      });
      expect(changed.json).toMatchObject({ new: 0, changed: 1, unchanged: 2 });
      const audit = (await queryAudit(h().db, { action: 'patient.import', limit: 10, offset: 0 })).rows;
      expect(audit.at(-1)?.details.patientIds).toEqual(['imp-1']);
    });

    it('imports JSON arrays with the same rules; other hospitals and roles are refused', async () => {
      const url = '/api/hospitals/h-hassleholm/waiting-list/import';
      const entry = {
        id: 'imp-json-1',
        personnummer: makePersonnummer('1961-06-15', 321, '2026-03-02'),
        givenName: 'Jon',
        familyName: 'Json',
        homeRegionId: 'r-skane',
        homePlaceId: 'pl-malmo',
        procedureId: 'p-hip',
        decisionDate: '2026-01-10',
        priorityGroup: 'C',
        medicalTargetDate: '2026-07-09',
        asaClass: 1,
        earliestDate: '2026-01-10',
        consentElsewhere: false,
        maxTravelKm: 30,
      };
      const ok = await h().call('planner', 'POST', url, { body: [entry] });
      expect(ok.json).toMatchObject({ new: 1 });
      const wrongHospital = await h().call('planner', 'POST', url, {
        body: [{ ...entry, listingHospitalId: 'h-vaxjo' }],
      });
      expect(wrongHospital.json.errors[0]).toMatchObject({ field: 'rows[0].listingHospitalId', row: 1 });
      const notArray = await h().call('planner', 'POST', url, { body: { rows: [] } });
      expect(notArray.status).toBe(400);
      const dup = await h().call('planner', 'POST', url, { body: [entry, entry] });
      expect(dup.json.errors[0]).toMatchObject({ field: 'rows[1].id', row: 2 });
      const stolen = await h().call('planner', 'POST', url, { body: [{ ...entry, id: 'wl-0004' }] });
      expect(stolen.json.errors[0].message).toMatch(/cannot be used for/);
      expect((await h().call('vaxjo', 'POST', url, { body: [entry] })).status).toBe(403);
      expect((await h().call('analyst', 'POST', url, { body: [entry] })).status).toBe(403);
      expect(
        (await h().call('planner', 'POST', '/api/hospitals/h-nowhere/waiting-list/import', { body: [entry] }))
          .status,
      ).toBe(404);
    });

    it('gives planner, analyst and coordinators each their own view of one URL; a repeat is the same body and one more audit row', async () => {
      const url = '/api/waiting-list?limit=1000&sort=-decisionDate';
      const planner = await h().call('planner', 'GET', url);
      const analyst = await h().call('analyst', 'GET', url);
      const coordinator = await h().call('hassleholm', 'GET', url);
      for (const r of [planner, analyst, coordinator]) expect(r.status).toBe(200);
      const ids = (r: Reply): string[] => r.json.rows.map((p: { id: string }) => p.id);
      const views = (r: Reply): string[] => [
        ...new Set<string>(r.json.rows.map((p: { view: string }) => p.view)),
      ];

      expect(views(planner)).toEqual(['full']);
      expect(planner.text).toMatch(PERSONNUMMER_RE);
      // The analyst asked right after the planner: same rows, pseudonymised.
      expect(views(analyst)).toEqual(['pseudonymised']);
      expect(analyst.text).not.toMatch(PERSONNUMMER_RE);
      expect(analyst.text).not.toMatch(/"(personnummer|givenName|familyName)"/);
      // Keyed pseudonyms: the same rows, under ids that cannot be joined to the planner's.
      expect(ids(analyst)).toEqual(ids(planner).map((id) => pseudonym('analyst', id)));
      expect(ids(analyst).filter((id) => ids(planner).includes(id))).toEqual([]);
      expect(analyst.json.total).toBe(planner.json.total);
      // The coordinator: their own hospital's rows of the planner's page, identified.
      const own = planner.json.rows.filter(
        (p: { listingHospitalId: string }) => p.listingHospitalId === 'h-hassleholm',
      );
      expect(own.length).toBeGreaterThan(0);
      expect(own.length).toBeLessThan(planner.json.rows.length);
      expect(coordinator.json.rows).toEqual(own);
      expect(coordinator.json.total).toBe(own.length);
      // Another hospital's coordinator, same URL: their own rows, not the cached ones of the first.
      const other = await h().call('vaxjo', 'GET', url);
      const vaxjoRows = planner.json.rows.filter(
        (p: { listingHospitalId: string }) => p.listingHospitalId === 'h-vaxjo',
      );
      expect(vaxjoRows.length).toBeGreaterThan(0);
      expect(other.json.rows).toEqual(vaxjoRows);

      for (const [who, first] of [
        ['planner', planner],
        ['analyst', analyst],
        ['hassleholm', coordinator],
      ] as const) {
        const q = { action: 'patient.list', userId: `u-${who}` };
        const count = async (): Promise<number> =>
          (await queryAudit(h().db, { ...q, limit: 1, offset: 0 })).total;
        const before = await count();
        for (let i = 1; i <= 2; i++) {
          const again = await h().call(who, 'GET', url);
          expect(again.status).toBe(200);
          expect(again.text).toBe(first.text);
          expect(await count()).toBe(before + i);
        }
        const last = (await queryAudit(h().db, { ...q, limit: 1, offset: before + 1 })).rows[0];
        // The audit row names the real patients; the analyst saw their pseudonyms.
        const shown = (last?.details.patientIds as string[]).map((id) =>
          who === 'analyst' ? pseudonym('analyst', id) : id,
        );
        expect(last?.role).toBe(USERS[who].role);
        expect(shown).toEqual(ids(first));
      }
    });

    it('shows an import and a raw SQL update in the next read of the same URL, for every role', async () => {
      const url = '/api/waiting-list?hospitalId=h-vaxjo&limit=1000';
      const read = async (): Promise<Record<'planner' | 'vaxjo' | 'analyst', Reply>> => ({
        planner: await h().call('planner', 'GET', url),
        vaxjo: await h().call('vaxjo', 'GET', url),
        analyst: await h().call('analyst', 'GET', url),
      });
      const who = ['planner', 'vaxjo', 'analyst'] as const;
      const r0 = await read();
      const r1 = await read();
      for (const k of who) {
        expect(r0[k].status).toBe(200);
        expect(r1[k].text).toBe(r0[k].text);
        expect(r0[k].json.rows.some((p: { id: string }) => p.id === 'imp-9')).toBe(false);
      }

      const imported = await h().call('vaxjo', 'POST', '/api/hospitals/h-vaxjo/waiting-list/import', {
        text: [HEADER, row(9, { homeRegionId: 'r-kronoberg', homePlaceId: 'pl-vaxjo' })].join('\n'),
      });
      expect(imported.status).toBe(200);
      expect(imported.json).toMatchObject({ new: 1 });
      const r2 = await read();
      for (const k of who) {
        expect(r2[k].json.total).toBe(r0[k].json.total + 1);
        expect(r2[k].json.rows.map((p: { id: string }) => p.id)).toEqual([
          ...r0[k].json.rows.map((p: { id: string }) => p.id),
          k === 'analyst' ? pseudonym('analyst', 'imp-9') : 'imp-9',
        ]);
      }
      expect(r2.planner.json.rows.at(-1)).toMatchObject({ id: 'imp-9', givenName: 'Test', view: 'full' });
      expect(r2.vaxjo.json.rows).toEqual(r2.planner.json.rows);
      expect(r2.analyst.text).not.toMatch(PERSONNUMMER_RE);

      const target = r2.planner.json.rows[0].id as string;
      expect(r2.planner.json.rows[0].givenName).not.toBe('Ändrad');
      await h().db.query('UPDATE waiting_list SET given_name = $1 WHERE id = $2', ['Ändrad', target]);
      const r3 = await read();
      const renamed = {
        ...r2.planner.json,
        rows: r2.planner.json.rows.map((p: { id: string }) =>
          p.id === target ? { ...p, givenName: 'Ändrad' } : p,
        ),
      };
      expect(r3.planner.json).toEqual(renamed);
      expect(r3.vaxjo.json).toEqual(renamed);
      // The analyst's view has no names: the same page as before, still without them.
      expect(r3.analyst.json).toEqual(r2.analyst.json);
      expect(r3.analyst.text).not.toMatch(/Ändrad|"givenName"/);
    });
  });
}
