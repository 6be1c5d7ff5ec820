import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/calendar/isoWeek.ts';
import { checkPersonnummer, luhnCheckDigit, makePersonnummer } from '../../src/domain/personnummer.ts';

describe('personnummer', () => {
  it('accepts the Skatteverket test number 19121212-1212', () => {
    expect(luhnCheckDigit('121212121')).toBe(2);
    expect(checkPersonnummer('19121212-1212')).toEqual({
      ok: true,
      kind: 'personnummer',
      birthDate: '1912-12-12',
    });
  });

  it('rejects a wrong check digit', () => {
    expect(checkPersonnummer('19121212-1213')).toEqual({ ok: false, reason: 'wrong check digit (Luhn)' });
  });

  it('rejects a date that does not exist', () => {
    // 2023-02-29: check digit made right so only the date can be the reason.
    const c = luhnCheckDigit('230229123');
    expect(checkPersonnummer(`20230229-123${c}`)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a real date/),
    });
    expect(checkPersonnummer('19121300-1212')).toMatchObject({ ok: false });
    expect(checkPersonnummer('19121232-1212')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a real date/),
    });
  });

  it('rejects other forms', () => {
    for (const bad of ['121212-1212', '191212121212', '19121212 1212', '19121212-121', '']) {
      expect(checkPersonnummer(bad)).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/YYYYMMDD-NNNC/),
      });
    }
  });

  it('recognises a samordningsnummer (day + 60)', () => {
    // 12 12 72 121: Luhn 2+2+2+2+(14→5)+2+2+2+2 = 21 -> check digit 9.
    expect(checkPersonnummer('19121272-1219')).toEqual({
      ok: true,
      kind: 'samordningsnummer',
      birthDate: '1912-12-12',
    });
    expect(checkPersonnummer('19121292-1212')).toMatchObject({ ok: false });
  });

  it('requires + from the calendar year the person turns 100, judged on asOfDate', () => {
    expect(checkPersonnummer('19121212+1212', '2026-01-01')).toMatchObject({ ok: true });
    expect(checkPersonnummer('19121212-1212', '2026-01-01')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/\+ separator/),
    });
    // The turn of the year of the 100th birthday is the switch, not the birthday (Skatteverket).
    expect(checkPersonnummer('19121212-1212', '2011-12-31')).toMatchObject({ ok: true });
    expect(checkPersonnummer('19121212+1212', '2011-12-31')).toMatchObject({ ok: false });
    expect(checkPersonnummer('19121212+1212', '2012-01-01')).toMatchObject({ ok: true });
    expect(checkPersonnummer('19121212-1212', '2012-01-01')).toMatchObject({ ok: false });
    // The example: 19261125+0669 in 2026, whatever the day.
    expect(checkPersonnummer('19261125+0669', '2026-01-02')).toMatchObject({ ok: true });
    expect(checkPersonnummer('19261125-0669', '2026-11-27')).toMatchObject({ ok: false });
    expect(checkPersonnummer('19121212-1212', '1900-01-01')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/future/),
    });
  });

  it('rejects birth number 000', () => {
    const c = luhnCheckDigit('500101000');
    expect(checkPersonnummer(`19500101-000${c}`)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/000/),
    });
    expect(() => makePersonnummer('1950-01-01', 0, '2026-01-01')).toThrow(RangeError);
  });

  it('makePersonnummer builds numbers that check out, with the right separator', () => {
    expect(makePersonnummer('1912-12-12', 121, '2026-01-01')).toBe('19121212+1212');
    expect(makePersonnummer('1912-12-12', 121, '1990-01-01')).toBe('19121212-1212');
    expect(makePersonnummer('1912-12-12', 121, '2012-01-01')).toBe('19121212+1212');
    expect(makePersonnummer('1912-12-12', 121, '1990-01-01', true)).toBe('19121272-1219');
  });

  it('property: makePersonnummer round-trips through checkPersonnummer', () => {
    const asOf = '2026-06-01';
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 45_000 }),
        fc.integer({ min: 1, max: 999 }),
        fc.boolean(),
        (ageDays, serial, coordination) => {
          const birthDate = addDays(asOf, -ageDays);
          const pnr = makePersonnummer(birthDate, serial, asOf, coordination);
          const r = checkPersonnummer(pnr, asOf);
          return (
            r.ok &&
            r.birthDate === birthDate &&
            r.kind === (coordination ? 'samordningsnummer' : 'personnummer') &&
            pnr.slice(9, 12) === String(serial).padStart(3, '0')
          );
        },
      ),
    );
  });
});
