// Plan use cases: coordinator decisions on proposed cases and patients' answers to offers.
import { updatePlanIfEtag } from './repo.ts';
import { getPatientsByIds, recordDecline, setPatientStatus } from '../waiting-list/patientRepo.ts';
import { getOffer, insertOffer, insertWaiver, listDecisions, upsertDecision } from './decisionRepo.ts';
import { distancesFrom, getAsOfDate } from '../reference/repo.ts';
import { ConcealedRefusalError, ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import { addIsoWeeks, isoWeekDates } from '../calendar/isoWeek.ts';
import type { Principal } from '../auth/roles.ts';
import {
  canDecideCase,
  canRecordOffer,
  canSeeDecisions,
  DECIDABLE,
  hospitalScope,
  planCan,
} from '../auth/access.ts';
import { diffResults, type ReplanEntry, type StoredResult } from './planDelta.ts';
import type { WaitingListEntry } from '../domain/snapshot.ts';
import { PATIENT_FIELD } from './editOps.ts';
import type { PlanningResult } from '../../solver/model/result.ts';
import { denied, type PlanContext } from './context.ts';
import type { PlanScoping } from './scope.ts';
import type { createEditUseCases } from './edits.ts';

type ApplyOps = ReturnType<typeof createEditUseCases>['applyOps'];

/** Coordinators' decisions on proposed cases, their inbox, and patients' answers to offers. */
export function createDecisionUseCases(ctx: PlanContext, scoping: PlanScoping, applyOps: ApplyOps) {
  const { db, clock, events, auditor, today, loadPlan, loadPlanForChange, rememberPlan, assertVisible } = ctx;
  const { views, pseudonymiseFor, scopeDelta } = scoping;

  return {
    /**
     * A coordinator's decision on a case proposed to their hospital; it can be changed. A rejected
     * case leaves its list (day list, print, CSV) and is kept for re-planning; withdrawing the
     * rejection puts it back where it was.
     */
    async decide(
      who: Principal,
      id: number,
      d: { patientId: string; decision: 'accept' | 'reject'; reason?: string | undefined },
    ) {
      const p = await loadPlanForChange(id);
      assertVisible(who, p);
      if (who.role !== 'coordinator') throw denied(who, 'decide on a proposed case');
      if (!DECIDABLE.includes(p.status))
        throw new ConflictError(`plan ${id} is ${p.status}; decisions need a proposed plan`);
      const before = p.result as StoredResult | null;
      const a = (before?.assignments ?? []).find((x) => x.patientId === d.patientId);
      const taken = (before?.replan ?? []).find((x) => x.patientId === d.patientId);
      const where = a ?? taken;
      const patient = (await getPatientsByIds(db, [d.patientId])).get(d.patientId);
      if (
        before === null ||
        where === undefined ||
        patient === undefined ||
        !canDecideCase(who, p, { hospitalId: where.hospitalId, listingHospitalId: patient.listingHospitalId })
      ) {
        throw new ForbiddenError(
          `patient ${d.patientId} is not a case proposed to your hospital in plan ${id}`,
        );
      }
      const at = clock();
      let result: StoredResult | undefined;
      if (d.decision === 'reject' && a !== undefined) {
        const edited = await applyOps(p, [{ kind: 'unlist', patientId: a.patientId }], () => PATIENT_FIELD);
        const entry: ReplanEntry = {
          patientId: a.patientId,
          hospitalId: a.hospitalId,
          theatreId: a.theatreId,
          day: a.day,
          date: a.date,
          startMin: a.startMin,
          reason: d.reason ?? null,
          decidedAt: at.toISOString(),
        };
        result = { ...edited.result, replan: [...(before.replan ?? []), entry] };
      } else if (d.decision === 'accept' && taken !== undefined) {
        const edited = await applyOps(
          p,
          [
            {
              kind: 'relist',
              patientId: taken.patientId,
              hospitalId: taken.hospitalId,
              theatreId: taken.theatreId,
              day: taken.day,
            },
          ],
          () => PATIENT_FIELD,
        );
        result = {
          ...edited.result,
          replan: (before.replan ?? []).filter((x) => x.patientId !== d.patientId),
        };
      } else if (d.decision === 'reject' && taken !== undefined) {
        // Still rejected: only the reason changes.
        result = {
          ...before,
          replan: (before.replan ?? []).map((x) =>
            x.patientId === d.patientId ? { ...x, reason: d.reason ?? null, decidedAt: at.toISOString() } : x,
          ),
        };
      }
      const previous = (await listDecisions(db, id)).find((x) => x.patientId === d.patientId);
      const u = await db.transaction(async (tx) => {
        const u = result === undefined ? undefined : await updatePlanIfEtag(tx, id, p.etag, { result }, at);
        if (result !== undefined && u === undefined)
          throw new ConflictError(`plan ${id} changed while deciding; try again`);
        await upsertDecision(tx, {
          planId: id,
          patientId: d.patientId,
          hospitalId: where.hospitalId,
          decision: d.decision,
          reason: d.reason ?? null,
          decidedBy: who.userId,
          at,
        });
        await auditor.log(tx, who, {
          action: 'case.decide',
          patientIds: [d.patientId],
          hospitalId: where.hospitalId,
          details: {
            planId: id,
            decision: d.decision,
            reason: d.reason,
            previous: previous?.decision ?? null,
          },
        });
        return u;
      });
      // The decision's request keeps the plan's pins, so the edit's check is not reused here.
      if (u !== undefined && result !== undefined) rememberPlan(id, u.etag, result);
      const meta = u ?? p;
      const payload = {
        planId: id,
        patientId: d.patientId,
        hospitalId: where.hospitalId,
        listingHospitalId: patient.listingHospitalId,
        decision: d.decision,
        previousDecision: previous?.decision ?? null,
        reason: d.reason ?? null,
        etag: meta.etag,
      };
      const delta =
        result === undefined
          ? null
          : diffResults(
              { planId: id, etag: meta.etag, status: meta.status, version: meta.version, week: meta.week },
              before,
              result,
            );
      events.emit('case.decided', {
        planners: { ...payload, delta },
        hospitals: new Map([
          [where.hospitalId, payload],
          [patient.listingHospitalId, payload],
        ]),
      });
      return { ...payload, delta: delta === null ? null : (await scopeDelta(who, delta)).body };
    },

    /**
     * The decision inbox: every case proposed to a hospital from another hospital's list, with its
     * decision (pending, accepted, rejected — rejected ones are off the lists, to be re-planned).
     */
    async decisions(who: Principal, id: number, q: { hospitalId?: string | undefined } = {}) {
      const p = await loadPlan(id);
      assertVisible(who, p);
      const hid = hospitalScope(who) ?? q.hospitalId;
      if (!canSeeDecisions(who, p, q.hospitalId)) throw denied(who, `see the decisions of plan ${id}`);
      const result = p.result as StoredResult | null;
      const assignments = result?.assignments ?? [];
      const replan = result?.replan ?? [];
      const decided = new Map((await listDecisions(db, id)).map((d) => [d.patientId, d]));
      const { views: v, patients } = await views(
        who,
        assignments,
        replan.map((r) => r.patientId),
      );
      // The travel the coordinator weighs: the patient's home to the proposed hospital (km).
      const homes = [...new Set([...patients.values()].map((x) => x.homePlaceId))];
      const km = await distancesFrom(db, homes);
      const durationOf = new Map(assignments.map((a) => [a.patientId, a.durationMin]));
      const cases = [
        ...assignments.map((a) => ({ ...a, rejectedAt: null as string | null })),
        ...replan.map((r) => ({ ...r, rejectedAt: r.decidedAt })),
      ]
        .filter((c) => {
          const listing = patients.get(c.patientId)?.listingHospitalId;
          return (
            listing !== undefined && listing !== c.hospitalId && (hid === undefined || c.hospitalId === hid)
          );
        })
        .map((c) => {
          const dec = decided.get(c.patientId);
          return {
            patientId: c.patientId,
            patient: v.get(c.patientId) ?? null,
            hospitalId: c.hospitalId,
            listingHospitalId: patients.get(c.patientId)?.listingHospitalId ?? '',
            theatreId: c.theatreId,
            date: c.date,
            startMin: c.startMin,
            /** Planned minutes (null for a rejected case: it is off the lists). */
            durationMin: durationOf.get(c.patientId) ?? null,
            distanceKm: (() => {
              const home = patients.get(c.patientId)?.homePlaceId;
              return home === undefined ? null : (km.get(`${home}>${c.hospitalId}`) ?? null);
            })(),
            state:
              dec === undefined
                ? ('pending' as const)
                : dec.decision === 'accept'
                  ? ('accepted' as const)
                  : ('rejected' as const),
            /** Rejected cases are off the lists and are planned again by the next re-solve. */
            replan: c.rejectedAt !== null,
            reason: dec?.reason ?? null,
            decidedAt: dec?.decidedAt ?? null,
            canDecide: canDecideCase(who, p, {
              hospitalId: c.hospitalId,
              listingHospitalId: patients.get(c.patientId)?.listingHospitalId ?? '',
            }),
          };
        })
        .sort((x, y) =>
          x.hospitalId < y.hospitalId
            ? -1
            : x.hospitalId > y.hospitalId
              ? 1
              : x.date < y.date
                ? -1
                : x.date > y.date
                  ? 1
                  : x.startMin - y.startMin,
        );
      const byHospital = new Map<
        string,
        { hospitalId: string; pending: number; accepted: number; rejected: number }
      >();
      for (const c of cases) {
        const r = byHospital.get(c.hospitalId) ?? {
          hospitalId: c.hospitalId,
          pending: 0,
          accepted: 0,
          rejected: 0,
        };
        r[c.state] += 1;
        byHospital.set(c.hospitalId, r);
      }
      await auditor.log(db, who, {
        action: 'plan.read',
        patientIds: cases.map((c) => c.patientId),
        details: { planId: id, decisions: true, hospitalId: hid ?? null },
      });
      return pseudonymiseFor(
        who,
        {
          planId: id,
          week: p.week,
          version: p.version,
          status: p.status,
          etag: p.etag,
          can: planCan(who, p),
          hospitals: [...byHospital.values()],
          cases: who.role === 'analyst' ? [] : cases,
        },
        cases.map((c) => c.patientId),
      );
    },

    async answerOffer(who: Principal, id: number, patientId: string, answer: 'accepted' | 'declined') {
      const p = await loadPlan(id);
      assertVisible(who, p);
      if (p.status !== 'proposed' && p.status !== 'published')
        throw new ConflictError(`plan ${id} is ${p.status}; offers come from a proposed or published plan`);
      const a = ((p.result as PlanningResult | null)?.assignments ?? []).find(
        (x) => x.patientId === patientId,
      );
      const patient: WaitingListEntry | undefined = (await getPatientsByIds(db, [patientId])).get(patientId);
      // A coordinator gets the same 404 (and the same access.denied audit row) for an id that is
      // unknown, not in this plan, or another hospital's patient: no cross-hospital oracle.
      const noOffer = `patient ${patientId} has no offer in plan ${id}`;
      if (a === undefined || patient === undefined) {
        if (who.role === 'coordinator')
          throw new ConcealedRefusalError(noOffer, `offer answer: no offer for ${patientId} in plan ${id}`);
        throw new NotFoundError(noOffer);
      }
      if (!canRecordOffer(who, { hospitalId: a.hospitalId, listingHospitalId: patient.listingHospitalId })) {
        if (who.role === 'coordinator')
          throw new ConcealedRefusalError(
            noOffer,
            `offer answer: patient ${patientId} concerns neither ${who.hospitalId ?? 'no hospital'} nor its cases`,
          );
        throw new ForbiddenError(
          `recording an answer for patient ${patientId}: only planners and the coordinators of the hospitals concerned`,
        );
      }
      if ((await getOffer(db, id, patientId)) !== undefined)
        throw new ConflictError(`the answer for patient ${patientId} in plan ${id} is already recorded`);
      const elsewhere = a.hospitalId !== patient.listingHospitalId;
      // The answer belongs to the plan's data: the PvV period starts on the snapshot date it was
      // planned from, not on the server's clock (today only when no snapshot is loaded).
      const answeredOn = (await getAsOfDate(db)) ?? today();
      const horizonEnd = isoWeekDates(addIsoWeeks(p.request.week, p.request.weeks - 1)).at(-1) ?? a.date;
      const pvv = { from: answeredOn, to: horizonEnd < answeredOn ? answeredOn : horizonEnd };
      await db.transaction(async (tx) => {
        const inserted = await insertOffer(tx, {
          planId: id,
          patientId,
          answer,
          hospitalId: a.hospitalId,
          date: a.date,
          recordedBy: who.userId,
          at: clock(),
        });
        if (!inserted)
          throw new ConflictError(`the answer for patient ${patientId} in plan ${id} is already recorded`);
        if (answer === 'accepted') {
          await setPatientStatus(tx, patientId, 'scheduled');
        } else {
          await recordDecline(tx, patientId, pvv);
          if (elsewhere) {
            await insertWaiver(tx, {
              patientId,
              decisionDate: patient.decisionDate,
              planId: id,
              reason: `declined care at ${a.hospitalId} on ${a.date}`,
              recordedBy: who.userId,
              at: clock(),
            });
          }
        }
        // The answer and its audit row commit together (ADR 0013).
        await auditor.log(tx, who, {
          action: 'offer.answer',
          patientIds: [patientId],
          hospitalId: a.hospitalId,
          details: { planId: id, answer, elsewhere, ...(answer === 'declined' ? { pvv } : {}) },
        });
      });
      return {
        planId: id,
        patientId,
        answer,
        elsewhere,
        ...(answer === 'declined'
          ? { pvv, guaranteeWaived: elsewhere, consentElsewhere: false }
          : { status: 'scheduled' }),
      };
    },
  };
}
