// Staff imports (ADR 0024): a surgeon roster and a session plan as CSV or JSON, all or nothing,
// row-level errors naming field and row, audited with the change, planners for any hospital and
// coordinators for their own; and the waiting-list import's surgeon and must-treat columns.
import { describe, expect, it } from 'vitest';
import { makePersonnummer } from '../../src/domain/personnummer.ts';
import { dbVariants } from '../helpers/db.ts';
import { useHarness } from './harness.ts';

const SURGEON_HEADER =
  'id,name,homeHospitalId,specialtyId,procedureIds,maxMinPerDay,weekdays,unavailableDates,extraDates,visitingHospitalIds,maxParallelTheatres';
const SURGEONS = [
  SURGEON_HEADER,
  'op-lund-1,Eva Lindqvist,h-sus-lund,ortho,p-hip;p-knee,480,1;2;3,2026-03-03,2026-03-07,h-hassleholm,1',
  'op-lund-2,Sara Holm,h-sus-lund,gensurg,p-chole,420,1;2;3;4;5,,,,',
  'op-hlm-1,Nils Bergström,h-hassleholm,ortho,p-knee,465,4;5,,,,',
].join('\n');

const SESSION_HEADER = 'hospitalId,theatreId,date,part,startTime,lengthMin,allocation,specialtyId,surgeonId';
const SESSIONS = [
  SESSION_HEADER,
  'h-sus-lund,h-sus-lund-op1,2026-03-09,day,07:45,450,specialty,ortho,',
  'h-sus-lund,h-sus-lund-op2,2026-03-09,am,07:45,225,surgeon,,op-lund-1',
  'h-sus-lund,h-sus-lund-op2,2026-03-09,pm,11:30,225,open,,',
  'h-sus-lund,h-sus-lund-op1,2026-03-10,day,07:45,450,specialty,gensurg,',
].join('\n');

