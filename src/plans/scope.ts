// Plan responses as a role may see them: coordinators their hospital, pseudonymised readers keyed
// pseudonyms (ADR 0013).
import { type PlanRequest } from './repo.ts';
import { getPatientsByIds } from '../waiting-list/patientRepo.ts';
import { getAsOfDate } from '../reference/repo.ts';
import {
  patientView,
  pseudonym,
  pseudonymiseText,
  seesPseudonymised,
  type PatientView,
} from '../auth/scoping.ts';
import type { Principal } from '../auth/roles.ts';
import { hospitalScope } from '../auth/access.ts';
import { type PlanDelta, type StoredResult } from './planDelta.ts';
import type { WaitingListEntry } from '../domain/snapshot.ts';
import type { Assignment, PlanningResult } from '../../solver/model/result.ts';
import type { PlanContext } from './context.ts';

/** Role scoping of plan responses: what a principal may see of requests, results and deltas. */
export type PlanScoping = ReturnType<typeof createPlanScoping>;

export function createPlanScoping(ctx: PlanContext) {
  const { db, today } = ctx;

  /**
   * The planner's pins and exclusions as a role may see them: a coordinator only those that concern
   * their hospital (pinned there, or patients listed there), never another hospital's work in
   * progress; pseudonymised readers only keyed pseudonyms, never the internal patient ids.
   */
  async function scopeRequests(who: Principal, requests: PlanRequest[]): Promise<PlanRequest[]> {
    if (seesPseudonymised(who)) {
      const ps = (id: string): string => pseudonym(who.role, id);
      return requests.map((r) => ({
        ...r,
        pins: r.pins.map((x) => ({ ...x, patientId: ps(x.patientId) })),
        excludedPatientIds: r.excludedPatientIds.map(ps),
      }));
    }
    const hid = hospitalScope(who);
    if (hid === undefined) return requests;
    const ids = new Set(
      requests.flatMap((r) => [...r.pins.map((x) => x.patientId), ...r.excludedPatientIds]),
    );
    const listedAt =
      ids.size === 0 ? new Map<string, WaitingListEntry>() : await getPatientsByIds(db, [...ids]);
    const ours = (pid: string): boolean => listedAt.get(pid)?.listingHospitalId === hid;
    return requests.map((r) => ({
      ...r,
      pins: r.pins.filter((x) => x.hospitalId === hid || ours(x.patientId)),
      excludedPatientIds: r.excludedPatientIds.filter(ours),
    }));
  }

  /** Patients of a plan, each as the principal may see them; null entries are invisible. */
  async function views(who: Principal, assignments: readonly Assignment[], extraIds: readonly string[] = []) {
    const asOfDate = (await getAsOfDate(db)) ?? today();
    const ids = [...new Set([...assignments.map((a) => a.patientId), ...extraIds])];
    const patients = await getPatientsByIds(db, ids);
    const hospitalsOf = new Map<string, string[]>();
    for (const a of assignments)
      hospitalsOf.set(a.patientId, [...(hospitalsOf.get(a.patientId) ?? []), a.hospitalId]);
    const out = new Map<string, PatientView | null>();
    for (const id of ids) {
      const p = patients.get(id);
      out.set(
        id,
        p === undefined
          ? null
          : patientView(who, p, { asOfDate, relatedHospitalIds: hospitalsOf.get(id) ?? [] }),
      );
    }
    return { views: out, patients };
  }

  /** The result as the principal may see it, plus the patient ids it reveals (for the audit row). */
  async function scopeResult(
    who: Principal,
    result: PlanningResult,
  ): Promise<{ body: unknown; patientIds: string[] }> {
    const hid = who.role === 'coordinator' ? who.hospitalId : undefined;
    const replan = (result as StoredResult).replan ?? [];
    const { views: v, patients } = await views(who, result.assignments, [
      ...result.waitingPastGuarantee.map((w) => w.patientId),
      ...replan.map((r) => r.patientId),
    ]);
    const involves = (patientId: string, hospitalId: string): boolean =>
      hid === undefined || hospitalId === hid || patients.get(patientId)?.listingHospitalId === hid;
    const assignments = result.assignments
      .filter((a) => involves(a.patientId, a.hospitalId))
      .map((a) => ({ ...a, patient: v.get(a.patientId) ?? null }));
    const body = {
      ...result,
      assignments,
      lists: hid === undefined ? result.lists : result.lists.filter((l) => l.hospitalId === hid),
      teamPlacements:
        hid === undefined ? result.teamPlacements : result.teamPlacements.filter((t) => t.hospitalId === hid),
      lentLists:
        hid === undefined
          ? result.lentLists
          : result.lentLists.filter((l) => l.toHospitalId === hid || l.fromHospitalId === hid),
      replan: replan
        .filter((r) => involves(r.patientId, r.hospitalId))
        .map((r) => ({ ...r, patient: v.get(r.patientId) ?? null })),
      waitingPastGuarantee: result.waitingPastGuarantee.filter(
        (w) => hid === undefined || patients.get(w.patientId)?.listingHospitalId === hid,
      ),
      baseline: {
        ...result.baseline,
        assignments: result.baseline.assignments.filter((a) => involves(a.patientId, a.hospitalId)),
      },
    };
    // The audit row names every patient the response shows: planned, to re-plan, left past the
    // guarantee and booked by the baseline beside the plan.
    const shown = new Set<string>([
      ...assignments.map((a) => a.patientId),
      ...body.replan.map((r) => r.patientId),
      ...body.waitingPastGuarantee.map((w) => w.patientId),
      ...body.baseline.assignments.map((a) => a.patientId),
    ]);
    return { body, patientIds: [...shown] };
  }

  /**
   * For pseudonymised readers (analysts; admins without a stated reason) every patient id in a
   * response becomes the reader's keyed pseudonym — the same one the waiting list shows them — and
   * reason texts lose exact dates (ADR 0013). Audit rows keep the real ids.
   */
  function pseudonymiseFor<T>(who: Principal, body: T, patientIds: Iterable<string>): T {
    if (!seesPseudonymised(who)) return body;
    const ids = new Set(patientIds);
    const walk = (v: unknown, key: string | undefined): unknown => {
      if (typeof v === 'string') {
        if (ids.has(v)) return pseudonym(who.role, v);
        return key === 'reason' || key === 'detail' ? pseudonymiseText(v) : v;
      }
      if (Array.isArray(v)) return v.map((x) => walk(x, key));
      if (v !== null && typeof v === 'object')
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
      return v;
    };
    return walk(body, undefined) as T;
  }

  /** A delta as the principal may see it (coordinators: their hospital), with patient views. */
  async function scopeDelta(who: Principal, delta: PlanDelta) {
    const hid = hospitalScope(who);
    const { views: v, patients } = await views(who, delta.assignments, [
      ...delta.replan.map((r) => r.patientId),
      ...delta.removed.map((r) => r.patientId),
    ]);
    const involves = (patientId: string, hospitalId: string): boolean =>
      hid === undefined || hospitalId === hid || patients.get(patientId)?.listingHospitalId === hid;
    const assignments = delta.assignments
      .filter((a) => involves(a.patientId, a.hospitalId))
      .map((a) => ({ ...a, patient: v.get(a.patientId) ?? null }));
    const replan = delta.replan
      .filter((r) => involves(r.patientId, r.hospitalId))
      .map((r) => ({ ...r, patient: v.get(r.patientId) ?? null }));
    return {
      body: {
        ...delta,
        lists: hid === undefined ? delta.lists : delta.lists.filter((l) => l.hospitalId === hid),
        removedSlots:
          hid === undefined ? delta.removedSlots : delta.removedSlots.filter((l) => l.hospitalId === hid),
        assignments,
        replan,
        removed: delta.removed.filter((r) => involves(r.patientId, r.hospitalId)),
      },
      patientIds: [...assignments.map((a) => a.patientId), ...replan.map((r) => r.patientId)],
    };
  }

  return { scopeRequests, views, scopeResult, pseudonymiseFor, scopeDelta };
}
