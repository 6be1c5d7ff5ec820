// The scenario workspace (analysts, planners): saved scenarios, a form or a file to add one, a run
// of the chosen scenarios × planning policies × simulations with a live progress bar, charts of the
// weekly mean and 95 % band (waiting list, share past the guarantee; whole region, one home region
// or one specialty), paired differences in words, the inverse question, CSV and print.
// Scenario and run ids are internal: the screen shows names, times and states only.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api.ts';
import { useAsync } from '../lib/async.ts';
import { errorText } from '../lib/errors.ts';
import { useI18n, type I18n, type MsgKey } from '../lib/i18n.ts';
import { useLive } from '../lib/live.ts';
import { hospitalName, regionName, specialtyName, useReference, type Reference } from '../lib/reference.ts';
import { session } from '../lib/session.ts';
import { ScenariosChart, type ChartSeries } from './ScenariosChart.tsx';
import { DateField, FileField, NumberField } from '../components/Fields.tsx';

interface Summary {
  id: string;
  name: string;
  version: number;
}
interface Estimate {
  mean: number | null;
  lo: number | null;
  hi: number | null;
}
type Policy = 'optimised' | 'baseline';
interface RunStatus {
  runId: string;
  spec: {
    scenarios: { id: string; version: number }[];
    policies: Policy[];
    replications: number;
    weeks: number;
    seed: number;
  };
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  total: number;
  done: number;
  etaSeconds: number | null;
  createdAt: string;
}
interface Breakdown {
  waiting: Estimate;
  pastGuaranteeShare: Estimate;
}
interface WeekEstimate {
  week: number;
  isoWeek: string;
  waiting: Estimate;
  pastGuaranteeShare: Estimate;
  byHomeRegion: Record<string, Breakdown>;
  bySpecialty: Record<string, Breakdown>;
}
interface Label {
  id: string;
  version: number;
  name: string;
}
interface Comparison {
  kind: 'scenario' | 'policy';
  scenario: Label;
  policy: Policy;
  versus: Label;
  versusPolicy: Policy;
  replications: number;
  weeks: { week: number; isoWeek: string; waiting: Estimate; pastGuaranteeShare: Estimate }[];
}
interface Results {
  run: RunStatus;
  partial: boolean;
  reports: { scenario: Label; report: { policies: Record<string, { weeks: WeekEstimate[] }> } }[];
  comparisons: Comparison[];
}
interface InverseStatus {
  inverseId: string;
  state: RunStatus['state'];
  evaluations: number;
  spec: {
    find: { kind: string; hospitalId: string; specialtyId?: string; targetShare: number; maxUnits: number };
  };
  result: {
    units: number | null;
    week: number;
    targetShare: number;
    unitsInterval: { lo: number | null; hi: number | null };
    share: Estimate | null;
  } | null;
}

type Kind =
  | 'base'
  | 'theatres'
  | 'anaesthesia'
  | 'nursing'
  | 'surgeonLists'
  | 'staffPercent'
  | 'regionalTeam'
  | 'demand'
  | 'consent'
  | 'travel';
const KINDS: Kind[] = [
  'base',
  'theatres',
  'anaesthesia',
  'nursing',
  'surgeonLists',
  'staffPercent',
  'regionalTeam',
  'demand',
  'consent',
  'travel',
];
const AMOUNT_HELP: Record<Kind, MsgKey> = {
  base: 'scen.amount.help.none',
  theatres: 'scen.amount.help.theatres',
  anaesthesia: 'scen.amount.help.count',
  nursing: 'scen.amount.help.count',
  surgeonLists: 'scen.amount.help.count',
  staffPercent: 'scen.amount.help.percent',
  regionalTeam: 'scen.amount.help.none',
  demand: 'scen.amount.help.percent',
  consent: 'scen.amount.help.share',
  travel: 'scen.amount.help.km',
};
const usesHospital = (k: Kind): boolean => !['base', 'consent', 'travel'].includes(k);

