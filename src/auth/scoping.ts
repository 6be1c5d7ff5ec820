// Who sees which patient, and how much of them. `patientView` is THE function that turns a patient
// row into what a role may receive; every response and event with patient data goes through it.
//  - planner: the full row (identified);
//  - admin: pseudonymised like an analyst (with the admin key), identified only for a request that
//    states a break-the-glass reason (Principal.breakGlassReason, audited by the HTTP layer);
//  - coordinator: the full row only for patients listed at, or assigned/proposed to, their hospital;
//    anyone else is invisible (null);
//  - analyst: pseudonymised (keyed pseudonym, age band, home region, procedure, dates) — never
//    personnummer, names, the exact birth date or the internal patient id.
// The pseudonym is HMAC-SHA256(server key, role + patient id): stable for one role (an analyst can
// follow a patient across pages and plans), different per role, and without the key it can be
// neither reversed nor joined to the ids planners see.
import { createHmac, randomBytes } from 'node:crypto';
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
  if (p.role === 'planner') return true;
  if (p.role === 'admin') return p.breakGlassReason !== undefined;
  if (p.role === 'coordinator') {
    return (
      p.hospitalId !== undefined &&
      (patient.listingHospitalId === p.hospitalId || related.includes(p.hospitalId))
    );
  }
  return false;
}

let pseudonymKey = randomBytes(32).toString('base64url');

/** Set the pseudonym key (the server's PSEUDONYM_SECRET); until then a random per-process key. */
export function configurePseudonyms(secret: string): void {
  pseudonymKey = secret;
}

/** The keyed pseudonym of a patient for a role, e.g. `ps-3kTq…` (16 base64url characters). */
export function pseudonym(role: Principal['role'], patientId: string): string {
  return `ps-${createHmac('sha256', pseudonymKey).update(`${role}\u0000${patientId}`).digest('base64url').slice(0, 16)}`;
}

/** Does this principal see patients pseudonymised (analysts; admins without a stated reason)? */
export function seesPseudonymised(p: Principal): boolean {
  return p.role === 'analyst' || (p.role === 'admin' && p.breakGlassReason === undefined);
}

const ISO_DATE = /\b(\d{4})-(\d{2})-\d{2}\b/g;
const PERSONNUMMER = /\b\d{6,8}[-+]?\d{4}\b/g;

/**
 * A free text (decision reasons, solver explanations) as a pseudonymised reader may see it: exact
 * dates become their month and anything shaped like a personnummer is removed, since a date of
 * decision or surgery next to a procedure and an age band can single a patient out.
 */
export function pseudonymiseText(text: string): string {
  return text.replace(PERSONNUMMER, '[borttaget]').replace(ISO_DATE, '$1-$2');
}

/** The role's view of one patient, or null when the principal may not see the patient at all. */
export function patientView(
  p: Principal,
  patient: WaitingListEntry,
  ctx: PatientContext,
): PatientView | null {
  if (seesPseudonymised(p)) {
    return {
      view: 'pseudonymised',
      id: pseudonym(p.role, patient.id),
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
