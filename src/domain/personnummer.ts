// Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer).
// Form: YYYYMMDD-NNNC, or YYYYMMDD+NNNC for a person aged 100 or more. C is the Luhn check digit
// over the 10-digit form's first nine digits (YYMMDDNNN). A samordningsnummer adds 60 to the day.

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

/**
 * Validate a 12-digit personnummer `YYYYMMDD-NNNC` / `YYYYMMDD+NNNC`.
 * `asOfDate` (YYYY-MM-DD) decides whether the `+` separator (age ≥ 100) is right.
 */
export function checkPersonnummer(value: string, asOfDate?: string): PersonnummerCheck {
  const m = /^(\d{4})(\d{2})(\d{2})([-+])(\d{3})(\d)$/.exec(value);
  if (!m) return { ok: false, reason: 'expected the form YYYYMMDD-NNNC' };
  const [, yyyy, mm, ddRaw, sep, serial, check] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  let day = Number(ddRaw);
  const kind = day > 60 ? 'samordningsnummer' : 'personnummer';
  if (day > 60) day -= 60;
  const year = Number(yyyy);
  const month = Number(mm);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || day === 0) {
    return { ok: false, reason: 'the date part is not a real date' };
  }
  const expected = luhnCheckDigit(`${yyyy.slice(2)}${mm}${ddRaw}${serial}`);
  if (expected !== Number(check)) return { ok: false, reason: 'wrong check digit (Luhn)' };
  const birthDate = `${yyyy}-${mm}-${String(day).padStart(2, '0')}`;
  if (asOfDate !== undefined) {
    if (birthDate > asOfDate) return { ok: false, reason: 'birth date is in the future' };
    const age = ageOn(birthDate, asOfDate);
    if (age >= 100 && sep !== '+')
      return { ok: false, reason: 'a person aged 100 or more takes the + separator' };
    if (age < 100 && sep === '+') return { ok: false, reason: 'the + separator is only for age 100 or more' };
  }
  return { ok: true, kind, birthDate };
}

function ageOn(birthDate: string, onDate: string): number {
  const by = Number(birthDate.slice(0, 4));
  const oy = Number(onDate.slice(0, 4));
  return oy - by - (onDate.slice(5) < birthDate.slice(5) ? 1 : 0);
}

/** Build a valid personnummer from birth date, serial (0–999) and separator choice. */
export function makePersonnummer(
  birthDate: string,
  serial: number,
  asOfDate: string,
  coordination = false,
): string {
  const [yyyy, mm, dd] = birthDate.split('-') as [string, string, string];
  const day = coordination ? String(Number(dd) + 60) : dd;
  const nnn = String(serial).padStart(3, '0');
  const c = luhnCheckDigit(`${yyyy.slice(2)}${mm}${day}${nnn}`);
  const sep = ageOn(birthDate, asOfDate) >= 100 ? '+' : '-';
  return `${yyyy}${mm}${day}${sep}${nnn}${c}`;
}
