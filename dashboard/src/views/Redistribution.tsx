// Redistribution (planner, analyst): who moves from where to where. A map of the region's hospitals
// on a real coastline (Natural Earth via world-atlas, projected with d3-geo; the file is cut down at
// build time, see dashboard/coastline.ts) with flow arrows sized by patients, gross or net, filtered
// by size, an inset of south-west Skåne, the origin × destination matrix with in/out totals,
// regional team placements and lent surgeon lists per day, and the cross-region settlement. Every
// number opens the patients behind it, exactly as the API returned them for the role.
import { useEffect, useRef, useState } from 'preact/hooks';
import { geoPath, geoTransverseMercator } from 'd3-geo';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { Tip } from '../components/Tip.tsx';
import { NumberField } from '../components/Fields.tsx';
import { assignmentReasonText } from '../lib/reasons.ts';
import { useI18n } from '../lib/i18n.ts';
import {
  hospitalName,
  procedureLabel,
  regionName,
  specialtyName,
  theatreName,
  useReference,
  type Reference,
} from '../lib/reference.ts';
import { startOf, type Hospital, type Plan, type PlanAssignment } from '../lib/types.ts';
import { netSettlement } from '../lib/settlement.ts';
import { Kpi } from '../components/Kpi.tsx';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { patientText } from '../components/Patient.tsx';
import type { Async } from '../lib/async.ts';

/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
export const OKABE_ITO = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
];

interface Drill {
  label: string;
  rows: PlanAssignment[];
}

const origin = (a: PlanAssignment): string | undefined => a.patient?.listingHospitalId;

type Coast = FeatureCollection<MultiPolygon, { name: string }>;
let coastRequest: Promise<Coast | null> | undefined;
/** The coastline, fetched once per page load; null when it cannot be had (the map still draws). */
function useCoastline(): Coast | null | undefined {
  const [coast, setCoast] = useState<Coast | null | undefined>(undefined);
  useEffect(() => {
    coastRequest ??= fetch('/coastline.json')
      .then((r) => (r.ok ? (r.json() as Promise<Coast>) : null))
      .catch(() => null);
    let live = true;
    void coastRequest.then((c) => live && setCoast(c));
    return () => {
      live = false;
    };
  }, []);
  return coast;
}

/** South-west Skåne (Malmö, Lund, Trelleborg, Landskrona, Ystad): the inset's box, lon/lat. */
const INSET = { west: 12.6, east: 14.0, south: 55.3, north: 55.95 };

/**
 * Net flows: per pair of hospitals one route, from the side that sends more, carrying the
 * difference; its patients are both directions' (the drill-down shows who travels either way).
 */
function netFlows<T>(flows: [string, T[]][]): { flows: [string, T[]][]; counts: Map<string, number> } {
  const by = new Map(flows);
  const out: [string, T[]][] = [];
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  for (const [key, rows] of flows) {
    const [o = '', d = ''] = key.split('>');
    const back = `${d}>${o}`;
    if (seen.has(key)) continue;
    seen.add(key).add(back);
    const rev = by.get(back) ?? [];
    const net = rows.length - rev.length;
    if (net === 0) continue;
    const k = net > 0 ? key : back;
    out.push([k, [...rows, ...rev]]);
    counts.set(k, Math.abs(net));
  }
  return { flows: out, counts };
}

