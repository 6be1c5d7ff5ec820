// Objective weights and planning rules as data: an optional section of the snapshot and an
// optional part of every plan request (API body, CLI flags). Each is a partial patch over the
// defaults in solver/model/defaults.ts; the request wins over the snapshot, the snapshot over the
// defaults. The weight keys are the solver's own, so a renamed weight is refused by name.
import { z } from 'zod';
import { DEFAULT_RULES, DEFAULT_WEIGHTS } from '../../solver/model/defaults.ts';
import type { Rules, Weights } from '../../solver/model/problem.ts';
import { ValidationError, zodIssuesToFieldIssues } from '../errors.ts';

const weightField = z.number().finite().nonnegative();

/** Any subset of the objective weights, each a finite number ≥ 0; unknown names are refused. */
export const WeightsPatch = z
  .object(
    Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, weightField.optional()])) as Record<
      keyof Weights,
      z.ZodOptional<typeof weightField>
    >,
  )
  .strict();
export type WeightsPatch = Partial<Weights>;

/** Any subset of the planning rules; unknown names are refused. */
export const RulesPatch = z
  .object({
    guaranteeDays: z.number().int().min(1).max(730).optional(),
    overrunProbabilityMax: z.number().gt(0).lt(1).optional(),
    untreatedDelayDays: z.number().int().min(0).max(365).optional(),
    maxLendKm: z.number().finite().nonnegative().optional(),
  } satisfies Record<keyof Rules, z.ZodType>)
  .strict();
export type RulesPatch = Partial<Rules>;

export const PlanningSettings = z
  .object({ weights: WeightsPatch.optional(), rules: RulesPatch.optional() })
  .strict();
export type PlanningSettings = z.infer<typeof PlanningSettings>;

/** Drop keys whose value is undefined (zod keeps optional keys absent, callers may not). */
function defined<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Defaults, then the snapshot's settings, then the request's. Refuses a merged set of weights
 * the need-first objective cannot honour (need must dominate waiting, ADR 0008), naming the field.
 */
export function effectiveSettings(
  snapshot: PlanningSettings | undefined,
  request: { weights?: Partial<Weights> | undefined; rules?: Partial<Rules> | undefined },
  field = 'weights',
): { weights: Weights; rules: Rules } {
  const weights: Weights = { ...DEFAULT_WEIGHTS, ...defined(snapshot?.weights), ...defined(request.weights) };
  const rules: Rules = { ...DEFAULT_RULES, ...defined(snapshot?.rules), ...defined(request.rules) };
  if (!(weights.needRateFactor > 1 + weights.waitRateMax)) {
    throw new ValidationError(
      `${field}.needRateFactor (${weights.needRateFactor}) must exceed 1 + waitRateMax (${1 + weights.waitRateMax}) so medical need always comes first`,
      [{ field: `${field}.needRateFactor`, message: 'must exceed 1 + waitRateMax' }],
    );
  }
  return { weights, rules };
}

/**
 * A CLI value `name=value,name=value` as a patch, validated by `schema`; errors name the flag and
 * the field (`--weights.travelPointsPerKm`).
 */
export function parseSettingsFlag<T>(
  flag: string,
  text: string | undefined,
  schema: z.ZodType<T>,
): T | undefined {
  if (text === undefined) return undefined;
  const raw: Record<string, unknown> = {};
  for (const part of text.split(',').filter((x) => x.trim() !== '')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim();
    const n = Number(value);
    if (eq < 0 || value === '' || !Number.isFinite(n)) {
      throw new ValidationError(`${flag}: ${name} needs a number, as in ${flag} ${name}=1.5`, [
        { field: `${flag}.${name}`, message: 'expected name=number' },
      ]);
    }
    raw[name] = n;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = zodIssuesToFieldIssues(parsed.error.issues, flag);
    throw new ValidationError(`${flag}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, issues);
  }
  return parsed.data;
}
