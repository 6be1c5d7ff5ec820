// The simulation's interfaces. The core takes everything it needs as arguments: the base snapshot,
// the scenario, a seed, a patient factory (how a new decision to treat looks) and a planning policy
// (how the weekly plan is made), so it reads no clock, no file and no Math.random.
import type { Rng } from '../random/rng.ts';
import type { RegionSnapshot } from '../domain/snapshot.ts';
import type { PlanningProblem, ProblemPatient } from '../../solver/model/problem.ts';
import type { Assignment, TheatreList } from '../../solver/model/result.ts';
import type { Scenario } from '../scenarios/model.ts';

/** One new decision to treat: where, what, when; the factory draws the rest of the patient. */
export interface ArrivalDraw {
  id: string;
  hospitalId: string;
  procedureId: string;
  decisionDay: number;
}

/** Draws a new patient's attributes (home, priority, ASA, consent, travel, work-up) from `rng`. */
export type PatientFactory = (rng: Rng, arrival: ArrivalDraw) => ProblemPatient;

/** The weekly plan as the simulation executes it: lists with their cases in order. */
export interface PolicyPlan {
  lists: TheatreList[];
  assignments: Assignment[];
  /** The planner's own optimality gap that week, when it has a bound. */
  gap: number | null;
}

/**
 * How the weekly plan is made. `optimised` is the engine (its objective, whatever it is when this
 * runs), `baseline` the status quo; a new policy only has to implement this.
 */
export interface PlanningPolicy {
  readonly name: string;
  plan(problem: PlanningProblem): Promise<PolicyPlan>;
}

export interface SimulationInput {
  base: RegionSnapshot;
  scenario: Scenario;
  seed: number;
  weeks: number;
  patientFactory: PatientFactory;
}

export interface Breakdown {
  waiting: number;
  pastGuarantee: number;
}

/** What one replication saw in one week (counts at the week's end unless said otherwise). */
export interface WeekOutcome {
  /** 1-based simulated week. */
  week: number;
  isoWeek: string;
  waitingStart: number;
  arrivals: number;
  treated: number;
  removed: number;
  waiting: number;
  pastGuarantee: number;
  pastGuaranteeShare: number;
  pastTarget: number;
  pastTargetShare: number;
  guaranteeDaysP50: number;
  guaranteeDaysP90: number;
  /** Time-average of the list size over the week's seven days (for Little's law). */
  meanWaitingInWeek: number;
  /** Mean days from decision to surgery of the patients treated this week. */
  meanWaitDaysTreated: number;
  /** Actual case + turnover minutes / minutes of the lists that ran. */
  utilisation: number;
  overtimeMin: number;
  patientsMoved: number;
  travelKm: number;
  settlementSek: number;
  /** Planned cases that did not happen as planned: cancelled + declined + bumped by an overrun. */
  planChanges: number;
  cancelled: number;
  declined: number;
  bumped: number;
  planGap: number | null;
  byHomeRegion: Record<string, Breakdown>;
  bySpecialty: Record<string, Breakdown>;
  byHospital: Record<string, Breakdown>;
  /** previous list + arrivals = treated + removed + still waiting. */
  balanced: boolean;
}

export interface ReplicationResult {
  replication: number;
  weeks: WeekOutcome[];
}
