// Region overview (planner, analyst): the week's plan first (headline numbers against the baseline,
// solve status and gap, settlement netted per region pair), then the waiting list per hospital with
// subtotals and sortable columns as of the snapshot date, the fairness figures with booked vs
// waiting per priority group, specialty and procedure, and a trend over recent weeks.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { useAsync } from '../lib/async.ts';
import { useI18n, type Lang, type MsgKey } from '../lib/i18n.ts';
import { useLive } from '../lib/live.ts';
import {
  hospitalName,
  procedureLabel,
  regionName,
  specialtyName,
  useReference,
  type Reference,
} from '../lib/reference.ts';
import { netSettlement } from '../lib/settlement.ts';
import { weekLabel } from '../lib/weeks.ts';
import type { Fairness, FairnessCount, PlanKpis, PlanMeta, WaitingSummary } from '../lib/types.ts';
import { Kpi } from '../components/Kpi.tsx';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { SolveProgress } from '../components/SolveProgress.tsx';
import { Tip } from '../components/Tip.tsx';

/** `GET /api/priority-grids`: each region's priority groups in words, with their day limits. */
interface PriorityGrid {
  regionId: string;
  groups: { group: string; labelSv: string; labelEn: string; maxDays: number }[];
}

interface Cell {
  waiting: number;
  /** Declined care elsewhere: outside the guarantee statistics (not in the share's denominator). */
  guaranteeWaived: number;
  pastGuarantee: number;
  pastTarget: number;
}

/** Share past the care guarantee among the waiting still under it. */
const guaranteeShare = (c: Cell): number =>
  c.waiting - c.guaranteeWaived <= 0 ? 0 : c.pastGuarantee / (c.waiting - c.guaranteeWaived);
interface Summary {
  asOfDate: string;
  cells: Map<string, Map<string, Cell>>;
  total: Cell;
}

/** The server's counts per hospital x specialty (`GET /api/waiting-list/summary`), indexed. */
async function summarise(): Promise<Summary> {
  const s = await api<WaitingSummary>('/api/waiting-list/summary');
  const cells = new Map<string, Map<string, Cell>>();
  const total: Cell = { waiting: 0, guaranteeWaived: 0, pastGuarantee: 0, pastTarget: 0 };
  for (const r of s.rows) {
    const byH = cells.get(r.hospitalId) ?? new Map<string, Cell>();
    cells.set(r.hospitalId, byH);
    byH.set(r.specialtyId, {
      waiting: r.waiting,
      guaranteeWaived: r.guaranteeWaived,
      pastGuarantee: r.pastGuarantee,
      pastTarget: r.pastTarget,
    });
    total.waiting += r.waiting;
    total.guaranteeWaived += r.guaranteeWaived;
    total.pastGuarantee += r.pastGuarantee;
    total.pastTarget += r.pastTarget;
  }
  return { asOfDate: s.asOfDate, cells, total };
}

function Bar({ share, tone }: { share: number; tone: 'bad' | 'warn' }) {
  return (
    <span class={`bar bar-${tone}`} aria-hidden="true">
      <span style={{ width: `${Math.min(100, Math.round(share * 100))}%` }} />
    </span>
  );
}

