// A small, valid region snapshot for tests: 2 regions, 3 hospitals, 3 procedures, 20 patients
// with valid (synthetic) personnummer. Each call returns a fresh object, safe to modify.
// It exercises the awkward corners on purpose: an optional field present and absent, a
// centenarian (`+` separator), a samordningsnummer, excluded periods, surgeon-list maps whose key
// order is not alphabetical, a closure with and without a theatre.
import { makePersonnummer } from '../../src/domain/personnummer.ts';
import { RegionSnapshot, type WaitingListEntry } from '../../src/domain/snapshot.ts';

export const SMALL_AS_OF = '2026-03-02';

const HOSPITALS = ['h-sus-lund', 'h-hassleholm', 'h-vaxjo'] as const;
const PROCEDURES = ['p-hip', 'p-knee', 'p-chole'] as const;
const PLACES = ['pl-lund', 'pl-malmo', 'pl-vaxjo', 'pl-ljungby'] as const;

function patient(i: number): WaitingListEntry {
  const inKronoberg = i % 4 === 3;
  const birthYear = i === 7 ? 1921 : 1940 + ((i * 7) % 60);
  const birthDate = `${birthYear}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
  const decisionDay = String((i % 28) + 1).padStart(2, '0');
  const decisionDate = `2025-${String((i % 9) + 1).padStart(2, '0')}-${decisionDay}`;
  const group = ['A', 'B', 'C'][i % 3] as string;
  const targetDays = group === 'A' ? '2025-12-01' : '2026-06-30';
  return {
    id: `wl-${String(i + 1).padStart(4, '0')}`,
    personnummer: makePersonnummer(birthDate, 100 + i, SMALL_AS_OF, i === 11),
    givenName: ['Anna', 'Erik', 'Maria', 'Lars', 'Karin'][i % 5] as string,
    familyName: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson'][i % 5] as string,
    synthetic: true,
    homeRegionId: inKronoberg ? 'r-kronoberg' : 'r-skane',
    homePlaceId: inKronoberg ? PLACES[2 + (i % 2)]! : PLACES[i % 2]!,
    listingHospitalId: inKronoberg ? 'h-vaxjo' : HOSPITALS[i % 2]!,
    procedureId: PROCEDURES[i % 3]!,
    decisionDate,
    priorityGroup: group,
    medicalTargetDate: targetDays,
    asaClass: (i % 4) + 1,
    earliestDate: decisionDate,
    consentElsewhere: i % 2 === 0,
    maxTravelKm: 50 + 10 * i + (i === 5 ? 0.5 : 0),
    excludedPeriods:
      i % 5 === 0
        ? [
            { kind: 'PvV', from: '2025-10-01', to: '2025-10-14' },
            { kind: 'MoV', from: '2025-11-01', to: '2025-11-30' },
          ]
        : [],
    status: i === 19 ? 'scheduled' : 'waiting',
    category: i === 18 ? 'bevakning' : 'elektiv',
    htaOverride: false,
  };
}

export function smallSnapshot(): RegionSnapshot {
  const grid = (regionId: string) => ({
    regionId,
    groups: [
      { group: 'A', labelSv: 'Inom 30 dagar', labelEn: 'Within 30 days', maxDays: 30 },
      { group: 'B', labelSv: 'Inom 90 dagar', labelEn: 'Within 90 days', maxDays: 90 },
      { group: 'C', labelSv: 'Inom 180 dagar', labelEn: 'Within 180 days', maxDays: 180 },
    ],
  });
  const input = {
    schemaVersion: 1,
    regionSet: { id: 'test-set', name: 'Testregionerna' },
    asOfDate: SMALL_AS_OF,
    synthetic: true,
    generator: { name: 'smallSnapshot', seed: 1, scale: 0.01 },
    calendar: {
      summerFromWeek: 27,
      summerToWeek: 32,
      summerCapacityFactor: 0.4,
      extraClosureDates: ['2026-06-05'],
    },
    regions: [
      { id: 'r-skane', name: 'Region Skåne', countyCode: '12' },
      { id: 'r-kronoberg', name: 'Region Kronoberg' },
    ],
    priorityGrids: [grid('r-skane'), grid('r-kronoberg')],
    specialties: [
      { id: 'ortho', nameSv: 'Ortopedi', nameEn: 'Orthopaedics' },
      { id: 'gensurg', nameSv: 'Allmänkirurgi', nameEn: 'General surgery' },
    ],
    procedures: [
      {
        id: 'p-hip',
        kvaCode: 'NFB49',
        nameSv: 'Höftledsplastik',
        nameEn: 'Hip replacement',
        specialtyId: 'ortho',
        durationLogMu: 4.5,
        durationLogSigma: 0.25,
        turnoverMin: 30,
        needsAcuteBackup: false,
        needsIcu: false,
        maxAsaNonAcute: 2,
        care: 'inpatient',
        priceSek: 98000.5,
        htaDoNotDo: false,
      },
      {
        id: 'p-knee',
        kvaCode: 'NGB49',
        nameSv: 'Knäledsplastik',
        nameEn: 'Knee replacement',
        specialtyId: 'ortho',
        durationLogMu: 4.6,
        durationLogSigma: 0.3,
        turnoverMin: 30,
        needsAcuteBackup: false,
        needsIcu: false,
        maxAsaNonAcute: 2,
        care: 'inpatient',
        priceSek: 95000,
        htaDoNotDo: false,
      },
      {
        id: 'p-chole',
        kvaCode: 'JKA21',
        nameSv: 'Laparoskopisk kolecystektomi',
        nameEn: 'Laparoscopic cholecystectomy',
        specialtyId: 'gensurg',
        durationLogMu: 4.2,
        durationLogSigma: 0.35,
        turnoverMin: 20,
        needsAcuteBackup: true,
        needsIcu: false,
        maxAsaNonAcute: 3,
        care: 'day',
        priceSek: 42000,
        htaDoNotDo: false,
      },
    ],
    hospitals: [
      {
        id: 'h-sus-lund',
        name: 'Skånes universitetssjukhus Lund',
        shortName: 'SUS Lund',
        regionId: 'r-skane',
        lat: 55.7137,
        lon: 13.1996,
        acute: true,
        icu: true,
        privateProvider: false,
        specialtyIds: ['ortho', 'gensurg'],
        procedureIds: ['p-hip', 'p-knee', 'p-chole'],
        listStartTime: '07:45',
        listMin: 480,
      },
      {
        id: 'h-hassleholm',
        name: 'Hässleholms sjukhus',
        shortName: 'Hässleholm',
        regionId: 'r-skane',
        lat: 56.1589,
        lon: 13.7668,
        acute: false,
        icu: false,
        privateProvider: false,
        specialtyIds: ['ortho'],
        procedureIds: ['p-knee', 'p-hip'],
        listStartTime: '08:00',
        listMin: 450,
      },
      {
        id: 'h-vaxjo',
        name: 'Centrallasarettet Växjö',
        shortName: 'Växjö',
        regionId: 'r-kronoberg',
        lat: 56.8777,
        lon: 14.8091,
        acute: true,
        icu: true,
        privateProvider: true,
        specialtyIds: ['gensurg', 'ortho'],
        procedureIds: ['p-chole', 'p-hip', 'p-knee'],
        listStartTime: '07:30',
        listMin: 510,
      },
    ],
    theatres: HOSPITALS.flatMap((h) =>
      [1, 2].map((n) => ({ id: `${h}-op${n}`, hospitalId: h, name: `Sal ${n}` })),
    ),
    rosterTemplates: HOSPITALS.flatMap((h) =>
      [1, 2, 3, 4, 5].map((weekday) => ({
        hospitalId: h,
        weekday,
        anaesthesiaTeams: 2,
        nursingTeams: 2,
        // Key order deliberately not alphabetical: it must survive the round trip.
        surgeonLists: h === 'h-hassleholm' ? { ortho: 2 } : { ortho: 1, gensurg: 1 },
        lendableSurgeonLists: h === 'h-hassleholm' ? { ortho: 1 } : {},
      })),
    ),
    rosterOverrides: [
      {
        hospitalId: 'h-vaxjo',
        date: '2026-03-04',
        anaesthesiaTeams: 1,
        nursingTeams: 1,
        surgeonLists: { ortho: 1 },
        lendableSurgeonLists: {},
      },
    ],
    closures: [
      { hospitalId: 'h-hassleholm', date: '2026-03-06', reason: 'Ventilationsarbete' },
      { hospitalId: 'h-sus-lund', theatreId: 'h-sus-lund-op2', date: '2026-03-05', reason: 'Service' },
    ],
    regionalTeams: [
      {
        id: 'team-1',
        name: 'Regionteam Syd',
        baseHospitalId: 'h-sus-lund',
        weekdays: [2, 4],
        unavailableDates: ['2026-03-10'],
        allowedHospitalIds: ['h-hassleholm', 'h-vaxjo'],
        costSekPerDay: 45000,
      },
    ],
    places: [
      { id: 'pl-lund', name: 'Lund', regionId: 'r-skane', lat: 55.7047, lon: 13.191 },
      { id: 'pl-malmo', name: 'Malmö', regionId: 'r-skane', lat: 55.605, lon: 13.0038 },
      { id: 'pl-vaxjo', name: 'Växjö', regionId: 'r-kronoberg', lat: 56.8777, lon: 14.8091 },
      { id: 'pl-ljungby', name: 'Ljungby', regionId: 'r-kronoberg', lat: 56.8327, lon: 13.9408 },
    ],
    distances: PLACES.flatMap((p, i) =>
      HOSPITALS.map((h, j) => ({ fromId: p, toId: h, km: 5 + 37.5 * Math.abs(i - j) + 0.1 * i })),
    ),
    waitingList: Array.from({ length: 20 }, (_, i) => patient(i)),
    arrivals: [
      { hospitalId: 'h-sus-lund', procedureId: 'p-hip', perWeek: 6.5 },
      { hospitalId: 'h-vaxjo', procedureId: 'p-chole', perWeek: 3 },
    ],
  };
  // Parse so defaults are filled in exactly as every other reader of a snapshot sees them.
  return RegionSnapshot.parse(input);
}

/**
 * The small snapshot with its waiting list grown to `patients` rows (ids and personnummer stay
 * unique and valid); for load benchmarks without the seed generator.
 */
export function scaledSnapshot(patients: number): RegionSnapshot {
  const base = smallSnapshot();
  const waitingList = Array.from({ length: patients }, (_, i) => {
    const p = patient(i % 20);
    const birthDate = `${1940 + (i % 60)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    return {
      ...p,
      id: `wl-${String(i + 1).padStart(6, '0')}`,
      // Birth numbers 1–999 (000 is never issued).
      personnummer: makePersonnummer(birthDate, 1 + (Math.floor(i / 20) % 999), SMALL_AS_OF),
    };
  });
  return { ...base, waitingList };
}
