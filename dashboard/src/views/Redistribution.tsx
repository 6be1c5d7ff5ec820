// Redistribution (planner, analyst): who moves from where to where. A map of the region's hospitals
// drawn from their coordinates with flow arrows sized by patients, the origin × destination matrix,
// regional team placements and lent surgeon lists per day, and the cross-region settlement. Every
// number opens the patients behind it, exactly as the API returned them for the role.
import { useEffect, useRef, useState } from 'preact/hooks';
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
import { startOf, type Plan, type PlanAssignment } from '../lib/types.ts';
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
  const [drill, setDrill] = useState<Drill | undefined>();
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
          label={t('kpi.settlement')}
          def={t('kpi.settlement.def')}
          value={sek(settlement.reduce((s, [, v]) => s + v, 0))}
        />
      </dl>
      <div class="two-col">
        <figure class="map-figure">
          <figcaption>
            <h2>{t('redis.map')}</h2>
            <p class="muted small">{t('redis.mapDesc')}</p>
          </figcaption>
          <FlowMap reference={R} flows={moved} onOpen={open} />
        </figure>
        <div>
          <h2>{t('redis.matrix')}</h2>
          <p class="muted small">{t('redis.matrixDesc')}</p>
          {origins.length === 0 ? (
            <p class="muted">{t('redis.noMoves')}</p>
          ) : (
            <div class="scroll-x">
              <table class="data matrix" data-testid="od-matrix">
                <thead>
                  <tr>
                    <th scope="col">
                      {t('col.from')} \ {t('col.to')}
                    </th>
                    {dests.map((d) => (
                      <th scope="col" key={d}>
                        {hospitalName(R, d)}
                      </th>
                    ))}
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
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
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
  const { t, date, lang } = useI18n();
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
              <td class="small">{a.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const W = 560;
const H = 520;
const PAD = 40;
/** Room on the right for the hospital names. */
const PAD_RIGHT = 110;

function FlowMap({
  reference: R,
  flows,
  onOpen,
}: {
  reference: Reference;
  flows: [string, PlanAssignment[]][];
  onOpen: (label: string, rows: PlanAssignment[]) => void;
}) {
  const { t } = useI18n();
  const hs = R.hospitals;
  if (hs.length === 0) return null;
  const lats = hs.map((h) => h.lat);
  const lons = hs.map((h) => h.lon);
  const [minLat, maxLat, minLon, maxLon] = [
    Math.min(...lats),
    Math.max(...lats),
    Math.min(...lons),
    Math.max(...lons),
  ];
  // Equirectangular: a degree of longitude is cos(latitude) as long as a degree of latitude.
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max(1e-6, (maxLon - minLon) * k);
  const spanY = Math.max(1e-6, maxLat - minLat);
  const scale = Math.min((W - PAD - PAD_RIGHT) / spanX, (H - 2 * PAD) / spanY);
  const ox = PAD + (W - PAD - PAD_RIGHT - spanX * scale) / 2;
  const oy = (H - spanY * scale) / 2;
  const pos = new Map(
    hs.map((h) => [h.id, { x: ox + (h.lon - minLon) * k * scale, y: oy + (maxLat - h.lat) * scale }]),
  );
  const regionIds = [...new Set(hs.map((h) => h.regionId))];
  const colour = (regionId: string) => OKABE_ITO[regionIds.indexOf(regionId) % OKABE_ITO.length] ?? '#000';
  const max = Math.max(1, ...flows.map(([, r]) => r.length));
  return (
    <div>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        class="map"
        role="group"
        aria-label={t('redis.map')}
        data-testid="flow-map"
      >
        <rect x="0" y="0" width={W} height={H} fill="#f7f9fb" />
        {flows.map(([key, rows]) => {
          const [o = '', d = ''] = key.split('>');
          const a = pos.get(o);
          const b = pos.get(d);
          if (a === undefined || b === undefined) return null;
          // A gentle curve so A->B and B->A do not overlap; stop short of the destination dot.
          const mx = (a.x + b.x) / 2 + (b.y - a.y) * 0.15;
          const my = (a.y + b.y) / 2 - (b.x - a.x) * 0.15;
          const w = 1.5 + 8 * Math.sqrt(rows.length / max);
          // Arrowhead drawn by hand (a marker would grow with the stroke), ending at the dot's rim.
          const len = Math.hypot(b.x - mx, b.y - my) || 1;
          const [ux, uy] = [(b.x - mx) / len, (b.y - my) / len];
          const head = 7 + w;
          const tip = { x: b.x - ux * 9, y: b.y - uy * 9 };
          const base = { x: tip.x - ux * head, y: tip.y - uy * head };
          const half = head * 0.55;
          const arrow = `M${tip.x},${tip.y} L${base.x - uy * half},${base.y + ux * half} L${base.x + uy * half},${base.y - ux * half} z`;
          // The count sits on the curve's midpoint (quadratic Bézier at t = 0.5).
          const lx = 0.25 * a.x + 0.5 * mx + 0.25 * b.x;
          const ly = 0.25 * a.y + 0.5 * my + 0.25 * b.y;
          // …pushed off the line along its normal, so the number is not drawn over the stroke.
          const dl = Math.hypot(b.x - a.x, b.y - a.y) || 1;
          const [nx, ny] = [(a.y - b.y) / dl, (b.x - a.x) / dl];
          const label = t('redis.flowLabel', {
            from: hospitalName(R, o),
            to: hospitalName(R, d),
            n: rows.length,
          });
          return (
            <g
              key={key}
              class="flow"
              tabIndex={0}
              role="button"
              aria-label={label}
              onClick={() => onOpen(`${hospitalName(R, o)} → ${hospitalName(R, d)}`, rows)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onOpen(`${hospitalName(R, o)} → ${hospitalName(R, d)}`, rows);
                }
              }}
            >
              <title>{label}</title>
              <path
                d={`M${a.x},${a.y} Q${mx},${my} ${base.x},${base.y}`}
                fill="none"
                stroke="#D55E00"
                stroke-opacity="0.8"
                stroke-width={w}
              />
              <path d={arrow} fill="#D55E00" />
              <text
                x={lx + nx * (w / 2 + 10)}
                y={ly + ny * (w / 2 + 10) + 5}
                class="flow-n"
                text-anchor="middle"
              >
                {rows.length}
              </text>
            </g>
          );
        })}
        {hs.map((h) => {
          const p = pos.get(h.id)!;
          return (
            <g key={h.id}>
              <circle
                cx={p.x}
                cy={p.y}
                r={h.acute ? 7 : 5}
                fill={h.acute ? colour(h.regionId) : '#fff'}
                stroke={colour(h.regionId)}
                stroke-width="2.5"
              />
              <text x={p.x + 9} y={p.y + 4} class="map-label">
                {h.shortName}
              </text>
            </g>
          );
        })}
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
