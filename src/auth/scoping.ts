// Who sees which patient, and how much of them. `patientView` is THE function that turns a patient
// row into what a role may receive; every response and event with patient data goes through it.
//  - planner, admin: the full row (identified);
//  - coordinator: the full row only for patients listed at, or assigned/proposed to, their hospital;
//    anyone else is invisible (null);
//  - analyst: pseudonymised (stable pseudonymous id, age band, home region, procedure, dates) —
//    never personnummer, names or the exact birth date.
import { checkPersonnummer } from '../domain/personnummer.ts';
import type { WaitingListEntry } from '../domain/snapshot.ts';
import type { Principal } from './roles.ts';

export type FullPatientView = WaitingListEntry & { view: 'full' };

export interface PseudonymisedPatientView {
  view: 'pseudonymised';
  id: string;
  /** Ten-year band on the snapshot date, e.g. "70-79"; "100+" at the top. */
  ageBand: string;
  homeRegionId: string;
  listingHospitalId: string;
  procedureId: string;
  priorityGroup: string;
  decisionDate: string;
  medicalTargetDate: string;
  earliestDate: string;
  asaClass: number;
  status: WaitingListEntry['status'];
  category: WaitingListEntry['category'];
}

export type PatientView = FullPatientView | PseudonymisedPatientView;

export interface PatientContext {
  /** The date ages are computed on (the snapshot's asOfDate). */
  asOfDate: string;
  /** Hospitals the patient is assigned or proposed to in the plan being shown. */
  relatedHospitalIds?: readonly string[];
}

export function ageBand(personnummer: string, onDate: string): string {
  const check = checkPersonnummer(personnummer);
  if (!check.ok) return 'unknown';
  const b = check.birthDate;
  const age = Number(onDate.slice(0, 4)) - Number(b.slice(0, 4)) - (onDate.slice(5) < b.slice(5) ? 1 : 0);
  if (age >= 100) return '100+';
  const lo = Math.max(0, Math.floor(age / 10) * 10);
  return `${lo}-${lo + 9}`;
}

/** May this principal see the patient identified (coordinator scoping)? */
export function mayIdentify(
  p: Principal,
  patient: Pick<WaitingListEntry, 'listingHospitalId'>,
  related: readonly string[] = [],
): boolean {
  if (p.role === 'planner' || p.role === 'admin') return true;
  if (p.role === 'coordinator') {
    return (
      p.hospitalId !== undefined &&
      (patient.listingHospitalId === p.hospitalId || related.includes(p.hospitalId))
    );
  }
  return false;
}

/** The role's view of one patient, or null when the principal may not see the patient at all. */
export function patientView(
  p: Principal,
  patient: WaitingListEntry,
  ctx: PatientContext,
): PatientView | null {
  if (p.role === 'analyst') {
    return {
      view: 'pseudonymised',
      id: patient.id,
      ageBand: ageBand(patient.personnummer, ctx.asOfDate),
      homeRegionId: patient.homeRegionId,
      listingHospitalId: patient.listingHospitalId,
      procedureId: patient.procedureId,
      priorityGroup: patient.priorityGroup,
      decisionDate: patient.decisionDate,
      medicalTargetDate: patient.medicalTargetDate,
      earliestDate: patient.earliestDate,
      asaClass: patient.asaClass,
      status: patient.status,
      category: patient.category,
    };
  }
  if (!mayIdentify(p, patient, ctx.relatedHospitalIds)) return null;
  return { ...patient, view: 'full' };
}
