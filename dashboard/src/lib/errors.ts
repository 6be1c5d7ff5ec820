// An error in the user's language: the server's problem details are written for developers (in
// English), so the status decides the sentence; a failed fetch is the network, not the server.
import { ApiError } from './api.ts';
import type { I18n } from './i18n.ts';

export function errorText(i: Pick<I18n, 't'>, e: unknown, o: { login?: boolean } = {}): string {
  if (e instanceof ApiError) {
    if (o.login === true && (e.status === 401 || e.status === 400)) return i.t('error.login');
    if (e.status === 401) return i.t('error.unauthorized');
    if (e.status === 403) return i.t('error.forbidden');
    if (e.status === 404) return i.t('error.notFound');
    if (e.status === 409 || e.status === 412) return i.t('error.conflict');
    if (e.status === 429) return i.t('error.rateLimited');
    if (e.status >= 500) return i.t('error.server', { status: e.status });
    return i.t('error.rejected', { status: e.status });
  }
  // fetch rejects with a TypeError when the server cannot be reached at all.
  if (e instanceof TypeError) return i.t('error.network');
  return i.t('error.unknown');
}
