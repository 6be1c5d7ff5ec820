// Planner edits of a finished plan: exclude a patient, move a case to another list, pin or unpin
// a case. An edited list is rebuilt with the construction's own list model (solver/construct:
// the same running sums, `fits`, sequencing, start times and overrun probability a solved plan
// gets), so an edit never leaves a stale figure behind. Only the lists an edit touches are
// rebuilt; the rest of the plan is returned as it was.
//
// A legal edit always succeeds. An illegal one is refused with the hard rule it would break (the
// checker's stable rule name where there is one) and the parameters needed to say it in plain
// words; the caller still runs the independent checker on the result.
//
// Pure: never mutates its inputs, no clock, no randomness.
import { prepare, type Prepared, type PreparedPatient } from '../eligibility/index.ts';
import { assignmentReason } from '../explain/index.ts';
import {
  addCase,
  fits,
  listOverrun,
  newList,
  plannedMin,
  removeCase,
  type WorkList,
} from '../construct/lists.ts';
import { listOutput } from '../construct/output.ts';
import type { RuleName } from '../check/rules/names.ts';
import type { EpochDay, Pin, PlanningProblem } from '../model/problem.ts';
import type { Assignment, PlanForCheck, TheatreList } from '../model/result.ts';
import { hasDay } from '../eligibility/days.ts';

export type EditOp =
  | { kind: 'exclude'; patientId: string }
  /** Take back an exclusion (the patient is planned again by the next re-solve). */
  | { kind: 'include'; patientId: string }
  | { kind: 'move'; patientId: string; hospitalId: string; theatreId: string; day: EpochDay }
  | { kind: 'pin'; patientId: string }
  | { kind: 'unpin'; patientId: string }
  /** Take a case off its list for re-planning (a coordinator rejected it); not an exclusion. */
  | { kind: 'unlist'; patientId: string }
  /** Put a case taken off back on a list (the rejection was withdrawn); no pin. */
  | { kind: 'relist'; patientId: string; hospitalId: string; theatreId: string; day: EpochDay };

/** Rules an edit can break: the checker's hard rules, plus two that only an edit can break. */
export type EditRule = RuleName | 'not in plan' | 'outside horizon';

export interface EditRefusal {
  rule: EditRule;
  /** Everything the plain-words message needs (ids, dates, minutes, percentages). */
  params: Record<string, string | number>;
  /** The refusal in plain English (the dashboard translates from rule + params). */
  message: string;
  /** Which operation of the edit was refused (0-based). */
  opIndex: number;
}

export type EditOutcome =
  | {
      ok: true;
      plan: PlanForCheck;
      pins: Pin[];
      excludedPatientIds: string[];
      /** Patients whose place, pin or exclusion the edit changed. */
      touched: string[];
      /** Slots ("hospitalId|theatreId|day") whose list changed, appeared or disappeared. */
      changedSlots: string[];
    }
  | { ok: false; refusal: EditRefusal };

export interface EditOptions {
  /**
   * false: apply moves even where a rule forbids them (a new list gets own staff and surgeons).
   * Only for tests that ask the independent checker whether each refusal was justified.
   */
  enforce?: boolean;
}

class Refused extends Error {
  constructor(readonly refusal: Omit<EditRefusal, 'opIndex'>) {
    super(refusal.message);
  }
}

const slotKey = (hospitalId: string, theatreId: string, day: EpochDay): string =>
  `${hospitalId}|${theatreId}|${day}`;

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

/**
 * Apply `ops` in order to `plan` (solved for `problem`, whose pins and exclusions are the plan's
 * current ones). All or nothing: the first refusal refuses the whole edit.
 */
export function editPlan(
  problem: PlanningProblem,
  plan: PlanForCheck,
  ops: EditOp | readonly EditOp[],
  options: EditOptions = {},
): EditOutcome {
  const list = Array.isArray(ops) ? (ops as readonly EditOp[]) : [ops as EditOp];
  const state = new EditState(prepare(problem), plan, options.enforce ?? true);
  for (const [i, op] of list.entries()) {
    try {
      state.apply(op);
    } catch (e) {
      if (e instanceof Refused) return { ok: false, refusal: { ...e.refusal, opIndex: i } };
      throw e;
    }
  }
  return { ok: true, ...state.result() };
}

