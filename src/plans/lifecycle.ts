// Plan use cases: the status lifecycle (draft → proposed → published …) and the publishing summary.
import { getPublishedOfWeek, supersedePublished, updatePlanIfEtag, type PlanStatus } from './repo.ts';
import { getPatientsByIds } from '../waiting-list/patientRepo.ts';
import { listDecisions } from './decisionRepo.ts';
import { ConflictError } from '../errors.ts';
import type { Principal } from '../auth/roles.ts';
import { canChangeStatus, planCan } from '../auth/access.ts';
import { type StoredResult } from './planDelta.ts';
import type { PublishSummaryRow } from './schemas.ts';
import type { PlanningResult } from '../../solver/model/result.ts';
import { denied, type PlanContext } from './context.ts';

/** Status changes with optimistic concurrency, and what publishing would do. */
export function createLifecycleUseCases(ctx: PlanContext) {
  const { db, clock, events, auditor, loadPlan, assertVisible, checkEtag } = ctx;

  return {
    async setStatus(who: Principal, id: number, to: PlanStatus, ifMatch: number | undefined) {
      const p = await loadPlan(id);
      assertVisible(who, p);
      checkEtag(p, ifMatch);
      if (!canChangeStatus(who, p, to)) {
        if (who.role !== 'planner') throw denied(who, 'change plan status');
        throw new ConflictError(`plan ${id} is ${p.status}; it cannot become ${to}`, { status: p.status });
      }
      const updated = await db.transaction(async (tx) => {
        if (to === 'published') {
          // Publishing an older version over a newer published one would silently drop the newer
          // plan and the coordinators' decisions on it.
          const current = await getPublishedOfWeek(tx, p.week);
          if (current !== undefined && current.version > p.version) {
            throw new ConflictError(
              `version ${p.version} of ${p.week} is older than the published version ${current.version}; re-solve from version ${current.version} instead of publishing an older one`,
              { publishedPlanId: current.id, publishedVersion: current.version },
            );
          }
        }
        const u = await updatePlanIfEtag(tx, id, p.etag, { status: to }, clock());
        if (u === undefined) throw new ConflictError(`plan ${id} has changed; reload it`);
        const superseded = to === 'published' ? await supersedePublished(tx, p.week, id, clock()) : [];
        await auditor.log(tx, who, {
          action: 'plan.status',
          details: { planId: id, from: p.status, to, superseded },
        });
        return { u, superseded };
      });
      const payload = { planId: id, week: p.week, version: p.version, status: to, etag: updated.u.etag };
      events.emit('plan.status', { planners: payload, analysts: payload, coordinators: payload });
      if (to === 'published') {
        const result = p.result as PlanningResult | null;
        const perHospital = new Map<string, unknown>();
        if (result !== null) {
          const patients = await getPatientsByIds(
            db,
            result.assignments.map((a) => a.patientId),
          );
          const counts = new Map<string, { incoming: number; outgoing: number; cases: number }>();
          const bump = (h: string, k: 'incoming' | 'outgoing' | 'cases'): void => {
            const c = counts.get(h) ?? { incoming: 0, outgoing: 0, cases: 0 };
            c[k] += 1;
            counts.set(h, c);
          };
          for (const a of result.assignments) {
            bump(a.hospitalId, 'cases');
            const listing = patients.get(a.patientId)?.listingHospitalId;
            if (listing !== undefined && listing !== a.hospitalId) {
              bump(a.hospitalId, 'incoming');
              bump(listing, 'outgoing');
            }
          }
          for (const [h, c] of counts) perHospital.set(h, { ...payload, hospitalId: h, ...c });
        }
        events.emit('plan.published', { planners: payload, analysts: payload, hospitals: perHospital });
      }
      return {
        ...updated.u,
        superseded: updated.superseded,
        can: planCan(who, updated.u),
      };
    },

    /**
     * What publishing would do, for the confirmation: cases per hospital (incoming, outgoing),
     * decisions still pending, and the changes against the version of the week published now.
     */
    async publishSummary(who: Principal, id: number) {
      const p = await loadPlan(id);
      assertVisible(who, p);
      if (who.role !== 'planner' && who.role !== 'admin') throw denied(who, 'see the publishing summary');
      const result = p.result as StoredResult | null;
      if (result === null) throw new ConflictError(`plan ${id} is ${p.status}; it has no result to publish`);
      const published = await getPublishedOfWeek(db, p.week);
      const publishedResult =
        published !== undefined && published.id !== id ? (published.result as StoredResult | null) : null;
      const decisions = new Map((await listDecisions(db, id)).map((d) => [d.patientId, d.decision]));
      const ids = [
        ...result.assignments.map((a) => a.patientId),
        ...(publishedResult?.assignments ?? []).map((a) => a.patientId),
      ];
      const patients = await getPatientsByIds(db, ids);
      type Row = PublishSummaryRow;
      const rows = new Map<string, Row>();
      const row = (h: string): Row => {
        let r = rows.get(h);
        if (r === undefined) {
          r = {
            hospitalId: h,
            cases: 0,
            incoming: 0,
            outgoing: 0,
            pending: 0,
            accepted: 0,
            rejected: 0,
            added: 0,
            removed: 0,
            moved: 0,
          };
          rows.set(h, r);
        }
        return r;
      };
      for (const a of result.assignments) {
        row(a.hospitalId).cases += 1;
        const listing = patients.get(a.patientId)?.listingHospitalId;
        if (listing !== undefined && listing !== a.hospitalId) {
          row(a.hospitalId).incoming += 1;
          row(listing).outgoing += 1;
          const d = decisions.get(a.patientId);
          if (d === 'accept') row(a.hospitalId).accepted += 1;
          else if (d === undefined) row(a.hospitalId).pending += 1;
        }
      }
      for (const r of result.replan ?? []) row(r.hospitalId).rejected += 1;
      if (publishedResult !== null) {
        const was = new Map(publishedResult.assignments.map((a) => [a.patientId, a]));
        const now = new Map(result.assignments.map((a) => [a.patientId, a]));
        for (const [pid, a] of now) {
          const b = was.get(pid);
          if (b === undefined) row(a.hospitalId).added += 1;
          else if (
            b.hospitalId !== a.hospitalId ||
            b.theatreId !== a.theatreId ||
            b.day !== a.day ||
            b.startMin !== a.startMin
          )
            row(a.hospitalId).moved += 1;
        }
        for (const [pid, b] of was) if (!now.has(pid)) row(b.hospitalId).removed += 1;
      }
      const perHospital = [...rows.values()].sort((x, y) => (x.hospitalId < y.hospitalId ? -1 : 1));
      const total = (k: keyof Omit<Row, 'hospitalId'>): number => perHospital.reduce((s, r) => s + r[k], 0);
      const older = published !== undefined && published.version > p.version;
      await auditor.log(db, who, { action: 'plan.read', details: { planId: id, summary: 'publish' } });
      return {
        planId: id,
        week: p.week,
        version: p.version,
        status: p.status,
        etag: p.etag,
        can: planCan(who, p),
        published: published === undefined ? null : { planId: published.id, version: published.version },
        /** Why publishing would be refused (409), or null. */
        blockedBy: older
          ? `version ${p.version} is older than the published version ${published.version}`
          : null,
        totals: {
          cases: total('cases'),
          incoming: total('incoming'),
          pending: total('pending'),
          accepted: total('accepted'),
          rejected: total('rejected'),
          added: total('added'),
          removed: total('removed'),
          moved: total('moved'),
        },
        perHospital,
      };
    },
  };
}
