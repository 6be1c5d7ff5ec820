// The four principals (huvudmän) of Södra sjukvårdsregionen and their priority grids.
// The grids are data: Kronoberg grades in whole weeks, which makes it differ slightly from the
// other three (the generator must not assume one grid for everyone).

export interface RegionSeed {
  key: string;
  name: string;
  countyCode: string;
}

export const REGIONS: readonly RegionSeed[] = [
  { key: 'skane', name: 'Region Skåne', countyCode: '12' },
  { key: 'blekinge', name: 'Region Blekinge', countyCode: '10' },
  { key: 'halland', name: 'Region Halland', countyCode: '13' },
  { key: 'kronoberg', name: 'Region Kronoberg', countyCode: '07' },
];

export interface PriorityGroupSeed {
  group: string;
  labelSv: string;
  labelEn: string;
  maxDays: number;
}

/** Priority groups in order P1 (most urgent) .. P4; procedure priority weights follow this order. */
export const PRIORITY_GROUP_NAMES = ['P1', 'P2', 'P3', 'P4'] as const;

// A label and its days must agree: "within N weeks" is N × 7 days; the month groups are counted as
// the regions' grids state them (3 months = 90 days, 6 months = 180 days).
const DEFAULT_GRID: readonly PriorityGroupSeed[] = [
  { group: 'P1', labelSv: 'Inom 2 veckor', labelEn: 'Within 2 weeks', maxDays: 14 },
  { group: 'P2', labelSv: 'Inom 4 veckor', labelEn: 'Within 4 weeks', maxDays: 28 },
  { group: 'P3', labelSv: 'Inom 3 månader', labelEn: 'Within 3 months', maxDays: 90 },
  { group: 'P4', labelSv: 'Inom 6 månader', labelEn: 'Within 6 months', maxDays: 180 },
];

const WEEK_GRID: readonly PriorityGroupSeed[] = [
  { group: 'P1', labelSv: 'Inom 2 veckor', labelEn: 'Within 2 weeks', maxDays: 14 },
  { group: 'P2', labelSv: 'Inom 4 veckor', labelEn: 'Within 4 weeks', maxDays: 28 },
  { group: 'P3', labelSv: 'Inom 12 veckor', labelEn: 'Within 12 weeks', maxDays: 84 },
  { group: 'P4', labelSv: 'Inom 26 veckor', labelEn: 'Within 26 weeks', maxDays: 182 },
];

export const PRIORITY_GRIDS: Readonly<Record<string, readonly PriorityGroupSeed[]>> = {
  skane: DEFAULT_GRID,
  blekinge: DEFAULT_GRID,
  halland: DEFAULT_GRID,
  kronoberg: WEEK_GRID,
};
