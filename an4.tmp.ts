import { generateRegion } from './seed/generate.ts';
import { buildProblem } from './src/planning/buildProblem.ts';
import { prepare } from './solver/eligibility/index.ts';
import { buildGroups } from './solver/formulate/groups.ts';
import { formulate } from './solver/formulate/index.ts';
import highsModule from 'highs';
const snap = generateRegion({ seed: 7, scale: Number(process.argv[2] ?? 1) });
const p = buildProblem(snap, { week: '2026-W49' });
const prep = prepare(p);
const groups = buildGroups(prep, new Set());
const agg = formulate(prep, groups);
const m = agg.model;
console.log('cols', m.colNames.length, 'rows', m.rowNames.length, 'nnz', m.rowIndex.length);
const highs: any = await (highsModule as any)();
const inf = highs.infinity;
const cl = (v: number) => v === Infinity ? inf : v === -Infinity ? -inf : v;
for (const [label, opts, relax] of [
  ['lp simplex', { solver: 'simplex' }, true],
  ['lp ipm', { solver: 'ipm' }, true],
  ['lp pdlp', { solver: 'simplex', simplex_strategy: 4 }, true],
  ['mip gap1e-3', { mip_rel_gap: 1e-3 }, false],
  ['mip gap1e-3 nopre', { mip_rel_gap: 1e-3, presolve: 'off' }, false],
] as const) {
  const t = performance.now();
  const hm = highs.createModel({ numCols: m.colNames.length, numRows: m.rowNames.length, colCost: Float64Array.from(m.colCost), colLower: Float64Array.from(m.colLower, cl), colUpper: Float64Array.from(m.colUpper, cl), rowLower: Float64Array.from(m.rowLower, cl), rowUpper: Float64Array.from(m.rowUpper, cl), matrix: { format: 'csr', numRows: m.rowNames.length, numCols: m.colNames.length, starts: Int32Array.from(m.rowStart), indices: Int32Array.from(m.rowIndex), values: Float64Array.from(m.rowValue) }, ...(relax ? {} : { integrality: Int32Array.from(m.colInteger, (b) => (b ? 1 : 0)) }) });
  hm.options.set({ output_flag: false, time_limit: 60, ...opts });
  hm.run();
  console.log(label, hm.getModelStatus(), hm.getObjectiveValue(), relax ? '' : hm.info.get('mip_dual_bound'), (performance.now() - t).toFixed(0), 'ms');
  hm.dispose();
}
