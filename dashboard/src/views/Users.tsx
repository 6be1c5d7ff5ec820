// User administration (admin): every account with role, hospital, status and last login; create
// an account (with a one-time password made here and shown once), disable or enable it, change its
// role or hospital, reset its password, list its sessions and end them. The server ends the user's
// current tokens on every such change; this view only says so. Field errors are shown at the field
// they concern, in the user's language; no internal ids are shown.
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type FieldIssue } from '../lib/api.ts';
import { useAsync } from '../lib/async.ts';
import { errorText } from '../lib/errors.ts';
import { useI18n, type I18n, type MsgKey } from '../lib/i18n.ts';
import { hospitalName, useReference, type Reference } from '../lib/reference.ts';
import { session } from '../lib/session.ts';
import type { Role } from '../lib/types.ts';
import { ErrorBox, Loading } from '../components/Status.tsx';
import type { ListedUserResponse } from '../../../src/users/schemas.ts';

type ListedUser = ListedUserResponse;

interface SessionRow {
  id: string;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
}

const ROLES: readonly Role[] = ['planner', 'coordinator', 'analyst', 'admin'];

/** Field name (as the form knows it) → message key; from the server's field issues and status. */
type Errors = Partial<Record<'displayName' | 'email' | 'role' | 'hospitalId' | 'form', MsgKey>>;

function errorsOf(e: unknown): Errors {
  if (!(e instanceof ApiError)) return { form: 'users.err.other' };
  if (e.status === 409) return { email: 'users.err.emailTaken' };
  const out: Errors = {};
  const at = (x: FieldIssue): string => x.field.replace(/^body\./, '');
  for (const x of e.errors) {
    const f = at(x);
    if (f === 'displayName') out.displayName = 'users.err.displayName';
    else if (f === 'email') out.email = 'users.err.email';
    else if (f === 'role') out.role = 'users.err.role';
    else if (f === 'hospitalId')
      out.hospitalId = /required/.test(x.message)
        ? 'users.err.hospitalRequired'
        : 'users.err.hospitalNotAllowed';
    else if (f === 'password') out.form = 'users.err.password';
    else out.form = 'users.err.other';
  }
  return Object.keys(out).length > 0 ? out : { form: 'users.err.other' };
}

/** A one-time password: 16 characters without look-alikes, from the browser's CSPRNG. */
function oneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  // Bytes at or above `limit` are skipped so that every character is equally likely.
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < 16)
    for (const b of crypto.getRandomValues(new Uint8Array(32)))
      if (b < limit && out.length < 16) out += alphabet[b % alphabet.length];
  return out;
}

const when = (i: I18n, iso: string): string =>
  new Date(iso).toLocaleString(i.lang === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  });

/** A label, its input and the input's error, tied together for screen readers. */
function Field(props: {
  id: string;
  label: string;
  error: MsgKey | undefined;
  children: (a: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => JSX.Element;
}) {
  const { t } = useI18n();
  const errId = `${props.id}-err`;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.children({
        id: props.id,
        ...(props.error !== undefined ? { 'aria-invalid': 'true', 'aria-describedby': errId } : {}),
      })}
      {props.error !== undefined && (
        <span id={errId} class="error field-error" data-testid={`${props.id}-error`}>
          {t(props.error)}
        </span>
      )}
    </div>
  );
}

function OneTime({ name, password, onDone }: { name: string; password: string; onDone: () => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div class="card ok" role="status" tabIndex={-1} ref={ref} data-testid="one-time">
      <h3>{t('users.oneTime.title', { name })}</h3>
      <p>
        <code data-testid="one-time-password">{password}</code>
      </p>
      <p class="muted">{t('users.oneTime.help')}</p>
      <button type="button" onClick={onDone}>
        {t('users.oneTime.hide')}
      </button>
    </div>
  );
}

