// The personnummer forms real exports carry, normalised to the stored 12-digit form: one example
// per form, the ambiguous cases, and a property test against a second implementation of the rules
// written here (digit walking, a month-length table and right-to-left Luhn instead of the product's
// regexes, Date arithmetic and left-to-right weights).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePersonnummer } from '../../src/domain/personnummer.ts';

const AS_OF = '2026-11-27';

describe('normalisePersonnummer: accepted forms', () => {
  // 19121212-1212 (Skatteverket's test number) turns 114 in 2026: its stored form takes `+`.
  // 19640823-3234 turns 62 in 2026: `-`.
  it.each([
    ['YYYYMMDD-NNNC', '19640823-3234', '19640823-3234'],
    ['YYYYMMDDNNNC', '196408233234', '19640823-3234'],
    ['YYMMDD-NNNC', '640823-3234', '19640823-3234'],
    ['YYMMDDNNNC', '6408233234', '19640823-3234'],
    ['surrounding spaces', '  640823-3234 \t', '19640823-3234'],
    ['YYMMDD+NNNC', '121212+1212', '19121212+1212'],
    ['YYYYMMDD+NNNC', '19121212+1212', '19121212+1212'],
    [
      'YYYYMMDD-NNNC for someone over 100 (the customary 12-digit separator)',
      '19121212-1212',
      '19121212+1212',
    ],
    ['YYYYMMDDNNNC for someone over 100', '191212121212', '19121212+1212'],
    ['samordningsnummer YYMMDD-NNNC', '640883-3231', '19640883-3231'],
  ])('%s: %s -> %s', (_form, input, stored) => {
    const r = normalisePersonnummer(input, AS_OF);
    expect(r).toMatchObject({ ok: true, value: stored });
  });

  it('switches the separator in the calendar year the person turns 100 (the issue example)', () => {
    // Born 1926-11-25: + for all of 2026, before and after the birthday; - in 2025.
    expect(normalisePersonnummer('261125+0669', '2026-01-01')).toMatchObject({
      ok: true,
      value: '19261125+0669',
    });
    expect(normalisePersonnummer('19261125-0669', '2026-11-24')).toMatchObject({
      ok: true,
      value: '19261125+0669',
    });
    expect(normalisePersonnummer('261125-0669', '2025-12-31')).toMatchObject({
      ok: true,
      value: '19261125-0669',
    });
    // In 2026, the 10-digit `-` form reads as born 2026-11-25 (turns 0 this year).
    expect(normalisePersonnummer('261125-0669', '2026-11-27')).toMatchObject({
      ok: true,
      value: '20261125-0669',
    });
  });

  it('resolves the century of a 10-digit form against the reference date', () => {
    expect(normalisePersonnummer('0001013838', '2026-11-27')).toMatchObject({
      ok: true,
      value: '20000101-3838',
    });
    expect(normalisePersonnummer('0001013838', '1999-12-31')).toMatchObject({
      ok: true,
      value: '19000101-3838',
    });
    expect(normalisePersonnummer('000101+3838', '2026-11-27')).toMatchObject({
      ok: true,
      value: '19000101+3838',
    });
  });
});

