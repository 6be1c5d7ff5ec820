import { generateRegion } from './seed/generate.ts';
const snap = generateRegion({ seed: 7, scale: 1 });
const counts = new Map<string, number>();
for (const p of snap.waitingList) counts.set(p.procedureId, (counts.get(p.procedureId) ?? 0) + 1);
for (const p of snap.procedures.toSorted((a,b)=>a.specialtyId.localeCompare(b.specialtyId))) {
  const m = Math.exp(p.durationLogMu + p.durationLogSigma**2/2); const v = (Math.exp(p.durationLogSigma**2)-1)*Math.exp(2*p.durationLogMu+p.durationLogSigma**2);
  console.log(p.specialtyId.padEnd(10), p.id.padEnd(8), 'mean', m.toFixed(0), 'sd', Math.sqrt(v).toFixed(0), 'turn', p.turnoverMin, 'v/m', (v/m).toFixed(1), 'n', counts.get(p.id) ?? 0, p.htaDoNotDo ? 'HTA' : '');
}
console.log(snap.hospitals.map(h => h.id + ':' + h.listMin).join(' '));
