// The set of horizon days a patient may be operated on. A horizon holds up to 12 weeks (84 days),
// more than a 32-bit mask can carry, so the set is one byte per day.

/** Byte d is 1 when horizon day d is allowed. */
export type DaySet = Uint8Array;

export function emptyDaySet(days: number): DaySet {
  return new Uint8Array(days);
}

export function hasDay(set: DaySet, d: number): boolean {
  return set[d] === 1;
}

export function isEmptyDaySet(set: DaySet): boolean {
  return !set.includes(1);
}

/** A string that is equal for equal sets (grouping key). */
export function daySetKey(set: DaySet): string {
  return set.join('');
}
