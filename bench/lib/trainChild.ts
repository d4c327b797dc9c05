// Runs one training in a fresh process so that its peak memory is its own; prints one JSON line.
// Usage: tsx bench/lib/trainChild.ts DATA.csv SPEC.json [maxRows]
import { readFileSync } from 'node:fs';
import { featureSpecSchema } from '../../src/model/spec/featureSpec.js';
import { readTrainingTable } from '../../src/model/training/trainingTable.js';
import { trainModel } from '../../src/model/training/trainModel.js';
import { peakMiB } from './cohortFile.js';

const [data, specFile] = process.argv.slice(2);
const spec = featureSpecSchema.parse(JSON.parse(readFileSync(specFile, 'utf8')));
const t0 = performance.now();
const table = await readTrainingTable(data, spec);
const t1 = performance.now();
const trained = trainModel(table, spec, {
  split: { kind: 'none' },
  l2: 0,
  includeSensitive: true,
  cutoff: { probability: 0.25 },
  version: 'bench',
  description: 'bench',
  simulatedData: true,
  dataFile: data,
  dataSha256: '0'.repeat(64),
  censored: null,
  dateColumn: null,
  command: 'bench',
  packageVersion: '0',
});
const t2 = performance.now();
process.stdout.write(
  JSON.stringify({
    readSeconds: (t1 - t0) / 1000,
    fitSeconds: (t2 - t1) / 1000,
    totalSeconds: (t2 - t0) / 1000,
    peakMiB: peakMiB(),
    iterations: trained.fit.iterations,
    logLik: trained.fit.logLik,
    terms: trained.artifact.coefficients.map((c) => c.term),
    estimates: trained.artifact.coefficients.map((c) => c.estimate),
    stdErrors: trained.artifact.coefficients.map((c) => c.stdError),
  }) + '\n',
);