class EditState {
  private readonly problem: PlanningProblem;
  /** Lists by slot; a WorkList replaces the TheatreList once an edit touches that slot. */
  private readonly slots = new Map<string, TheatreList | WorkList>();
  private readonly assignmentOf = new Map<string, Assignment>();
  private readonly slotOf = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private readonly moved = new Set<string>();
  private readonly touched = new Set<string>();
  private pins: Pin[];
  private readonly excluded: Set<string>;

  constructor(
    private readonly prep: Prepared,
    private readonly plan: PlanForCheck,
    private readonly enforce: boolean,
  ) {
    this.problem = prep.problem;
    for (const l of plan.lists) {
      const key = slotKey(l.hospitalId, l.theatreId, l.day);
      this.slots.set(key, l);
      for (const pid of l.patientIds) this.slotOf.set(pid, key);
    }
    for (const a of plan.assignments) this.assignmentOf.set(a.patientId, a);
    this.pins = [...this.problem.pins];
    this.excluded = new Set(this.problem.excludedPatientIds);
  }

  apply(op: EditOp): void {
    switch (op.kind) {
      case 'exclude':
        return this.exclude(op.patientId);
      case 'include':
        this.patient(op.patientId);
        this.excluded.delete(op.patientId);
        this.touched.add(op.patientId);
        return;
      case 'pin':
        return this.pin(op.patientId);
      case 'unpin':
        this.pins = this.pins.filter((p) => p.patientId !== op.patientId);
        this.touched.add(op.patientId);
        return;
      case 'move':
        return this.move(op, true);
      case 'relist':
        return this.move(op, false);
      case 'unlist':
        this.scheduledSlot(op.patientId);
        this.unlist(op.patientId);
        this.pins = this.pins.filter((p) => p.patientId !== op.patientId);
        this.touched.add(op.patientId);
        return;
    }
  }

  private patient(patientId: string): PreparedPatient {
    const pp = this.prep.patientById.get(patientId);
    if (pp === undefined)
      throw new Refused({
        rule: 'unknown reference',
        params: { patientId },
        message: `patient ${patientId} is not on the waiting list`,
      });
    return pp;
  }

  private scheduledSlot(patientId: string): string {
    const key = this.slotOf.get(patientId);
    if (key === undefined)
      throw new Refused({
        rule: 'not in plan',
        params: { patientId },
        message: `patient ${patientId} is not scheduled in this plan`,
      });
    return key;
  }

  /** The slot's list as a work list (built on first touch from the plan's list). */
  private work(key: string): WorkList {
    const cur = this.slots.get(key);
    if (cur === undefined) throw new Error(`no list at ${key}`);
    if ('cases' in cur) return cur;
    const { prep } = this;
    const h = prep.hIndex.get(cur.hospitalId);
    const s = prep.specIndex.get(cur.specialtyId);
    if (h === undefined || s === undefined)
      throw new Refused({
        rule: 'unknown reference',
        params: { hospitalId: cur.hospitalId, specialtyId: cur.specialtyId },
        message: `the list ${cur.hospitalId}/${cur.theatreId} refers to a hospital or specialty no longer known`,
      });
    const wl = newList(
      h,
      cur.day - this.problem.startDay,
      s,
      cur.theatreId,
      cur.staffedBy,
      prep.hIndex.get(cur.surgeonFromHospitalId) ?? h,
    );
    // Keep the list's session and named surgeon (ADR 0023); the checker re-checks the edit.
    const session = cur.sessionId ? this.problem.sessions?.find((x) => x.id === cur.sessionId) : undefined;
    if (session) wl.session = { id: session.id, startMin: session.startMin, lengthMin: session.lengthMin };
    const surgeon = cur.surgeonId ? this.problem.surgeons?.findIndex((x) => x.id === cur.surgeonId) : -1;
    if (surgeon !== undefined && surgeon >= 0) wl.surgeon = surgeon;
    for (const pid of cur.patientIds) addCase(prep, wl, this.patient(pid));
    this.slots.set(key, wl);
    return wl;
  }

  private unlist(patientId: string): void {
    const key = this.slotOf.get(patientId);
    if (key === undefined) return;
    const wl = this.work(key);
    const pp = this.patient(patientId);
    removeCase(this.prep, wl, pp);
    this.slotOf.delete(patientId);
    this.dirty.add(key);
  }

  private exclude(patientId: string): void {
    this.patient(patientId);
    this.unlist(patientId);
    this.excluded.add(patientId);
    this.pins = this.pins.filter((p) => p.patientId !== patientId);
    this.touched.add(patientId);
  }

