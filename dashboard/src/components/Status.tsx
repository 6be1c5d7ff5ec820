// Loading and error states, announced politely.
import { errorText } from '../lib/errors.ts';
import { useI18n } from '../lib/i18n.ts';

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

export function ErrorBox({ error, retry }: { error: Error; retry?: () => void }) {
  const i = useI18n();
  const { t } = i;
  return (
    <div class="error" role="alert">
      {t('common.error', { msg: errorText(i, error) })}{' '}
      {retry !== undefined && (
        <button type="button" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