function HospitalSelect(p: {
  R: Reference;
  role: Role;
  value: string;
  onChange: (v: string) => void;
  a: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string };
}) {
  const { t } = useI18n();
  return (
    <select
      {...p.a}
      value={p.role === 'coordinator' ? p.value : ''}
      disabled={p.role !== 'coordinator'}
      onChange={(e) => p.onChange((e.currentTarget as HTMLSelectElement).value)}
    >
      <option value="">
        {p.role === 'coordinator' ? t('users.field.hospitalChoose') : t('users.field.hospitalNone')}
      </option>
      {p.R.hospitals.map((h) => (
        <option key={h.id} value={h.id}>
          {h.name}
        </option>
      ))}
    </select>
  );
}

/** Role and hospital, as both the create form and an account's access form ask for them. */
function AccessFields(p: {
  idPrefix: string;
  R: Reference;
  role: Role;
  onRole: (r: Role) => void;
  hospitalId: string;
  onHospital: (h: string) => void;
  errors: Errors;
}) {
  const { t } = useI18n();
  return (
    <>
      <Field id={`${p.idPrefix}-role`} label={t('users.field.role')} error={p.errors.role}>
        {(a) => (
          <select
            {...a}
            value={p.role}
            onChange={(e) => p.onRole((e.currentTarget as HTMLSelectElement).value as Role)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${p.idPrefix}-hospital`} label={t('users.field.hospital')} error={p.errors.hospitalId}>
        {(a) => <HospitalSelect R={p.R} role={p.role} value={p.hospitalId} onChange={p.onHospital} a={a} />}
      </Field>
    </>
  );
}

function CreateUser({ R, onCreated }: { R: Reference; onCreated: () => void }) {
  const { t } = useI18n();
  const [displayName, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('coordinator');
  const [hospitalId, setHospital] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [made, setMade] = useState<{ name: string; password: string } | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setErrors({});
    setBusy(true);
    const password = oneTimePassword();
    try {
      await api('/api/users', {
        method: 'POST',
        body: {
          displayName,
          email,
          role,
          ...(role === 'coordinator' && hospitalId !== '' ? { hospitalId } : {}),
          password,
        },
      });
      setMade({ name: displayName, password });
      setName('');
      setEmail('');
      setHospital('');
      onCreated();
    } catch (err) {
      // A coordinator without a hospital is refused by the server too; say it at the field.
      setErrors(errorsOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="users-create">
      <h2 id="users-create">{t('users.create.title')}</h2>
      <p class="muted">{t('users.create.help')}</p>
      {made !== undefined && (
        <OneTime name={made.name} password={made.password} onDone={() => setMade(undefined)} />
      )}
      <form class="stack" onSubmit={(e) => void submit(e)} data-testid="user-create" noValidate>
        <Field id="nu-name" label={t('users.field.name')} error={errors.displayName}>
          {(a) => (
            <input
              {...a}
              type="text"
              autoComplete="off"
              maxLength={100}
              value={displayName}
              onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
            />
          )}
        </Field>
        <Field id="nu-email" label={t('users.field.email')} error={errors.email}>
          {(a) => (
            <input
              {...a}
              type="email"
              autoComplete="off"
              value={email}
              onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
            />
          )}
        </Field>
        <AccessFields
          idPrefix="nu"
          R={R}
          role={role}
          onRole={setRole}
          hospitalId={hospitalId}
          onHospital={setHospital}
          errors={errors}
        />
        {errors.form !== undefined && (
          <p class="error" role="alert">
            {t(errors.form)}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {t('users.create.submit')}
        </button>
      </form>
    </section>
  );
}

function UserDetail({
  R,
  user,
  own,
  onChanged,
  onClose,
}: {
  R: Reference;
  user: ListedUser;
  own: boolean;
  onChanged: () => void;
  onClose: () => void;
}) {
  const i = useI18n();
  const { t } = i;
  const [role, setRole] = useState<Role>(user.role);
  const [hospitalId, setHospital] = useState(user.hospitalId ?? '');
  const [errors, setErrors] = useState<Errors>({});
  const [note, setNote] = useState<{ ok: boolean; text: string } | undefined>();
  const [oneTime, setOneTime] = useState<string | undefined>();
  const sessions = useAsync(
    () => api<SessionRow[]>(`/api/users/${encodeURIComponent(user.id)}/sessions`),
    [user.id],
  );
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [user.id]);
  useEffect(() => {
    setRole(user.role);
    setHospital(user.hospitalId ?? '');
    setErrors({});
    setNote(undefined);
    setOneTime(undefined);
  }, [user.id]);

  const path = `/api/users/${encodeURIComponent(user.id)}`;
  const run = async (f: () => Promise<string>): Promise<void> => {
    setErrors({});
    setNote(undefined);
    try {
      setNote({ ok: true, text: await f() });
      onChanged();
      sessions.reload();
    } catch (err) {
      const fe = errorsOf(err);
      setErrors(fe);
      setNote({ ok: false, text: err instanceof ApiError ? errorText(i, err) : t('users.err.other') });
    }
  };
  const saveAccess = (e: Event) => {
    e.preventDefault();
    void run(async () => {
      await api(path, {
        method: 'PATCH',
        body: { role, hospitalId: role === 'coordinator' ? hospitalId || undefined : null },
      });
      return t('users.access.saved');
    });
  };
  const toggle = () =>
    void run(async () => {
      await api(path, { method: 'PATCH', body: { disabled: !user.disabled } });
      return t(user.disabled ? 'users.enabledDone' : 'users.disabledDone', { name: user.displayName });
    });
  const reset = () =>
    void run(async () => {
      const password = oneTimePassword();
      await api(`${path}/password`, { method: 'PUT', body: { password } });
      setOneTime(password);
      return t('users.resetDone');
    });
  const revoke = (sessionId: string | undefined) =>
    void run(async () => {
      const r = await api<{ revoked: number }>(
        `${path}/sessions${sessionId === undefined ? '' : `/${encodeURIComponent(sessionId)}`}`,
        { method: 'DELETE' },
      );
      return t('users.sessions.revokedDone', { n: r.revoked });
    });

  const now = Date.now();
  const state = (s: SessionRow): MsgKey =>
    s.revokedAt !== undefined
      ? 'users.sessions.revoked'
      : Date.parse(s.expiresAt) <= now
        ? 'users.sessions.expired'
        : 'users.sessions.open';
  const open = (sessions.data ?? []).filter((s) => state(s) === 'users.sessions.open');

  return (
    <section class="card" aria-labelledby="user-detail" data-testid="user-detail">
      <h2 id="user-detail" tabIndex={-1} ref={heading}>
        {user.displayName} · {t(`role.${user.role}`)}
      </h2>
      <button type="button" onClick={onClose}>
        {t('users.detail.close')}
      </button>
      {own ? (
        <p class="muted">{t('users.detail.own')}</p>
      ) : (
        <>
          <form class="stack" onSubmit={saveAccess} aria-labelledby="user-access" noValidate>
            <h3 id="user-access">{t('users.access.title')}</h3>
            <AccessFields
              idPrefix="ud"
              R={R}
              role={role}
              onRole={setRole}
              hospitalId={hospitalId}
              onHospital={setHospital}
              errors={errors}
            />
            <button type="submit">{t('users.access.save')}</button>
          </form>
          <p class="toolbar">
            <button type="button" onClick={toggle} data-testid="user-toggle">
              {t(user.disabled ? 'users.enable' : 'users.disable')}
            </button>{' '}
            <button type="button" onClick={reset}>
              {t('users.reset')}
            </button>
          </p>
        </>
      )}
      {note !== undefined && (
        <p role={note.ok ? 'status' : 'alert'} class={note.ok ? 'ok' : 'error'} data-testid="user-note">
          {note.text}
          {!note.ok && errors.form !== undefined && ` ${t(errors.form)}`}
        </p>
      )}
      {oneTime !== undefined && (
        <OneTime name={user.displayName} password={oneTime} onDone={() => setOneTime(undefined)} />
      )}
      <h3 id="user-sessions">{t('users.sessions.title')}</h3>
      {sessions.error && <ErrorBox error={sessions.error} retry={sessions.reload} />}
      {sessions.data !== undefined && sessions.data.length === 0 && (
        <p class="muted">{t('users.sessions.none')}</p>
      )}
      {sessions.data !== undefined && sessions.data.length > 0 && (
        <table class="data compact" aria-labelledby="user-sessions" data-testid="user-sessions">
          <thead>
            <tr>
              <th scope="col">{t('users.sessions.created')}</th>
              <th scope="col">{t('users.sessions.expires')}</th>
              <th scope="col">{t('users.sessions.status')}</th>
              <th scope="col">{t('users.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.map((s) => (
              <tr key={s.id}>
                <td>{when(i, s.createdAt)}</td>
                <td>{when(i, s.expiresAt)}</td>
                <td>{t(state(s))}</td>
                <td>
                  {!own && state(s) === 'users.sessions.open' && (
                    <button
                      type="button"
                      class="small"
                      aria-label={t('users.sessions.revokeLabel', { when: when(i, s.createdAt) })}
                      onClick={() => revoke(s.id)}
                    >
                      {t('users.sessions.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!own && open.length > 1 && (
        <button type="button" onClick={() => revoke(undefined)}>
          {t('users.sessions.revokeAll')}
        </button>
      )}
    </section>
  );
}

export function Users() {
  const i = useI18n();
  const { t } = i;
  const ref = useReference();
  const users = useAsync(() => api<ListedUser[]>('/api/users'), []);
  const [selected, setSelected] = useState<string | undefined>();
  const me = session.get()?.user.id;
  if (ref.error) return <ErrorBox error={ref.error} retry={ref.reload} />;
  if (ref.data === undefined) return <Loading />;
  const R = ref.data;
  const rows = [...(users.data ?? [])].sort(
    (a, b) => a.displayName.localeCompare(b.displayName, i.lang) || a.email.localeCompare(b.email),
  );
  const current = rows.find((u) => u.id === selected);
  return (
    <section aria-labelledby="users-title" class="users">
      <h1 id="users-title">{t('users.title')}</h1>
      <p class="muted">{t('users.intro')}</p>
      {users.error && <ErrorBox error={users.error} retry={users.reload} />}
      {users.data === undefined && users.error === undefined && <Loading />}
      {rows.length > 0 && (
        <table class="data" data-testid="users">
          <thead>
            <tr>
              <th scope="col">{t('users.col.name')}</th>
              <th scope="col">{t('users.col.email')}</th>
              <th scope="col">{t('users.col.role')}</th>
              <th scope="col">{t('users.col.hospital')}</th>
              <th scope="col">{t('users.col.status')}</th>
              <th scope="col">{t('users.col.lastLogin')}</th>
              <th scope="col">{t('users.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id} data-email={u.email}>
                <th scope="row">
                  {u.displayName} {u.id === me && <span class="muted">{t('users.you')}</span>}
                </th>
                <td>{u.email}</td>
                <td>{t(`role.${u.role}`)}</td>
                <td>{u.hospitalId === undefined ? t('users.regionWide') : hospitalName(R, u.hospitalId)}</td>
                <td data-testid="user-status">{t(u.disabled ? 'users.disabled' : 'users.active')}</td>
                <td>{u.lastLoginAt === undefined ? t('users.never') : when(i, u.lastLoginAt)}</td>
                <td>
                  <button
                    type="button"
                    class="small"
                    aria-label={t('users.manageLabel', { name: u.displayName })}
                    onClick={() => setSelected(u.id)}
                  >
                    {t('users.manage')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {current !== undefined && (
        <UserDetail
          R={R}
          user={current}
          own={current.id === me}
          onChanged={users.reload}
          onClose={() => setSelected(undefined)}
        />
      )}
      <CreateUser R={R} onCreated={users.reload} />
    </section>
  );
}
