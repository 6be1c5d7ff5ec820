// A what-if scenario: a named, versioned set of changes applied on top of a base region snapshot
// (ADR 0011). It is data, validated here at every boundary (JSON file, database row, HTTP), so a
// bad file is rejected naming the field and never reaches the simulation.
import { z } from 'zod';
import { Id, IsoDate } from '../domain/snapshot.ts';
import { ValidationError } from '../errors.ts';

export const SCENARIO_SCHEMA_VERSION = 1;

/** Inclusive dates; absent = the whole simulated horizon. */
export const Period = z
  .object({ from: IsoDate, to: IsoDate })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] });
export type Period = z.infer<typeof Period>;

/** ISO weekdays (1 = Monday) a change is limited to; absent = every day. */
const Weekdays = z.array(z.number().int().min(1).max(7)).min(1).max(7);
const Percent = z.number().min(-100).max(1000);
const Share = z.number().min(0).max(1);

/** Theatres opened (delta > 0, new rooms) or closed (delta < 0, the hospital's last rooms). */
const TheatresChange = z
  .object({
    kind: z.literal('theatres'),
    hospitalId: Id,
    delta: z
      .number()
      .int()
      .min(-50)
      .max(50)
      .refine((n) => n !== 0, 'delta must not be 0'),
    period: Period.optional(),
    weekdays: Weekdays.optional(),
    /** Specialty the opened rooms' sessions are allocated to on session-plan dates (absent = open). */
    specialtyId: Id.optional(),
  })
  .strict();

/** Staff: anaesthesia or nursing teams, or surgeon lists of one specialty, as a count or a percentage. */
const StaffingChange = z
  .object({
    kind: z.literal('staffing'),
    hospitalId: Id,
    resource: z.enum(['anaesthesia', 'nursing', 'surgeonLists']),
    /** Required for surgeonLists. */
    specialtyId: Id.optional(),
    /** Whole lists or teams per day (added to every day's roster, floored at 0). */
    delta: z.number().int().min(-100).max(100).optional(),
    /** Percentage change of every day's roster (rounded to whole lists or teams). */
    percent: Percent.optional(),
    period: Period.optional(),
    weekdays: Weekdays.optional(),
  })
  .strict()
  .refine((c) => (c.delta === undefined) !== (c.percent === undefined), {
    message: 'give exactly one of delta or percent',
    path: ['delta'],
  })
  .refine((c) => c.resource !== 'surgeonLists' || c.specialtyId !== undefined, {
    message: 'surgeonLists needs a specialtyId',
    path: ['specialtyId'],
  });

const RegionalTeamAdded = z
  .object({
    kind: z.literal('regionalTeamAdded'),
    teamId: Id,
    name: z.string().min(1).max(200).optional(),
    baseHospitalId: Id,
    /** ISO weekdays the team works (default Monday–Friday). */
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).optional(),
    allowedHospitalIds: z.array(Id).optional(),
    costSekPerDay: z.number().nonnegative().optional(),
    period: Period.optional(),
  })
  .strict();

const RegionalTeamRemoved = z
  .object({ kind: z.literal('regionalTeamRemoved'), teamId: Id, period: Period.optional() })
  .strict();

const SummerChange = z
  .object({
    kind: z.literal('summer'),
    fromWeek: z.number().int().min(1).max(53),
    toWeek: z.number().int().min(1).max(53),
    factor: Share,
  })
  .strict();

const ClosureDates = z
  .object({
    kind: z.literal('closureDates'),
    dates: z.array(IsoDate).min(1),
    /** Absent = the whole region set. */
    hospitalId: Id.optional(),
  })
  .strict();

/** Filters of arrival changes: all given must match (absent = any). */
const ArrivalFilter = {
  hospitalId: Id.optional(),
  specialtyId: Id.optional(),
  procedureId: Id.optional(),
};

const ArrivalMultiplier = z
  .object({
    kind: z.literal('arrivalMultiplier'),
    ...ArrivalFilter,
    factor: z.number().min(0).max(100),
    period: Period.optional(),
  })
  .strict();

/** A one-off surge: this many extra expected decisions in the week holding `date`, spread over the matching rates. */
const ArrivalSurge = z
  .object({
    kind: z.literal('arrivalSurge'),
    ...ArrivalFilter,
    date: IsoDate,
    extraPatients: z.number().positive().max(1_000_000),
  })
  .strict();

const ConsentShare = z.object({ kind: z.literal('consentShare'), share: Share }).strict();
const TravelLimit = z
  .object({ kind: z.literal('travelLimit'), maxTravelKm: z.number().positive().max(2000) })
  .strict();

export const ScenarioChange = z.discriminatedUnion('kind', [
  TheatresChange,
  StaffingChange,
  RegionalTeamAdded,
  RegionalTeamRemoved,
  SummerChange,
  ClosureDates,
  ArrivalMultiplier,
  ArrivalSurge,
  ConsentShare,
  TravelLimit,
]);
export type ScenarioChange = z.infer<typeof ScenarioChange>;