export function Redistribution({
  plan,
  pseudonymised,
}: {
  plan: Async<Plan | null>;
  pseudonymised: boolean;
}) {
  const i = useI18n();
  const { t, num, sek, date } = i;
  const ref = useReference();
  const coast = useCoastline();
  const [drill, setDrill] = useState<Drill | undefined>();
  const [net, setNet] = useState(false);
  const [minFlow, setMinFlow] = useState(1);
  if (ref.error) return <ErrorBox error={ref.error} retry={ref.reload} />;
  if (plan.error) return <ErrorBox error={plan.error} retry={plan.reload} />;
  if (ref.data === undefined || plan.data === undefined) return <Loading />;
  const R = ref.data;
  const p = plan.data;
  if (p === null) return <p class="muted">{t('plan.none')}</p>;
  if (p.result === null)
    return <p class="muted">{t('plan.noResult', { status: t(`planStatus.${p.status}`) })}</p>;
  const res = p.result;
  const assignments = res.assignments;
  const flows = new Map<string, PlanAssignment[]>();
  for (const a of assignments) {
    const o = origin(a);
    if (o === undefined) continue;
    const key = `${o}>${a.hospitalId}`;
    flows.set(key, [...(flows.get(key) ?? []), a]);
  }
  const origins = R.hospitals.filter((h) => assignments.some((a) => origin(a) === h.id)).map((h) => h.id);
  const dests = R.hospitals.filter((h) => assignments.some((a) => a.hospitalId === h.id)).map((h) => h.id);
  const moved = [...flows].filter(([k]) => {
    const [o, d] = k.split('>');
    return o !== d;
  });
  const open = (label: string, rows: PlanAssignment[]) => setDrill({ label, rows });
  const netted = net ? netFlows(moved) : { flows: moved, counts: new Map<string, number>() };
  const counts = netted.counts;
  const size = (k: string, rows: PlanAssignment[]): number => counts.get(k) ?? rows.length;
  const maxFlow = Math.max(1, ...netted.flows.map(([k, r]) => size(k, r)));
  const shown = netted.flows.filter(([k, r]) => size(k, r) >= minFlow);
  const insetIds = new Set(
    R.hospitals
      .filter(
        (h) => h.lon >= INSET.west && h.lon <= INSET.east && h.lat >= INSET.south && h.lat <= INSET.north,
      )
      .map((h) => h.id),
  );
  // In and out of each hospital: patients listed elsewhere operated here, and the reverse.
  const inTotal = (d: string): number =>
    origins.reduce((s, o) => s + (o === d ? 0 : (flows.get(`${o}>${d}`)?.length ?? 0)), 0);
  const outTotal = (o: string): number =>
    dests.reduce((s, d) => s + (o === d ? 0 : (flows.get(`${o}>${d}`)?.length ?? 0)), 0);
  const settlement = Object.entries(res.kpis.settlementSek).filter(([, v]) => v !== 0);
  const pairRows = (payer: string, payee: string) =>
    assignments.filter(
      (a) =>
        a.patient?.homeRegionId === payer &&
        R.hospital.get(a.hospitalId)?.regionId === payee &&
        payer !== payee,
    );

  return (
    <section aria-labelledby="rd-title">
      <h1 id="rd-title">{t('redis.title')}</h1>
      {pseudonymised && <p class="note">{t('redis.pseudo')}</p>}
      <dl class="kpis">
        <Kpi label={t('kpi.moved')} def={t('kpi.moved.def')} value={num(res.kpis.patientsMoved)} />
        <Kpi
          label={t('overview.settlement.kpi')}
          def={t('overview.settlement.kpi.def')}
          value={sek(netSettlement(res.kpis.settlementSek).reduce((s, r) => s + r.netSek, 0))}
        />
      </dl>
      <figure class="map-figure">
        <figcaption>
          <h2>{t('redis.map')}</h2>
          <p class="muted small">{t('redis.mapDesc')}</p>
        </figcaption>
        <div class="map-controls">
          <label class="check">
            <input
              type="checkbox"
              checked={net}
              onChange={(e) => setNet((e.currentTarget as HTMLInputElement).checked)}
              data-testid="net-flows"
            />{' '}
            {t('map.net')}
          </label>
          <Tip text={t('map.net.def')} />
          <label>
            {t('map.minFlow')}{' '}
            <NumberField
              min={1}
              max={maxFlow}
              step={1}
              class="num-input"
              value={String(minFlow)}
              onValue={(x) => {
                const v = Number(x);
                if (x !== '' && Number.isInteger(v) && v >= 1) setMinFlow(v);
              }}
              data-testid="min-flow"
            />{' '}
            {t('map.minFlow.unit')}
          </label>
        </div>
        <div class={insetIds.size >= 2 ? 'map-pair' : undefined}>
          <FlowMap reference={R} flows={shown} counts={counts} onOpen={open} coast={coast} />
          {insetIds.size >= 2 && (
            <figure class="map-inset">
              <figcaption>
                <h3>{t('map.inset')}</h3>
              </figcaption>
              <FlowMap
                reference={R}
                hospitals={R.hospitals.filter((h) => insetIds.has(h.id))}
                flows={shown.filter(([k]) => k.split('>').every((x) => insetIds.has(x)))}
                counts={counts}
                onOpen={open}
                coast={coast}
                inset
              />
            </figure>
          )}
        </div>
        <p class="muted small">{t('map.source')}</p>
      </figure>
      <div>
        <h2>{t('redis.matrix')}</h2>
        <p class="muted small">{t('redis.matrixDesc')}</p>
        {origins.length === 0 ? (
          <p class="muted">{t('redis.noMoves')}</p>
        ) : (
          <div class="scroll-x">
            <table class="data matrix matrix-fit" data-testid="od-matrix">
              <thead>
                <tr>
                  <th scope="col">
                    {t('col.from')} \ {t('col.to')}
                  </th>
                  {dests.map((d) => (
                    <th scope="col" key={d} class="vert" title={R.hospital.get(d)?.name}>
                      <span>{hospitalName(R, d)}</span>
                    </th>
                  ))}
                  <th scope="col" class="vert total">
                    <span>{t('matrix.out')}</span> <Tip text={t('matrix.out.def')} />
                  </th>
                </tr>
              </thead>
              <tbody>
                {origins.map((o) => (
                  <tr key={o}>
                    <th scope="row">{hospitalName(R, o)}</th>
                    {dests.map((d) => {
                      const rows = flows.get(`${o}>${d}`) ?? [];
                      const label = `${hospitalName(R, o)} → ${hospitalName(R, d)}`;
                      return (
                        <td key={d} class={`num${o === d ? ' diag' : rows.length > 0 ? ' moved' : ''}`}>
                          {rows.length === 0 ? (
                            <span class="muted">·</span>
                          ) : (
                            <button
                              type="button"
                              class="link"
                              onClick={() => open(label, rows)}
                              aria-label={t('redis.flowLabel', {
                                from: hospitalName(R, o),
                                to: hospitalName(R, d),
                                n: rows.length,
                              })}
                            >
                              {num(rows.length)}
                            </button>
                          )}
                        </td>
                      );
                    })}
                    <td class="num total" data-testid="out-total">
                      {num(outTotal(o))}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">
                    {t('matrix.in')} <Tip text={t('matrix.in.def')} />
                  </th>
                  {dests.map((d) => (
                    <td key={d} class="num total" data-testid="in-total">
                      {num(inTotal(d))}
                    </td>
                  ))}
                  <td class="num total">{num(origins.reduce((sum, o) => sum + outTotal(o), 0))}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </div>
      {drill !== undefined && <DrillPanel drill={drill} reference={R} onClose={() => setDrill(undefined)} />}

      <h2>{t('redis.teams')}</h2>
      {res.teamPlacements.length === 0 ? (
        <p class="muted">{t('redis.noTeams')}</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('col.date')}</th>
              <th scope="col">{t('col.team')}</th>
              <th scope="col">{t('col.hospital')}</th>
              <th scope="col">{t('col.theatre')}</th>
              <th scope="col" class="num">
                {t('col.patient')}
              </th>
            </tr>
          </thead>
          <tbody>
            {res.teamPlacements.map((tp) => {
              const rows = assignments.filter((a) => a.theatreId === tp.theatreId && a.date === tp.date);
              return (
                <tr key={`${tp.teamId}:${tp.date}`}>
                  <td>{date(tp.date)}</td>
                  <td>{R.teams.get(tp.teamId)?.name ?? tp.teamId}</td>
                  <td>{hospitalName(R, tp.hospitalId)}</td>
                  <td>{theatreName(R, tp.theatreId)}</td>
                  <td class="num">
                    <button
                      type="button"
                      class="link"
                      onClick={() => open(`${R.teams.get(tp.teamId)?.name ?? tp.teamId} ${tp.date}`, rows)}
                    >
                      {num(rows.length)}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h2>{t('redis.lent')}</h2>
      {res.lentLists.length === 0 ? (
        <p class="muted">{t('redis.noLent')}</p>
      ) : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('col.date')}</th>
              <th scope="col">{t('col.from')}</th>
              <th scope="col">{t('col.to')}</th>
              <th scope="col">{t('col.specialtyLists')}</th>
              <th scope="col">{t('col.theatre')}</th>
              <th scope="col" class="num">
                {t('col.patient')}
              </th>
            </tr>
          </thead>
          <tbody>
            {res.lentLists.map((l) => {
              const rows = assignments.filter((a) => a.theatreId === l.theatreId && a.date === l.date);
              return (
                <tr key={`${l.theatreId}:${l.date}`}>
                  <td>{date(l.date)}</td>
                  <td>{hospitalName(R, l.fromHospitalId)}</td>
                  <td>{hospitalName(R, l.toHospitalId)}</td>
                  <td>{specialtyName(R, l.specialtyId, i.lang)}</td>
                  <td>{theatreName(R, l.theatreId)}</td>
                  <td class="num">
                    <button
                      type="button"
                      class="link"
                      onClick={() =>
                        open(
                          `${hospitalName(R, l.fromHospitalId)} → ${hospitalName(R, l.toHospitalId)} ${l.date}`,
                          rows,
                        )
                      }
                    >
                      {num(rows.length)}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <h2>{t('redis.settlement')}</h2>
      {settlement.length === 0 ? (
        <p class="muted">{t('redis.noSettlement')}</p>
      ) : (
        <table class="data" data-testid="settlement">
          <thead>
            <tr>
              <th scope="col">{t('col.payer')}</th>
              <th scope="col">{t('col.payee')}</th>
              <th scope="col" class="num">
                {t('col.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {settlement.map(([key, v]) => {
              const [payer = '', payee = ''] = key.split('->');
              return (
                <tr key={key}>
                  <td>{regionName(R, payer)}</td>
                  <td>{regionName(R, payee)}</td>
                  <td class="num">
                    <button
                      type="button"
                      class="link"
                      onClick={() =>
                        open(`${regionName(R, payer)} → ${regionName(R, payee)}`, pairRows(payer, payee))
                      }
                    >
                      {sek(v)}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function DrillPanel({
  drill,
  reference: R,
  onClose,
}: {
  drill: Drill;
  reference: Reference;
  onClose: () => void;
}) {
  const i18nNow = useI18n();
  const { t, date, lang } = i18nNow;
  const heading = useRef<HTMLHeadingElement>(null);
  // Move focus to the opened list (keyboard and screen-reader users land on what they asked for).
  useEffect(() => heading.current?.focus(), [drill]);
  return (
    <section class="drill" aria-labelledby="drill-title" data-testid="drill">
      <header>
        <h2 id="drill-title" tabIndex={-1} ref={heading}>
          {t('redis.drill', { label: drill.label })} ({drill.rows.length})
        </h2>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </header>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('col.patient')}</th>
            <th scope="col">{t('col.procedure')}</th>
            <th scope="col">{t('col.home')}</th>
            <th scope="col">{t('col.hospital')}</th>
            <th scope="col">{t('col.date')}</th>
            <th scope="col">{t('col.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {drill.rows.map((a) => (
            <tr key={a.patientId}>
              <td>{patientText(a.patientId, a.patient)}</td>
              <td>{a.patient === null ? '–' : procedureLabel(R, a.patient.procedureId, lang)}</td>
              <td>{a.patient === null ? '–' : hospitalName(R, a.patient.listingHospitalId)}</td>
              <td>{hospitalName(R, a.hospitalId)}</td>
              <td>
                {date(a.date)} {startOf(a)}
              </td>
              <td class="small">{assignmentReasonText(i18nNow, R, a)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Height in viewBox units that the hospitals' bounding box is scaled to (≈ screen px at full size). */
const MAP_H = 480;
/** Upper bound on the width of the hospitals' bounding box, for very wide regions. */
const MAP_W = 1100;
/** Padding around everything drawn (dots, names, curves, counts). */
const PAD = 14;
/** Dots closer than this are nudged apart (two hospitals in one town would otherwise be one dot). */
const MIN_SEP = 15;
/** By default only the largest routes are drawn: at most this many… */
export const MAX_ROUTES = 25;
/** …and only those carrying at least this share of the moved patients. */
export const MIN_SHARE = 0.01;
const NAME_FONT = 13;
const COUNT_FONT = 13;

interface Pt {
  x: number;
  y: number;
}
/** An axis-aligned box: top-left corner, width, height. */
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlap = (a: Box, b: Box): number =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

/** The candidate that overlaps the obstacles least (weighted by `wt`, default 1); the first one wins
 * ties (candidates are in order of preference). */
function bestBox(candidates: Box[], obstacles: (Box & { wt?: number })[]): Box {
  let best = candidates[0]!;
  let bestCost = Infinity;
  for (const c of candidates) {
    let cost = 0;
    for (const o of obstacles) cost += overlap(c, o) * (o.wt ?? 1);
    if (cost < bestCost - 1e-9) {
      best = c;
      bestCost = cost;
      if (cost === 0) break;
    }
  }
  return best;
}

/** The routes drawn by default: the largest ones, at most MAX_ROUTES, each with ≥ MIN_SHARE of the moved patients. */
export function majorRoutes<T>(
  flows: [string, T[]][],
  size: (key: string, rows: T[]) => number = (_k, r) => r.length,
): Set<string> {
  const total = flows.reduce((s, [k, r]) => s + size(k, r), 0);
  const sorted = [...flows].sort((x, y) => size(y[0], y[1]) - size(x[0], x[1]) || x[0].localeCompare(y[0]));
  return new Set(
    sorted
      .filter(([k, r]) => size(k, r) >= MIN_SHARE * total)
      .slice(0, MAX_ROUTES)
      .map(([k]) => k),
  );
}

function FlowMap({
  reference: R,
  flows,
  counts,
  onOpen,
  coast,
  hospitals,
  inset = false,
}: {
  reference: Reference;
  flows: [string, PlanAssignment[]][];
  /** Route sizes when they are not the number of patients (net flows). */
  counts?: Map<string, number>;
  onOpen: (label: string, rows: PlanAssignment[]) => void;
  coast: Coast | null | undefined;
  /** The hospitals to draw (default: all); the inset draws the ones in its box. */
  hospitals?: Hospital[];
  inset?: boolean;
}) {
  const { t, num } = useI18n();
  const [showAll, setShowAll] = useState(false);
  const hs = hospitals ?? R.hospitals;
  if (hs.length === 0) return null;
  const size = (key: string, rows: PlanAssignment[]): number => counts?.get(key) ?? rows.length;
  const lats = hs.map((h) => h.lat);
  const lons = hs.map((h) => h.lon);
  const [minLat, maxLat, minLon, maxLon] = [
    Math.min(...lats),
    Math.max(...lats),
    Math.min(...lons),
    Math.max(...lons),
  ];
  // Transverse Mercator on 15° E (as SWEREF 99 TM, Sweden's national grid): true shapes over the
  // whole country. Fitted to the hospitals' box (at least ~5 km across, so one town still fits).
  const m = 0.03;
  const projection = geoTransverseMercator()
    .rotate([-15, 0])
    .fitSize(inset ? [MAP_W * 0.6, MAP_H * 0.6] : [MAP_W, MAP_H], {
      type: 'MultiPoint',
      coordinates: [
        [minLon - m, minLat - m],
        [maxLon + m, maxLat + m],
        [minLon - m, maxLat + m],
        [maxLon + m, minLat - m],
      ],
    });
  const pts: Pt[] = hs.map((h) => {
    const [x = 0, y = 0] = projection([h.lon, h.lat]) ?? [];
    return { x, y };
  });
  // Nudge apart dots that would sit on top of each other (e.g. a private clinic in the same town).
  for (let it = 0; it < 20; it++) {
    let moved = false;
    for (let a = 0; a < pts.length; a++)
      for (let b = a + 1; b < pts.length; b++) {
        const [p, q] = [pts[a]!, pts[b]!];
        const d = Math.hypot(q.x - p.x, q.y - p.y);
        if (d >= MIN_SEP) continue;
        // Coincident dots are split along a fixed direction so the layout is deterministic.
        const [ux, uy] = d < 1e-6 ? [Math.SQRT1_2, Math.SQRT1_2] : [(q.x - p.x) / d, (q.y - p.y) / d];
        const push = (MIN_SEP - d) / 2 + 0.01;
        [p.x, p.y, q.x, q.y] = [p.x - ux * push, p.y - uy * push, q.x + ux * push, q.y + uy * push];
        moved = true;
      }
    if (!moved) break;
  }
  const pos = new Map(hs.map((h, n) => [h.id, pts[n]!]));
  const radius = new Map(hs.map((h) => [h.id, h.acute ? 7 : 5]));
  const regionIds = [...new Set(hs.map((h) => h.regionId))];
  const colour = (regionId: string) => OKABE_ITO[regionIds.indexOf(regionId) % OKABE_ITO.length] ?? '#000';

  // Everything that labels must stay off: the dots first, then each placed label.
  const obstacles: (Box & { wt?: number })[] = hs.map((h) => {
    const p = pos.get(h.id)!;
    const r = radius.get(h.id)! + 2;
    return { x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r };
  });
  // Hospital names: right of the dot if free, else left, above or below.
  const names = new Map<string, Box>();
  for (const h of hs) {
    const p = pos.get(h.id)!;
    const r = radius.get(h.id)!;
    const w = h.shortName.length * NAME_FONT * 0.58 + 2;
    const lh = NAME_FONT + 3;
    const box = bestBox(
      [
        { x: p.x + r + 4, y: p.y - lh / 2, w, h: lh },
        { x: p.x - r - 4 - w, y: p.y - lh / 2, w, h: lh },
        { x: p.x - w / 2, y: p.y - r - 3 - lh, w, h: lh },
        { x: p.x - w / 2, y: p.y + r + 3, w, h: lh },
        { x: p.x + r + 2, y: p.y - r - lh, w, h: lh },
        { x: p.x + r + 2, y: p.y + r, w, h: lh },
      ],
      obstacles,
    );
    names.set(h.id, box);
    obstacles.push(box);
  }

  const total = flows.reduce((s, [k, r]) => s + size(k, r), 0);
  // The inset draws every route between its hospitals: there are few, and it is the close-up.
  const major = inset ? new Set(flows.map(([k]) => k)) : majorRoutes(flows, size);
  // Largest first, so the thin routes are drawn on top of the thick ones and stay clickable.
  const sorted = [...flows].sort((x, y) => size(y[0], y[1]) - size(x[0], x[1]) || x[0].localeCompare(y[0]));
  const drawn = sorted.filter(([key]) => showAll || major.has(key));
  const max = Math.max(1, ...flows.map(([k, r]) => size(k, r)));
  const extent: Box[] = [...obstacles];
  const geometry = drawn.flatMap(([key, rows]) => {
    const [o = '', d = ''] = key.split('>');
    const a = pos.get(o);
    const b = pos.get(d);
    if (a === undefined || b === undefined) return [];
    // A gentle curve so A->B and B->A do not overlap; it bulges to the left of the direction of travel.
    const mx = (a.x + b.x) / 2 + (b.y - a.y) * 0.15;
    const my = (a.y + b.y) / 2 - (b.x - a.x) * 0.15;
    const isMajor = major.has(key);
    const w = 1.5 + 8 * Math.sqrt(size(key, rows) / max);
    // Arrowhead drawn by hand (a marker would grow with the stroke), ending at the dot's rim.
    const len = Math.hypot(b.x - mx, b.y - my) || 1;
    const [ux, uy] = [(b.x - mx) / len, (b.y - my) / len];
    const head = 6 + w;
    const rim = (radius.get(d) ?? 6) + 2;
    const tip = { x: b.x - ux * rim, y: b.y - uy * rim };
    const base = { x: tip.x - ux * head, y: tip.y - uy * head };
    const half = head * 0.55;
    const arrow = `M${tip.x},${tip.y} L${base.x - uy * half},${base.y + ux * half} L${base.x + uy * half},${base.y - ux * half} z`;
    // The bulge of the curve, so the drawing's bounding box includes it.
    const peak = { x: 0.25 * a.x + 0.5 * mx + 0.25 * b.x, y: 0.25 * a.y + 0.5 * my + 0.25 * b.y };
    extent.push({ x: peak.x - w, y: peak.y - w, w: 2 * w, h: 2 * w });
    return [{ key, o, d, rows, a, b, mx, my, base, tip, arrow, w, isMajor }];
  });
  // Counts must also stay off arrowheads, and preferably off the routes' lines.
  for (const r of geometry) {
    const hw = 6 + r.w;
    obstacles.push({ x: r.tip.x - hw, y: r.tip.y - hw, w: 2 * hw, h: 2 * hw });
    for (let tt = 0.1; tt < 0.95; tt += 0.1) {
      const q = {
        x: (1 - tt) ** 2 * r.a.x + 2 * (1 - tt) * tt * r.mx + tt ** 2 * r.b.x,
        y: (1 - tt) ** 2 * r.a.y + 2 * (1 - tt) * tt * r.my + tt ** 2 * r.b.y,
      };
      obstacles.push({ x: q.x - r.w / 2, y: q.y - r.w / 2, w: r.w, h: r.w, wt: 0.3 });
    }
  }
  const routes = geometry.map((r) => {
    const { a, b, mx, my, w, isMajor, rows } = r;
    // The count: somewhere along the middle of the curve, just off the stroke (outside of the bulge
    // first, so A->B and B->A put theirs on opposite sides), clear of dots, names and other counts.
    const text = num(size(r.key, rows));
    const bw = text.length * COUNT_FONT * 0.62 + 4;
    const bh = COUNT_FONT + 2;
    const candidates: Box[] = [];
    for (const extra of [0, bh, 2 * bh])
      for (const tt of [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74])
        for (const side of [1, -1]) {
          const q = {
            x: (1 - tt) ** 2 * a.x + 2 * (1 - tt) * tt * mx + tt ** 2 * b.x,
            y: (1 - tt) ** 2 * a.y + 2 * (1 - tt) * tt * my + tt ** 2 * b.y,
          };
          // Tangent of the quadratic Bézier at tt; its left normal points to the bulge.
          const tx = 2 * (1 - tt) * (mx - a.x) + 2 * tt * (b.x - mx);
          const ty = 2 * (1 - tt) * (my - a.y) + 2 * tt * (b.y - my);
          const tl = Math.hypot(tx, ty) || 1;
          const [nx, ny] = [(side * ty) / tl, (-side * tx) / tl];
          const off = w / 2 + 3 + extra + Math.abs(nx) * (bw / 2) + Math.abs(ny) * (bh / 2);
          candidates.push({ x: q.x + nx * off - bw / 2, y: q.y + ny * off - bh / 2, w: bw, h: bh });
        }
    // Minor routes (drawn only with "show all") get their count only while hovered or focused.
    const labelBox = bestBox(candidates, obstacles);
    if (isMajor) obstacles.push(labelBox);
    extent.push(labelBox);
    return { ...r, text, labelBox };
  });

  const minX = Math.min(...extent.map((e) => e.x)) - PAD;
  const minY = Math.min(...extent.map((e) => e.y)) - PAD;
  const vbW = Math.max(...extent.map((e) => e.x + e.w)) + PAD - minX;
  const vbH = Math.max(...extent.map((e) => e.y + e.h)) + PAD - minY;
  const hidden = flows.length - drawn.length;
  // The land, clipped to a margin around the drawing so the path holds only what can be seen.
  const land =
    coast === null || coast === undefined
      ? []
      : (() => {
          const path = geoPath(
            projection.clipExtent([
              [minX - vbW, minY - vbH],
              [minX + 2 * vbW, minY + 2 * vbH],
            ]),
          );
          return coast.features.map((f) => ({ name: f.properties.name, d: path(f) ?? '' }));
        })();
  const openRoute = (o: string, d: string, rows: PlanAssignment[]) =>
    onOpen(`${hospitalName(R, o)} → ${hospitalName(R, d)}`, rows);

  return (
    <div>
      {flows.length > 0 && !inset && (
        <div class="map-controls">
          <p class="small" data-testid="routes-shown" aria-live="polite">
            {showAll
              ? t('redis.routesAll', { m: num(flows.length), n: num(major.size) })
              : t('redis.routesShown', {
                  n: num(drawn.length),
                  m: num(flows.length),
                  max: MAX_ROUTES,
                  pct: num(MIN_SHARE * 100),
                  patients: num(drawn.reduce((s, [k, r]) => s + size(k, r), 0)),
                  total: num(total),
                })}
          </p>
          {(hidden > 0 || showAll) && (
            <label class="check">
              <input
                type="checkbox"
                checked={showAll}
                onChange={(e) => setShowAll((e.target as HTMLInputElement).checked)}
                data-testid="routes-all"
              />{' '}
              {t('redis.routesToggle', { m: num(flows.length) })}
            </label>
          )}
        </div>
      )}
      <svg
        viewBox={`${minX} ${minY} ${vbW} ${vbH}`}
        class="map"
        role="group"
        aria-label={t('redis.map')}
        data-testid={inset ? 'flow-map-inset' : 'flow-map'}
        data-coast={land.length > 0 ? 'yes' : 'no'}
      >
        <g class="land" aria-hidden="true">
          {land.map((l) => (
            <path key={l.name} d={l.d} />
          ))}
        </g>
        {routes.map((r) => {
          const label = t('redis.flowLabel', {
            from: hospitalName(R, r.o),
            to: hospitalName(R, r.d),
            n: size(r.key, r.rows),
          });
          return (
            <g
              key={r.key}
              class={`flow${r.isMajor ? '' : ' minor'}`}
              // Lower-case on purpose: Preact writes SVG attributes as spelt, and SVG only knows `tabindex`.
              tabindex={0}
              role="button"
              aria-label={label}
              onClick={() => openRoute(r.o, r.d, r.rows)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  openRoute(r.o, r.d, r.rows);
                }
              }}
            >
              <title>{label}</title>
              {/* A wide transparent stroke: an easier target for thin routes. */}
              <path
                d={`M${r.a.x},${r.a.y} Q${r.mx},${r.my} ${r.base.x},${r.base.y}`}
                class="hit"
                fill="none"
                stroke="transparent"
                stroke-width={Math.max(10, r.w + 4)}
              />
              <path
                d={`M${r.a.x},${r.a.y} Q${r.mx},${r.my} ${r.base.x},${r.base.y}`}
                class="line"
                fill="none"
                stroke-width={r.w}
              />
              <path d={r.arrow} class="head" />
              {!r.isMajor && (
                <text
                  x={r.labelBox.x + r.labelBox.w / 2}
                  y={r.labelBox.y + r.labelBox.h / 2}
                  class="flow-n"
                  text-anchor="middle"
                  dominant-baseline="central"
                  aria-hidden="true"
                >
                  {r.text}
                </text>
              )}
            </g>
          );
        })}
        {hs.map((h) => {
          const p = pos.get(h.id)!;
          return (
            <circle
              key={h.id}
              cx={p.x}
              cy={p.y}
              r={radius.get(h.id)}
              fill={h.acute ? colour(h.regionId) : '#fff'}
              stroke={colour(h.regionId)}
              stroke-width="2.5"
            />
          );
        })}
        {/* Counts and names on top of every route, each with a white halo. */}
        <g aria-hidden="true" class="map-text">
          {routes.map(
            (r) =>
              r.isMajor && (
                <text
                  key={r.key}
                  x={r.labelBox.x + r.labelBox.w / 2}
                  y={r.labelBox.y + r.labelBox.h / 2}
                  class="flow-n"
                  text-anchor="middle"
                  dominant-baseline="central"
                >
                  {r.text}
                </text>
              ),
          )}
          {hs.map((h) => {
            const b = names.get(h.id)!;
            return (
              <text key={h.id} x={b.x + 1} y={b.y + b.h / 2} class="map-label" dominant-baseline="central">
                {h.shortName}
              </text>
            );
          })}
        </g>
      </svg>
      <ul class="legend">
        {regionIds.map((r) => (
          <li key={r}>
            <svg width="14" height="14" aria-hidden="true">
              <circle cx="7" cy="7" r="5" fill={colour(r)} />
            </svg>{' '}
            {regionName(R, r)}
          </li>
        ))}
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="5" fill="#555" />
          </svg>{' '}
          {t('redis.acute')}
        </li>
        <li>
          <svg width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="4.5" fill="#fff" stroke="#555" stroke-width="2" />
          </svg>{' '}
          {t('redis.nonAcute')}
        </li>
      </ul>
    </div>
  );
}
