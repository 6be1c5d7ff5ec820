// Operational data around the rosters: the regional operation teams, the roster changes and
// theatre closures already known for the coming weeks, and referral flows that cross the usual
// "nearest hospital" pattern. Dates are offsets in days from the first Monday on or after the
// snapshot date, so a different --as-of keeps the same shape.

export interface RegionalTeamSeed {
  key: string;
  name: string;
  baseHospitalKey: string;
  weekdays: readonly number[];
  /** Offsets (days from the first Monday) on which the team does not work. */
  unavailableOffsets: readonly number[];
  allowedHospitalKeys: readonly string[];
  costSekPerDay: number;
}

export const REGIONAL_TEAMS: readonly RegionalTeamSeed[] = [
  {
    key: 'csk',
    name: 'Regionalt operationsteam Kristianstad',
    baseHospitalKey: 'csk',
    weekdays: [1, 2, 3, 4, 5],
    unavailableOffsets: [17], // internal training day
    allowedHospitalKeys: ['csk', 'hassleholm', 'ystad', 'angelholm', 'karlshamn', 'karlskrona', 'ljungby'],
    costSekPerDay: 78_000,
  },
  {
    key: 'sus',
    name: 'Regionalt operationsteam Malmö',
    baseHospitalKey: 'sus-malmo',
    weekdays: [1, 2, 3, 4, 5],
    unavailableOffsets: [],
    allowedHospitalKeys: [
      'sus-malmo',
      'sus-lund',
      'trelleborg',
      'landskrona',
      'ystad',
      'helsingborg',
      'angelholm',
      'hassleholm',
    ],
    costSekPerDay: 84_000,
  },
];

/** A change of one hospital's staffing on one day, relative to its weekday template. */
export interface RosterChangeSeed {
  hospitalKey: string;
  offsets: readonly number[];
  anaesthesiaDelta: number;
  nursingDelta: number;
  /** Specialty -> change in surgeon lists (lendable lists are capped to the new count). */
  surgeonDelta?: Readonly<Record<string, number>>;
  why: string;
}

export const ROSTER_CHANGES: readonly RosterChangeSeed[] = [
  {
    hospitalKey: 'sus-lund',
    offsets: [14, 15, 16, 17, 18],
    anaesthesiaDelta: -2,
    nursingDelta: -2,
    why: 'hired anaesthesia and operating nurses phased out',
  },
  {
    hospitalKey: 'sus-malmo',
    offsets: [9],
    anaesthesiaDelta: 0,
    nursingDelta: -3,
    surgeonDelta: { ortho: -1 },
    why: 'nursing staff at a mandatory course',
  },
  {
    hospitalKey: 'karlshamn',
    offsets: [3, 10],
    anaesthesiaDelta: 1,
    nursingDelta: 1,
    surgeonDelta: { ortho: 1 },
    why: 'staff lent from Karlskrona for an extra orthopaedic list',
  },
  {
    hospitalKey: 'halmstad',
    offsets: [22],
    anaesthesiaDelta: -1,
    nursingDelta: -1,
    why: 'staff shortage reported by the department',
  },
];

export interface ClosureSeed {
  hospitalKey: string;
  /** 1-based theatre number; absent = the whole hospital. */
  theatre?: number;
  offsets: readonly number[];
  reason: string;
}

export const CLOSURES: readonly ClosureSeed[] = [
  {
    hospitalKey: 'sus-lund',
    theatre: 7,
    offsets: [7, 8, 9, 10, 11],
    reason: 'Ventilationsarbete (ventilation work)',
  },
  {
    hospitalKey: 'varberg',
    theatre: 3,
    offsets: [1, 2],
    reason: 'Byte av operationslampa (new theatre lights)',
  },
  { hospitalKey: 'angelholm', offsets: [11], reason: 'Utbildningsdag för personalen (staff training day)' },
  { hospitalKey: 'karlskrona', theatre: 2, offsets: [21, 22], reason: 'Service av sterilteknisk utrustning' },
];

/**
 * Patients listed at a hospital although they live far from it (a sub-project moved the group):
 * this share of the procedure's list comes from the given places.
 */
export interface ReferralFlowSeed {
  hospitalKey: string;
  kva: string;
  share: number;
  placeKeys: readonly string[];
}

export const REFERRAL_FLOWS: readonly ReferralFlowSeed[] = [
  // Benign kidney surgery from northern Skåne to Växjö.
  {
    hospitalKey: 'vaxjo',
    kva: 'KAC21',
    share: 0.45,
    placeKeys: ['osby', 'hassleholm', 'kristianstad', 'bromolla', 'klippan', 'hoor'],
  },
];

/** Calendar settings: summer weeks 27–32 at roughly half staffing. */
export const CALENDAR = {
  summerFromWeek: 27,
  summerToWeek: 32,
  summerCapacityFactor: 0.5,
} as const;
