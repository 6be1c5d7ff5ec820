// Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer).
//
// Stored form: YYYYMMDD-NNNC, or YYYYMMDD+NNNC for a person who turns 100 or more in the calendar
// year of the reference date. The separator changes at the turn of the year in which the person
// turns 100, not on the birthday (Skatteverket, "Personnumret i folkbokföringen", SKV 704; the parts
// of the number: folkbokföringslagen (1991:481) 18 §): 19261125+0669 is right for all of 2026.
// C is the Luhn check digit over the 10-digit form's first nine digits (YYMMDDNNN). NNN is the birth
// number; 000 is never issued. A samordningsnummer adds 60 to the day.
//
// Exports carry other forms too (`normalisePersonnummer`): YYMMDD-NNNC (the commonest), YYMMDD+NNNC,
// YYMMDDNNNC, YYYYMMDDNNNC, YYYYMMDD-NNNC / +NNNC, with surrounding spaces. A 10-digit form names no
// century: it is resolved against the reference date (the snapshot date), `-` or no separator
// meaning "turns 0–99 this year" and `+` "turns 100–199 this year".

/** Luhn check digit of a digit string (weights 2,1,2,1,… from the left, as Skatteverket uses). */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let v = (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

export type PersonnummerCheck =
  { ok: true; kind: 'personnummer' | 'samordningsnummer'; birthDate: string } | { ok: false; reason: string };

/** The separator the stored form takes for someone born in `birthYear`, in the year of `asOfDate`. */
export function separatorFor(birthYear: number, asOfDate: string): '-' | '+' {
  return Number(asOfDate.slice(0, 4)) - birthYear >= 100 ? '+' : '-';
}

/** Date, serial and Luhn rules of a 12-digit number split into its parts. */
function checkParts(
  yyyy: string,
  mm: string,
  ddRaw: string,
  serial: string,
  check: string,
): PersonnummerCheck {
  let day = Number(ddRaw);
  const kind = day > 60 ? 'samordningsnummer' : 'personnummer';
  if (day > 60) day -= 60;
  const year = Number(yyyy);
  const month = Number(mm);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || day === 0) {
    return { ok: false, reason: 'the date part is not a real date' };
  }
  if (serial === '000') return { ok: false, reason: 'birth number 000 is never issued' };
  const expected = luhnCheckDigit(`${yyyy.slice(2)}${mm}${ddRaw}${serial}`);
  if (expected !== Number(check)) return { ok: false, reason: 'wrong check digit (Luhn)' };
  return { ok: true, kind, birthDate: `${yyyy}-${mm}-${String(day).padStart(2, '0')}` };
}

/**
 * Validate a stored 12-digit personnummer `YYYYMMDD-NNNC` / `YYYYMMDD+NNNC`.
 * `asOfDate` (YYYY-MM-DD) decides whether the separator is right (`+` from the year of the 100th
 * birthday on) and rules out birth dates after it.
 */
export function checkPersonnummer(value: string, asOfDate?: string): PersonnummerCheck {
  const m = /^(\d{4})(\d{2})(\d{2})([-+])(\d{3})(\d)$/.exec(value);
  if (!m) return { ok: false, reason: 'expected the form YYYYMMDD-NNNC' };
  const [, yyyy, mm, dd, sep, serial, check] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const r = checkParts(yyyy, mm, dd, serial, check);
  if (!r.ok || asOfDate === undefined) return r;
  if (r.birthDate > asOfDate) return { ok: false, reason: 'birth date is in the future' };
  const right = separatorFor(Number(yyyy), asOfDate);
  if (right === '+' && sep !== '+')
    return {
      ok: false,
      reason: `a person who turns 100 or more in ${asOfDate.slice(0, 4)} takes the + separator`,
    };
  if (right === '-' && sep === '+')
    return {
      ok: false,
      reason: `the + separator is only for those who turn 100 or more in ${asOfDate.slice(0, 4)}`,
    };
  return r;
}

