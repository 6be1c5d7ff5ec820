// Exports of a plan: a hospital's day list (CSV and print-friendly HTML) and the cross-region
// settlement (CSV). Patient columns come from the role's patient view: analysts get pseudonymised
// rows, coordinators only their own hospital's lists.
import type { Db } from '../db/db.ts';
import { getPlan } from '../plans/repo.ts';
import { getPatientsByIds } from '../waiting-list/patientRepo.ts';
import { getAsOfDate, listHospitals, listProcedures, listTheatres } from '../reference/repo.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import { patientView, seesPseudonymised } from '../auth/scoping.ts';
import type { Principal } from '../auth/roles.ts';
import { canSeePlan, hospitalScope } from '../auth/access.ts';
import type { Auditor } from '../auth/audit.ts';
import type { PlanningResult } from '../../solver/model/result.ts';
import { toCsv } from './csv.ts';
import { clockTimeOfMin } from '../calendar/stockholm.ts';
import { surgeonNames } from '../db/staffRepo.ts';

const hhmm = clockTimeOfMin;

export interface DayListRow {
  date: string;
  theatre: string;
  start: string;
  end: string;
  patientId: string;
  personnummer: string;
  name: string;
  ageBand: string;
  kvaCode: string;
  procedure: string;
  /** The named operating surgeon (identified roles; empty when the plan names none). */
  surgeon: string;
  asaClass: number | string;
  listingHospital: string;
  pinned: boolean;
}

async function planResult(
  db: Db,
  who: Principal,
  id: number,
): Promise<{ result: PlanningResult; status: string; week: string; version: number }> {
  const p = await getPlan(db, id);
  if (p === undefined || !canSeePlan(who, p)) {
    throw new NotFoundError(`plan ${id} not found`);
  }
  if (p.result === null) throw new NotFoundError(`plan ${id} has no result (${p.status})`);
  return { result: p.result as PlanningResult, status: p.status, week: p.week, version: p.version };
}

