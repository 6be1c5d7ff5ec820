import { useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { errorText } from '../lib/errors.ts';
import { useI18n } from '../lib/i18n.ts';
import { sessionExpired, setSession, type Session } from '../lib/session.ts';
import { useStore } from '../lib/store.ts';

export function Login() {
  const i = useI18n();
  const { t } = i;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  // The error itself, worded at render time so a language switch rewords it.
  const [error, setError] = useState<unknown>();
  const expired = useStore(sessionExpired);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setSession(
        await api<Session>('/api/auth/login', { method: 'POST', body: { email: email.trim(), password } }),
      );
    } catch (err) {
      setError(err ?? new Error('login'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="login">
      <h1>{t('login.title')}</h1>
      {expired && (
        <p class="notice" role="alert" data-testid="session-expired">
          {t('session.expired')}
        </p>
      )}
      <form onSubmit={submit} aria-describedby="login-demo">
        <label>
          {t('login.email')}
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        {error !== undefined && (
          <p class="error" role="alert">
            {t('login.failed', { msg: errorText(i, error, { login: true }) })}
          </p>
        )}
      </form>
      <p id="login-demo" class="muted">
        {t('login.demo')}
      </p>
    </main>
  );
}
