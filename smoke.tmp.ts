import { smallSnapshot } from './tests/helpers/smallSnapshot.ts';
import { buildProblem } from './src/planning/buildProblem.ts';
import { solve } from './solver/index.ts';
const snap = smallSnapshot();
console.log(snap.asOfDate, snap.waitingList.length);
const p = buildProblem(snap, { week: '2026-W49' });
console.log('hd', p.hospitalDays.length, 'patients', p.patients.length);
for (const backend of ['highs', 'jsl'] as const) {
  const r = await solve(p, { backend, clock: () => performance.now() });
  console.log(backend, r.status, r.objective, r.bound, r.gap, r.check.feasible, r.check.violations.slice(0,5), r.kpis.patientsTreated, r.baseline.kpis.patientsTreated, r.diagnostics, r.timingsMs);
}