export async function dayList(
  db: Db,
  auditor: Auditor,
  who: Principal,
  planId: number,
  q: { hospitalId: string; date?: string | undefined },
): Promise<{
  hospitalName: string;
  week: string;
  version: number;
  status: string;
  rows: DayListRow[];
  pseudonymised: boolean;
}> {
  const scope = hospitalScope(who);
  if (scope !== undefined && scope !== q.hospitalId) {
    throw new ForbiddenError(
      `day list of ${q.hospitalId}: coordinators see only their own hospital (${who.hospitalId})`,
    );
  }
  const { result, status, week, version } = await planResult(db, who, planId);
  const hospitals = await listHospitals(db);
  const hospital = hospitals.find((h) => h.id === q.hospitalId);
  if (hospital === undefined) throw new NotFoundError(`hospital ${q.hospitalId} not found`);
  const theatres = new Map((await listTheatres(db, q.hospitalId)).map((t) => [t.id, t.name]));
  const procs = new Map((await listProcedures(db)).map((p) => [String(p.id), p]));
  const names = new Map(hospitals.map((h) => [h.id, h.shortName]));
  const asOfDate = (await getAsOfDate(db)) ?? '1970-01-01';
  const chosen = result.assignments
    .filter((a) => a.hospitalId === q.hospitalId && (q.date === undefined || a.date === q.date))
    .toSorted(
      (a, b) =>
        (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
        (a.theatreId < b.theatreId ? -1 : a.theatreId > b.theatreId ? 1 : 0) ||
        a.startMin - b.startMin,
    );
  const patients = await getPatientsByIds(
    db,
    chosen.map((a) => a.patientId),
  );
  // Surgeon names are staff data; shown to identified roles, left out of pseudonymised views.
  const pseudonymised = seesPseudonymised(who);
  const surgeonIds = [...new Set(chosen.flatMap((a) => (a.surgeonId ? [a.surgeonId] : [])))];
  const surgeons = pseudonymised || surgeonIds.length === 0 ? new Map() : await surgeonNames(db, surgeonIds);
  const rows: DayListRow[] = [];
  for (const a of chosen) {
    const p = patients.get(a.patientId);
    const v = p === undefined ? null : patientView(who, p, { asOfDate, relatedHospitalIds: [a.hospitalId] });
    const proc = procs.get(p?.procedureId ?? '');
    rows.push({
      date: a.date,
      theatre: theatres.get(a.theatreId) ?? a.theatreId,
      start: hhmm(a.startMin),
      end: hhmm(a.startMin + a.durationMin),
      // Pseudonymised readers get the keyed pseudonym, never the internal id planners see.
      patientId: v?.view === 'pseudonymised' ? v.id : a.patientId,
      personnummer: v?.view === 'full' ? v.personnummer : '',
      name: v?.view === 'full' ? `${v.familyName}, ${v.givenName}` : '',
      ageBand: v?.view === 'pseudonymised' ? v.ageBand : '',
      kvaCode: String(proc?.kvaCode ?? ''),
      procedure: String(proc?.nameSv ?? p?.procedureId ?? ''),
      surgeon: a.surgeonId ? (surgeons.get(a.surgeonId) ?? '') : '',
      asaClass: v?.asaClass ?? '',
      listingHospital: names.get(p?.listingHospitalId ?? '') ?? p?.listingHospitalId ?? '',
      pinned: a.pinned,
    });
  }
  await auditor.log(db, who, {
    action: 'plan.export',
    patientIds: chosen.map((a) => a.patientId),
    hospitalId: q.hospitalId,
    details: { planId, kind: 'day-list', date: q.date },
  });
  return { hospitalName: hospital.name, week, version, status, rows, pseudonymised };
}

const DAY_LIST_COLUMNS = [
  'date',
  'theatre',
  'start',
  'end',
  'patientId',
  'personnummer',
  'name',
  'ageBand',
  'kvaCode',
  'procedure',
  'surgeon',
  'asaClass',
  'listingHospital',
  'pinned',
] as const;

export function dayListCsv(d: Awaited<ReturnType<typeof dayList>>): string {
  const cols = d.pseudonymised
    ? DAY_LIST_COLUMNS.filter((c) => c !== 'personnummer' && c !== 'name' && c !== 'surgeon')
    : DAY_LIST_COLUMNS.filter((c) => c !== 'ageBand');
  return toCsv(
    cols,
    d.rows.map((r) => cols.map((c) => r[c])),
  );
}

const esc = (s: unknown): string =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** Plan states in words on the printed list (the ward reads Swedish). */
const STATUS_SV: Record<string, string> = {
  draft: 'utkast',
  proposed: 'föreslagen',
  published: 'publicerad',
  superseded: 'ersatt',
  running: 'optimeras',
  failed: 'misslyckad',
};

/** "tis 17 mars 2026" for a calendar date (no time zone: the date is the operating day). */
const dateSv = (iso: string): string =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('sv-SE', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/**
 * The print page of a hospital's day lists: one section per day, each starting on a new page
 * and compact enough for one or two A4 pages; rejected cases are not on the lists, so not here.
 * `printedAt` is stamped on every day so a stale printout can be told from a fresh one.
 */
export function dayListHtml(
  d: Awaited<ReturnType<typeof dayList>>,
  q: { date?: string | undefined },
  printedAt: Date = new Date(),
): string {
  const cols = d.pseudonymised
    ? ([
        'theatre',
        'start',
        'end',
        'patientId',
        'ageBand',
        'kvaCode',
        'procedure',
        'asaClass',
        'listingHospital',
      ] as const)
    : ([
        'theatre',
        'start',
        'end',
        'personnummer',
        'name',
        'kvaCode',
        'procedure',
        'surgeon',
        'asaClass',
        'listingHospital',
      ] as const);
  const labels: Record<string, string> = {
    theatre: 'Sal',
    start: 'Start',
    end: 'Slut',
    patientId: 'Id',
    personnummer: 'Personnummer',
    name: 'Namn',
    ageBand: 'Ålder',
    kvaCode: 'KVÅ',
    procedure: 'Åtgärd',
    surgeon: 'Operatör',
    asaClass: 'ASA',
    listingHospital: 'Hemsjukhus',
  };
  const byDate = new Map<string, DayListRow[]>();
  for (const r of d.rows) byDate.set(r.date, [...(byDate.get(r.date) ?? []), r]);
  const printed = printedAt.toLocaleString('sv-SE', {
    timeZone: 'Europe/Stockholm',
    dateStyle: 'short',
    timeStyle: 'short',
  });
  const weekNo = /^\d{4}-W(\d{2})$/.exec(d.week)?.[1];
  const week = weekNo === undefined ? d.week : `v. ${Number(weekNo)}`;
  const planLine = `Plan ${week} version ${d.version} (${STATUS_SV[d.status] ?? d.status})${d.pseudonymised ? ' — pseudonymiserad' : ''} · utskriven ${printed}`;
  const sections = [...byDate].map(
    ([date, rows]) =>
      `<section><h2>${esc(d.hospitalName)} — ${esc(dateSv(date))}</h2><p class="meta">${esc(planLine)} · ${rows.length} ${rows.length === 1 ? 'operation' : 'operationer'}</p><table><thead><tr>${cols.map((c) => `<th>${esc(labels[c])}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${cols.map((c) => `<td>${esc(r[c])}</td>`).join('')}</tr>`)
        .join('')}</tbody></table></section>`,
  );
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Operationslista ${esc(d.hospitalName)} ${esc(q.date ?? week)}</title>
<style>@page{size:A4;margin:1.2cm}body{font:10pt system-ui,sans-serif;margin:1.2cm}h1{font-size:14pt;margin:0 0 4pt}h2{font-size:12pt;margin:0 0 2pt}.meta{margin:0 0 6pt;color:#333}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:2px 5px;text-align:left;vertical-align:top}th{background:#eee}thead{display:table-header-group}tr{break-inside:avoid}section{break-after:page}section:last-child{break-after:auto}@media print{body{margin:0}}</style></head>
<body><h1>Operationslista — ${esc(d.hospitalName)}</h1><p class="meta">${esc(planLine)}</p>
${sections.join('\n') || '<p>Inga operationer planerade.</p>'}</body></html>`;
}

export async function settlementCsv(db: Db, who: Principal, planId: number): Promise<string> {
  const { result } = await planResult(db, who, planId);
  const rows = Object.entries(result.kpis.settlementSek)
    .map(([pair, sek]) => {
      const [payer, payee] = pair.split('->');
      return [payer ?? '', payee ?? '', Math.round(sek)];
    })
    .toSorted((a, b) => (String(a[0]) + a[1] < String(b[0]) + b[1] ? -1 : 1));
  return toCsv(['payerRegionId', 'payeeRegionId', 'amountSek'], rows);
}