  private pin(patientId: string): void {
    const key = this.scheduledSlot(patientId);
    const [hospitalId, theatreId, day] = key.split('|') as [string, string, string];
    this.pins = [
      ...this.pins.filter((p) => p.patientId !== patientId),
      { patientId, hospitalId, day: Number(day), theatreId },
    ];
    this.touched.add(patientId);
  }

  private move(op: Extract<EditOp, { kind: 'move' | 'relist' }>, byPlanner: boolean): void {
    const { prep, problem } = this;
    const pp = this.patient(op.patientId);
    const from = byPlanner ? this.scheduledSlot(op.patientId) : this.slotOf.get(op.patientId);
    const h = prep.hIndex.get(op.hospitalId);
    if (h === undefined)
      throw new Refused({
        rule: 'unknown reference',
        params: { hospitalId: op.hospitalId },
        message: `hospital ${op.hospitalId} is not in the region`,
      });
    const d = op.day - problem.startDay;
    const date = problem.dates[d];
    if (d < 0 || date === undefined)
      throw new Refused({
        rule: 'outside horizon',
        params: { day: op.day, from: problem.dates[0] ?? '', to: problem.dates.at(-1) ?? '' },
        message: `the day is outside the plan's horizon (${problem.dates[0] ?? ''} to ${problem.dates.at(-1) ?? ''})`,
      });
    const to = slotKey(op.hospitalId, op.theatreId, op.day);
    const where = { hospitalId: op.hospitalId, theatreId: op.theatreId, date };
    if (this.enforce) this.eligible(pp, h, d, date);
    const hd = prep.cap[h]?.[d];
    if (this.enforce && (hd === undefined || !hd.openTheatreIds.includes(op.theatreId)))
      throw new Refused({
        rule: 'closed theatre',
        params: where,
        message: `theatre ${op.theatreId} at ${op.hospitalId} is not open on ${date}`,
      });
    if (to !== from) {
      this.unlist(op.patientId);
      const target = this.slots.has(to) ? this.work(to) : this.newListAt(pp, h, d, op.theatreId, date);
      if (this.enforce && target.s !== pp.specIndex) {
        throw new Refused({
          rule: 'mixed specialty list',
          params: {
            ...where,
            listSpecialtyId: problem.specialtyIds[target.s] ?? '',
            specialtyId: pp.proc.specialtyId,
          },
          message: `the list in ${op.hospitalId}/${op.theatreId} on ${date} is a ${problem.specialtyIds[target.s] ?? ''} list; ${op.patientId} needs ${pp.proc.specialtyId}`,
        });
      }
      if (this.enforce && !fits(prep, target, pp)) this.refuseOverrun(target, pp, where);
      addCase(prep, target, pp);
      this.slots.set(to, target);
      this.slotOf.set(op.patientId, to);
      this.dirty.add(to);
      if (byPlanner) this.moved.add(op.patientId);
    }
    if (!byPlanner) {
      this.touched.add(op.patientId);
      return;
    }
    // A moved case stays where the planner put it through re-solves.
    this.pins = [
      ...this.pins.filter((p) => p.patientId !== op.patientId),
      { patientId: op.patientId, hospitalId: op.hospitalId, day: op.day, theatreId: op.theatreId },
    ];
    this.touched.add(op.patientId);
  }

