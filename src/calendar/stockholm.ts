// Europe/Stockholm wall clock <-> instants. Inside opflow times are integer minutes from a local
// midnight; this file is the edge where they meet real instants, so it is the only calendar file
// that uses luxon (which carries the IANA zone rules, i.e. the DST changes on the last Sundays of
// March and October: those local days are 23 h and 25 h long).
import { DateTime } from 'luxon';
import { ValidationError } from '../errors.ts';
import { addDays, epochDay } from './isoWeek.ts';

export const STOCKHOLM_ZONE = 'Europe/Stockholm';

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MS_PER_MIN = 60_000;

function invalid(field: string, message: string): ValidationError {
  return new ValidationError(`${field}: ${message}`, [{ field, message }]);
}

/**
 * The instant at which Stockholm wall clocks show `time` on `date`. A time skipped by the spring
 * change (02:00–02:59 on the last Sunday of March) is rejected rather than silently moved; a time
 * that occurs twice in autumn resolves to its first occurrence (still summer time, +02:00), because
 * that is when a list planned "at 02:30" would start.
 */
function localInstant(date: string, time: string): DateTime<true> {
  epochDay(date);
  const t = TIME_RE.exec(time);
  if (t === null) throw invalid('time', `expected a time HH:MM, got "${time}"`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const dt = DateTime.fromObject(
    { year, month, day, hour: Number(t[1]), minute: Number(t[2]) },
    { zone: STOCKHOLM_ZONE },
  );
  if (!dt.isValid) throw invalid('time', `cannot place ${date} ${time} in ${STOCKHOLM_ZONE}`);
  if (dt.toFormat('yyyy-MM-dd HH:mm') !== `${date} ${time}`) {
    throw invalid('time', `${time} does not exist on ${date} in ${STOCKHOLM_ZONE} (clocks jump forward)`);
  }
  return dt.getPossibleOffsets().reduce((a, b) => (b.toMillis() < a.toMillis() ? b : a), dt);
}

function isoWithOffset(dt: DateTime): string {
  const iso = dt.setZone(STOCKHOLM_ZONE).toISO({ suppressMilliseconds: true });
  // Only reachable with an absurd offset (beyond luxon's supported range).
  if (iso === null) throw invalid('offsetMin', 'the resulting instant is out of range');
  return iso;
}

/**
 * Local date + `HH:MM` + elapsed minutes -> ISO instant with the Stockholm offset, e.g.
 * ("2026-03-29", "00:00", 180) -> "2026-03-29T04:00:00+02:00". `offsetMin` is real elapsed time
 * (as the solver's durations are), not wall-clock arithmetic, so it stays correct across a DST change.
 */
export function localToInstant(date: string, time: string, offsetMin = 0): string {
  if (!Number.isFinite(offsetMin))
    throw invalid('offsetMin', `expected a number of minutes, got ${offsetMin}`);
  return isoWithOffset(localInstant(date, time).plus({ milliseconds: offsetMin * MS_PER_MIN }));
}

/**
 * Real minutes from local midnight of `date` to `time` on the same date: 07:30 is 450 on an
 * ordinary day, 390 on the spring change day and 510 on the autumn change day.
 */
export function minutesSinceLocalMidnight(date: string, time: string): number {
  return minutesBetweenLocal(date, '00:00', date, time);
}

/** Real minutes from one local date-time to another (negative when `to` is earlier). */
export function minutesBetweenLocal(
  fromDate: string,
  fromTime: string,
  toDate: string,
  toTime: string,
): number {
  const from = localInstant(fromDate, fromTime).toMillis();
  const to = localInstant(toDate, toTime).toMillis();
  return Math.round((to - from) / MS_PER_MIN);
}

/** Length of a local day in minutes: 1440, or 1380 / 1500 on the spring / autumn DST change. */
export function localDayLengthMin(date: string): number {
  return minutesBetweenLocal(date, '00:00', addDays(date, 1), '00:00');
}

function parseInstant(instantIso: string): DateTime<true> {
  // An instant must carry its offset; a bare local time would be ambiguous in exactly the DST hours.
  if (!/(Z|[+-]\d{2}(:?\d{2})?)$/.test(instantIso)) {
    throw invalid(
      'instant',
      `expected an ISO instant with offset (e.g. 2026-03-29T07:30:00+02:00), got "${instantIso}"`,
    );
  }
  const dt = DateTime.fromISO(instantIso, { setZone: true });
  if (!dt.isValid) throw invalid('instant', `not an ISO instant: "${instantIso}"`);
  return dt.setZone(STOCKHOLM_ZONE) as DateTime<true>;
}

/** The Stockholm civil date of an instant, e.g. "2026-10-24T23:30:00Z" -> "2026-10-25". */
export function localDateOf(instantIso: string): string {
  return parseInstant(instantIso).toFormat('yyyy-MM-dd');
}

/** The Stockholm wall-clock time `HH:MM` of an instant. */
export function localTimeOf(instantIso: string): string {
  return parseInstant(instantIso).toFormat('HH:mm');
}

/** Minutes since local midnight -> wall-clock `HH:MM` (how `Assignment.startTime` is written). */
export const clockTimeOfMin = (min: number): string =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