/** The scenario document a form describes (the id is generated and never shown). */
function scenarioFromForm(f: FormState): Record<string, unknown> {
  const period = f.from !== '' && f.to !== '' ? { period: { from: f.from, to: f.to } } : {};
  const n = Number(f.amount);
  const h = f.hospitalId;
  const changes: Record<string, unknown>[] = [];
  switch (f.kind) {
    case 'theatres':
      changes.push({ kind: 'theatres', hospitalId: h, delta: n, ...period });
      break;
    case 'anaesthesia':
    case 'nursing':
      changes.push({ kind: 'staffing', hospitalId: h, resource: f.kind, delta: n, ...period });
      break;
    case 'surgeonLists':
      changes.push({
        kind: 'staffing',
        hospitalId: h,
        resource: 'surgeonLists',
        specialtyId: f.specialtyId,
        delta: n,
        ...period,
      });
      break;
    case 'staffPercent':
      for (const resource of ['anaesthesia', 'nursing'])
        changes.push({ kind: 'staffing', hospitalId: h, resource, percent: n, ...period });
      break;
    case 'regionalTeam':
      changes.push({
        kind: 'regionalTeamAdded',
        teamId: `rt-${Date.now().toString(36)}`,
        baseHospitalId: h,
        ...period,
      });
      break;
    case 'demand':
      changes.push({
        kind: 'arrivalMultiplier',
        hospitalId: h,
        ...(f.specialtyId !== '' ? { specialtyId: f.specialtyId } : {}),
        factor: 1 + n / 100,
        ...period,
      });
      break;
    case 'consent':
      changes.push({ kind: 'consentShare', share: n / 100 });
      break;
    case 'travel':
      changes.push({ kind: 'travelLimit', maxTravelKm: n });
      break;
    case 'base':
      break;
  }
  return {
    schemaVersion: 1,
    id: `sc-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`,
    name: f.name.trim(),
    changes,
  };
}

interface FormState {
  name: string;
  kind: Kind;
  hospitalId: string;
  specialtyId: string;
  amount: string;
  from: string;
  to: string;
}

function problemText(i: I18n, e: unknown): string {
  if (e instanceof ApiError) {
    const issue = e.errors[0];
    if (issue !== undefined)
      return i.t('scen.error.field', {
        field: issue.field.replace(/^body\.?/, '') || 'body',
        message: issue.message,
      });
    if (e.status === 422) return `${errorText(i, e)} ${e.detail}`;
  }
  return errorText(i, e);
}

/** "−4,8 procentenheter [−4,9; −4,7]" / "−120 patienter [−130; −110]". */
export function diffText(i: I18n, e: Estimate, share: boolean): string {
  const f = (v: number): string => {
    const x = share ? v * 100 : v;
    const s = i.num(x, share ? 1 : 0);
    return x > 0 ? `+${s}` : s.replace('-', '−');
  };
  if (e.mean === null) return '–';
  if (e.lo === null || e.hi === null) return i.t('scen.diff.noInterval', { value: f(e.mean) });
  return i.t(share ? 'scen.diff.points' : 'scen.diff.patients', {
    mean: f(e.mean),
    lo: f(e.lo),
    hi: f(e.hi),
  });
}

