// The one hospital picker of the dashboard: short names, grouped by region when the reference
// spans more than one, alphabetical within a region; optionally "all hospitals" (the empty value)
// and optionally only some hospitals with their own option text. The caller wraps it in a <label>.
import type { JSX } from 'preact';
import { useI18n } from '../lib/i18n.ts';
import { regionName, type Reference } from '../lib/reference.ts';
import type { Hospital } from '../lib/types.ts';

export function HospitalSelect(props: {
  reference: Reference;
  value: string;
  onChange: (hospitalId: string) => void;
  /** Offer every hospital as the empty value, worded "Alla". */
  all?: boolean;
  /** Only these hospitals, in the usual order (default: every hospital of the reference). */
  only?: { has(hospitalId: string): boolean };
  /** An option's text (default: the hospital's short name). */
  optionLabel?: (h: Hospital) => string;
  name?: string;
  testId?: string;
  describedBy?: string;
}) {
  const { t, lang } = useI18n();
  const R = props.reference;
  const shown = R.hospitals.filter((h) => props.only === undefined || props.only.has(h.id));
  const regions = [...new Set(R.hospitals.map((h) => h.regionId))];
  const option = (h: Hospital): JSX.Element => (
    <option key={h.id} value={h.id}>
      {props.optionLabel?.(h) ?? h.shortName}
    </option>
  );
  const sorted = (hs: Hospital[]) => hs.toSorted((a, b) => a.shortName.localeCompare(b.shortName, lang));
  return (
    <select
      value={props.value}
      name={props.name}
      data-testid={props.testId}
      aria-describedby={props.describedBy}
      onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}
    >
      {props.all === true && <option value="">{t('common.all')}</option>}
      {regions.length <= 1
        ? sorted(shown).map(option)
        : regions.map((r) => {
            const here = shown.filter((h) => h.regionId === r);
            return here.length === 0 ? null : (
              <optgroup key={r} label={regionName(R, r)}>
                {sorted(here).map(option)}
              </optgroup>
            );
          })}
    </select>
  );
}