  /** The static eligibility rules, in the checker's order, for patient pp at hospital h on day d. */
  private eligible(pp: PreparedPatient, h: number, d: number, date: string): void {
    const { problem } = this;
    const hosp = problem.hospitals[h];
    if (hosp === undefined) return;
    const p = pp.patient;
    const base = { patientId: p.id, hospitalId: hosp.id, procedureId: pp.proc.id };
    if (!hosp.procedureIds.includes(p.procedureId))
      throw new Refused({
        rule: 'procedure not offered',
        params: base,
        message: `${hosp.id} does not offer ${pp.proc.id}`,
      });
    if (!hosp.acute && (pp.proc.needsAcuteBackup || p.asaClass > pp.proc.maxAsaNonAcute))
      throw new Refused({
        rule: 'acute back-up required',
        params: { ...base, asaClass: p.asaClass },
        message: `${p.id} (ASA ${p.asaClass}, ${pp.proc.id}) needs a hospital with acute back-up; ${hosp.id} has none`,
      });
    if (pp.proc.needsIcu && !hosp.icu)
      throw new Refused({
        rule: 'ICU required',
        params: base,
        message: `${pp.proc.id} needs an ICU; ${hosp.id} has none`,
      });
    if (h !== pp.listingH) {
      if (!p.consentElsewhere)
        throw new Refused({
          rule: 'moved without consent',
          params: base,
          message: `${p.id} has not consented to treatment outside ${p.listingHospitalId}`,
        });
      const km = problem.distanceKm[p.homePlaceId]?.[hosp.id];
      if (km === undefined || km > p.maxTravelKm)
        throw new Refused({
          rule: 'travel beyond consent',
          params: { ...base, distanceKm: Math.round(km ?? -1), maxTravelKm: Math.round(p.maxTravelKm) },
          message: `${hosp.id} is ${km === undefined ? 'at an unknown distance' : `${Math.round(km)} km`} from ${p.id}'s home; consent covers ${Math.round(p.maxTravelKm)} km`,
        });
    }
    if (pp.blockedBy === 'HTA do-not-do')
      throw new Refused({
        rule: 'HTA do-not-do',
        params: base,
        message: `${pp.proc.id} is flagged "do not do" and ${p.id} has no clinician override`,
      });
    if (this.excluded.has(p.id))
      throw new Refused({
        rule: 'planner exclusion',
        params: base,
        message: `${p.id} is excluded from this plan`,
      });
    if (!hasDay(pp.dayMask, d)) {
      const day = problem.startDay + d;
      if (day < p.earliestDay)
        throw new Refused({
          rule: 'before pre-op release',
          params: { ...base, date },
          message: `${p.id} is not ready for surgery (pre-operative work-up) on ${date}`,
        });
      throw new Refused({
        rule: 'excluded period',
        params: { ...base, date },
        message: `${p.id} is in a PvV/MoV/SoV period on ${date}`,
      });
    }
  }

  /** A new own-staffed list with an own surgeon list, if the hospital has both to spare that day. */
  private newListAt(pp: PreparedPatient, h: number, d: number, theatreId: string, date: string): WorkList {
    const { problem, prep } = this;
    const hosp = problem.hospitals[h];
    const hd = prep.cap[h]?.[d];
    const wl = newList(h, d, pp.specIndex, theatreId, 'own', h);
    if (!this.enforce || hosp === undefined || hd === undefined) return wl;
    const day = problem.startDay + d;
    const here = [...this.slots.values()]
      .map((l) => this.asListInfo(l))
      .filter((l) => l.hospitalId === hosp.id && l.day === day && l.caseCount > 0);
    const ownStaffed = here.filter((l) => l.staffedBy === 'own').length;
    if (ownStaffed >= hd.staffedTeams)
      throw new Refused({
        rule: 'staffed teams',
        params: { hospitalId: hosp.id, date, staffedTeams: hd.staffedTeams },
        message: `${hosp.id} already staffs all its ${hd.staffedTeams} teams' lists on ${date}; a new list there has no team`,
      });
    const spec = pp.proc.specialtyId;
    const ownSurgeon = here.filter(
      (l) => l.specialtyId === spec && l.surgeonFromHospitalId === hosp.id,
    ).length;
    const lentOut = this.plan.lentLists.filter(
      (m) =>
        m.fromHospitalId === hosp.id &&
        m.day === day &&
        m.specialtyId === spec &&
        this.slotUsed(m.toHospitalId, m.theatreId, m.day),
    ).length;
    const have = hd.surgeonLists[spec] ?? 0;
    if (ownSurgeon + lentOut >= have)
      throw new Refused({
        rule: 'surgeon lists',
        params: { hospitalId: hosp.id, date, specialtyId: spec, surgeonLists: have },
        message: `${hosp.id} has no free ${spec} surgeon list on ${date} (${have} in all, all in use)`,
      });
    return wl;
  }

  private slotUsed(hospitalId: string, theatreId: string, day: EpochDay): boolean {
    const l = this.slots.get(slotKey(hospitalId, theatreId, day));
    return l !== undefined && this.asListInfo(l).caseCount > 0;
  }

  private asListInfo(l: TheatreList | WorkList): {
    hospitalId: string;
    day: EpochDay;
    specialtyId: string;
    staffedBy: TheatreList['staffedBy'];
    surgeonFromHospitalId: string;
    caseCount: number;
  } {
    if (!('cases' in l)) return { ...l, caseCount: l.patientIds.length };
    const { problem } = this;
    return {
      hospitalId: problem.hospitals[l.h]?.id ?? '',
      day: problem.startDay + l.d,
      specialtyId: problem.specialtyIds[l.s] ?? '',
      staffedBy: l.staffedBy,
      surgeonFromHospitalId: problem.hospitals[l.surgeonFromH]?.id ?? '',
      caseCount: l.cases.length,
    };
  }

