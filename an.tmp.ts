import { generateRegion } from './seed/generate.ts';
import { buildProblem } from './src/planning/buildProblem.ts';
import { prepare } from './solver/eligibility/index.ts';
const snap = generateRegion({ seed: 7, scale: 1 });
const p = buildProblem(snap, { week: '2026-W49' });
const prep = prepare(p);
const S = p.startDay, E = prep.endDay + 14;
const cl = (d: number) => Math.min(Math.max(d, S), E + 1);
const parts = prep.patients.filter(x => x.blockedBy === null).map(pp => ({
  proc: pp.procIndex, reg: pp.patient.homeRegionId, mask: pp.dayMask, t: cl(pp.patient.targetDay), g: cl(pp.guaranteeBreachDay),
  lw: Math.min(360, Math.floor(Math.max(0, S - pp.patient.targetDay) / 30) * 30),
  hs: pp.hospitals.join(','), tr: pp.hospitals.map((h, k) => `${h}:${Math.floor((pp.extraKm[k] ?? 0) / 25)}`).join(','),
}));
const keys = ['proc','reg','mask','t','g','lw','hs','tr'] as const;
const count = (ks: readonly string[]) => new Set(parts.map(x => ks.map(k => (x as any)[k]).join('|'))).size;
console.log('patients', parts.length, 'all', count(keys));
for (const k of keys) console.log('without', k, count(keys.filter(x => x !== k && !(k==='hs' && x==='tr'))));
for (const k of keys) console.log('only', k, count([k]));
console.log('avg hospitals', parts.reduce((s,x)=>s+x.hs.split(',').length,0)/parts.length);
