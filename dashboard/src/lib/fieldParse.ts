// Reading what a person types into a date, week or number field, in the app's language rather than
// the browser's: Swedish decimals take a comma ("1,5"), thousands may be grouped with spaces, and
// the minus may be the typographic "−". Pure functions (unit-tested); the fields live in
// components/Fields.tsx.
import type { Lang } from './i18n.ts';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** "2026-03-02", "2026-3-2" or "20260302" → "2026-03-02"; "" → ""; anything else → undefined. */
export function parseDate(text: string): string | undefined {
  const s = text.trim();
  if (s === '') return '';
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return undefined;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
}

/** The ISO date `days` later (earlier when negative). */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** "2026-W11", "2026-w3" or "2026W11" → "2026-W11" (weeks 1–53); "" → ""; else undefined. */
export function parseWeek(text: string): string | undefined {
  const s = text.trim();
  if (s === '') return '';
  const m = /^(\d{4})-?[Ww](\d{1,2})$/.exec(s);
  if (m === null) return undefined;
  const w = Number(m[2]);
  return w >= 1 && w <= 53 ? `${m[1]}-W${pad(w)}` : undefined;
}

/**
 * A number as typed in `lang`: Swedish "1 234,5" or "−2", English "1,234.5" or "-2". In Swedish a
 * point is accepted as the decimal sign too (a keypad's); in English a comma only groups thousands.
 * "" → null (empty); not a number → undefined.
 */
export function parseNumber(text: string, lang: Lang): number | null | undefined {
  let s = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^[−–]/, '-');
  if (s === '') return null;
  s = lang === 'sv' ? s.replace(',', '.') : s.replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
  return Number(s);
}

/** A number for the field in `lang` (no grouping: it is read back by parseNumber). */
export function showNumber(n: number, lang: Lang): string {
  const s = String(n);
  return (lang === 'sv' ? s.replace('.', ',') : s).replace(/^-/, '−');
}
