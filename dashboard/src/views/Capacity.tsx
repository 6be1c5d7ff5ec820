// Capacity (planner: any hospital; coordinator: their own): closures, staffing per date (roster
// overrides), the regional teams' availability and the waiting-list CSV import with every rejected
// row shown. Everything here feeds the next solve (src/plans/buildProblem reads it), so the
// screen says so rather than pretending the current plan changed.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type FieldIssue } from '../lib/api.ts';
import { useAsync } from '../lib/async.ts';
import { useI18n, type MsgKey } from '../lib/i18n.ts';
import { useLive } from '../lib/live.ts';
import { hospitalName, specialtyName, theatreName, useReference, type Reference } from '../lib/reference.ts';
import type { Plan, User } from '../lib/types.ts';
import { datesOf, weekNumber, weekOf, addDays } from '../lib/weeks.ts';
import type { Async } from '../lib/async.ts';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { Tip } from '../components/Tip.tsx';
import { ImportErrors, type ImportFailure } from '../components/ImportErrors.tsx';
import { HospitalSelect } from '../components/HospitalSelect.tsx';
import { StaffImports } from './StaffImports.tsx';
import { DateField, FileField, NumberField, WeekField } from '../components/Fields.tsx';

interface Closure {
  id: number;
  hospitalId: string;
  theatreId?: string;
  date: string;
  reason: string;
}
interface Override {
  hospitalId: string;
  date: string;
  anaesthesiaTeams: number;
  nursingTeams: number;
  surgeonLists: Record<string, number>;
  lendableSurgeonLists: Record<string, number>;
}
interface Team {
  id: string;
  name: string;
  baseHospitalId: string;
  weekdays: number[];
  unavailableDates: string[];
}
interface ImportResult {
  hospitalId: string;
  received: number;
  new: number;
  changed: number;
  unchanged: number;
}

/** A message shown after an action, worded at render time (so it follows the language switch). */
interface Note {
  ok: boolean;
  key: MsgKey;
  vars?: Record<string, string | number>;
}

const message = (e: unknown): string => (e instanceof ApiError || e instanceof Error ? e.message : String(e));

export function Capacity({ user, plan }: { user: User; plan: Async<Plan | null> }) {
  const i = useI18n();
  const { t } = i;
  const ref = useReference();
  const own = user.role === 'coordinator' ? user.hospitalId : undefined;
  const [hospitalId, setHospitalId] = useState<string>(own ?? '');
  useEffect(() => {
    if (hospitalId === '' && ref.data !== undefined) setHospitalId(own ?? ref.data.hospitals[0]?.id ?? '');
  }, [ref.data, hospitalId]);

  if (ref.error) return <ErrorBox error={ref.error} retry={ref.reload} />;
  if (ref.data === undefined || hospitalId === '') return <Loading />;
  const R = ref.data;
  const canWrite = user.role === 'planner' || (user.role === 'coordinator' && own === hospitalId);
  const defaultWeek = plan.data?.week ?? weekOf(addDays(R.asOfDate, 7));

  return (
    <section aria-labelledby="cap-title" class="capacity">
      <h1 id="cap-title">{t('capacity.title')}</h1>
      <p class="muted">{t('capacity.intro')}</p>
      {own === undefined ? (
        <label class="toolbar">
          {t('capacity.hospital')}{' '}
          <HospitalSelect reference={R} value={hospitalId} testId="cap-hospital" onChange={setHospitalId} />
        </label>
      ) : (
        <p>
          <strong>{R.hospital.get(own)?.name ?? hospitalName(R, own)}</strong>
        </p>
      )}
      {!canWrite && <p class="notice">{t('capacity.readonly')}</p>}
      <div class="cap-grid">
        <Closures key={`c-${hospitalId}`} R={R} hospitalId={hospitalId} canWrite={canWrite} />
        <Teams key={`t-${hospitalId}`} R={R} hospitalId={hospitalId} user={user} />
      </div>
      <Overrides
        key={`o-${hospitalId}`}
        R={R}
        hospitalId={hospitalId}
        canWrite={canWrite}
        defaultWeek={defaultWeek}
      />
      {canWrite && <Import key={`i-${hospitalId}`} hospitalId={hospitalId} />}
      {canWrite && <StaffImports key={`s-${hospitalId}`} hospitalId={hospitalId} from={R.asOfDate} />}
    </section>
  );
}

