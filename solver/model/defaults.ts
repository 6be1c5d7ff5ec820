import type { Rules, Weights } from './problem.ts';

/**
 * Default objective weights (points; ADR 0008). One planned theatre minute of the least urgent
 * patient is worth 1 point; each step of medical need doubles that; waiting past the target date
 * (then past the guarantee) adds up to 60 % within a need level. A hip (≈ 130 min) of the least
 * urgent group is worth ≈ 130–210 points; 100 km of extra travel costs 40; 100,000 SEK paid to
 * another region costs 20; so the model moves a patient when it buys real need or waiting time.
 * Every 60 days past the care guarantee lift a patient one urgency level, at most two and never to
 * the top level (ADR 0018: without it no P4 patient was booked on some weeks, long procedures lost
 * their share and more patients were past the guarantee at week end than in the status quo).
 */
export const DEFAULT_WEIGHTS: Weights = {
  pointsPerTheatreMin: 1,
  needRateFactor: 2,
  waitRateMax: 0.6,
  waitStepDays: 7,
  waitCapDays: 364,
  guaranteeStepDays: 7,
  guaranteeCapDays: 364,
  guaranteeLiftStepDays: 60,
  guaranteeLiftMaxLevels: 2,
  dayDiscountPerDay: 0.002,
  keepPreviousShare: 0.5,
  travelPointsPerKm: 0.4,
  crossRegionPointsPerSek: 0.0002,
  teamPointsPerSek: 0.001,
  lentListPointsPerList: 40,
  lentListPointsPerKm: 0.2,
  parallelTheatrePointsPerDay: 30,
};

export const DEFAULT_RULES: Rules = {
  guaranteeDays: 90,
  overrunProbabilityMax: 0.1,
  untreatedDelayDays: 14,
  maxLendKm: 150,
};
