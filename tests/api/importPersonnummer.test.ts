// Waiting-list imports accept the personnummer forms real exports carry, in CSV and JSON alike,
// and store the one normalised 12-digit form; what is ambiguous is refused naming row and field.
// The small snapshot's date is 2026-03-02: the century and the separator are judged on it.
import { describe, expect, it } from 'vitest';
import { dbVariants } from '../helpers/db.ts';
import { useHarness } from './harness.ts';
import { getPatient } from '../../src/waiting-list/patientRepo.ts';

const URL_HASSLEHOLM = '/api/hospitals/h-hassleholm/waiting-list/import';
const HEADER =
  'id,personnummer,givenName,familyName,homeRegionId,homePlaceId,procedureId,decisionDate,priorityGroup,medicalTargetDate,asaClass,earliestDate,consentElsewhere,maxTravelKm';

const entry = (id: string, personnummer: string) => ({
  id,
  personnummer,
  givenName: 'Form',
  familyName: 'Test',
  homeRegionId: 'r-skane',
  homePlaceId: 'pl-lund',
  procedureId: 'p-knee',
  decisionDate: '2025-12-01',
  priorityGroup: 'B',
  medicalTargetDate: '2026-03-01',
  asaClass: 2,
  earliestDate: '2025-12-01',
  consentElsewhere: true,
  maxTravelKm: 120,
});

const csvLine = (e: ReturnType<typeof entry>): string =>
  HEADER.split(',')
    .map((c) => {
      const v = String(e[c as keyof typeof e]);
      // Quote the personnummer so its surrounding spaces reach the importer as sent.
      return c === 'personnummer' ? `"${v}"` : v;
    })
    .join(',');

// Born 1964-08-23 (turns 62 in 2026) and 1926-11-25 (turns 100 in 2026: `+` for all of 2026).
const FORMS: [string, string, string][] = [
  ['YYYYMMDD-NNNC', '19640823-3234', '19640823-3234'],
  ['YYYYMMDDNNNC', '196408233234', '19640823-3234'],
  ['YYMMDD-NNNC', '640823-3234', '19640823-3234'],
  ['YYMMDDNNNC', '6408233234', '19640823-3234'],
  ['spaces around', '  640823-3234  ', '19640823-3234'],
  ['YYMMDD+NNNC (turns 100 this year)', '261125+0669', '19261125+0669'],
  ['YYYYMMDD+NNNC', '19261125+0669', '19261125+0669'],
  ['YYYYMMDD-NNNC of someone turning 100', '19261125-0669', '19261125+0669'],
];

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`personnummer forms in imports [${variant.name}]`, () => {
    const h = useHarness(variant);

    for (const kind of ['csv', 'json'] as const) {
      it.each(FORMS)(`${kind}: %s is stored as the 12-digit form`, async (form, sent, stored) => {
        const id = `pnr-${kind}-${form.replace(/[^A-Za-z0-9]+/g, '-')}`;
        const e = entry(id, sent);
        const r =
          kind === 'csv'
            ? await h().call('planner', 'POST', URL_HASSLEHOLM, {
                text: `${HEADER}\n${csvLine(e)}\n`,
                contentType: 'text/csv',
              })
            : await h().call('planner', 'POST', URL_HASSLEHOLM, { body: [e] });
        expect(r.status, r.text).toBe(200);
        expect((await getPatient(h().db, id))?.personnummer).toBe(stored);
        // The same row in the normalised form is the same row: nothing changes.
        const again = await h().call('planner', 'POST', URL_HASSLEHOLM, {
          body: [{ ...e, personnummer: stored }],
        });
        expect(again.json).toMatchObject({ new: 0, changed: 0, unchanged: 1 });
      });
    }

    it('refuses ambiguous and invalid forms naming row and field, and writes nothing', async () => {
      const rows = [
        entry('pnr-ok', '640823-3234'),
        // Read with `-` as born 2026-11-25, after the snapshot date: a dropped `+`? Ambiguous.
        entry('pnr-ambiguous', '2611250669'),
        // `+` on a 12-digit form of someone who turns 62 this year.
        entry('pnr-plus', '19640823+3234'),
        // Birth number 000 is never issued.
        entry('pnr-000', '640823-0008'),
      ];
      for (const body of [
        { body: rows },
        { text: `${HEADER}\n${rows.map(csvLine).join('\n')}\n`, contentType: 'text/csv' },
      ]) {
        const r = await h().call('planner', 'POST', URL_HASSLEHOLM, body);
        expect(r.status).toBe(400);
        const errors = r.json.errors as { field: string; row: number; message: string }[];
        expect(errors.map((e) => [e.field, e.row])).toEqual([
          ['rows[1].personnummer', 2],
          ['rows[2].personnummer', 3],
          ['rows[3].personnummer', 4],
        ]);
        expect(errors[0]?.message).toMatch(/ambiguous century/);
        expect(errors[1]?.message).toMatch(/ambiguous/);
        expect(errors[2]?.message).toMatch(/000/);
        expect(await getPatient(h().db, 'pnr-ok')).toBeUndefined();
      }
    });
  });
}