function Closures({ R, hospitalId, canWrite }: { R: Reference; hospitalId: string; canWrite: boolean }) {
  const i = useI18n();
  const { t, date } = i;
  const list = useAsync(
    () => api<Closure[]>(`/api/hospitals/${encodeURIComponent(hospitalId)}/closures`),
    [hospitalId],
  );
  useLive(['capacity.changed'], (_n, p) => {
    if (p.hospitalId === hospitalId) list.reload();
  });
  const theatres = [...R.theatres.values()].filter((th) => th.hospitalId === hospitalId);
  const [d, setD] = useState('');
  const [theatreId, setTheatreId] = useState('');
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState<Note | undefined>();
  const [issues, setIssues] = useState<FieldIssue[]>([]);

  const add = async (e: Event): Promise<void> => {
    e.preventDefault();
    setIssues([]);
    try {
      await api(`/api/hospitals/${encodeURIComponent(hospitalId)}/closures`, {
        method: 'POST',
        body: { date: d, reason, ...(theatreId !== '' ? { theatreId } : {}) },
      });
      setStatus({ ok: true, key: 'capacity.closure.added', vars: { date: d } });
      setReason('');
      list.reload();
    } catch (err) {
      setIssues(err instanceof ApiError ? err.errors : []);
      setStatus({ ok: false, key: 'common.error', vars: { msg: message(err) } });
    }
  };
  const remove = async (c: Closure): Promise<void> => {
    try {
      await api(`/api/hospitals/${encodeURIComponent(hospitalId)}/closures/${c.id}`, { method: 'DELETE' });
      setStatus({ ok: true, key: 'capacity.closure.removed' });
      list.reload();
    } catch (err) {
      setStatus({ ok: false, key: 'common.error', vars: { msg: message(err) } });
    }
  };
  const rows = [...(list.data ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <section aria-labelledby="cap-closures" class="card">
      <h2 id="cap-closures">
        {t('capacity.closures')} <Tip text={t('capacity.closures.help')} />
      </h2>
      {list.error && <ErrorBox error={list.error} retry={list.reload} />}
      {list.data !== undefined && rows.length === 0 && <p class="muted">{t('capacity.closures.none')}</p>}
      {rows.length > 0 && (
        <table class="data compact" data-testid="closures">
          <thead>
            <tr>
              <th scope="col">{t('col.date')}</th>
              <th scope="col">{t('capacity.col.scope')}</th>
              <th scope="col">{t('capacity.col.reason')}</th>
              {canWrite && <th scope="col">{t('col.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.date} ({date(c.date)}, {t('week.label', { n: weekNumber(weekOf(c.date)) })})
                </td>
                <td>
                  {c.theatreId === undefined ? t('capacity.closure.whole') : theatreName(R, c.theatreId)}
                </td>
                <td>{c.reason}</td>
                {canWrite && (
                  <td>
                    <button
                      type="button"
                      class="small"
                      aria-label={t('capacity.closure.remove', { date: date(c.date) })}
                      onClick={() => void remove(c)}
                    >
                      ✕
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite && (
        <form class="stack" onSubmit={(e) => void add(e)} data-testid="closure-form">
          <label>
            {t('col.date')}
            <DateField required value={d} onValue={setD} data-testid="closure-date" />
          </label>
          <label>
            {t('capacity.col.scope')}
            <select
              value={theatreId}
              onChange={(e) => setTheatreId((e.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">{t('capacity.closure.whole')}</option>
              {theatres.map((th) => (
                <option key={th.id} value={th.id}>
                  {th.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('capacity.col.reason')}
            <input
              type="text"
              required
              maxLength={200}
              value={reason}
              onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <button type="submit" class="primary">
            {t('capacity.closure.add')}
          </button>
        </form>
      )}
      <Feedback status={status} issues={issues} />
    </section>
  );
}

function Feedback({ status, issues }: { status: Note | undefined; issues: FieldIssue[] }) {
  const { t } = useI18n();
  if (status === undefined) return null;
  return (
    <div role={status.ok ? 'status' : 'alert'} class={status.ok ? 'ok' : 'error'} data-testid="feedback">
      {t(status.key, status.vars)}
      {issues.length > 0 && (
        <ul>
          {issues.map((x, k) => (
            <li key={k}>{x.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "ort 2, kir 1" <-> {ort: 2, kir: 1}, with specialty names shown in the hint. */
interface DayDraft {
  anaesthesiaTeams: string;
  nursingTeams: string;
  lists: Record<string, string>;
  lendable: Record<string, string>;
}
const emptyDay = (): DayDraft => ({ anaesthesiaTeams: '', nursingTeams: '', lists: {}, lendable: {} });
const isBlank = (d: DayDraft): boolean =>
  d.anaesthesiaTeams === '' &&
  d.nursingTeams === '' &&
  Object.values(d.lists).every((v) => v === '') &&
  Object.values(d.lendable).every((v) => v === '');

function Overrides({
  R,
  hospitalId,
  canWrite,
  defaultWeek,
}: {
  R: Reference;
  hospitalId: string;
  canWrite: boolean;
  defaultWeek: string;
}) {
  const i = useI18n();
  const { t, date } = i;
  const [week, setWeek] = useState(defaultWeek);
  const dates = datesOf(week);
  const specialties = R.hospital.get(hospitalId)?.specialtyIds ?? [];
  const list = useAsync(
    () =>
      api<Override[]>(
        `/api/hospitals/${encodeURIComponent(hospitalId)}/roster-overrides?from=${dates[0]}&to=${dates[6]}`,
      ),
    [hospitalId, week],
  );
  const [draft, setDraft] = useState<Record<string, DayDraft>>({});
  const [status, setStatus] = useState<Note | undefined>();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  useEffect(() => {
    const next: Record<string, DayDraft> = {};
    for (const d of dates) next[d] = emptyDay();
    for (const o of list.data ?? []) {
      next[o.date] = {
        anaesthesiaTeams: String(o.anaesthesiaTeams),
        nursingTeams: String(o.nursingTeams),
        lists: Object.fromEntries(Object.entries(o.surgeonLists).map(([k, v]) => [k, String(v)])),
        lendable: Object.fromEntries(Object.entries(o.lendableSurgeonLists).map(([k, v]) => [k, String(v)])),
      };
    }
    setDraft(next);
  }, [list.data]);
  const edit = (d: string, f: (x: DayDraft) => DayDraft) =>
    setDraft((old) => ({ ...old, [d]: f(old[d] ?? emptyDay()) }));
  const counts = (m: Record<string, string>): Record<string, number> =>
    Object.fromEntries(
      Object.entries(m)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => [k, Number(v)]),
    );
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    setIssues([]);
    const overrides = dates
      .filter((d) => draft[d] !== undefined && !isBlank(draft[d]))
      .map((d) => {
        const x = draft[d]!;
        return {
          date: d,
          anaesthesiaTeams: Number(x.anaesthesiaTeams || 0),
          nursingTeams: Number(x.nursingTeams || 0),
          surgeonLists: counts(x.lists),
          lendableSurgeonLists: counts(x.lendable),
        };
      });
    try {
      await api(`/api/hospitals/${encodeURIComponent(hospitalId)}/roster-overrides`, {
        method: 'PUT',
        body: { from: dates[0], to: dates[6], overrides },
      });
      setStatus({
        ok: true,
        key: 'capacity.overrides.saved',
        vars: { w: weekNumber(week), n: overrides.length },
      });
      list.reload();
    } catch (err) {
      setIssues(err instanceof ApiError ? err.errors : []);
      setStatus({ ok: false, key: 'common.error', vars: { msg: message(err) } });
    }
  };
  const num = (value: string, label: string, on: (v: string) => void) => (
    <NumberField
      min={0}
      max={100}
      step={1}
      class="num-input"
      aria-label={label}
      placeholder="–"
      disabled={!canWrite}
      value={value}
      onValue={on}
    />
  );
  return (
    <section aria-labelledby="cap-overrides" class="card">
      <h2 id="cap-overrides">
        {t('capacity.overrides')} <Tip text={t('capacity.overrides.help')} />
      </h2>
      <label class="toolbar">
        {t('capacity.overrides.week')}{' '}
        <WeekField
          value={week}
          onValue={(v) => {
            if (v !== '') setWeek(v);
          }}
        />{' '}
        <strong>{t('week.label', { n: weekNumber(week) })}</strong>
      </label>
      {list.error && <ErrorBox error={list.error} retry={list.reload} />}
      <form onSubmit={(e) => void save(e)}>
        <div class="scroll-x">
          <table class="data compact" data-testid="overrides">
            <thead>
              <tr>
                <th scope="col">{t('col.date')}</th>
                <th scope="col">
                  {t('capacity.col.anaesthesia')} <Tip text={t('capacity.col.anaesthesia.def')} />
                </th>
                <th scope="col">
                  {t('capacity.col.nursing')} <Tip text={t('capacity.col.nursing.def')} />
                </th>
                {specialties.map((s) => (
                  <th scope="col" key={s}>
                    {t('capacity.col.surgeonLists')}: {specialtyName(R, s, i.lang)}
                  </th>
                ))}
                <th scope="col">
                  <Tip text={t('capacity.col.surgeonLists.def')} />
                </th>
              </tr>
            </thead>
            <tbody>
              {dates.map((d) => {
                const x = draft[d] ?? emptyDay();
                const label = date(d);
                return (
                  <tr key={d} data-date={d}>
                    <th scope="row">{label}</th>
                    <td>
                      {num(x.anaesthesiaTeams, `${label}: ${t('capacity.col.anaesthesia')}`, (v) =>
                        edit(d, (o) => ({ ...o, anaesthesiaTeams: v })),
                      )}
                    </td>
                    <td>
                      {num(x.nursingTeams, `${label}: ${t('capacity.col.nursing')}`, (v) =>
                        edit(d, (o) => ({ ...o, nursingTeams: v })),
                      )}
                    </td>
                    {specialties.map((s) => (
                      <td key={s}>
                        {num(
                          x.lists[s] ?? '',
                          `${label}: ${t('capacity.col.surgeonLists')} ${specialtyName(R, s, i.lang)}`,
                          (v) => edit(d, (o) => ({ ...o, lists: { ...o.lists, [s]: v } })),
                        )}
                      </td>
                    ))}
                    <td class="muted small">
                      {isBlank(x) ? (
                        t('capacity.override.none')
                      ) : canWrite ? (
                        <button type="button" class="small" onClick={() => edit(d, () => emptyDay())}>
                          {t('capacity.overrides.clear')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {canWrite && (
          <button type="submit" class="primary">
            {t('capacity.overrides.save')}
          </button>
        )}
      </form>
      <Feedback status={status} issues={issues} />
    </section>
  );
}

function Teams({ R, hospitalId, user }: { R: Reference; hospitalId: string; user: User }) {
  const { t } = useI18n();
  const list = useAsync(() => api<Team[]>('/api/regional-teams'), []);
  useLive(['capacity.changed'], () => list.reload());
  const teams = (list.data ?? []).filter((x) => x.baseHospitalId === hospitalId);
  return (
    <section aria-labelledby="cap-teams" class="card">
      <h2 id="cap-teams">
        {t('capacity.teams')} <Tip text={t('capacity.teams.help')} />
      </h2>
      {list.error && <ErrorBox error={list.error} retry={list.reload} />}
      {list.data !== undefined && teams.length === 0 && <p class="muted">{t('capacity.teams.none')}</p>}
      {teams.map((team) => (
        <TeamForm
          key={team.id}
          R={R}
          team={team}
          canWrite={
            user.role === 'planner' ||
            (user.role === 'coordinator' && user.hospitalId === team.baseHospitalId)
          }
          onSaved={list.reload}
        />
      ))}
    </section>
  );
}

function TeamForm({
  R,
  team,
  canWrite,
  onSaved,
}: {
  R: Reference;
  team: Team;
  canWrite: boolean;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const [days, setDays] = useState(new Set(team.weekdays));
  const [dates, setDates] = useState(team.unavailableDates.join('\n'));
  const [status, setStatus] = useState<Note | undefined>();
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    setIssues([]);
    try {
      await api(`/api/regional-teams/${encodeURIComponent(team.id)}/availability`, {
        method: 'PUT',
        body: {
          weekdays: [...days].sort(),
          unavailableDates: dates
            .split(/[\s,;]+/)
            .map((x) => x.trim())
            .filter((x) => x !== ''),
        },
      });
      setStatus({ ok: true, key: 'capacity.team.saved', vars: { team: team.name } });
      onSaved();
    } catch (err) {
      setIssues(err instanceof ApiError ? err.errors : []);
      setStatus({ ok: false, key: 'common.error', vars: { msg: message(err) } });
    }
  };
  return (
    <form class="team stack" onSubmit={(e) => void save(e)} aria-label={team.name}>
      <h3>
        {team.name}{' '}
        <span class="muted small">
          {t('capacity.team.base', { hospital: hospitalName(R, team.baseHospitalId) })}
        </span>
      </h3>
      <fieldset disabled={!canWrite}>
        <legend>{t('capacity.team.weekdays')}</legend>
        {[1, 2, 3, 4, 5, 6, 7].map((d) => (
          <label key={d} class="check">
            <input
              type="checkbox"
              checked={days.has(d)}
              onChange={(e) => {
                const next = new Set(days);
                if ((e.currentTarget as HTMLInputElement).checked) next.add(d);
                else next.delete(d);
                setDays(next);
              }}
            />{' '}
            {t(`weekday.${d}` as MsgKey)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('capacity.team.unavailable')}
        <textarea
          rows={3}
          disabled={!canWrite}
          value={dates}
          onInput={(e) => setDates((e.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>
      {canWrite && (
        <button type="submit" class="primary">
          {t('capacity.team.save')}
        </button>
      )}
      <Feedback status={status} issues={issues} />
    </form>
  );
}

function Import({ hospitalId }: { hospitalId: string }) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ImportResult | undefined>();
  const [failed, setFailed] = useState<ImportFailure | undefined>();
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const input = (e.currentTarget as HTMLFormElement).querySelector('input[type=file]') as HTMLInputElement;
    const file = input.files?.[0];
    if (file === undefined) return;
    setBusy(true);
    setDone(undefined);
    setFailed(undefined);
    try {
      const text = await file.text();
      setDone(
        await api<ImportResult>(`/api/hospitals/${encodeURIComponent(hospitalId)}/waiting-list/import`, {
          method: 'POST',
          raw: { contentType: 'text/csv', text },
        }),
      );
    } catch (err) {
      setFailed({
        detail: message(err),
        errors: err instanceof ApiError ? err.errors : [],
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="cap-import" class="card">
      <h2 id="cap-import">
        {t('capacity.import')} <Tip text={t('capacity.import.help')} />
      </h2>
      <form class="toolbar" onSubmit={(e) => void submit(e)} data-testid="import-form">
        <label>
          {t('capacity.import.file')} <FileField accept=".csv,text/csv" required data-testid="import-file" />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('capacity.import.busy') : t('capacity.import.submit')}
        </button>
      </form>
      {done !== undefined && (
        <p role="status" class="ok" data-testid="import-done">
          {t('capacity.import.done', {
            received: num(done.received),
            new: num(done.new),
            changed: num(done.changed),
            unchanged: num(done.unchanged),
          })}
        </p>
      )}
      {failed !== undefined && <ImportErrors failed={failed} testId="import-errors" />}
    </section>
  );
}
