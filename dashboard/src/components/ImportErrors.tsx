// The rejected rows of an all-or-nothing import (waiting list, surgeon roster, session plan): the
// server's count and per-row issues, each issue's field shown as its CSV column and its message in
// the app's language where the dashboard knows it.
import type { FieldIssue } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.ts';
import { issueText } from '../lib/issueText.ts';

export interface ImportFailure {
  detail: string;
  errors: FieldIssue[];
}

// `rows[3].personnummer` -> the column; `header.x` -> the header row.
const column = (field: string): string =>
  field.replace(/^(body\.)?rows\[\d+\]\.?/, '').replace(/^header\./, '');

export function ImportErrors(props: { failed: ImportFailure; testId: string }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const { failed } = props;
  return (
    <div role="alert" class="error" data-testid={props.testId}>
      <p>
        {failed.errors.length > 0
          ? t('capacity.import.failed', { n: num(failed.errors.length) })
          : failed.detail}
      </p>
      {failed.errors.length > 0 && (
        <div class="scroll-y">
          <table class="data compact">
            <thead>
              <tr>
                <th scope="col">{t('capacity.import.col.row')}</th>
                <th scope="col">{t('capacity.import.col.field')}</th>
                <th scope="col">{t('capacity.import.col.message')}</th>
              </tr>
            </thead>
            <tbody>
              {failed.errors.map((x, k) => (
                <tr key={k}>
                  <td>{x.row ?? (x.field.startsWith('header.') ? t('capacity.import.header') : '')}</td>
                  <td>
                    <code>{column(x.field)}</code>
                  </td>
                  <td>{issueText(i18n, x.message)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
