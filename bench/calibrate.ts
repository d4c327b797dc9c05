// Calibration-metrics benchmark: valProb (rms::val.prob's figures plus DeLong, log loss, ECE and
// calibration-in-the-large) on 1,000,000 simulated predictions, beside R's rms::val.prob on the same
// predictions in the same run. Prints wall times, the ratio, peak memory, a breakdown of our time by
// step, the largest differences from R's figures, and the end-to-end times of both from the CSV file.
// Usage: npx tsx bench/calibrate.ts [--n 1000000] [--runs 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { runRValProb, timed, VAL_PROB_KEYS, writePredictionsCsv, type Timed } from './lib/rValProb.js';
import { calibrationErrors } from '../src/stats/calibrationErrors.js';
import { calibrationSlopeIntercept } from '../src/stats/calibrationSlopeIntercept.js';
import { cStatistic } from '../src/stats/cStatistic.js';
import { delongAuc } from '../src/stats/delongAuc.js';
import { sortOrder } from '../src/stats/sortOrder.js';
import { valProb, type ValProbMetrics } from '../src/stats/valProb.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const n = arg('n', 1_000_000);
const runs = arg('runs', 3);

// Simulated validation data: linear predictor N(−1.5, 1), outcomes from a steeper, shifted truth
// (intercept 0.2, slope 1.2) so that calibration is imperfect; probabilities at full precision.
let state = 0x9e3779b9;
function uniform(): number {
  // mulberry32: small, seeded, good enough for a benchmark's data.
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const p = new Float64Array(n);
const y = new Uint8Array(n);
for (let i = 0; i < n; i++) {
  const z = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const lp = -1.5 + z;
  p[i] = 1 / (1 + Math.exp(-lp));
  y[i] = uniform() < 1 / (1 + Math.exp(-(0.2 + 1.2 * lp))) ? 1 : 0;
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// --- ours -----------------------------------------------------------------------------------------
const times: number[] = [];
let metrics: ValProbMetrics | undefined;
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  metrics = valProb(p, y).metrics;
  times.push(seconds(t0));
}
const oursMaxRssMb = process.resourceUsage().maxRSS / 1024;

const steps: Array<[string, () => unknown]> = [];
let order: Uint32Array = new Uint32Array(0);
const logit = p.map((v) => Math.log(v / (1 - v)));
steps.push(['sort (radix, stable)', () => (order = sortOrder(p))]);
steps.push(['C statistic (mid-ranks)', () => cStatistic(p, y, order)]);
steps.push(['DeLong AUC variance', () => delongAuc(p, y, 0.95, order)]);
steps.push(['lowess iter=0 + Emax/E90/Eavg', () => calibrationErrors(p, y, order)]);
steps.push(['recalibration (Newton)', () => calibrationSlopeIntercept(logit, y)]);
const stepTimes = steps.map(([name, fn]) => {
  const t0 = performance.now();
  fn();
  return [name, seconds(t0)] as const;
});

// --- R --------------------------------------------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'bench-calibrate-'));
const csvFile = writePredictionsCsv(dir, y, p);
const { run: rRun, out: rOut } = runRValProb(dir, csvFile);

// End to end from the CSV file: our CLI (tsx, TypeScript compiled on the fly) against Rscript as above.
let cli: Timed | undefined;
let cliError: string | undefined;
try {
  cli = timed('npx', [
    'tsx',
    new URL('../src/cli/main.ts', import.meta.url).pathname,
    'calibrate',
    '--predictions',
    csvFile,
    '--outcome',
    'y',
    '--probability',
    'p',
    '--json',
    join(dir, 'metrics.json'),
  ]);
} catch (err) {
  cliError = (err as Error).message.split('\n').slice(0, 3).join(' ');
}
rmSync(dir, { recursive: true, force: true });

// --- report ---------------------------------------------------------------------------------------
const m = metrics as ValProbMetrics;
const ours = median(times);
const fmt = (x: number, d = 3) => x.toFixed(d);
console.log(`calibrate benchmark: n = ${n.toLocaleString('en')} predictions, ${m.events.toLocaleString('en')} events`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`);
console.log('');
console.log('metrics only (data in memory)');
console.log(
  `  ours  valProb            ${fmt(ours)} s (median of ${runs}; runs ${times.map((t) => fmt(t)).join(', ')} s)   peak RSS ${fmt(oursMaxRssMb, 0)} MB (whole process)`,
);
console.log(`  R     rms::val.prob      ${fmt(rOut.valprob)} s   peak RSS ${fmt(rRun.maxRssMb, 0)} MB (whole Rscript, incl. read.csv)`);
console.log(`  ratio R / ours           ${fmt(rOut.valprob / ours, 2)}`);
console.log('');
console.log('our steps (one run each)');
for (const [name, t] of stepTimes) console.log(`  ${name.padEnd(32)} ${fmt(t)} s`);
console.log('');
console.log('end to end from a CSV file');
console.log(
  `  R     Rscript (read.csv ${fmt(rOut.read)} s + val.prob)   ${fmt(rRun.wallSeconds, 2)} s wall   peak RSS ${fmt(rRun.maxRssMb, 0)} MB`,
);
if (cli)
  console.log(
    `  ours  ledighedsprofil calibrate --json (via tsx)   ${fmt(cli.wallSeconds, 2)} s wall   peak RSS ${fmt(cli.maxRssMb, 0)} MB`,
  );
else console.log(`  ours  CLI run failed: ${cliError}`);
console.log('');
console.log('largest differences from R on these data (relative)');
for (const [rName, key] of Object.entries(VAL_PROB_KEYS)) {
  const r = rOut.stats[rName];
  const o = m[key] as number | null;
  const rel = r === null || o === null ? NaN : Math.abs(o - r) / Math.max(Math.abs(r), 1e-300);
  const note = key === 'c_statistic' || key === 'dxy' ? '  (R bins p to 1/5000 before counting pairs)' : '';
  console.log(`  ${rName.padEnd(10)} ours ${String(o).padEnd(22)} R ${String(r).padEnd(22)} ${rel.toExponential(1)}${note}`);
}
