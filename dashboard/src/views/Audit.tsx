// Audit log (admin): the append-only log of every patient-data read and every change, filtered by
// user, event, patient, hospital and time, paged by the API; and one patient's complete log
// extract (what a patient may ask for under the Patient Data Act) as a printable page.
import { useState } from 'preact/hooks';
import { api, qs } from '../lib/api.ts';
import { useAsync } from '../lib/async.ts';
import { hasKey, useI18n, type MsgKey } from '../lib/i18n.ts';
import { hospitalName, useReference, type Reference } from '../lib/reference.ts';
import { session } from '../lib/session.ts';
import type { Role, User } from '../lib/types.ts';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { Tip } from '../components/Tip.tsx';
import { HospitalSelect } from '../components/HospitalSelect.tsx';
import { DateField } from '../components/Fields.tsx';

interface AuditRow {
  id: number;
  at: string;
  userId: string | undefined;
  role: string | undefined;
  action: string;
  patientId: string | undefined;
  hospitalId: string | undefined;
  details: { patientIds?: string[] } & Record<string, unknown>;
}

const ACTIONS = [
  'login',
  'patient.list',
  'patient.read',
  'patient.import',
  'plan.create',
  'plan.read',
  'plan.diff',
  'plan.edit',
  'plan.status',
  'plan.export',
  'case.decide',
  'offer.answer',
  'capacity.change',
  'audit.query',
] as const;
const PAGE = 50;

interface Filters {
  userId: string;
  action: string;
  patientId: string;
  hospitalId: string;
  from: string;
  to: string;
}
const NONE: Filters = { userId: '', action: '', patientId: '', hospitalId: '', from: '', to: '' };

/** A day ("2026-03-09") as the ISO instant its first or last moment is, in the browser's zone. */
const instant = (day: string, end: 'start' | 'end'): string | undefined =>
  day === '' ? undefined : new Date(`${day}T${end === 'start' ? '00:00:00' : '23:59:59.999'}`).toISOString();

