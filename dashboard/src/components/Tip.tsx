// A definition shown on hover and on keyboard focus, and read by screen readers (aria-describedby).
import { useMemo } from 'preact/hooks';
import { useI18n } from '../lib/i18n.ts';

let seq = 0;

export function Tip({ text }: { text: string }) {
  const { t } = useI18n();
  const id = useMemo(() => `tip-${++seq}`, []);
  return (
    <span class="tip">
      <button type="button" class="tip-btn" aria-describedby={id} aria-label={t('common.definition')}>
        ?
      </button>
      <span role="tooltip" id={id} class="tip-text">
        {text}
      </span>
    </span>
  );
}
