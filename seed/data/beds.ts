// Elective post-operative ward beds (vårdplatser) per hospital of the Södra seed: weekdays and
// weekends (many elective wards run as five-day wards and keep fewer beds open at weekends), plus
// dated reductions (offsets in days from the first Monday on or after the snapshot date, like
// seed/data/operations.ts). Sized against the mid-week bed demand of urgency-ordered lists (the
// seed's bookings without a bed limit: SUS Lund peaks at 85, SUS Malmö 77, Hässleholm 49, the
// private orthopaedic unit 25 beds): beds bind there and at the dated reductions, elsewhere the
// wards keep 15–25 % spare. Weekends keep three beds in four.
// Hospitals that run day surgery only have no rows: their patients go home the same day.
export interface WardBedSeed {
  hospitalKey: string;
  weekdayBeds: number;
  weekendBeds: number;
}

export const WARD_BEDS: readonly WardBedSeed[] = [
  { hospitalKey: 'sus-lund', weekdayBeds: 72, weekendBeds: 54 },
  { hospitalKey: 'sus-malmo', weekdayBeds: 70, weekendBeds: 52 },
  { hospitalKey: 'helsingborg', weekdayBeds: 46, weekendBeds: 34 },
  { hospitalKey: 'csk', weekdayBeds: 40, weekendBeds: 30 },
  { hospitalKey: 'ystad', weekdayBeds: 28, weekendBeds: 21 },
  { hospitalKey: 'trelleborg', weekdayBeds: 32, weekendBeds: 24 },
  { hospitalKey: 'landskrona', weekdayBeds: 16, weekendBeds: 12 },
  { hospitalKey: 'hassleholm', weekdayBeds: 44, weekendBeds: 33 },
  { hospitalKey: 'angelholm', weekdayBeds: 24, weekendBeds: 18 },
  { hospitalKey: 'karlskrona', weekdayBeds: 38, weekendBeds: 28 },
  { hospitalKey: 'karlshamn', weekdayBeds: 16, weekendBeds: 12 },
  { hospitalKey: 'vaxjo', weekdayBeds: 48, weekendBeds: 36 },
  { hospitalKey: 'ljungby', weekdayBeds: 13, weekendBeds: 10 },
  { hospitalKey: 'halmstad', weekdayBeds: 48, weekendBeds: 36 },
  { hospitalKey: 'varberg', weekdayBeds: 29, weekendBeds: 22 },
  { hospitalKey: 'priv-orto-malmo', weekdayBeds: 22, weekendBeds: 16 },
];

/** Dated bed reductions: a ward partly closed for staff shortage or renovation. */
export interface WardBedChangeSeed {
  hospitalKey: string;
  offsets: readonly number[];
  /** Beds less than the weekday/weekend value. */
  bedsDelta: number;
  reason: string;
}

export const WARD_BED_CHANGES: readonly WardBedChangeSeed[] = [
  {
    hospitalKey: 'sus-lund',
    offsets: [15, 16, 17],
    bedsDelta: -12,
    reason: 'vårdavdelning delvis stängd (bemanning)',
  },
  { hospitalKey: 'vaxjo', offsets: [21, 22, 23, 24, 25], bedsDelta: -4, reason: 'renovering' },
];
