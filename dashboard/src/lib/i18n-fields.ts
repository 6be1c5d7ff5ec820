// UI strings of the date and number fields (Swedish first; English typed against it, so a key
// missing in one language fails the typecheck). Merged into the main table by i18n.ts.
export const svFields = {
  'field.date.placeholder': 'ÅÅÅÅ-MM-DD',
  'field.date.hint': 'Datum som ÅÅÅÅ-MM-DD; pil upp/ned byter dag.',
  'field.date.invalid': 'Skriv ett datum som ÅÅÅÅ-MM-DD, t.ex. 2026-03-02.',
  'field.number.hint': 'Pil upp/ned ändrar värdet.',
  'field.number.invalid': 'Skriv ett tal, t.ex. {example}.',
  'field.number.range': 'Mellan {min} och {max}.',
  'field.week.placeholder': 'ÅÅÅÅ-Vvv',
  'field.week.invalid': 'Skriv en vecka som ÅÅÅÅ-Vvv, t.ex. 2026-W11.',
  'field.file.choose': 'Välj fil',
  'field.file.none': 'Ingen fil vald',
  // The server's reasons for a refused personnummer or field, in words (lib/issueText.ts).
  'issue.pnr.date': 'datumdelen är inget riktigt datum',
  'issue.pnr.serial': 'födelsenummer 000 delas aldrig ut',
  'issue.pnr.check': 'fel kontrollsiffra',
  'issue.pnr.form': 'ska skrivas ÅÅÅÅMMDD-NNNK',
  'issue.pnr.future': 'födelsedatumet ligger i framtiden',
  'issue.required': 'saknas',
  'issue.invalid': 'ogiltigt värde',
};
export type FieldsKey = keyof typeof svFields;

export const enFields: Record<FieldsKey, string> = {
  'field.date.placeholder': 'YYYY-MM-DD',
  'field.date.hint': 'Date as YYYY-MM-DD; arrow up/down changes the day.',
  'field.date.invalid': 'Enter a date as YYYY-MM-DD, e.g. 2026-03-02.',
  'field.number.hint': 'Arrow up/down changes the value.',
  'field.number.invalid': 'Enter a number, e.g. {example}.',
  'field.number.range': 'Between {min} and {max}.',
  'field.week.placeholder': 'YYYY-Www',
  'field.week.invalid': 'Enter a week as YYYY-Www, e.g. 2026-W11.',
  'field.file.choose': 'Choose file',
  'field.file.none': 'No file chosen',
  'issue.pnr.date': 'the date part is not a real date',
  'issue.pnr.serial': 'birth number 000 is never issued',
  'issue.pnr.check': 'wrong check digit',
  'issue.pnr.form': 'expected the form YYYYMMDD-NNNC',
  'issue.pnr.future': 'birth date is in the future',
  'issue.required': 'missing',
  'issue.invalid': 'invalid value',
};