export function Audit() {
  const i = useI18n();
  const { t, num } = i;
  const ref = useReference();
  const users = useAsync(() => api<User[]>('/api/users'), []);
  const [draft, setDraft] = useState<Filters>(NONE);
  const [f, setF] = useState<Filters>(NONE);
  const [offset, setOffset] = useState(0);
  const [extractId, setExtractId] = useState('');
  const [extractFor, setExtractFor] = useState<string | undefined>();
  const page = useAsync(
    () =>
      api<{ rows: AuditRow[]; total: number }>(
        `/api/audit${qs({
          userId: f.userId || undefined,
          action: f.action || undefined,
          patientId: f.patientId.trim() || undefined,
          hospitalId: f.hospitalId || undefined,
          from: instant(f.from, 'start'),
          to: instant(f.to, 'end'),
          limit: PAGE,
          offset,
        })}`,
      ),
    [f, offset],
  );
  if (ref.error) return <ErrorBox error={ref.error} retry={ref.reload} />;
  if (ref.data === undefined) return <Loading />;
  const R = ref.data;
  const userName = new Map((users.data ?? []).map((u) => [u.id, u.displayName]));
  const set = (k: keyof Filters, v: string) => setDraft((o) => ({ ...o, [k]: v }));

  if (extractFor !== undefined)
    return (
      <Extract R={R} patientId={extractFor} userName={userName} onClose={() => setExtractFor(undefined)} />
    );

  const total = page.data?.total ?? 0;
  return (
    <section aria-labelledby="audit-title" class="audit">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p class="muted">{t('audit.intro')}</p>
      <form
        class="toolbar filters"
        aria-label={t('audit.title')}
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setF(draft);
        }}
      >
        <label>
          {t('audit.user')}{' '}
          <select
            value={draft.userId}
            onChange={(e) => set('userId', (e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">{t('common.all')}</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.action')}{' '}
          <select
            value={draft.action}
            onChange={(e) => set('action', (e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">{t('common.all')}</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`audit.action.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('col.hospital')}{' '}
          <HospitalSelect
            reference={R}
            all
            value={draft.hospitalId}
            onChange={(id) => set('hospitalId', id)}
          />
        </label>
        <label>
          {t('audit.patient')}{' '}
          <input
            type="text"
            size={12}
            value={draft.patientId}
            onInput={(e) => set('patientId', (e.currentTarget as HTMLInputElement).value)}
          />
        </label>
        <label>
          {t('audit.from')}{' '}
          <DateField value={draft.from} onValue={(v) => set('from', v)} data-testid="audit-from" />
        </label>
        <label>
          {t('audit.to')} <DateField value={draft.to} onValue={(v) => set('to', v)} data-testid="audit-to" />
        </label>
        <button type="submit" class="primary">
          {t('audit.search')}
        </button>
      </form>
      {page.error && <ErrorBox error={page.error} retry={page.reload} />}
      <p role="status" data-testid="audit-count">
        {page.data === undefined ? t('common.loading') : t('audit.count', { n: num(total) })}
      </p>
      {page.data !== undefined && page.data.rows.length > 0 && (
        <>
          <div class="scroll-x">
            <AuditTable R={R} rows={page.data.rows} userName={userName} onPatient={setExtractFor} />
          </div>
          <nav
            class="toolbar"
            aria-label={t('audit.page', { from: offset + 1, to: offset + page.data.rows.length, total })}
          >
            <button
              type="button"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              {t('audit.prev')}
            </button>
            <span>
              {t('audit.page', {
                from: num(offset + 1),
                to: num(offset + page.data.rows.length),
                total: num(total),
              })}
            </span>
            <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
              {t('audit.next')}
            </button>
          </nav>
        </>
      )}
      <section aria-labelledby="extract-title" class="card">
        <h2 id="extract-title">
          {t('audit.extract')} <Tip text={t('audit.extract.help')} />
        </h2>
        <form
          class="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            if (extractId.trim() !== '') setExtractFor(extractId.trim());
          }}
        >
          <label>
            {t('audit.patient')}{' '}
            <input
              type="text"
              required
              value={extractId}
              data-testid="extract-id"
              onInput={(e) => setExtractId((e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <button type="submit" class="primary">
            {t('audit.extract.get')}
          </button>
        </form>
      </section>
    </section>
  );
}

function AuditTable({
  R,
  rows,
  userName,
  onPatient,
}: {
  R: Reference;
  rows: AuditRow[];
  userName: Map<string, string>;
  onPatient?: (id: string) => void;
}) {
  const i = useI18n();
  const { t, num } = i;
  const when = (iso: string): string =>
    new Date(iso).toLocaleString(i.lang === 'sv' ? 'sv-SE' : 'en-GB', {
      dateStyle: 'short',
      timeStyle: 'medium',
    });
  return (
    <table class="data compact" data-testid="audit-table">
      <thead>
        <tr>
          <th scope="col">{t('audit.col.at')}</th>
          <th scope="col">{t('audit.col.user')}</th>
          <th scope="col">{t('audit.col.role')}</th>
          <th scope="col">{t('audit.col.action')}</th>
          <th scope="col">{t('audit.col.hospital')}</th>
          <th scope="col">{t('audit.col.patients')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const ids = r.details.patientIds ?? (r.patientId !== undefined ? [r.patientId] : []);
          const actionKey = `audit.action.${r.action}`;
          return (
            <tr key={r.id}>
              <td>{when(r.at)}</td>
              <td>{r.userId === undefined ? '–' : (userName.get(r.userId) ?? r.userId)}</td>
              <td>{r.role === undefined ? '–' : t(`role.${r.role as Role}` as MsgKey)}</td>
              <td>{hasKey(actionKey) ? t(actionKey) : r.action}</td>
              <td>{r.hospitalId === undefined ? '–' : hospitalName(R, r.hospitalId)}</td>
              <td>
                {ids.length === 0 ? (
                  '–'
                ) : ids.length === 1 && onPatient !== undefined ? (
                  <button type="button" class="link" onClick={() => onPatient(ids[0]!)}>
                    {ids[0]}
                  </button>
                ) : ids.length === 1 ? (
                  ids[0]
                ) : (
                  <span title={ids.slice(0, 50).join(', ')}>
                    {t('audit.patients.n', { n: num(ids.length) })}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Extract({
  R,
  patientId,
  userName,
  onClose,
}: {
  R: Reference;
  patientId: string;
  userName: Map<string, string>;
  onClose: () => void;
}) {
  const i = useI18n();
  const { t, num } = i;
  const ex = useAsync(
    () =>
      api<{ patientId: string; rows: AuditRow[] }>(`/api/audit/patients/${encodeURIComponent(patientId)}`),
    [patientId],
  );
  const me = session.get()?.user.displayName ?? '';
  return (
    <section aria-labelledby="extract-h" class="extract" data-testid="extract">
      <div class="toolbar no-print">
        <button type="button" onClick={onClose}>
          ← {t('audit.title')}
        </button>
        <button type="button" class="primary" onClick={() => window.print()}>
          {t('audit.extract.print')}
        </button>
      </div>
      <h1 id="extract-h">{t('audit.extract.title', { id: patientId })}</h1>
      {ex.error && <ErrorBox error={ex.error} retry={ex.reload} />}
      {ex.data === undefined && ex.error === undefined && <Loading />}
      {ex.data !== undefined && (
        <>
          <p>
            {t('audit.extract.made', {
              at: new Date().toLocaleString(i.lang === 'sv' ? 'sv-SE' : 'en-GB'),
              user: me,
              n: num(ex.data.rows.length),
            })}
          </p>
          <AuditTable R={R} rows={ex.data.rows} userName={userName} />
        </>
      )}
    </section>
  );
}
