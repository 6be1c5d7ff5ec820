// Weights and rules as data: the snapshot's optional planningSettings over the defaults, the
// request's over the snapshot's, validated with errors that name the field.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, DEFAULT_WEIGHTS } from '../../solver/model/defaults.ts';
import {
  effectiveSettings,
  parseSettingsFlag,
  RulesPatch,
  WeightsPatch,
} from '../../src/domain/planningSettings.ts';
import { validateSnapshot } from '../../src/domain/validateSnapshot.ts';
import { buildProblem } from '../../src/plans/buildProblem.ts';
import { ValidationError } from '../../src/errors.ts';
import { smallSnapshot } from '../helpers/smallSnapshot.ts';

describe('planning settings', () => {
  it('a snapshot without settings plans with the defaults', () => {
    const p = buildProblem(smallSnapshot(), { week: '2026-W10', leadDays: 0 });
    expect(p.weights).toEqual(DEFAULT_WEIGHTS);
    expect(p.rules).toEqual(DEFAULT_RULES);
  });

  it('the request wins over the snapshot, the snapshot over the defaults', () => {
    const s = smallSnapshot();
    s.planningSettings = { weights: { travelPointsPerKm: 1 }, rules: { guaranteeDays: 60, maxLendKm: 80 } };
    const p = buildProblem(s, { week: '2026-W10', leadDays: 0, rules: { maxLendKm: 200 } });
    expect(p.weights.travelPointsPerKm).toBe(1);
    expect(p.weights.needRateFactor).toBe(DEFAULT_WEIGHTS.needRateFactor);
    expect(p.rules).toEqual({ ...DEFAULT_RULES, guaranteeDays: 60, maxLendKm: 200 });
  });

  it('validateSnapshot names an unknown weight and a bad rule', () => {
    const s = {
      ...smallSnapshot(),
      planningSettings: { weights: { nope: 1 }, rules: { guaranteeDays: -3 } },
    };
    const v = validateSnapshot(s);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    const fields = v.issues.map((i) => `${i.field}: ${i.message}`).join('\n');
    expect(fields).toMatch(/planningSettings\.weights.*nope/);
    expect(fields).toMatch(/planningSettings\.rules\.guaranteeDays/);
  });

  it('refuses weights where waiting could outrank medical need, naming the field', () => {
    expect(() => effectiveSettings(undefined, { weights: { needRateFactor: 1.2 } })).toThrow(ValidationError);
    try {
      effectiveSettings(undefined, { weights: { needRateFactor: 1.2 } }, 'body.weights');
    } catch (e) {
      expect((e as ValidationError).issues[0]?.field).toBe('body.weights.needRateFactor');
    }
  });

  it('parses CLI patches and names the flag and field on error', () => {
    expect(parseSettingsFlag('--weights', 'travelPointsPerKm=0.2, needRateFactor=3', WeightsPatch)).toEqual({
      travelPointsPerKm: 0.2,
      needRateFactor: 3,
    });
    expect(parseSettingsFlag('--rules', undefined, RulesPatch)).toBeUndefined();
    expect(() => parseSettingsFlag('--rules', 'guaranteeDays=abc', RulesPatch)).toThrow(
      /--rules: guaranteeDays/,
    );
    try {
      parseSettingsFlag('--rules', 'untreatedDelayDays=1.5', RulesPatch);
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).issues[0]?.field).toBe('--rules.untreatedDelayDays');
    }
  });
});
