// UI strings of named surgeons and the session plan (ADR 0024): the day lists' surgeon column and
// the capacity screen's two staff imports (Swedish first; English typed against it).
export const svStaff = {
  'col.surgeon': 'Operatör',
  'staff.surgeons': 'Importera operatörer (CSV)',
  'staff.surgeons.help':
    'En rad per operatör: id, namn, hemsjukhus, specialitet, åtgärder, minuter per dag och veckodagar (frånvaro, extra dagar och sjukhus där operatören får operera är frivilliga). Operatörer läggs till eller uppdateras; de som inte finns i filen lämnas orörda. Ett enda fel avvisar hela filen.',
  'staff.surgeons.done':
    'Operatörerna är importerade: {received} rader, {new} nya, {changed} ändrade, {unchanged} oförändrade.',
  'staff.sessions': 'Importera salsfördelning (CSV)',
  'staff.sessions.help':
    'En rad per pass: sjukhus, sal, datum, del av dagen (day/am/pm), starttid, längd i minuter och tilldelning (specialty/surgeon/open). För varje sjukhus i filen ersätts passen från filens första till sista datum. Ett enda fel avvisar hela filen.',
  'staff.sessions.done':
    'Salsfördelningen är importerad: {received} pass, {from} – {to}, {deleted} tidigare pass ersatta.',
  'staff.summary.surgeons':
    'Operatörer vid sjukhuset: {n} (och {visiting} som får operera här från andra sjukhus).',
  'staff.summary.sessions':
    'Salsfördelning från {from}: {n} pass ({specialty} till specialitet, {surgeon} till namngiven operatör, {open} öppna).',
  'staff.file': 'CSV-fil',
  'staff.surgeons.submit': 'Importera operatörer',
  'staff.sessions.submit': 'Importera salsfördelning',
  'staff.busy': 'Importerar…',
};
export type StaffKey = keyof typeof svStaff;

export const enStaff: Record<StaffKey, string> = {
  'col.surgeon': 'Surgeon',
  'staff.surgeons': 'Import surgeons (CSV)',
  'staff.surgeons.help':
    'One row per surgeon: id, name, home hospital, specialty, procedures, minutes per day and weekdays (leave, extra dates and hospitals the surgeon may operate at are optional). Surgeons are added or updated; those not in the file stay as they are. A single error refuses the whole file.',
  'staff.surgeons.done':
    'Surgeons imported: {received} rows, {new} new, {changed} changed, {unchanged} unchanged.',
  'staff.sessions': 'Import session plan (CSV)',
  'staff.sessions.help':
    "One row per session: hospital, theatre, date, part of the day (day/am/pm), start time, length in minutes and allocation (specialty/surgeon/open). For each hospital in the file, its sessions from the file's first to its last date are replaced. A single error refuses the whole file.",
  'staff.sessions.done':
    'Session plan imported: {received} sessions, {from} – {to}, {deleted} earlier sessions replaced.',
  'staff.summary.surgeons':
    'Surgeons at the hospital: {n} (and {visiting} from other hospitals who may operate here).',
  'staff.summary.sessions':
    'Session plan from {from}: {n} sessions ({specialty} to a specialty, {surgeon} to a named surgeon, {open} open).',
  'staff.file': 'CSV file',
  'staff.surgeons.submit': 'Import surgeons',
  'staff.sessions.submit': 'Import session plan',
  'staff.busy': 'Importing…',
};