describe('normalisePersonnummer: refused', () => {
  it.each([
    [
      'a 10-digit form read as born after the reference date (a dropped +?)',
      '261215-3987',
      /ambiguous century/,
    ],
    [
      'a 10-digit form without separator read as born after the reference date',
      '2612153987',
      /ambiguous century/,
    ],
    ['+ on a 12-digit form of someone under 100', '19640823+3234', /ambiguous/],
    ['birth number 000', '640823-0008', /000/],
    ['wrong check digit', '640823-3235', /Luhn/],
    ['no such date', '640230-3231', /not a real date/],
    ['11 digits', '64082332345', /expected/],
    ['an inner space', '640823 3234', /expected/],
    ['separator in the wrong place', '6408-233234', /expected/],
    ['letters', '64O823-3234', /expected/],
    ['empty', '   ', /expected/],
  ])('%s: %s', (_what, input, reason) => {
    // 2612153987: born 2026-12-15 read with `-`; Luhn right so the date is the reason.
    const r = normalisePersonnummer(input, AS_OF);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('the refused examples above have right check digits where another reason is expected', () => {
    // Guard the table: only the Luhn case may fail on Luhn.
    for (const x of ['261215-3987', '19640823+3234', '640823-0008', '640230-3231']) {
      const r = normalisePersonnummer(x, AS_OF);
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.reason).not.toMatch(/Luhn/);
    }
  });
});

// ---- the second implementation ----

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Luhn as usually stated: from the rightmost payload digit leftwards, double every other one. */
function luhnOk(ten: string): boolean {
  let sum = 0;
  for (let k = 0; k < 10; k++) {
    const digit = Number(ten[9 - k]);
    const d = k % 2 === 1 ? digit * 2 : digit;
    sum += d > 9 ? d - 9 : d;
  }
  return sum % 10 === 0;
}

function reference(raw: string, asOf: string): string | null {
  const s = raw.replace(/^\s+|\s+$/g, '');
  let digits = '';
  let sep = '';
  let sepAt = -1;
  for (const ch of s) {
    if (ch >= '0' && ch <= '9') digits += ch;
    else if ((ch === '-' || ch === '+') && sepAt < 0) {
      sep = ch;
      sepAt = digits.length;
    } else return null;
  }
  if (digits.length !== 10 && digits.length !== 12) return null;
  if (sepAt >= 0 && sepAt !== digits.length - 4) return null;
  const asOfYear = Number(asOf.slice(0, 4));
  const ten = digits.slice(-10);
  let year: number;
  if (digits.length === 12) {
    year = Number(digits.slice(0, 4));
  } else {
    const yy = Number(ten.slice(0, 2));
    // Search the two centuries back from the reference year.
    let found = -1;
    for (let y = asOfYear; y > asOfYear - 200; y--) {
      if (y % 100 !== yy) continue;
      const age = asOfYear - y;
      if ((sep === '+') === age >= 100) {
        found = y;
        break;
      }
    }
    if (found < 1000) return null;
    year = found;
  }
  const month = Number(ten.slice(2, 4));
  let day = Number(ten.slice(4, 6));
  if (day > 60) day -= 60;
  if (month < 1 || month > 12) return null;
  const dim = month === 2 && leap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day < 1 || day > dim) return null;
  if (ten.slice(6, 9) === '000') return null;
  if (!luhnOk(ten)) return null;
  const birth = `${String(year).padStart(4, '0')}-${ten.slice(2, 4)}-${String(day).padStart(2, '0')}`;
  if (birth > asOf) return null;
  const turns = asOfYear - year;
  if (digits.length === 12 && sep === '+' && turns < 100) return null;
  return `${year}${ten.slice(2, 6)}${turns >= 100 ? '+' : '-'}${ten.slice(6)}`;
}

/** A candidate string in one of the forms, built from parts (often valid, sometimes not). */
const candidate = fc
  .record({
    year: fc.integer({ min: 1826, max: 2045 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    coordination: fc.boolean(),
    serial: fc.integer({ min: 0, max: 999 }),
    rightCheck: fc.integer({ min: 0, max: 9 }),
    form: fc.constantFrom('12-', '12+', '12', '10-', '10+', '10'),
    pad: fc.constantFrom('', ' ', '  ', '\t'),
  })
  .map((c) => {
    const mm = String(c.month).padStart(2, '0');
    const dd = String(c.day + (c.coordination ? 60 : 0)).padStart(2, '0');
    const nnn = String(c.serial).padStart(3, '0');
    const payload = `${String(c.year).slice(2)}${mm}${dd}${nnn}`;
    let check = 0;
    while (!luhnOk(payload + String(check))) check++;
    // Mostly the right check digit; now and then another.
    const cd = c.rightCheck < 8 ? check : (check + c.rightCheck) % 10;
    const sep = c.form.slice(2);
    const head = c.form.startsWith('12') ? String(c.year) : String(c.year).slice(2);
    return `${c.pad}${head}${mm}${dd}${sep}${nnn}${cd}${c.pad}`;
  });

const asOfDate = fc
  .record({
    y: fc.integer({ min: 1990, max: 2040 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

describe('normalisePersonnummer agrees with a second implementation', () => {
  it('property: same verdict and same stored form for every generated input', () => {
    fc.assert(
      fc.property(candidate, asOfDate, (raw, asOf) => {
        const mine = normalisePersonnummer(raw, asOf);
        const ref = reference(raw, asOf);
        expect(mine.ok ? mine.value : null).toBe(ref);
      }),
      { numRuns: 5000 },
    );
  });

  it('property: the stored form is a fixed point (normalising it again changes nothing)', () => {
    fc.assert(
      fc.property(candidate, asOfDate, (raw, asOf) => {
        const r = normalisePersonnummer(raw, asOf);
        if (r.ok) expect(normalisePersonnummer(r.value, asOf)).toMatchObject({ ok: true, value: r.value });
      }),
      { numRuns: 2000 },
    );
  });
});