export type NormalisedPersonnummer =
  | { ok: true; value: string; kind: 'personnummer' | 'samordningsnummer'; birthDate: string }
  | { ok: false; reason: string };

const FORMS = 'YYYYMMDD-NNNC, YYYYMMDDNNNC, YYMMDD-NNNC, YYMMDD+NNNC or YYMMDDNNNC';

/**
 * Any accepted form -> the stored 12-digit form with the separator right for `asOfDate`, or the
 * reason it is refused. A 12-digit form states its century; its `-` is the customary neutral
 * separator of 12-digit exports and is replaced by `+` when due, while a `+` on someone who turns
 * under 100 this year contradicts the stated century and is refused. A 10-digit form whose century
 * reading puts the birth after `asOfDate` is ambiguous (the writer may have dropped a `+`) and is
 * refused with a request for the 12-digit form.
 */
export function normalisePersonnummer(raw: string, asOfDate: string): NormalisedPersonnummer {
  const s = raw.trim();
  const long = /^(\d{4})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/.exec(s);
  const short = /^(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$/.exec(s);
  const asOfYear = Number(asOfDate.slice(0, 4));
  let yyyy: string;
  let parts: [string, string, string, string, string];
  let sep: string;
  if (long !== null) {
    const [, y, mm, dd, sp, serial, check] = long as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    yyyy = y;
    sep = sp;
    parts = [y, mm, dd, serial, check];
  } else if (short !== null) {
    const [, yy, mm, dd, sp, serial, check] = short as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    // The birth year ending in yy whose distance to the reference year is 0–99 (`-`, none) or 100–199 (`+`).
    const under100 = asOfYear - ((((asOfYear - Number(yy)) % 100) + 100) % 100);
    const year = sp === '+' ? under100 - 100 : under100;
    if (year < 1000)
      return { ok: false, reason: `the century cannot be resolved before year 1000 (${FORMS})` };
    yyyy = String(year);
    sep = sp;
    parts = [yyyy, mm, dd, serial, check];
  } else {
    return { ok: false, reason: `expected ${FORMS}` };
  }
  const r = checkParts(...parts);
  if (!r.ok) return r;
  if (r.birthDate > asOfDate) {
    return short !== null
      ? {
          ok: false,
          reason: `ambiguous century: read as born ${r.birthDate}, which is after ${asOfDate}; write the 12-digit form YYYYMMDD-NNNC`,
        }
      : { ok: false, reason: `birth date ${r.birthDate} is after ${asOfDate}` };
  }
  const right = separatorFor(Number(yyyy), asOfDate);
  if (long !== null && sep === '+' && right === '-') {
    return {
      ok: false,
      reason: `ambiguous: the + separator says 100 or more in ${asOfYear} but the century says born ${r.birthDate}`,
    };
  }
  const [, mm, dd, serial, check] = parts;
  return {
    ok: true,
    value: `${yyyy}${mm}${dd}${right}${serial}${check}`,
    kind: r.kind,
    birthDate: r.birthDate,
  };
}

/** Build a valid personnummer from birth date, birth number (1–999) and separator rule. */
export function makePersonnummer(
  birthDate: string,
  serial: number,
  asOfDate: string,
  coordination = false,
): string {
  if (!Number.isInteger(serial) || serial < 1 || serial > 999)
    throw new RangeError(`birth number must be 1–999 (000 is never issued), got ${serial}`);
  const [yyyy, mm, dd] = birthDate.split('-') as [string, string, string];
  const day = coordination ? String(Number(dd) + 60) : dd;
  const nnn = String(serial).padStart(3, '0');
  const c = luhnCheckDigit(`${yyyy.slice(2)}${mm}${day}${nnn}`);
  return `${yyyy}${mm}${day}${separatorFor(Number(yyyy), asOfDate)}${nnn}${c}`;
}
