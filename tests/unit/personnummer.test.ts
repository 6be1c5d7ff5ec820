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
    expect(checkPersonnummer(`20230229-123${c}`)).toMatchObject({ ok: false, reason: /not a real date/ });
    expect(checkPersonnummer('19121300-1212')).toMatchObject({ ok: false });
    expect(checkPersonnummer('19121232-1212')).toMatchObject({ ok: false, reason: /not a real date/ });
  });

  it('rejects other forms', () => {
    for (const bad of ['121212-1212', '191212121212', '19121212 1212', '19121212-121', '']) {
      expect(checkPersonnummer(bad)).toMatchObject({ ok: false, reason: /YYYYMMDD-NNNC/ });
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

  it('requires + at age 100 or more, judged on asOfDate', () => {
    expect(checkPersonnummer('19121212+1212', '2026-01-01')).toMatchObject({ ok: true });
    expect(checkPersonnummer('19121212-1212', '2026-01-01')).toMatchObject({
      ok: false,
      reason: /\+ separator/,
    });
    // The 100th birthday is the switch.
    expect(checkPersonnummer('19121212-1212', '2012-12-11')).toMatchObject({ ok: true });
    expect(checkPersonnummer('19121212+1212', '2012-12-11')).toMatchObject({ ok: false });
    expect(checkPersonnummer('19121212+1212', '2012-12-12')).toMatchObject({ ok: true });
    expect(checkPersonnummer('19121212-1212', '1900-01-01')).toMatchObject({ ok: false, reason: /future/ });
  });

  it('makePersonnummer builds numbers that check out, with the right separator', () => {
    expect(makePersonnummer('1912-12-12', 121, '2026-01-01')).toBe('19121212+1212');
    expect(makePersonnummer('1912-12-12', 121, '1990-01-01')).toBe('19121212-1212');
    expect(makePersonnummer('1912-12-12', 121, '1990-01-01', true)).toBe('19121272-1219');
  });

  it('property: makePersonnummer round-trips through checkPersonnummer', () => {
    const asOf = '2026-06-01';
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 45_000 }),
        fc.integer({ min: 0, max: 999 }),
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