export function Overview({ plans, planId }: { plans: PlanMeta[]; planId: number | undefined }) {
  const i = useI18n();
  const { t, num, pct } = i;
  const ref = useReference();
  const summary = useAsync(summarise, []);
  const grids = useAsync(() => api<PriorityGrid[]>('/api/priority-grids'), []);
  const kpis = useAsync(
    async () => (planId === undefined ? undefined : api<PlanKpis>(`/api/plans/${planId}/kpis`)),
    [planId],
  );
  useLive(['plan.status', 'plan.published', 'plan.solved'], (_n, p) => {
    if (p.planId === planId) kpis.reload();
  });
  // Trend: the latest plan with a result of each of the most recent weeks (the list is newest first).
  const perWeek = [
    ...new Map(
      plans
        .filter((p) => ['draft', 'proposed', 'published'].includes(p.status))
        .toReversed()
        .map((p) => [p.week, p] as const),
    ).values(),
  ]
    .toSorted((a, b) => (a.week < b.week ? -1 : 1))
    .slice(-8);
  const trend = useAsync(
    async () => Promise.all(perWeek.map((p) => api<PlanKpis>(`/api/plans/${p.id}/kpis`))),
    [perWeek.map((p) => `${p.id}:${p.etag}`).join(',')],
  );
  const running = plans.find((p) => p.status === 'running');

  if (ref.error) return <ErrorBox error={ref.error} retry={ref.reload} />;
  if (ref.data === undefined) return <Loading />;
  const R = ref.data;
  const k = kpis.data;
  const cur = k?.kpis ?? null;
  const base = k?.baseline ?? null;
  const s = summary.data;
  const weekVersion = (w: PlanKpis) =>
    t('overview.weekVersion', { week: weekLabel(i, w.week), version: w.version });
  return (
    <section aria-labelledby="ov-title">
      <h1 id="ov-title">{t('overview.title')}</h1>
      <p class="as-of" data-testid="as-of">
        {t('overview.asOf', { date: longDate(i.lang, s?.asOfDate ?? R.asOfDate) })}{' '}
        <Tip text={t('overview.asOf.def')} />
      </p>
      {running !== undefined && <SolveProgress planId={running.id} plan={running} />}

      <h2 id="ov-plan">
        {t('overview.weekPlan')}
        {k !== undefined && (
          <span class="muted small" data-testid="plan-line">
            {' · '}
            {t('overview.planLine', {
              week: weekLabel(i, k.week),
              version: k.version,
              status: t(`planStatus.${k.status}`),
            })}
          </span>
        )}
      </h2>
      <p class="muted small">{t('overview.planVsBaseline')}</p>
      {kpis.error && <ErrorBox error={kpis.error} retry={kpis.reload} />}
      {planId === undefined && <p class="muted">{t('plan.none')}</p>}
      {k !== undefined && cur !== null && base !== null && (
        <dl class="kpis" data-testid="plan-kpis">
          <Kpi
            label={t('kpi.breachesAvoided')}
            def={t('kpi.breachesAvoided.def')}
            value={num(base.pastGuaranteeAtEnd - cur.pastGuaranteeAtEnd)}
            sub={`${t('kpi.plan')} ${num(cur.pastGuaranteeAtEnd)} · ${t('kpi.baseline')} ${num(base.pastGuaranteeAtEnd)}`}
            tone={base.pastGuaranteeAtEnd - cur.pastGuaranteeAtEnd > 0 ? 'good' : undefined}
          />
          <Kpi
            label={t('kpi.treated')}
            def={t('kpi.treated.def')}
            value={num(cur.patientsTreated)}
            sub={`${t('kpi.baseline')} ${num(base.patientsTreated)}`}
            tone={cur.patientsTreated > base.patientsTreated ? 'good' : undefined}
          />
          <Kpi
            label={t('kpi.latenessSaved')}
            def={t('kpi.latenessSaved.def')}
            value={num(base.latenessDaysTotal - cur.latenessDaysTotal)}
            sub={`${t('kpi.plan')} ${num(cur.latenessDaysTotal)} · ${t('kpi.baseline')} ${num(base.latenessDaysTotal)}`}
          />
          <Kpi label={t('kpi.moved')} def={t('kpi.moved.def')} value={num(cur.patientsMoved)} />
          <Kpi
            label={t('kpi.utilisation')}
            def={t('kpi.utilisation.def')}
            value={pct(cur.utilisation)}
            sub={`${t('kpi.baseline')} ${pct(base.utilisation)}`}
          />
          <Kpi label={t('kpi.gap')} def={t('kpi.gap.def')} value={k.gap === null ? '–' : pct(k.gap, 2)} />
          <Kpi
            label={t('kpi.solveStatus')}
            def={t('kpi.solveStatus.def')}
            value={k.solveStatus === null ? '–' : t(`solveStatus.${k.solveStatus}` as MsgKey)}
            sub={`${weekVersion(k)} · ${t(`planStatus.${k.status}`)}`}
            testId="kpi-solve-status"
          />
        </dl>
      )}
      {cur !== null && <SettlementTable settlementSek={cur.settlementSek} reference={R} />}

      <h2 id="ov-hospitals">{t('overview.byHospital')}</h2>
      {s === undefined ? (
        summary.error ? (
          <ErrorBox error={summary.error} retry={summary.reload} />
        ) : (
          <p role="status" class="muted">
            {t('common.loading')}
          </p>
        )
      ) : (
        <>
          <dl class="kpis">
            <Kpi
              label={t('kpi.waiting')}
              def={t('kpi.waiting.def')}
              value={num(s.total.waiting)}
              testId="kpi-waiting"
            />
            <Kpi
              label={t('kpi.pastGuarantee')}
              def={t('kpi.pastGuarantee.def')}
              value={pct(guaranteeShare(s.total))}
              sub={num(s.total.pastGuarantee)}
              testId="kpi-past-guarantee"
            />
            <Kpi
              label={t('kpi.pastTarget')}
              def={t('kpi.pastTarget.def')}
              value={pct(s.total.waiting === 0 ? 0 : s.total.pastTarget / s.total.waiting)}
              sub={num(s.total.pastTarget)}
            />
          </dl>
          <WaitingTable summary={s} reference={R} />
        </>
      )}
      {k !== undefined && cur !== null && (
        <>
          <h2>{t('overview.fairness')}</h2>
          {k.fairness === null || k.baselineFairness === null ? (
            <p class="muted">{t('overview.fairness.none')}</p>
          ) : (
            <FairnessSection
              plan={k.fairness}
              base={k.baselineFairness}
              reference={R}
              grids={grids.data ?? []}
            />
          )}
        </>
      )}
      <h2>{t('overview.trend')}</h2>
      {trend.data === undefined || trend.data.length === 0 ? (
        <p class="muted">{trend.loading ? t('common.loading') : t('overview.trend.none')}</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('col.week')}</th>
              <th scope="col">
                {t('kpi.treated')} ({t('kpi.plan')} / {t('kpi.baseline')})
              </th>
              <th scope="col">
                {t('kpi.pastGuarantee')} ({t('kpi.plan')} / {t('kpi.baseline')})
              </th>
              <th scope="col">{t('kpi.gap')}</th>
            </tr>
          </thead>
          <tbody>
            {trend.data.map((w) => (
              <tr key={w.planId}>
                <th scope="row">{weekVersion(w)}</th>
                <td class="num">
                  {num(w.kpis?.patientsTreated ?? 0)} / {num(w.baseline?.patientsTreated ?? 0)}
                </td>
                <td class="num">
                  {num(w.kpis?.pastGuaranteeAtEnd ?? 0)} / {num(w.baseline?.pastGuaranteeAtEnd ?? 0)}
                </td>
                <td class="num">{w.gap === null ? '–' : pct(w.gap, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** "23 november 2026": the snapshot date in full, in the UI language. */
const longDate = (l: Lang, iso: string): string =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString(l === 'sv' ? 'sv-SE' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** Cross-region settlement, one row per region pair: net amount and who pays whom. */
function SettlementTable({
  settlementSek,
  reference: R,
}: {
  settlementSek: Record<string, number>;
  reference: Reference;
}) {
  const { t, sek } = useI18n();
  const name = (id: string) => regionName(R, id);
  const rows = netSettlement(settlementSek, name);
  return (
    <>
      <h3>
        {t('overview.settlement')} <Tip text={t('overview.settlement.def')} />
      </h3>
      {rows.length === 0 ? (
        <p class="muted">{t('overview.settlement.none')}</p>
      ) : (
        <table class="data" data-testid="net-settlement">
          <thead>
            <tr>
              <th scope="col">{t('overview.settlement.col.pair')}</th>
              <th scope="col" class="num">
                {t('overview.settlement.col.net')}
              </th>
              <th scope="col">{t('overview.settlement.col.direction')}</th>
              <th scope="col">{t('overview.settlement.col.gross')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const [a, b] = [name(r.payer), name(r.payee)].toSorted((x, y) => x.localeCompare(y));
              return (
                <tr key={`${r.payer}>${r.payee}`} data-payer={name(r.payer)} data-payee={name(r.payee)}>
                  <th scope="row">
                    {a} ↔ {b}
                  </th>
                  <td class="num" data-testid="net-sek">
                    {sek(r.netSek)}
                  </td>
                  <td>
                    {r.netSek === 0
                      ? t('overview.settlement.even')
                      : t('overview.settlement.pays', { payer: name(r.payer), payee: name(r.payee) })}
                  </td>
                  <td class="muted small">
                    {t('overview.settlement.gross', {
                      from: name(r.payer),
                      to: name(r.payee),
                      sek: sek(r.paidSek),
                    })}
                    {/* The other direction only when it has any: "… → …: 0 kr" says nothing. */}
                    {r.receivedSek > 0 &&
                      ` · ${t('overview.settlement.gross', {
                        from: name(r.payee),
                        to: name(r.payer),
                        sek: sek(r.receivedSek),
                      })}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

type SortKey = 'name' | 'waiting' | 'pastGuarantee' | 'pastTarget';
interface Sort {
  key: SortKey;
  dir: 1 | -1;
}

/** Hospitals with their subtotal first, then their specialties, both sorted by the chosen column. */
function WaitingTable({ summary, reference }: { summary: Summary; reference: Reference }) {
  const { t, num, pct, lang } = useI18n();
  const [sort, setSort] = useState<Sort>({ key: 'waiting', dir: -1 });
  // Hospitals first: a hospital's specialties open with its button, or all at once.
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [all, setAll] = useState(false);
  const toggle = (h: string) =>
    setOpen((o) => {
      const n = new Set(o);
      if (!n.delete(h)) n.add(h);
      return n;
    });
  const value = (c: Cell, key: Exclude<SortKey, 'name'>): number =>
    key === 'waiting'
      ? c.waiting
      : key === 'pastGuarantee'
        ? guaranteeShare(c)
        : c.waiting === 0
          ? 0
          : c.pastTarget / c.waiting;
  const order = <T,>(xs: T[], name: (x: T) => string, cell: (x: T) => Cell): T[] =>
    xs.toSorted((a, b) => {
      const d =
        sort.key === 'name'
          ? name(a).localeCompare(name(b), lang)
          : value(cell(a), sort.key) - value(cell(b), sort.key);
      return sort.dir * d || name(a).localeCompare(name(b), lang);
    });
  const groups = order(
    reference.hospitals.flatMap((h) => {
      const byS = summary.cells.get(h.id);
      if (byS === undefined) return [];
      const sub: Cell = { waiting: 0, guaranteeWaived: 0, pastGuarantee: 0, pastTarget: 0 };
      for (const c of byS.values()) {
        sub.waiting += c.waiting;
        sub.guaranteeWaived += c.guaranteeWaived;
        sub.pastGuarantee += c.pastGuarantee;
        sub.pastTarget += c.pastTarget;
      }
      const specialties = order(
        [...byS].map(([s, c]) => ({ s, c })),
        (x) => specialtyName(reference, x.s, lang),
        (x) => x.c,
      );
      return [{ h: h.id, name: hospitalName(reference, h.id), sub, specialties }];
    }),
    (g) => g.name,
    (g) => g.sub,
  );
  const head = (key: SortKey, label: string, cls?: string) => {
    const state = sort.key !== key ? 'none' : sort.dir === 1 ? 'ascending' : 'descending';
    return (
      <th scope="col" class={cls} aria-sort={state}>
        <button
          type="button"
          class="sort-btn"
          data-sort={key}
          title={t('overview.sortBy', { col: label })}
          onClick={() =>
            setSort((s) => ({
              key,
              // A new column starts with the most telling end: names A–Ö, numbers largest first.
              dir: s.key === key ? (s.dir === 1 ? -1 : 1) : key === 'name' ? 1 : -1,
            }))
          }
        >
          {label}
          <span aria-hidden="true" class="sort-mark">
            {state === 'ascending' ? ' ▲' : state === 'descending' ? ' ▼' : ' ↕'}
          </span>
        </button>
      </th>
    );
  };
  const cells = (c: Cell) => {
    const g = guaranteeShare(c);
    const m = c.waiting === 0 ? 0 : c.pastTarget / c.waiting;
    return (
      <>
        <td class="num">{num(c.waiting)}</td>
        <td>
          <Bar share={g} tone="bad" /> {pct(g)} <span class="muted">({num(c.pastGuarantee)})</span>
        </td>
        <td>
          <Bar share={m} tone="warn" /> {pct(m)} <span class="muted">({num(c.pastTarget)})</span>
        </td>
      </>
    );
  };
  return (
    <>
      <label class="check">
        <input
          type="checkbox"
          checked={all}
          onChange={(e) => setAll((e.currentTarget as HTMLInputElement).checked)}
          data-testid="show-specialties"
        />{' '}
        {t('overview.showSpecialties')}
      </label>
      <table class="data" data-testid="waiting-by-hospital">
        <caption class="sr-only">
          {t('overview.byHospital')}. {t('overview.sortHelp')}
        </caption>
        <thead>
          <tr>
            {head('name', t('col.hospital'))}
            <th scope="col">{t('col.specialty')}</th>
            {head('waiting', t('col.waiting'), 'num')}
            {head('pastGuarantee', t('col.pastGuarantee'))}
            {head('pastTarget', t('col.pastTarget'))}
          </tr>
        </thead>
        {groups.map((g) => {
          const expanded = all || open.has(g.h);
          return (
            <tbody key={g.h} data-hospital={g.name}>
              <tr class="group-start subtotal" data-testid="hospital-subtotal">
                <th scope="row">
                  <button
                    type="button"
                    class="disclosure"
                    aria-expanded={expanded}
                    disabled={all}
                    title={t(expanded ? 'overview.hideSpecialtiesOf' : 'overview.showSpecialtiesOf', {
                      hospital: g.name,
                    })}
                    onClick={() => toggle(g.h)}
                  >
                    <span aria-hidden="true">{expanded ? '▾ ' : '▸ '}</span>
                    {g.name}
                  </button>
                </th>
                <td>{t('overview.subtotalOf', { n: g.specialties.length })}</td>
                {cells(g.sub)}
              </tr>
              {expanded &&
                g.specialties.map(({ s, c }) => (
                  <tr key={s}>
                    <th scope="row">
                      <span class="sr-only">{g.name}</span>
                    </th>
                    <td>{specialtyName(reference, s, lang)}</td>
                    {cells(c)}
                  </tr>
                ))}
            </tbody>
          );
        })}
        <tfoot>
          <tr class="subtotal total">
            <th scope="row">{t('overview.total')}</th>
            <td>{t('overview.subtotal')}</td>
            {cells(summary.total)}
          </tr>
        </tfoot>
      </table>
    </>
  );
}

/** Fairness figures (README "Fairness figures"), plan beside baseline, and booked vs waiting tables. */
function FairnessSection({
  plan,
  base,
  reference,
  grids,
}: {
  plan: Fairness;
  base: Fairness;
  reference: Reference;
  grids: PriorityGrid[];
}) {
  const { t, num, pct, lang } = useI18n();
  // Priority groups are per home region: a code with the same words everywhere reads "A – Inom 2
  // veckor"; where regions word it differently, their words are joined. Ordered by urgency.
  const groupWords = new Map<string, { labels: Set<string>; maxDays: number }>();
  for (const g of grids)
    for (const x of g.groups) {
      const w = groupWords.get(x.group) ?? { labels: new Set<string>(), maxDays: x.maxDays };
      w.labels.add(lang === 'sv' ? x.labelSv : x.labelEn);
      w.maxDays = Math.min(w.maxDays, x.maxDays);
      groupWords.set(x.group, w);
    }
  const groupLabel = (code: string): string => {
    const w = groupWords.get(code);
    return w === undefined
      ? code
      : t('overview.priorityGroup', { group: code, label: [...w.labels].join(' / ') });
  };
  const vs = (a: string, b: string): string => `${t('kpi.plan')} ${a} · ${t('kpi.baseline')} ${b}`;
  return (
    <>
      <dl class="kpis" data-testid="fairness-kpis">
        <Kpi
          label={t('fair.topNeed')}
          def={t('fair.topNeed.def')}
          value={pct(plan.topNeedCoverage)}
          sub={vs(`${num(plan.topNeedBooked)} / ${num(plan.topNeedListed)}`, pct(base.topNeedCoverage))}
          tone={plan.topNeedCoverage > base.topNeedCoverage ? 'good' : undefined}
        />
        <Kpi
          label={t('fair.topNeedPassedOver')}
          def={t('fair.topNeedPassedOver.def')}
          value={num(plan.topNeedPassedOver)}
          sub={`${t('kpi.baseline')} ${num(base.topNeedPassedOver)}`}
          tone={plan.topNeedPassedOver > 0 ? 'bad' : undefined}
        />
        <Kpi
          label={t('fair.overtakings')}
          def={t('fair.overtakings.def')}
          value={`${num(plan.overtakings)} (${pct(plan.overtakingShare)})`}
          sub={`${t('kpi.baseline')} ${num(base.overtakings)} (${pct(base.overtakingShare)})`}
          tone={plan.overtakingShare > 0.01 ? 'bad' : undefined}
        />
        <Kpi
          label={t('fair.minPastTarget')}
          def={t('fair.minPastTarget.def')}
          value={num(plan.theatreMinPastTarget)}
          sub={vs(num(plan.theatreMinPastTarget), num(base.theatreMinPastTarget))}
        />
        <Kpi
          label={t('fair.longShare')}
          def={t('fair.longShare.def')}
          value={pct(plan.longProcedureMinShare)}
          sub={`${t('kpi.baseline')} ${pct(base.longProcedureMinShare)}`}
          tone={plan.longProcedureMinShare < 0.8 * base.longProcedureMinShare ? 'bad' : undefined}
        />
        <Kpi
          label={t('fair.guaranteeDaysAvoided')}
          def={t('fair.guaranteeDaysAvoided.def')}
          value={num(plan.pastGuaranteeDaysAvoided)}
          sub={`${t('kpi.baseline')} ${num(base.pastGuaranteeDaysAvoided)}`}
        />
        <Kpi
          label={t('fair.targetDaysAvoided')}
          def={t('fair.targetDaysAvoided.def')}
          value={num(plan.pastTargetDaysAvoided)}
          sub={`${t('kpi.baseline')} ${num(base.pastTargetDaysAvoided)}`}
        />
      </dl>
      <h3>{t('overview.bookedVsWaiting')}</h3>
      <BookedTable
        title={t('fair.by.priority')}
        plan={plan.byPriorityGroup}
        base={base.byPriorityGroup}
        label={groupLabel}
        order={(a, b) =>
          (groupWords.get(a)?.maxDays ?? Infinity) - (groupWords.get(b)?.maxDays ?? Infinity) ||
          a.localeCompare(b)
        }
        testId="booked-by-priority"
      />
      <BookedTable
        title={t('fair.by.specialty')}
        plan={plan.bySpecialty}
        base={base.bySpecialty}
        label={(k) => specialtyName(reference, k, lang)}
        testId="booked-by-specialty"
      />
      <BookedTable
        title={t('fair.by.procedure')}
        plan={plan.byProcedure}
        base={base.byProcedure}
        label={(k) => procedureLabel(reference, k, lang)}
        testId="booked-by-procedure"
      />
    </>
  );
}

function BookedTable(props: {
  title: string;
  plan: Record<string, FairnessCount>;
  base: Record<string, FairnessCount>;
  label: (key: string) => string;
  /** Row order; by label when not given. */
  order?: (a: string, b: string) => number;
  testId: string;
}) {
  const { t, num, pct } = useI18n();
  const keys = Object.keys(props.plan).toSorted(
    props.order ?? ((a, b) => props.label(a).localeCompare(props.label(b))),
  );
  return (
    <table class="data" data-testid={props.testId}>
      <caption>{props.title}</caption>
      <thead>
        <tr>
          <th scope="col">{props.title}</th>
          <th scope="col" class="num">
            {t('fair.col.listed')}
          </th>
          <th scope="col" class="num">
            {t('fair.col.booked')}
          </th>
          <th scope="col" class="num">
            {t('fair.col.bookedBaseline')}
          </th>
          <th scope="col" class="num">
            {t('fair.col.pastTarget')}
          </th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => {
          const c = props.plan[k] as FairnessCount;
          const b = props.base[k];
          return (
            <tr key={k}>
              <th scope="row">{props.label(k)}</th>
              <td class="num">{num(c.listed)}</td>
              <td class="num">
                {num(c.booked)} <span class="muted">({pct(c.listed === 0 ? 0 : c.booked / c.listed)})</span>
              </td>
              <td class="num">{num(b?.booked ?? 0)}</td>
              <td class="num">
                {num(c.bookedPastTarget)} / {num(c.pastTarget)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
