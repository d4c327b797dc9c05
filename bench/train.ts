// Training benchmark: ledighedsprofil's IRLS on the full specification (sensitive features included,
// 63 terms) beside statsmodels Logit on the same design and data, and beside ml-logistic-regression's
// fixed-step gradient descent (its defaults) on a subsample. Prints wall times, peak memory, ratios
// and the largest coefficient differences.
// Usage: npx tsx bench/train.ts [--n 1000000] [--subsample 2000]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { Matrix } from 'ml-matrix';
import LogisticRegression from 'ml-logistic-regression';
import { cohortFile } from './lib/cohortFile.js';
import { featureSpecSchema } from '../src/model/spec/featureSpec.js';
import { readTrainingTable } from '../src/model/training/trainingTable.js';
import { trainModel } from '../src/model/training/trainModel.js';
import { compileEncoder } from '../src/model/encoding/compileEncoder.js';
import { buildDesign } from '../src/model/design/buildDesign.js';
import { fitLogisticRegression, softplus } from '../src/model/fit/logisticRegression.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const n = arg('n', 1_000_000);
const subsample = arg('subsample', 2000);
const specFile = new URL('../training/default-spec.json', import.meta.url).pathname;
const data = await cohortFile(n);

interface FitReport {
  readSeconds: number;
  fitSeconds: number;
  totalSeconds: number;
  peakMiB: number;
  iterations: number;
  logLik: number;
  terms: string[];
  estimates: number[];
  stdErrors: number[];
  designSeconds?: number;
  statsmodels?: string;
}

const run = (cmd: string, args: string[]): FitReport =>
  JSON.parse(
    execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 })
      .trim()
      .split('\n')
      .pop()!,
  );
const ours = run(process.execPath, ['--import', 'tsx', new URL('./lib/trainChild.ts', import.meta.url).pathname, data, specFile]);
const sm = run('/usr/bin/python3', [new URL('./statsmodels_fit.py', import.meta.url).pathname, data, specFile]);

let maxAbs = 0;
let maxSe = 0;
for (const [j, term] of ours.terms.entries()) {
  const k = sm.terms.indexOf(term);
  if (k < 0) throw new Error(`statsmodels has no term ${term}`);
  maxAbs = Math.max(maxAbs, Math.abs(ours.estimates[j] - sm.estimates[k]));
  maxSe = Math.max(maxSe, Math.abs(ours.stdErrors[j] - sm.stdErrors[k]) / sm.stdErrors[k]);
}
if (sm.terms.length !== ours.terms.length) throw new Error(`term count differs: ${ours.terms.length} vs ${sm.terms.length}`);

// ml-logistic-regression: dense gradient descent with its default 50,000 steps and learning rate, on the
// first `subsample` rows, with an explicit intercept column (it has none of its own).
const spec = featureSpecSchema.parse(JSON.parse(readFileSync(specFile, 'utf8')));
const table = await readTrainingTable(data, spec);
const encoding = trainModel(table, spec, {
  split: { kind: 'none' },
  l2: 0,
  includeSensitive: true,
  cutoff: { probability: 0.25 },
  version: 'b',
  description: 'b',
  simulatedData: true,
  dataFile: data,
  dataSha256: '0'.repeat(64),
  censored: null,
  dateColumn: null,
  command: 'b',
  packageVersion: '0',
}).encoding;
const select = new Uint8Array(table.n);
select.fill(1, 0, subsample);
const sub = buildDesign(compileEncoder(encoding), table, select);
const dense: number[][] = [];
for (let i = 0; i < sub.x.n; i++) {
  const row = new Array(sub.x.p).fill(0);
  for (let k = sub.x.rowPtr[i]; k < sub.x.rowPtr[i + 1]; k++) row[sub.x.colIdx[k]] = sub.x.values[k];
  dense.push(row);
}
let t = performance.now();
const ml = new LogisticRegression();
ml.train(new Matrix(dense), Matrix.columnVector(Array.from(sub.y)));
const mlSeconds = (performance.now() - t) / 1000;
t = performance.now();
const irlsSub = fitLogisticRegression(sub.x, { y: sub.y });
const irlsSubSeconds = (performance.now() - t) / 1000;
// ml-logistic-regression trains one classifier per class; the one for class 1 holds P(y = 1).
const mlWeights: number[] = (ml as unknown as { classifiers: { weights: Matrix }[] }).classifiers[1].weights.to1DArray();
const logLikOf = (beta: ArrayLike<number>) => {
  let ll = 0;
  dense.forEach((row, i) => {
    const eta = row.reduce((s, v, j) => s + v * (Number.isFinite(beta[j]) ? beta[j] : 0), 0);
    ll -= sub.y[i] * softplus(-eta) + (1 - sub.y[i]) * softplus(eta);
  });
  return ll;
};
const mlMaxDiff = Math.max(
  ...mlWeights.map((w, j) => (Number.isFinite(irlsSub.coefficients[j]) ? Math.abs(w - irlsSub.coefficients[j]) : 0)),
);

const fmt = (x: number, d = 2) => x.toFixed(d);
const lines = [
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, statsmodels ${sm.statsmodels}`,
  `data: ${n} simulated spells, ${ours.terms.length} terms (default specification with sensitive features)`,
  '',
  '| fitter | read CSV (s) | design (s) | fit (s) | total (s) | peak memory (MiB) | iterations |',
  '|---|---:|---:|---:|---:|---:|---:|',
  `| ledighedsprofil IRLS (sparse rows) | ${fmt(ours.readSeconds)} | (in fit) | ${fmt(ours.fitSeconds)} | ${fmt(ours.totalSeconds)} | ${fmt(ours.peakMiB, 0)} | ${ours.iterations} |`,
  `| statsmodels Logit (newton, OpenBLAS) | ${fmt(sm.readSeconds)} | ${fmt(sm.designSeconds!)} | ${fmt(sm.fitSeconds)} | ${fmt(sm.totalSeconds)} | ${fmt(sm.peakMiB, 0)} | ${sm.iterations} |`,
  '',
  `ratio statsmodels / ours: total ${fmt(sm.totalSeconds / ours.totalSeconds)}×, fit alone (ours design+fit vs statsmodels fit) ${fmt(sm.fitSeconds / ours.fitSeconds)}×, peak memory ${fmt(sm.peakMiB / ours.peakMiB)}×`,
  `largest |Δ coefficient| vs statsmodels: ${maxAbs.toExponential(2)}; largest relative Δ standard error: ${maxSe.toExponential(2)}; log-likelihood ${ours.logLik.toFixed(4)} vs ${sm.logLik.toFixed(4)}`,
  '',
  `ml-logistic-regression (defaults: 50,000 gradient steps, learning rate 5e-4) on the first ${sub.x.n} rows: ${fmt(mlSeconds)} s;`,
  `  ledighedsprofil IRLS on the same rows: ${(irlsSubSeconds * 1000).toFixed(1)} ms (${fmt(mlSeconds / irlsSubSeconds, 0)}× faster);`,
  `  log-likelihood ${logLikOf(mlWeights).toFixed(3)} (gradient descent) vs ${logLikOf(irlsSub.coefficients).toFixed(3)} (maximum), largest |Δ coefficient| ${mlMaxDiff.toFixed(3)}`,
];
process.stdout.write(lines.join('\n') + '\n');