async function downloadCsv(runId: string): Promise<void> {
  const token = session.get()?.token;
  const res = await fetch(`/api/scenario-runs/${encodeURIComponent(runId)}/results.csv`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new ApiError(res.status, res.statusText);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = 'scenarioresultat.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function Scenarios() {
  const i = useI18n();
  const { t } = i;
  const ref = useReference();
  const list = useAsync(() => api<Summary[]>('/api/scenarios'), []);
  const runs = useAsync(() => api<RunStatus[]>('/api/scenario-runs'), []);
  const [chosen, setChosen] = useState<string[]>([]);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [runId, setRunId] = useState<string | undefined>(undefined);

  const say = (text: string, error = false) => setMessage({ text, error });
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));

  const remove = async (s: Summary) => {
    try {
      await api(`/api/scenarios/${encodeURIComponent(s.id)}`, { method: 'DELETE' });
      setChosen((c) => c.filter((x) => x !== s.id));
      say(t('scen.deleted', { name: s.name }));
      list.reload();
    } catch (e) {
      say(problemText(i, e), true);
    }
  };

  const saved = (s: Summary) => {
    say(t('scen.form.saved', { name: s.name, version: s.version }));
    setChosen((c) => (c.includes(s.id) ? c : [...c, s.id]));
    list.reload();
  };

  return (
    <section class="scenarios" aria-labelledby="scen-title">
      <h1 id="scen-title">{t('scen.title')}</h1>
      <p class="muted no-print">{t('scen.intro')}</p>
      <div
        role="status"
        aria-live="polite"
        class={message?.error === true ? 'error' : 'ok'}
        data-testid="scen-message"
      >
        {message?.text ?? ''}
      </div>

      <section class="no-print" aria-labelledby="scen-list">
        <h2 id="scen-list">{t('scen.list')}</h2>
        {list.data !== undefined && list.data.length === 0 && <p>{t('scen.list.none')}</p>}
        {list.data !== undefined && list.data.length > 0 && (
          <>
            <p class="muted">{t('scen.first.help')}</p>
            <table data-testid="scen-table">
              <thead>
                <tr>
                  <th scope="col">{t('scen.col.include')}</th>
                  <th scope="col">{t('scen.col.name')}</th>
                  <th scope="col">{t('scen.col.version')}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {list.data.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <input
                        type="checkbox"
                        checked={chosen.includes(s.id)}
                        aria-label={t('scen.include', { name: s.name })}
                        onChange={() => toggle(s.id)}
                      />
                      {chosen.includes(s.id) && <span class="muted"> {chosen.indexOf(s.id) + 1}</span>}
                    </td>
                    <td>{s.name}</td>
                    <td>{s.version}</td>
                    <td>
                      <button
                        type="button"
                        onClick={() => void remove(s)}
                        aria-label={t('scen.delete', { name: s.name })}
                      >
                        ✕
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      {ref.data !== undefined && (
        <ScenarioForm refData={ref.data} onSaved={saved} onError={(e) => say(problemText(i, e), true)} />
      )}

      <RunForm
        chosen={chosen}
        list={list.data ?? []}
        onStarted={(r) => {
          setRunId(r.runId);
          runs.reload();
        }}
        onError={(e) => say(problemText(i, e), true)}
      />

      {runs.data !== undefined && runs.data.length > 0 && (
        <section class="no-print" aria-labelledby="scen-runs">
          <h2 id="scen-runs">{t('scen.runs')}</h2>
          <ul>
            {runs.data.slice(0, 10).map((r) => (
              <li key={r.runId}>
                <button
                  type="button"
                  class="link"
                  onClick={() => setRunId(r.runId)}
                  aria-pressed={r.runId === runId}
                >
                  {t('scen.runs.show', {
                    time: new Date(r.createdAt).toLocaleString(i.lang === 'sv' ? 'sv-SE' : 'en-GB'),
                    state: t(`scen.run.state.${r.state}` as MsgKey),
                  })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {runId !== undefined && ref.data !== undefined && (
        <RunView
          key={runId}
          runId={runId}
          refData={ref.data}
          onChange={runs.reload}
          onError={(e) => say(problemText(i, e), true)}
        />
      )}

      {ref.data !== undefined && (
        <InverseForm
          refData={ref.data}
          chosen={chosen}
          list={list.data ?? []}
          onError={(e) => say(problemText(i, e), true)}
        />
      )}
    </section>
  );
}

function ScenarioForm(props: {
  refData: Reference;
  onSaved: (s: Summary) => void;
  onError: (e: unknown) => void;
}) {
  const i = useI18n();
  const { t } = i;
  const hospitals = props.refData.hospitals;
  const [f, setF] = useState<FormState>({
    name: '',
    kind: 'theatres',
    hospitalId: hospitals[0]?.id ?? '',
    specialtyId: '',
    amount: '1',
    from: '',
    to: '',
  });
  const set = (patch: Partial<FormState>) => setF((x) => ({ ...x, ...patch }));
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      props.onSaved(await api<Summary>('/api/scenarios', { method: 'POST', body: scenarioFromForm(f) }));
    } catch (err) {
      props.onError(err);
    }
  };
  const upload = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (file === undefined) return;
    try {
      const text = await file.text();
      props.onSaved(
        await api<Summary>('/api/scenarios', { method: 'POST', raw: { contentType: 'text/plain', text } }),
      );
    } catch (err) {
      props.onError(err);
    } finally {
      input.value = '';
    }
  };
  const needsSpecialty = f.kind === 'surgeonLists' || f.kind === 'demand';
  return (
    <section class="no-print" aria-labelledby="scen-form">
      <h2 id="scen-form">{t('scen.form')}</h2>
      <form onSubmit={(e) => void submit(e)} class="scen-form" data-testid="scen-form">
        <label>
          {t('scen.form.name')}
          <input
            required
            maxLength={200}
            value={f.name}
            onInput={(e) => set({ name: e.currentTarget.value })}
            name="name"
          />
        </label>
        <label>
          {t('scen.form.kind')}
          <select value={f.kind} onChange={(e) => set({ kind: e.currentTarget.value as Kind })} name="kind">
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`scen.kind.${k}` as MsgKey)}
              </option>
            ))}
          </select>
        </label>
        {usesHospital(f.kind) && (
          <HospitalPick
            refData={props.refData}
            ids={hospitals.map((h) => h.id)}
            value={f.hospitalId}
            onValue={(v) => set({ hospitalId: v })}
            name="hospital"
          />
        )}
        {needsSpecialty && (
          <SpecialtyPick
            refData={props.refData}
            value={f.specialtyId}
            onValue={(v) => set({ specialtyId: v })}
            name="specialty"
            empty
          />
        )}
        {f.kind !== 'base' && f.kind !== 'regionalTeam' && (
          <label title={t(AMOUNT_HELP[f.kind])}>
            {t('scen.form.amount')}
            <NumberField
              step={0.1}
              required
              value={f.amount}
              onValue={(v) => set({ amount: v })}
              name="amount"
            />
            <small class="muted">{t(AMOUNT_HELP[f.kind])}</small>
          </label>
        )}
        {usesHospital(f.kind) && (
          <fieldset>
            <legend class="muted">{t('scen.form.period.help')}</legend>
            <label>
              {t('scen.form.from')}
              <DateField value={f.from} onValue={(v) => set({ from: v })} name="from" />
            </label>
            <label>
              {t('scen.form.to')}
              <DateField value={f.to} onValue={(v) => set({ to: v })} name="to" />
            </label>
          </fieldset>
        )}
        <button type="submit">{t('scen.form.save')}</button>
      </form>
      <label class="upload">
        {t('scen.upload')}
        <FileField
          accept=".json,application/json,text/plain"
          onChange={(e) => void upload(e)}
          data-testid="scen-upload"
        />
        <small class="muted">{t('scen.upload.help')}</small>
      </label>
    </section>
  );
}

