// A field issue from the server (a 400's `errors[].message`) in the app's language. The server
// words its reasons in English for the API; the known ones are worded here, and any other message
// is shown as sent rather than hidden.
import type { I18n, MsgKey } from './i18n.ts';

const KNOWN: [RegExp, MsgKey][] = [
  [/the date part is not a real date/i, 'issue.pnr.date'],
  [/birth number 000 is never issued/i, 'issue.pnr.serial'],
  [/wrong check digit/i, 'issue.pnr.check'],
  [/expected the form YYYYMMDD-NNNC/i, 'issue.pnr.form'],
  [/birth date is in the future/i, 'issue.pnr.future'],
  [/^required$|received undefined/i, 'issue.required'],
  [/^invalid/i, 'issue.invalid'],
];

export function issueText(i: Pick<I18n, 't'>, message: string): string {
  for (const [re, key] of KNOWN) if (re.test(message)) return i.t(key);
  return message;
}
