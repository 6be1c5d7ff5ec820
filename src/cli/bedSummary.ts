// The short ward-bed and booking summary of `opflow plan`: first plannable day, bookings the plan
// works around, and per hospital the fullest day of its wards (beds binding = no bed left).
import type { RegionSnapshot } from '../domain/snapshot.ts';
import type { PlanningProblem } from '../../solver/model/problem.ts';
import type { PlanningResult } from '../../solver/model/result.ts';

export function printBedSummary(
  out: (l: string) => void,
  snapshot: RegionSnapshot,
  problem: PlanningProblem,
  r: PlanningResult,
): void {
  const names = new Map(snapshot.hospitals.map((h) => [h.id, h.shortName]));
  const firstDay = problem.hospitalDays.reduce((m, hd) => Math.min(m, hd.day), Infinity);
  const firstDate = Number.isFinite(firstDay) ? (problem.dates[firstDay - problem.startDay] ?? '') : 'none';
  const inHorizon = (problem.bookings ?? []).filter(
    (b) => b.day >= problem.startDay && b.day < problem.startDay + problem.dates.length,
  ).length;
  out(
    `first plannable day ${firstDate}; ${snapshot.bookings.length} existing bookings (${inHorizon} in this horizon) are kept as booked`,
  );
  const occ = r.bedOccupancy ?? [];
  if (occ.length === 0) {
    out('ward beds: no bed data in the snapshot (not limited)');
    return;
  }
  const full = occ.filter(
    (o) => o.plannedBeds > 0 && o.plannedBeds >= Math.max(0, o.capacityBeds - o.bookedBeds),
  );
  out(`ward beds: ${full.length} of ${occ.length} hospital-days full (no bed left for another inpatient)`);
  out('hospital             fullest day   beds  booked  planned');
  const worst = new Map<string, (typeof occ)[number]>();
  for (const o of occ) {
    const w = worst.get(o.hospitalId);
    const load = (x: (typeof occ)[number]): number =>
      (x.bookedBeds + x.plannedBeds) / Math.max(1, x.capacityBeds);
    if (!w || load(o) > load(w)) worst.set(o.hospitalId, o);
  }
  for (const h of snapshot.hospitals) {
    const o = worst.get(h.id);
    if (!o || o.bookedBeds + o.plannedBeds === 0) continue;
    out(
      `${(names.get(h.id) ?? h.id).padEnd(20)} ${o.date.padEnd(12)} ${String(o.capacityBeds).padStart(5)} ${String(o.bookedBeds).padStart(7)} ${String(o.plannedBeds).padStart(8)}`,
    );
  }
}