function RunForm(props: {
  chosen: string[];
  list: Summary[];
  onStarted: (r: RunStatus) => void;
  onError: (e: unknown) => void;
}) {
  const { t } = useI18n();
  const [policies, setPolicies] = useState<Policy[]>(['optimised', 'baseline']);
  const [replications, setReplications] = useState('3');
  const [weeks, setWeeks] = useState('8');
  const [seed, setSeed] = useState('7');
  const start = async (e: Event) => {
    e.preventDefault();
    const scenarios = props.chosen
      .map((id) => props.list.find((s) => s.id === id))
      .filter((s): s is Summary => s !== undefined)
      .map((s) => ({ id: s.id, version: s.version }));
    try {
      props.onStarted(
        await api<RunStatus>('/api/scenario-runs', {
          method: 'POST',
          body: {
            scenarios,
            policies,
            replications: Number(replications),
            weeks: Number(weeks),
            seed: Number(seed),
          },
        }),
      );
    } catch (err) {
      props.onError(err);
    }
  };
  const togglePolicy = (p: Policy) =>
    setPolicies((x) => (x.includes(p) ? x.filter((y) => y !== p) : ([...x, p].sort().reverse() as Policy[])));
  return (
    <section class="no-print" aria-labelledby="scen-run">
      <h2 id="scen-run">{t('scen.run')}</h2>
      <form onSubmit={(e) => void start(e)} class="scen-form" data-testid="scen-run-form">
        <fieldset>
          <legend>{t('scen.run.policies')}</legend>
          {(['optimised', 'baseline'] as const).map((p) => (
            <label key={p}>
              <input
                type="checkbox"
                checked={policies.includes(p)}
                onChange={() => togglePolicy(p)}
                name={`policy-${p}`}
              />
              {t(`scen.policy.${p}`)}
            </label>
          ))}
        </fieldset>
        <label title={t('scen.run.replications.help')}>
          {t('scen.run.replications')}
          <NumberField
            min={1}
            max={200}
            required
            value={replications}
            onValue={setReplications}
            name="replications"
          />
        </label>
        <label>
          {t('scen.run.weeks')}
          <NumberField min={1} max={104} required value={weeks} onValue={setWeeks} name="weeks" />
        </label>
        <label title={t('scen.run.seed.help')}>
          {t('scen.run.seed')}
          <NumberField min={0} required value={seed} onValue={setSeed} name="seed" />
        </label>
        {props.chosen.length === 0 && <p class="muted">{t('scen.run.pick')}</p>}
        <button type="submit" disabled={props.chosen.length === 0 || policies.length === 0}>
          {t('scen.run.start')}
        </button>
      </form>
    </section>
  );
}