  private refuseOverrun(
    target: WorkList,
    pp: PreparedPatient,
    where: { hospitalId: string; theatreId: string; date: string },
  ): never {
    const { prep } = this;
    const listMin = prep.problem.hospitals[target.h]?.listMin ?? 0;
    const plannedSumMin = target.plannedSumMin + plannedMin(prep, pp) + pp.proc.turnoverMin;
    if (plannedSumMin > listMin)
      throw new Refused({
        rule: 'theatre overrun',
        params: { ...where, plannedMin: plannedSumMin, listMin },
        message: `the list ${where.hospitalId}/${where.theatreId} on ${where.date} would need ${plannedSumMin} planned minutes; it has ${listMin}`,
      });
    const trial = { ...target, cases: [...target.cases] };
    addCase(prep, trial, pp);
    const p = listOverrun(prep, trial);
    const max = prep.problem.rules.overrunProbabilityMax;
    throw new Refused({
      rule: 'overrun risk',
      params: { ...where, probabilityPct: Math.round(1000 * p) / 10, maxPct: Math.round(1000 * max) / 10 },
      message: `the list ${where.hospitalId}/${where.theatreId} on ${where.date} would overrun with probability ${pct(p)}, above the ${pct(max)} limit`,
    });
  }

  result(): Omit<Extract<EditOutcome, { ok: true }>, 'ok'> {
    const { prep, plan } = this;
    const pinned = new Set(this.pins.map((p) => p.patientId));
    const rebuilt = new Map<string, { list: TheatreList; assignments: Assignment[] } | null>();
    for (const key of this.dirty) {
      const wl = this.work(key);
      rebuilt.set(
        key,
        wl.cases.length === 0
          ? null
          : listOutput(prep, wl, pinned, (pp) => {
              if (this.moved.has(pp.patient.id)) {
                const why = assignmentReason(prep, pp, wl.h, wl.d);
                return {
                  ...why,
                  reason: `moved by a planner; ${why.reason}`,
                  reasonParams: { ...why.reasonParams, movedByPlanner: true },
                };
              }
              const before = this.assignmentOf.get(pp.patient.id);
              return before === undefined
                ? undefined
                : { reason: before.reason, reasonCode: before.reasonCode, reasonParams: before.reasonParams };
            }),
      );
    }
    const lists: TheatreList[] = [];
    const assignments: Assignment[] = [];
    const seen = new Set<string>();
    for (const l of plan.lists) {
      const key = slotKey(l.hospitalId, l.theatreId, l.day);
      seen.add(key);
      const r = rebuilt.get(key);
      if (r === null) continue;
      lists.push(r?.list ?? l);
    }
    for (const [key, r] of rebuilt) if (!seen.has(key) && r) lists.push(r.list);
    const hOf = (l: TheatreList): number => prep.hIndex.get(l.hospitalId) ?? -1;
    lists.sort(
      (a, b) =>
        a.day - b.day ||
        hOf(a) - hOf(b) ||
        (a.theatreId < b.theatreId ? -1 : a.theatreId > b.theatreId ? 1 : 0),
    );
    const fresh = new Map<string, Assignment>();
    for (const r of rebuilt.values()) for (const a of r?.assignments ?? []) fresh.set(a.patientId, a);
    // Assignments in list order, as a solved plan has them.
    for (const l of lists) {
      for (const pid of l.patientIds) {
        const a = fresh.get(pid) ?? this.assignmentOf.get(pid);
        if (a === undefined) continue;
        assignments.push(a.pinned === pinned.has(pid) ? a : { ...a, pinned: pinned.has(pid) });
      }
    }
    const used = new Set(lists.map((l) => slotKey(l.hospitalId, l.theatreId, l.day)));
    return {
      plan: {
        assignments,
        lists,
        teamPlacements: plan.teamPlacements.filter((t) =>
          used.has(slotKey(t.hospitalId, t.theatreId, t.day)),
        ),
        lentLists: plan.lentLists.filter((m) => used.has(slotKey(m.toHospitalId, m.theatreId, m.day))),
      },
      pins: this.pins,
      excludedPatientIds: [...this.excluded],
      touched: [...this.touched],
      changedSlots: [...this.dirty],
    };
  }
}
