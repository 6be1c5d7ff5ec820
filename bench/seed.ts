// Times the Södra seed generator: `npx tsx bench/seed.ts [--scales 1,5] [--runs 3]`.
// Prints one JSON line per scale: median generation and serialisation time of the runs, sizes,
// and the process's peak RSS so far (MB).
import { parseArgs } from 'node:util';
import { generateRegion } from '../seed/generate.ts';
import { snapshotToJson } from '../seed/serialize.ts';

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: '1,5' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '7' },
  },
  strict: true,
});
const scales = values.scales.split(',').map(Number);
const runs = Math.max(1, Number(values.runs));
const seed = Number(values.seed);

const median = (xs: number[]): number => {
  const s = xs.toSorted((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

for (const scale of scales) {
  const generateMs: number[] = [];
  const serialiseMs: number[] = [];
  let patients = 0;
  let hospitals = 0;
  let jsonMb = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const snapshot = generateRegion({ seed, scale });
    const t1 = performance.now();
    const json = snapshotToJson(snapshot);
    const t2 = performance.now();
    generateMs.push(t1 - t0);
    serialiseMs.push(t2 - t1);
    patients = snapshot.waitingList.length;
    hospitals = snapshot.hospitals.length;
    jsonMb = Buffer.byteLength(json) / 1e6;
  }
  const line = {
    bench: 'seed',
    seed,
    scale,
    runs,
    hospitals,
    patients,
    generateMs: Math.round(median(generateMs)),
    serialiseMs: Math.round(median(serialiseMs)),
    jsonMb: Math.round(jsonMb * 10) / 10,
    peakRssMb: peakRssMb(),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
