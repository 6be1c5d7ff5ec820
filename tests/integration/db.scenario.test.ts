// Scenarios in the database (issue 11): a scenario file round-trips unchanged through PGlite and
// PostgreSQL, saving again makes a new version, and a stored row that no longer validates is refused.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenarios/model.ts';
import { scenarioToJson } from '../../src/scenarios/file.ts';
import { getScenario, listScenarios, saveScenario } from '../../src/scenarios/repo.ts';
import { dbVariants, useDb } from '../helpers/db.ts';

const FILE = parseScenario({
  schemaVersion: 1,
  id: 'krs-second-room',
  name: 'Kristianstad: en andra sal',
  description: 'Regional production theatre gets a second room from week 2',
  policy: 'optimised',
  weights: { travelPointsPerKm: 0.2 },
  parameters: { cancellationShare: 0.05 },
  changes: [
    {
      kind: 'theatres',
      hospitalId: 'h-csk',
      delta: 1,
      period: { from: '2026-12-07', to: '2027-05-30' },
    },
    { kind: 'staffing', hospitalId: 'h-sus-lund', resource: 'anaesthesia', percent: -10 },
    { kind: 'travelLimit', maxTravelKm: 150 },
    { kind: 'arrivalSurge', specialtyId: 'ortho', date: '2027-01-11', extraPatients: 120.5 },
  ],
});

for (const variant of dbVariants()) {
  describe.skipIf(variant.skipReason !== undefined)(`scenarios on ${variant.name}`, () => {
    const db = useDb(variant);

    it('round-trips a scenario file unchanged, and versions every save', async () => {
      const saved = await saveScenario(db(), FILE);
      expect(saved.version).toBe(1);
      const back = await getScenario(db(), FILE.id);
      expect(scenarioToJson(back)).toBe(scenarioToJson(FILE));
      const edited = await saveScenario(db(), { ...FILE, name: 'Kristianstad: två nya salar' });
      expect(edited.version).toBe(2);
      expect((await getScenario(db(), FILE.id)).name).toBe('Kristianstad: två nya salar');
      expect(scenarioToJson(await getScenario(db(), FILE.id, 1))).toBe(scenarioToJson(FILE));
      expect(await listScenarios(db())).toEqual([
        { id: FILE.id, name: 'Kristianstad: två nya salar', version: 2 },
      ]);
    });

    it('refuses a stored row that no longer validates, naming the field', async () => {
      await db().query(`INSERT INTO scenario (id, version, name, document) VALUES ('bad', 1, 'bad', $1)`, [
        JSON.stringify({ ...FILE, id: 'bad', changes: [{ kind: 'consentShare', share: 7 }] }),
      ]);
      await expect(getScenario(db(), 'bad')).rejects.toThrow(/changes\[0\]\.share/);
      await expect(getScenario(db(), 'missing')).rejects.toMatchObject({ code: 'not_found' });
    });
  });
}
