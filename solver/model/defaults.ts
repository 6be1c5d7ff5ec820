import type { Rules, Weights } from './problem.ts';

/**
 * Default objective weights (points). Scale: treating a patient this week is worth 100; a care-
 * patient taken off the past-guarantee list by the
 * horizon's end is worth 600 more (250 for one who would pass it within two weeks after); 100 km of extra travel costs 40; 100,000 SEK paid to
 * another region costs 20. So the model moves a patient when it buys real waiting time.
 */
export const DEFAULT_WEIGHTS: Weights = {
  treatPointsPerPatient: 100,
  latePointsPerDay: 3,
  breachPointsPerPatient: 600,
  soonBreachPointsPerPatient: 250,
  breachPointsPerDay: 3,
  longWaitPointsPerDay: 0.5,
  longWaitStepDays: 30,
  longWaitCapDays: 360,
  travelPointsPerKm: 0.4,
  crossRegionPointsPerSek: 0.0002,
  teamPointsPerSek: 0.001,
  lentListPointsPerList: 40,
  lentListPointsPerKm: 0.2,
};

export const DEFAULT_RULES: Rules = {
  guaranteeDays: 90,
  overrunProbabilityMax: 0.1,
  untreatedDelayDays: 14,
  maxLendKm: 150,
};
