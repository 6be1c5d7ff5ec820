// The scenario model (issue 11): bad files rejected naming the field, a fixed file layout that
// round-trips byte for byte, references checked against the snapshot, and each change kind applied
// to the week's snapshot and arrival rates.
import { describe, expect, it } from 'vitest';
import { generateRegion } from '../../seed/generate.ts';
import { baseScenario, checkScenarioRefs, parseScenario, type Scenario } from '../../src/scenarios/model.ts';
import { readScenarioFile, scenarioFromJson, scenarioToJson } from '../../src/scenarios/file.ts';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { arrivalRatesForWeek, snapshotForWeek } from '../../src/scenarios/apply.ts';
import { buildProblem } from '../../src/plans/buildProblem.ts';
import { isoWeekDates } from '../../src/calendar/isoWeek.ts';
import { capacityChanges } from '../../src/simulation/inverse.ts';
import { ValidationError } from '../../src/errors.ts';

const BASE = generateRegion({ seed: 7, scale: 0.05 });
const WEEK = '2026-W50';
const DATES = isoWeekDates(WEEK);
const H = BASE.hospitals[0]!.id;

function fieldOf(input: unknown): string {
  try {
    parseScenario(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues[0]!.field;
  }
  throw new Error('accepted');
}

const ok = { schemaVersion: 1, id: 's1', name: 'S1' };

describe('scenario files', () => {
  it.each([
    [{ ...ok, schemaVersion: 2 }, 'schemaVersion'],
    [{ ...ok, id: 'has space' }, 'id'],
    [{ ...ok, changes: [{ kind: 'arrivalMultiplier', factor: -1 }] }, 'changes[0].factor'],
    [{ ...ok, changes: [{ kind: 'nonsense' }] }, 'changes[0].kind'],
    [
      { ...ok, changes: [{ kind: 'staffing', hospitalId: H, resource: 'nursing', delta: 1, percent: 5 }] },
      'changes[0].delta',
    ],
    [
      { ...ok, changes: [{ kind: 'staffing', hospitalId: H, resource: 'surgeonLists', delta: 1 }] },
      'changes[0].specialtyId',
    ],
    [
      {
        ...ok,
        changes: [
          { kind: 'theatres', hospitalId: H, delta: 1, period: { from: '2027-01-02', to: '2027-01-01' } },
        ],
      },
      'changes[0].period.to',
    ],
    [{ ...ok, changes: [{ kind: 'consentShare', share: 1.5 }] }, 'changes[0].share'],
    [{ ...ok, parameters: { cancellationShare: 2 } }, 'parameters.cancellationShare'],
    [{ ...ok, weights: { travelPointsPerKm: -1 } }, 'weights.travelPointsPerKm'],
    [{ ...ok, policy: 'magic' }, 'policy'],
    [{ ...ok, extra: 1 }, 'scenario'],
  ])('rejects %j naming %s', (input, field) => {
    expect(fieldOf(input)).toBe(field);
  });

  it('rejects text that is not JSON', () => {
    expect(() => scenarioFromJson('{', 'x.json')).toThrow(/x\.json: not valid JSON/);
  });

  it('writes a fixed layout that reads back to the same bytes', () => {
    const s = parseScenario({
      ...ok,
      changes: [
        {
          period: { to: '2027-08-15', from: '2027-07-05' },
          factor: 0.4,
          kind: 'arrivalMultiplier',
          specialtyId: 'ortho',
        },
        { kind: 'summer', fromWeek: 27, toWeek: 32, factor: 0.4 },
      ],
    });
    const text = scenarioToJson(s);
    expect(scenarioToJson(scenarioFromJson(text))).toBe(text);
    expect(scenarioFromJson(text)).toEqual(s);
  });

  it('checks ids against the snapshot, naming the change', () => {
    const known = {
      hospitalIds: new Set(BASE.hospitals.map((h) => h.id)),
      specialtyIds: new Set(BASE.specialties.map((s) => s.id)),
      procedureIds: new Set(BASE.procedures.map((p) => p.id)),
      teamIds: new Set(BASE.regionalTeams.map((t) => t.id)),
    };
    const s = parseScenario({
      ...ok,
      changes: [
        { kind: 'summer', fromWeek: 27, toWeek: 32, factor: 0.5 },
        { kind: 'theatres', hospitalId: 'h-nowhere', delta: 1 },
      ],
    });
    expect(() => checkScenarioRefs(s, known)).toThrow(
      /changes\[1\]\.hospitalId: unknown hospital "h-nowhere"/,
    );
    expect(() => checkScenarioRefs(baseScenario(), known)).not.toThrow();
  });
});

describe('applying a scenario to one week', () => {
  const problemOf = (s: Scenario) => buildProblem(snapshotForWeek(BASE, s, DATES), { week: WEEK });
  const sum = (s: Scenario, f: (d: ReturnType<typeof problemOf>['hospitalDays'][number]) => number) =>
    problemOf(s)
      .hospitalDays.filter((d) => d.hospitalId === H)
      .reduce((n, d) => n + f(d), 0);
  const base = baseScenario();

  it('opens rooms and staffs them on the chosen weekdays only', () => {
    const s = parseScenario({
      ...ok,
      changes: capacityChanges(
        { kind: 'extra-lists', hospitalId: H, specialtyId: BASE.hospitals[0]!.specialtyIds[0]! },
        7,
      ),
    });
    // 7 lists a week: one more every weekday, a second one Monday and Tuesday.
    expect(sum(s, (d) => d.openTheatreIds.length) - sum(base, (d) => d.openTheatreIds.length)).toBe(7);
    expect(sum(s, (d) => d.staffedTeams) - sum(base, (d) => d.staffedTeams)).toBe(7);
  });

  it('cuts staffing by a percentage and closes rooms within the period', () => {
    const cut = parseScenario({
      ...ok,
      changes: [{ kind: 'staffing', hospitalId: H, resource: 'anaesthesia', percent: -100 }],
    });
    expect(sum(cut, (d) => d.staffedTeams)).toBe(0);
    const closed = parseScenario({
      ...ok,
      changes: [{ kind: 'theatres', hospitalId: H, delta: -50, period: { from: DATES[0]!, to: DATES[1]! } }],
    });
    const days = problemOf(closed)
      .hospitalDays.filter((d) => d.hospitalId === H)
      .map((d) => d.day);
    expect(days.length).toBeGreaterThan(0);
    expect(days.every((d) => d >= problemOf(base).startDay + 2)).toBe(true);
  });

  it('adds and removes regional teams, and closes dates region-wide', () => {
    const s = parseScenario({
      ...ok,
      changes: [
        { kind: 'regionalTeamAdded', teamId: 'rt-new', baseHospitalId: H, weekdays: [1, 2] },
        { kind: 'regionalTeamRemoved', teamId: BASE.regionalTeams[0]!.id },
        { kind: 'closureDates', dates: [DATES[2]!] },
      ],
    });
    const p = problemOf(s);
    expect(p.regionalTeams.find((t) => t.id === 'rt-new')!.availableDays).toHaveLength(2);
    expect(p.regionalTeams.find((t) => t.id === BASE.regionalTeams[0]!.id)!.availableDays).toEqual([]);
    expect(p.hospitalDays.some((d) => d.day === p.startDay + 2)).toBe(false);
  });

  it('multiplies arrival rates pro rata to the days in the period, and spreads a surge', () => {
    const rates = (s: Scenario) => arrivalRatesForWeek(BASE, s, DATES);
    const total = (s: Scenario) => rates(s).reduce((n, r) => n + r.perWeek, 0);
    const half = parseScenario({
      ...ok,
      changes: [{ kind: 'arrivalMultiplier', factor: 3, period: { from: DATES[0]!, to: DATES[3]! } }],
    });
    // 4 of 7 days at ×3: ×(1 + 2·4/7).
    expect(total(half)).toBeCloseTo(total(base) * (1 + (2 * 4) / 7), 6);
    const surge = parseScenario({
      ...ok,
      changes: [{ kind: 'arrivalSurge', hospitalId: H, date: DATES[4]!, extraPatients: 40 }],
    });
    expect(total(surge) - total(base)).toBeCloseTo(40, 6);
    expect(rates(surge).filter((r) => r.hospitalId !== H)).toEqual(
      rates(base).filter((r) => r.hospitalId !== H),
    );
  });
});

describe('the example scenarios in docs/scenarios', () => {
  const dir = new URL('../../docs/scenarios/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  it.each(files)('%s is valid against the Södra seed', async (file) => {
    const s = await readScenarioFile(fileURLToPath(new URL(file, dir)));
    expect(`${s.id}.json`).toBe(file);
    expect(() =>
      checkScenarioRefs(s, {
        hospitalIds: new Set(BASE.hospitals.map((h) => h.id)),
        specialtyIds: new Set(BASE.specialties.map((x) => x.id)),
        procedureIds: new Set(BASE.procedures.map((p) => p.id)),
        teamIds: new Set(BASE.regionalTeams.map((t) => t.id)),
      }),
    ).not.toThrow();
  });
});
