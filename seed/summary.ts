// What a generated (or imported) snapshot's waiting list looks like on its snapshot date: list
// size and share past the 90-day care guarantee, per hospital and in total. Guarantee days are
// counted by the domain rule (src/domain/careGuarantee.ts): days since the decision minus the days
// in excluded periods (PvV, MoV, SoV). Only open elective entries count: status waiting or
// scheduled, category elektiv (bevakning is not on the waiting statistics).
import { CARE_GUARANTEE_DAYS, guaranteeDays } from '../src/domain/careGuarantee.ts';
import type { RegionSnapshot, WaitingListEntry } from '../src/domain/snapshot.ts';

export interface ListShare {
  listSize: number;
  pastGuarantee: number;
  /** pastGuarantee / listSize (0 for an empty list). */
  share: number;
}

export interface HospitalSummaryRow extends ListShare {
  hospitalId: string;
  shortName: string;
  regionId: string;
}

export interface SnapshotSummary extends ListShare {
  asOfDate: string;
  regions: number;
  hospitals: number;
  theatres: number;
  /** Named surgeons and sessions of the session plan (ADR 0024). */
  surgeons: number;
  sessions: number;
  /** Every waiting-list entry, whatever its status. */
  patients: number;
  perHospital: HospitalSummaryRow[];
}

export function isOpenElective(e: WaitingListEntry): boolean {
  return (e.status === 'waiting' || e.status === 'scheduled') && e.category === 'elektiv';
}

export function isPastGuarantee(e: WaitingListEntry, onDate: string): boolean {
  return guaranteeDays(e.decisionDate, onDate, e.excludedPeriods) > CARE_GUARANTEE_DAYS;
}

/** List size and share past the guarantee of the open elective entries that pass `filter`. */
export function listShare(
  snapshot: RegionSnapshot,
  filter: (e: WaitingListEntry) => boolean = () => true,
): ListShare {
  let listSize = 0;
  let pastGuarantee = 0;
  for (const e of snapshot.waitingList) {
    if (!isOpenElective(e) || !filter(e)) continue;
    listSize++;
    if (isPastGuarantee(e, snapshot.asOfDate)) pastGuarantee++;
  }
  return { listSize, pastGuarantee, share: listSize === 0 ? 0 : pastGuarantee / listSize };
}

export function summariseSnapshot(snapshot: RegionSnapshot): SnapshotSummary {
  const byHospital = new Map<string, { listSize: number; pastGuarantee: number }>();
  for (const h of snapshot.hospitals) byHospital.set(h.id, { listSize: 0, pastGuarantee: 0 });
  let listSize = 0;
  let pastGuarantee = 0;
  for (const e of snapshot.waitingList) {
    if (!isOpenElective(e)) continue;
    const row = byHospital.get(e.listingHospitalId);
    const past = isPastGuarantee(e, snapshot.asOfDate);
    listSize++;
    if (past) pastGuarantee++;
    if (row !== undefined) {
      row.listSize++;
      if (past) row.pastGuarantee++;
    }
  }
  return {
    asOfDate: snapshot.asOfDate,
    regions: snapshot.regions.length,
    hospitals: snapshot.hospitals.length,
    theatres: snapshot.theatres.length,
    surgeons: snapshot.surgeons.length,
    sessions: snapshot.sessions.length,
    patients: snapshot.waitingList.length,
    listSize,
    pastGuarantee,
    share: listSize === 0 ? 0 : pastGuarantee / listSize,
    perHospital: snapshot.hospitals.map((h) => {
      const r = byHospital.get(h.id) ?? { listSize: 0, pastGuarantee: 0 };
      return {
        hospitalId: h.id,
        shortName: h.shortName,
        regionId: h.regionId,
        listSize: r.listSize,
        pastGuarantee: r.pastGuarantee,
        share: r.listSize === 0 ? 0 : r.pastGuarantee / r.listSize,
      };
    }),
  };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** A plain-text table for the CLI. */
export function formatSummary(s: SnapshotSummary): string[] {
  const lines = [
    `snapshot ${s.asOfDate}: ${s.patients} patients, ${s.hospitals} hospitals, ${s.theatres} theatres, ${s.regions} regions`,
    `named surgeons: ${s.surgeons}, sessions in the session plan: ${s.sessions}`,
    `past the ${CARE_GUARANTEE_DAYS}-day guarantee: ${s.pastGuarantee} of ${s.listSize} open elective entries (${pct(s.share)})`,
    `${'hospital'.padEnd(24)} ${'region'.padEnd(14)} ${'list'.padStart(7)} ${'>90 d'.padStart(7)} ${'share'.padStart(8)}`,
  ];
  for (const r of s.perHospital) {
    lines.push(
      `${r.shortName.padEnd(24)} ${r.regionId.padEnd(14)} ${String(r.listSize).padStart(7)} ${String(r.pastGuarantee).padStart(7)} ${pct(r.share).padStart(8)}`,
    );
  }
  return lines;
}
