// Pure helpers of plan editing: the lists a case can be moved into, and KPI changes in words and
// colours (better or worse, which is not the same as up or down).
import type { I18n } from './i18n.ts';
import type { PlanAssignment, TheatreList } from './types.ts';

/** A list the case can be moved into, with the minutes it has left once the case is added. */
export interface Room {
  list: TheatreList;
  freeMin: number;
}

/**
 * The lists with room for the case: the plan's lists are the staffed, open ones; room is the list
 * end minus its planned end, and the case needs its planned minutes plus its turnover. Its own
 * list is not a move. The server still checks every rule (specialty, ASA, travel consent, risk).
 */
export function listsWithRoom(
  a: Pick<PlanAssignment, 'theatreId' | 'date' | 'durationMin' | 'turnoverMin'>,
  lists: readonly TheatreList[],
): Room[] {
  const needMin = a.durationMin + a.turnoverMin;
  return lists
    .filter((l) => !(l.theatreId === a.theatreId && l.date === a.date))
    .map((l) => ({ list: l, freeMin: l.listEndMin - l.plannedEndMin }))
    .filter((r) => r.freeMin >= needMin)
    .toSorted((x, y) =>
      x.list.date < y.list.date
        ? -1
        : x.list.date > y.list.date
          ? 1
          : x.list.theatreId < y.list.theatreId
            ? -1
            : 1,
    );
}

/** Which way is better for each KPI of the diff: +1 more is better, -1 less is better, 0 neither. */
const KPI_BETTER: Record<string, 1 | -1 | 0> = {
  patientsTreated: 1,
  pastGuaranteeAtEnd: -1,
  latenessDaysTotal: -1,
  patientsMoved: -1,
  utilisation: 1,
  maxOverrunProbability: -1,
  travelKmTotal: -1,
  teamPlacements: 0,
  lentLists: 0,
  expectedOvertimeMin: -1,
  latenessDaysTreated: -1,
};
/** KPIs that are shares (0..1): shown in percentage points. */
export const KPI_SHARE = new Set(['utilisation', 'maxOverrunProbability']);

/** A signed change in words and figures, "+3", "−1,5", "0" (never "−0"). */
export function signed(
  i: Pick<I18n, 'num' | 'lang'>,
  v: number,
  share: boolean,
): { text: string; rounded: number } {
  const digits = share ? 1 : Number.isInteger(v) ? 0 : 1;
  const scaled = share ? v * 100 : v;
  const rounded = Number(scaled.toFixed(digits));
  if (rounded === 0) return { text: share ? `0 ${i.lang === 'sv' ? 'p.e.' : 'pp'}` : '0', rounded: 0 };
  const body = i.num(Math.abs(rounded), digits);
  return {
    text: `${rounded > 0 ? '+' : '−'}${body}${share ? ` ${i.lang === 'sv' ? 'p.e.' : 'pp'}` : ''}`,
    rounded,
  };
}

/** Better, worse or neutral for a rounded change of a KPI (neutral when it has no better side). */
export function kpiVerdict(kpi: string, rounded: number): 'better' | 'worse' | 'neutral' {
  const dir = KPI_BETTER[kpi] ?? 0;
  return rounded === 0 || dir === 0 ? 'neutral' : rounded * dir > 0 ? 'better' : 'worse';
}
