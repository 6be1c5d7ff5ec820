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
};