const count = async (h: ReturnType<ReturnType<typeof useHarness>>, sql: string): Promise<number> =>
  Number((await h.db.query<{ n: number }>(sql)).rows[0]?.n ?? -1);

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`staff imports [${variant.name}]`, () => {
    const h = useHarness(variant);

    it('imports a surgeon roster as CSV, audited per hospital, and is idempotent', async () => {
      const r = await h().call('planner', 'POST', '/api/surgeons/import', { text: SURGEONS });
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ received: 3, new: 3, changed: 0, unchanged: 0 });
      expect(r.json.hospitalIds).toEqual(['h-hassleholm', 'h-sus-lund']);
      const audits = await h().db.query<{ hospital_id: string; details: { kind: string } }>(
        `SELECT hospital_id, details FROM audit_log WHERE action = 'capacity.change' ORDER BY id`,
      );
      expect(
        audits.rows.filter((a) => a.details.kind === 'surgeons.import').map((a) => a.hospital_id),
      ).toEqual(['h-hassleholm', 'h-sus-lund']);
      const again = await h().call('planner', 'POST', '/api/surgeons/import', { text: SURGEONS });
      expect(again.json).toMatchObject({ new: 0, changed: 0, unchanged: 3 });
      const changed = await h().call('planner', 'POST', '/api/surgeons/import', {
        text: SURGEONS.replace('465,4;5', '400,4;5'),
      });
      expect(changed.json).toMatchObject({ new: 0, changed: 1, unchanged: 2 });
      expect(await count(h(), `SELECT max_min_per_day AS n FROM surgeons WHERE id = 'op-hlm-1'`)).toBe(400);
    });

    it('rejects a roster with a bad row whole, naming field and row', async () => {
      const before = await count(h(), 'SELECT count(*)::int AS n FROM surgeons');
      const bad = [
        SURGEON_HEADER,
        'op-new-1,Karin Dahl,h-sus-lund,ortho,p-hip,450,1;2,,,,',
        'op-new-2,Per Falk,h-sus-lund,ortho,p-chole,450,1;2,,,,',
        'op-new-3,Lena Borg,h-sus-lund,ortho,p-hip,0,1;2,,,,',
      ].join('\n');
      const r = await h().call('planner', 'POST', '/api/surgeons/import', { text: bad });
      expect(r.status).toBe(400);
      expect(r.json.errors).toContainEqual(
        expect.objectContaining({ field: 'rows[2].maxMinPerDay', row: 3 }),
      );
      const semantic = await h().call('planner', 'POST', '/api/surgeons/import', {
        text: bad.split('\n').slice(0, 3).join('\n'),
      });
      expect(semantic.status).toBe(400);
      expect(semantic.json.errors).toContainEqual(
        expect.objectContaining({ field: 'rows[1].procedureIds[0]', row: 2 }),
      );
      expect(await count(h(), 'SELECT count(*)::int AS n FROM surgeons')).toBe(before);
    });

    it('lets a coordinator import only their own hospital, an analyst not at all', async () => {
      const own = [SURGEON_HEADER, 'op-hlm-2,Anna Sandberg,h-hassleholm,ortho,p-hip,450,1,,,,'].join('\n');
      expect((await h().call('hassleholm', 'POST', '/api/surgeons/import', { text: own })).status).toBe(200);
      const other = [SURGEON_HEADER, 'op-lund-9,Anna Sandberg,h-sus-lund,ortho,p-hip,450,1,,,,'].join('\n');
      const refused = await h().call('hassleholm', 'POST', '/api/surgeons/import', { text: other });
      expect(refused.status).toBe(403);
      expect(refused.text).not.toContain('h-hassleholm');
      expect((await h().call('analyst', 'POST', '/api/surgeons/import', { text: own })).status).toBe(403);
      expect(await count(h(), `SELECT count(*)::int AS n FROM surgeons WHERE id = 'op-lund-9'`)).toBe(0);
    });

    it("imports a session plan and replaces the hospital's sessions over the file's dates", async () => {
      const r = await h().call('planner', 'POST', '/api/sessions/import', { text: SESSIONS });
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({
        received: 4,
        hospitals: [
          { hospitalId: 'h-sus-lund', from: '2026-03-09', to: '2026-03-10', deleted: 0, inserted: 4 },
        ],
      });
      // A second file for one date replaces that date only.
      const monday = [SESSION_HEADER, 'h-sus-lund,h-sus-lund-op1,2026-03-09,day,07:45,450,open,,'].join('\n');
      const r2 = await h().call('planner', 'POST', '/api/sessions/import', { text: monday });
      expect(r2.json.hospitals[0]).toMatchObject({ deleted: 3, inserted: 1 });
      expect(await count(h(), 'SELECT count(*)::int AS n FROM theatre_sessions')).toBe(2);
      const audit = await count(
        h(),
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'capacity.change' AND details->>'kind' = 'sessions.import'`,
      );
      expect(audit).toBe(2);
    });

    it('rejects a session plan with an error row whole, naming field and row', async () => {
      const before = await count(h(), 'SELECT count(*)::int AS n FROM theatre_sessions');
      const bad = [
        SESSION_HEADER,
        'h-sus-lund,h-sus-lund-op1,2026-03-11,am,07:45,225,specialty,ortho,',
        'h-sus-lund,h-sus-lund-op1,2026-03-11,pm,11:00,225,specialty,ortho,',
        'h-sus-lund,h-vaxjo-op1,2026-03-11,day,07:45,450,open,,',
        'h-sus-lund,h-sus-lund-op2,2026-03-11,day,07:45,450,surgeon,,op-hlm-1',
        'h-sus-lund,h-sus-lund-op2,2026-03-12,day,07:45,450,specialty,,',
      ].join('\n');
      const r = await h().call('planner', 'POST', '/api/sessions/import', { text: bad });
      expect(r.status).toBe(400);
      const fields = r.json.errors.map((e: { field: string; row: number }) => `${e.field}@${e.row}`);
      expect(fields).toEqual(
        expect.arrayContaining([
          'rows[1].startTime@2',
          'rows[2].theatreId@3',
          'rows[3].allocation.surgeonId@4',
          'rows[4].specialtyId@5',
        ]),
      );
      expect(await count(h(), 'SELECT count(*)::int AS n FROM theatre_sessions')).toBe(before);
    });

    it("lists a hospital's surgeons (visitors included) and its sessions in a date range", async () => {
      const hlm = await h().call('planner', 'GET', '/api/hospitals/h-hassleholm/surgeons');
      expect(hlm.status).toBe(200);
      // op-lund-1 may visit Hässleholm; op-hlm-1 is based there.
      expect(hlm.json.map((s: { id: string }) => s.id)).toEqual(
        expect.arrayContaining(['op-lund-1', 'op-hlm-1']),
      );
      expect(hlm.json.map((s: { id: string }) => s.id)).not.toContain('op-lund-2');
      expect((await h().call('analyst', 'GET', '/api/hospitals/h-hassleholm/surgeons')).status).toBe(403);
      const sessions = await h().call(
        'analyst',
        'GET',
        '/api/hospitals/h-sus-lund/sessions?from=2026-03-10&to=2026-03-10',
      );
      expect(sessions.status).toBe(200);
      expect(sessions.json).toEqual([
        expect.objectContaining({
          date: '2026-03-10',
          allocation: { kind: 'specialty', specialtyId: 'gensurg' },
        }),
      ]);
    });

    it("refuses a coordinator's session plan for another hospital", async () => {
      const r = await h().call('vaxjo', 'POST', '/api/sessions/import', { text: SESSIONS });
      expect(r.status).toBe(403);
      const own = [SESSION_HEADER, 'h-vaxjo,h-vaxjo-op1,2026-03-09,day,07:45,450,open,,'].join('\n');
      expect((await h().call('vaxjo', 'POST', '/api/sessions/import', { text: own })).status).toBe(200);
    });

    it('imports waiting-list rows with mustTreatBy, surgeonId and preferredSurgeonId', async () => {
      const header =
        'id,personnummer,givenName,familyName,homeRegionId,homePlaceId,procedureId,decisionDate,priorityGroup,medicalTargetDate,asaClass,earliestDate,consentElsewhere,maxTravelKm,mustTreatBy,surgeonId,preferredSurgeonId';
      const line = (id: string, surgeon: string, preferred: string): string =>
        [
          id,
          makePersonnummer('1950-02-03', 321, '2026-03-02'),
          'Test',
          'Svensson',
          'r-skane',
          'pl-lund',
          'p-hip',
          '2025-12-01',
          'B',
          '2026-03-01',
          '2',
          '2025-12-01',
          'ja',
          '120',
          '2026-04-30',
          surgeon,
          preferred,
        ].join(',');
      const url = '/api/hospitals/h-sus-lund/waiting-list/import';
      const ok = await h().call('planner', 'POST', url, {
        text: [header, line('imp-s1', 'op-lund-1', '')].join('\n'),
      });
      expect(ok.status).toBe(200);
      const row = await h().db.query<{ surgeon_id: string; must_treat_by: string }>(
        `SELECT surgeon_id, must_treat_by::text AS must_treat_by FROM waiting_list WHERE id = 'imp-s1'`,
      );
      expect(row.rows[0]).toEqual({ surgeon_id: 'op-lund-1', must_treat_by: '2026-04-30' });
      const bad = await h().call('planner', 'POST', url, {
        text: [header, line('imp-s2', '', 'op-nobody'), line('imp-s3', 'op-lund-2', '')].join('\n'),
      });
      expect(bad.status).toBe(400);
      expect(bad.json.errors).toContainEqual(
        expect.objectContaining({ field: 'rows[0].preferredSurgeonId', row: 1 }),
      );
      expect(bad.json.errors).toContainEqual(expect.objectContaining({ field: 'rows[1].surgeonId', row: 2 }));
    });

    it("names an assignment's surgeon for identified roles, on the plan and the day list", async () => {
      // The roster imported above gives SUS Lund and Hässleholm named surgeons: the engine names one
      // on each of their lists, and the plan shows the name from the roster.
      const { planId } = await h().solvedPlan();
      const plan = await h().call('planner', 'GET', `/api/plans/${planId}`);
      type Named = {
        patientId: string;
        hospitalId: string;
        date: string;
        surgeonId: string | null;
        surgeonName?: string;
      };
      const withSurgeon = (plan.json.result.assignments as Named[]).filter((a) => a.surgeonId !== null);
      expect(withSurgeon.length).toBeGreaterThan(0);
      const { rows: roster } = await h().db.query<{ id: string; name: string }>(
        'SELECT id, name FROM surgeons',
      );
      const nameOf = new Map(roster.map((r) => [r.id, r.name]));
      for (const a of withSurgeon) expect(a.surgeonName).toBe(nameOf.get(a.surgeonId ?? ''));
      const first = withSurgeon[0]!;
      const hospitalId = first.hospitalId;
      const surgeonName = first.surgeonName ?? '';
      expect(surgeonName).not.toBe('');
      const analyst = await h().call('analyst', 'GET', `/api/plans/${planId}`);
      expect(analyst.text).not.toContain(surgeonName);
      const csv = await h().call(
        'planner',
        'GET',
        `/api/plans/${planId}/day-list.csv?hospitalId=${hospitalId}&date=${first.date}`,
      );
      expect(csv.text.split('\r\n')[0]).toContain(',surgeon,');
      expect(csv.text).toContain(surgeonName);
      const html = await h().call(
        'planner',
        'GET',
        `/api/plans/${planId}/day-list.html?hospitalId=${hospitalId}&date=${first.date}`,
      );
      expect(html.text).toContain('<th>Operatör</th>');
      expect(html.text).toContain(surgeonName);
      const pseudo = await h().call(
        'analyst',
        'GET',
        `/api/plans/${planId}/day-list.csv?hospitalId=${hospitalId}&date=${first.date}`,
      );
      expect(pseudo.text).not.toContain('surgeon');
      expect(pseudo.text).not.toContain(surgeonName);
    });

    it('refuses a roster change that would strand a tied patient or a session, naming the row', async () => {
      // op-lund-1 has a session at SUS Lund (earlier test) and a tied patient with p-hip.
      const lines = SURGEONS.split('\n');
      const narrowed = [SURGEON_HEADER, lines[1]!.replace('p-hip;p-knee', 'p-knee')].join('\n');
      const r = await h().call('planner', 'POST', '/api/surgeons/import', { text: narrowed });
      expect(r.status).toBe(400);
      expect(r.json.errors).toContainEqual(
        expect.objectContaining({ field: 'rows[0].procedureIds', row: 1 }),
      );
      expect(
        await count(h(), `SELECT cardinality(procedure_ids) AS n FROM surgeons WHERE id = 'op-lund-1'`),
      ).toBe(2);
    });

    it('names the importing hospital by its name in a refusal, not its id', async () => {
      const url = '/api/hospitals/h-sus-lund/waiting-list/import';
      const entry = {
        id: 'imp-name-1',
        personnummer: makePersonnummer('1960-05-06', 331, '2026-03-02'),
        givenName: 'Test',
        familyName: 'Svensson',
        homeRegionId: 'r-skane',
        homePlaceId: 'pl-lund',
        procedureId: 'p-knee',
        decisionDate: '2025-12-01',
        priorityGroup: 'B',
        medicalTargetDate: '2026-03-01',
        asaClass: 2,
        earliestDate: '2025-12-01',
        consentElsewhere: true,
        maxTravelKm: 100,
        listingHospitalId: 'h-vaxjo',
      };
      const r = await h().call('planner', 'POST', url, { body: [entry] });
      expect(r.status).toBe(400);
      const message: string = r.json.errors[0].message;
      expect(message).toContain('Skånes universitetssjukhus Lund');
      expect(message).not.toContain('h-sus-lund');
      const other = await h().call('vaxjo', 'POST', url, {
        body: [{ ...entry, listingHospitalId: undefined }],
      });
      expect(other.status).toBe(403);
      // The problem's `instance` is the request URL; the refusal text itself names no internal id.
      expect(other.json.detail).toContain('Centrallasarettet Växjö');
      expect(other.json.detail).not.toMatch(/h-vaxjo|h-sus-lund/);
    });
  });
}