export const PolicyName = z.enum(['optimised', 'baseline']);
export type PolicyName = z.infer<typeof PolicyName>;

/** Objective weights an analyst may change (points; see solver/model/defaults.ts). */
const WeightsPatch = z
  .object({
    treatPointsPerPatient: z.number().min(0),
    latePointsPerDay: z.number().min(0),
    breachPointsPerPatient: z.number().min(0),
    soonBreachPointsPerPatient: z.number().min(0),
    breachPointsPerDay: z.number().min(0),
    longWaitPointsPerDay: z.number().min(0),
    travelPointsPerKm: z.number().min(0),
    crossRegionPointsPerSek: z.number().min(0),
    teamPointsPerSek: z.number().min(0),
    lentListPointsPerList: z.number().min(0),
    lentListPointsPerKm: z.number().min(0),
  })
  .partial()
  .strict();

/** What happens to a plan on the day (defaults from the Swedish registers, see ADR 0011). */
export const SimulationParameters = z
  .object({
    /** Same-day cancellations among planned operations. */
    cancellationShare: Share.default(0.046),
    /** Planned patients who decline the offered date (patient-chosen wait, PvV). */
    declineShare: Share.default(0.05),
    /** Length of the patient-chosen wait after a declined offer (days excluded from the guarantee). */
    declineWaitDays: z.number().int().min(1).max(365).default(28),
    /** Waiting patients taken off the list each week without surgery (recovered, moved, died). */
    removalSharePerWeek: Share.default(0),
  })
  .strict();
export type SimulationParameters = z.infer<typeof SimulationParameters>;

export const Scenario = z
  .object({
    schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
    id: Id,
    name: z.string().min(1).max(200),
    /** Increases with every saved edit; (id, version) is unique. */
    version: z.number().int().positive().default(1),
    description: z.string().max(4000).default(''),
    /** Planning policy of the scenario when the command does not choose one. */
    policy: PolicyName.default('optimised'),
    weights: WeightsPatch.default({}),
    parameters: SimulationParameters.default(SimulationParameters.parse({})),
    changes: z.array(ScenarioChange).max(1000).default([]),
  })
  .strict();
export type Scenario = z.infer<typeof Scenario>;

/** The base: no changes, default parameters. */
export function baseScenario(): Scenario {
  return Scenario.parse({ schemaVersion: SCENARIO_SCHEMA_VERSION, id: 'base', name: 'Base' });
}

/** Parse with zod; the error names the first bad field as a path such as `changes[2].factor`. */
export function parseScenario(input: unknown): Scenario {
  const r = Scenario.safeParse(input);
  if (r.success) return r.data;
  const fields = r.error.issues.slice(0, 20).map((i) => ({ field: pathText(i.path), message: i.message }));
  const first = fields[0] ?? { field: 'scenario', message: 'invalid' };
  throw new ValidationError(`scenario: ${first.field}: ${first.message}`, fields);
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? 'scenario' : out;
}

/** Ids a scenario refers to must exist in the base snapshot (checked before a run). */
export function checkScenarioRefs(
  scenario: Scenario,
  known: {
    hospitalIds: ReadonlySet<string>;
    specialtyIds: ReadonlySet<string>;
    procedureIds: ReadonlySet<string>;
    teamIds: ReadonlySet<string>;
  },
): void {
  const fail = (field: string, message: string): never => {
    throw new ValidationError(`scenario: ${field}: ${message}`, [{ field, message }]);
  };
  const added = new Set<string>();
  scenario.changes.forEach((c, i) => {
    const at = (f: string): string => `changes[${i}].${f}`;
    if ('hospitalId' in c && c.hospitalId !== undefined && !known.hospitalIds.has(c.hospitalId))
      fail(at('hospitalId'), `unknown hospital "${c.hospitalId}"`);
    if ('specialtyId' in c && c.specialtyId !== undefined && !known.specialtyIds.has(c.specialtyId))
      fail(at('specialtyId'), `unknown specialty "${c.specialtyId}"`);
    if ('procedureId' in c && c.procedureId !== undefined && !known.procedureIds.has(c.procedureId))
      fail(at('procedureId'), `unknown procedure "${c.procedureId}"`);
    if (c.kind === 'regionalTeamAdded') {
      if (!known.hospitalIds.has(c.baseHospitalId))
        fail(at('baseHospitalId'), `unknown hospital "${c.baseHospitalId}"`);
      for (const [k, h] of (c.allowedHospitalIds ?? []).entries())
        if (!known.hospitalIds.has(h)) fail(at(`allowedHospitalIds[${k}]`), `unknown hospital "${h}"`);
      if (known.teamIds.has(c.teamId) || added.has(c.teamId))
        fail(at('teamId'), `team "${c.teamId}" already exists`);
      added.add(c.teamId);
    }
    if (c.kind === 'regionalTeamRemoved' && !known.teamIds.has(c.teamId) && !added.has(c.teamId))
      fail(at('teamId'), `unknown regional team "${c.teamId}"`);
  });
}
