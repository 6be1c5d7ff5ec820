// Ward beds for the tiny problem: hip patients stay `hipLosDays` nights, spine patients 3; beds per
// hospital and horizon day as given (a hospital left out has no bed limit).
import type { PlanningProblem } from '../../solver/model/problem.ts';

export function withBeds(
  problem: PlanningProblem,
  beds: Record<string, readonly number[]>,
  opts: { hipLosDays?: number; booked?: Record<string, readonly number[]> } = {},
): PlanningProblem {
  const hipLosDays = opts.hipLosDays ?? 2;
  return {
    ...problem,
    procedures: problem.procedures.map((p) =>
      p.id === 'hip'
        ? { ...p, lengthOfStayDays: hipLosDays }
        : p.id === 'spine'
          ? { ...p, lengthOfStayDays: 3 }
          : { ...p, lengthOfStayDays: 0 },
    ),
    wardBeds: Object.entries(beds).flatMap(([hospitalId, perDay]) =>
      problem.dates.map((_, d) => ({
        hospitalId,
        day: problem.startDay + d,
        capacityBeds: perDay[d] ?? 0,
        bookedBeds: opts.booked?.[hospitalId]?.[d] ?? 0,
      })),
    ),
  };
}