function RunView(props: {
  runId: string;
  refData: Reference;
  onChange: () => void;
  onError: (e: unknown) => void;
}) {
  const i = useI18n();
  const { t } = i;
  const status = useAsync(
    () => api<RunStatus>(`/api/scenario-runs/${encodeURIComponent(props.runId)}`),
    [props.runId],
  );
  const results = useAsync(
    () => api<Results>(`/api/scenario-runs/${encodeURIComponent(props.runId)}/results`),
    [props.runId],
  );
  const [filter, setFilter] = useState('all');
  const active = status.data?.state === 'queued' || status.data?.state === 'running';
  useLive(['scenario-run:progress'], (_n, p) => {
    if (p.runId !== props.runId) return;
    status.mutate((s) => ({ ...s, done: Number(p.done), state: p.state as RunStatus['state'] }));
    status.reload();
    results.reload();
    if (p.state !== 'running') props.onChange();
  });
  // Fallback when the live feed is down: poll every few seconds while the run is active.
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      status.reload();
      results.reload();
    }, 3000);
    return () => clearInterval(timer);
  }, [active, props.runId]);

  const s = status.data;
  const r = results.data;
  const cancel = async () => {
    try {
      await api(`/api/scenario-runs/${encodeURIComponent(props.runId)}`, { method: 'DELETE' });
      status.reload();
      props.onChange();
    } catch (e) {
      props.onError(e);
    }
  };
  const policyLabel = (p: string): string => t(`scen.policy.${p}` as MsgKey);
  const pick = (w: WeekEstimate, metric: 'waiting' | 'pastGuaranteeShare'): Estimate => {
    if (filter === 'all') return w[metric];
    const [dim, key] = filter.split(':') as [string, string];
    const b = (dim === 'region' ? w.byHomeRegion : w.bySpecialty)[key];
    return b === undefined ? { mean: null, lo: null, hi: null } : b[metric];
  };
  const series = (metric: 'waiting' | 'pastGuaranteeShare'): ChartSeries[] =>
    (r?.reports ?? []).flatMap(({ scenario, report }) =>
      Object.entries(report.policies).map(([p, rep]) => ({
        label: t('scen.series', { scenario: scenario.name, policy: policyLabel(p) }),
        mean: rep.weeks.map((w) => pick(w, metric).mean),
        lo: rep.weeks.map((w) => pick(w, metric).lo),
        hi: rep.weeks.map((w) => pick(w, metric).hi),
      })),
    );
  const weeks = Object.values(r?.reports[0]?.report.policies ?? {})[0]?.weeks ?? [];
  const first = weeks[0];
  const regions = first === undefined ? [] : Object.keys(first.byHomeRegion);
  const specialties = first === undefined ? [] : Object.keys(first.bySpecialty);

  return (
    <section aria-labelledby="scen-results" data-testid="scen-results">
      <h2 id="scen-results">{t('scen.results')}</h2>
      {s !== undefined && (
        <div class="scen-progress" data-testid="scen-progress" data-state={s.state}>
          <progress
            max={s.total}
            value={s.done}
            aria-label={t('scen.run.progress', { done: s.done, total: s.total })}
          />
          <span>
            {t(`scen.run.state.${s.state}` as MsgKey)} ·{' '}
            {t('scen.run.progress', { done: s.done, total: s.total })}
            {s.etaSeconds !== null && active ? ` · ${t('scen.run.eta', { s: s.etaSeconds })}` : ''}
          </span>
          {active && (
            <button type="button" class="no-print" onClick={() => void cancel()}>
              {t('scen.run.cancel')}
            </button>
          )}
        </div>
      )}
      {r !== undefined && r.reports.length > 0 && weeks.length > 0 && (
        <>
          {r.partial && <p class="muted">{t('scen.results.partial')}</p>}
          <div class="no-print scen-actions">
            <label>
              {t('scen.filter')}{' '}
              <select
                value={filter}
                onChange={(e) => setFilter(e.currentTarget.value)}
                data-testid="scen-filter"
              >
                <option value="all">{t('scen.filter.all')}</option>
                {regions.map((id) => (
                  <option key={id} value={`region:${id}`}>
                    {t('scen.filter.region', { name: regionName(props.refData, id) })}
                  </option>
                ))}
                {specialties.map((id) => (
                  <option key={id} value={`specialty:${id}`}>
                    {t('scen.filter.specialty', { name: specialtyName(props.refData, id, i.lang) })}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => downloadCsv(props.runId).catch(props.onError)}>
              {t('scen.csv')}
            </button>
            <button type="button" onClick={() => window.print()}>
              {t('scen.print')}
            </button>
          </div>
          <ScenariosChart
            testId="scen-chart-waiting"
            title={t('scen.chart.waiting')}
            help={t('scen.chart.help')}
            weeks={weeks.map((w) => w.isoWeek)}
            series={series('waiting')}
            format={(v) => i.num(v)}
          />
          <ScenariosChart
            testId="scen-chart-share"
            title={t('scen.chart.pastGuarantee')}
            help={t('scen.chart.help')}
            weeks={weeks.map((w) => w.isoWeek)}
            series={series('pastGuaranteeShare')}
            format={(v) => i.pct(v)}
            maxValue={1}
          />
          {r.comparisons.length > 0 && (
            <>
              <h3>{t('scen.diff')}</h3>
              <p class="muted">{t('scen.diff.help')}</p>
              <table data-testid="scen-diff">
                <thead>
                  <tr>
                    <th scope="col">{t('scen.diff.col.what')}</th>
                    <th scope="col">{t('scen.diff.col.waiting')}</th>
                    <th scope="col">{t('scen.diff.col.share')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.comparisons.map((c, k) => {
                    const last = c.weeks.at(-1);
                    return (
                      <tr key={k}>
                        <th scope="row">
                          {c.kind === 'scenario'
                            ? t('scen.diff.scenario', {
                                a: c.scenario.name,
                                b: c.versus.name,
                                policy: policyLabel(c.policy),
                              })
                            : t('scen.diff.policy', { scenario: c.scenario.name })}
                        </th>
                        <td title={t('scen.diff.help')}>
                          {last === undefined ? '–' : diffText(i, last.waiting, false)}
                        </td>
                        <td title={t('scen.diff.help')}>
                          {last === undefined ? '–' : diffText(i, last.pastGuaranteeShare, true)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </section>
  );
}

/** sessionStorage key of the last inverse question asked in this tab. */
const INVERSE_KEY = 'opflow.scenarios.inverseId';

function InverseForm(props: {
  refData: Reference;
  chosen: string[];
  list: Summary[];
  onError: (e: unknown) => void;
}) {
  const i = useI18n();
  const { t } = i;
  const [kind, setKind] = useState<'regional-team-days' | 'extra-lists'>('regional-team-days');
  const [hospitalId, setHospitalId] = useState(props.refData.hospitals[0]?.id ?? '');
  const [specialtyId, setSpecialtyId] = useState(props.refData.specialties[0]?.id ?? '');
  const [target, setTarget] = useState('10');
  const [maxUnits, setMaxUnits] = useState('10');
  const [job, setJob] = useState<InverseStatus | null>(null);
  const scenario = props.list.find((s) => s.id === props.chosen[0]);
  // The question is a job stored by the server: after a reload (or a server restart) the last one
  // asked in this tab is shown again, with its progress or answer.
  useEffect(() => {
    const saved = sessionStorage.getItem(INVERSE_KEY);
    if (saved === null) return;
    api<InverseStatus>(`/api/scenario-inverse/${encodeURIComponent(saved)}`).then(setJob, (err: unknown) => {
      sessionStorage.removeItem(INVERSE_KEY);
      if (!(err instanceof ApiError && err.status === 404)) props.onError(err);
    });
  }, []);
  useEffect(() => {
    if (job === null || job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') return;
    const timer = setInterval(() => {
      api<InverseStatus>(`/api/scenario-inverse/${encodeURIComponent(job.inverseId)}`).then(
        setJob,
        props.onError,
      );
    }, 2000);
    return () => clearInterval(timer);
  }, [job?.inverseId, job?.state]);
  const start = async (e: Event) => {
    e.preventDefault();
    if (scenario === undefined) return;
    try {
      const started = await api<InverseStatus>('/api/scenario-inverse', {
        method: 'POST',
        body: {
          find: {
            kind,
            hospitalId,
            ...(kind === 'extra-lists' ? { specialtyId } : {}),
            targetShare: Number(target) / 100,
            maxUnits: Number(maxUnits),
          },
          scenario: { id: scenario.id, version: scenario.version },
          policy: 'optimised',
          replications: 2,
          weeks: 8,
          seed: 7,
        },
      });
      sessionStorage.setItem(INVERSE_KEY, started.inverseId);
      setJob(started);
    } catch (err) {
      props.onError(err);
    }
  };
  const answer = (() => {
    if (job === null) return '';
    if (job.state === 'failed') return t('scen.inverse.failed');
    // Waiting for a worker, or stopped: the same words as a run in that state.
    if (job.state === 'queued' || job.state === 'cancelled') return t(`scen.run.state.${job.state}`);
    if (job.result === null) return t('scen.inverse.running', { n: job.evaluations });
    const res = job.result;
    if (res.units === null) return t('scen.inverse.notReached', { max: job.spec.find.maxUnits });
    return t(
      job.spec.find.kind === 'extra-lists' ? 'scen.inverse.answer.lists' : 'scen.inverse.answer.team',
      {
        units: res.units,
        lo: res.unitsInterval.lo ?? '?',
        hi: res.unitsInterval.hi ?? `>${job.spec.find.maxUnits}`,
        hospital: hospitalName(props.refData, job.spec.find.hospitalId),
        specialty: specialtyName(props.refData, job.spec.find.specialtyId ?? '', i.lang),
        week: res.week,
        target: i.pct(res.targetShare),
        share: res.share?.mean === null || res.share === null ? '–' : i.pct(res.share.mean),
      },
    );
  })();
  return (
    <section aria-labelledby="scen-inverse">
      <h2 id="scen-inverse">{t('scen.inverse')}</h2>
      <p class="muted no-print">{t('scen.inverse.intro')}</p>
      <form onSubmit={(e) => void start(e)} class="scen-form no-print">
        <label>
          {t('scen.inverse.kind')}
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as typeof kind)}>
            <option value="regional-team-days">{t('scen.inverse.kind.team')}</option>
            <option value="extra-lists">{t('scen.inverse.kind.lists')}</option>
          </select>
        </label>
        <HospitalPick
          refData={props.refData}
          ids={props.refData.hospitals.map((h) => h.id)}
          value={hospitalId}
          onValue={setHospitalId}
        />
        {kind === 'extra-lists' && (
          <SpecialtyPick refData={props.refData} value={specialtyId} onValue={setSpecialtyId} />
        )}
        <label>
          {t('scen.inverse.target')}
          <NumberField min={0} max={100} step={0.1} value={target} onValue={setTarget} />
        </label>
        <label>
          {t('scen.inverse.max')}
          <NumberField min={1} max={100} value={maxUnits} onValue={setMaxUnits} />
        </label>
        {scenario === undefined && <p class="muted">{t('scen.run.pick')}</p>}
        <button type="submit" disabled={scenario === undefined}>
          {t('scen.inverse.start')}
        </button>
      </form>
      <p role="status" aria-live="polite" data-testid="scen-inverse-answer">
        {answer}
      </p>
    </section>
  );
}

/** A labelled hospital picker: the change form's and the inverse question's. */
function HospitalPick(p: {
  refData: Reference;
  ids: string[];
  value: string;
  onValue: (v: string) => void;
  name?: string;
}) {
  const { t } = useI18n();
  return (
    <label>
      {t('scen.form.hospital')}
      <select value={p.value} onChange={(e) => p.onValue(e.currentTarget.value)} name={p.name}>
        {p.ids.map((id) => (
          <option key={id} value={id}>
            {hospitalName(p.refData, id)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A labelled specialty picker; `empty` offers "–" (no specialty) first. */
function SpecialtyPick(p: {
  refData: Reference;
  value: string;
  onValue: (v: string) => void;
  name?: string;
  empty?: boolean;
}) {
  const { t, lang } = useI18n();
  return (
    <label>
      {t('scen.form.specialty')}
      <select value={p.value} onChange={(e) => p.onValue(e.currentTarget.value)} name={p.name}>
        {p.empty === true && <option value="">–</option>}
        {p.refData.specialties.map((s) => (
          <option key={s.id} value={s.id}>
            {specialtyName(p.refData, s.id, lang)}
          </option>
        ))}
      </select>
    </label>
  );
}
