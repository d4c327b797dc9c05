// Batch scoring benchmark on 1,000,000 simulated spells with the bundled model. Prints rows per second for
//  (1) the end-to-end CLI (`ledighedsprofil score`: CSV in, CSV out) beside a baseline that copies the
//      same CSV through the same reader and writer without scoring, in the same run;
//  (2) the in-process scorer on records already in memory (the path the REST service takes per member);
//  (3) probabilities for a pre-encoded sparse design (the arithmetic alone).
// Usage: npx tsx bench/score.ts [--n 1000000]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { stringify } from 'csv-stringify';
import { cohortFile, BENCH_OUT } from './lib/cohortFile.js';
import { readCsv } from '../src/data/csvRecords.js';
import { readArtifact } from '../src/model/artifact/artifactFile.js';
import { createScorer } from '../src/model/scorer.js';
import { readTrainingTable } from '../src/model/training/trainingTable.js';
import { buildDesign } from '../src/model/design/buildDesign.js';
import { main } from '../src/cli/program.js';

const i = process.argv.indexOf('--n');
const n = i > 0 ? Number(process.argv[i + 1]) : 1_000_000;
const data = await cohortFile(n);
const modelFile = new URL('../models/sim-2026.12-1.json', import.meta.url).pathname;

async function copyCsv(out: string): Promise<void> {
  const csv = stringify();
  const file = createWriteStream(out);
  csv.pipe(file);
  let first = true;
  for await (const r of readCsv(data)) {
    if (first) {
      csv.write(r.header.columns);
      first = false;
    }
    if (!csv.write(r.fields)) await once(csv, 'drain');
  }
  csv.end();
  await once(file, 'finish');
}

let t = performance.now();
await copyCsv(join(BENCH_OUT, 'copy.csv'));
const copySeconds = (performance.now() - t) / 1000;

t = performance.now();
const code = await main(['score', '--model', modelFile, '--data', data, '--out', join(BENCH_OUT, 'scored.csv')]);
const cliSeconds = (performance.now() - t) / 1000;
if (code !== 0) throw new Error(`score exited with ${code}`);

const artifact = await readArtifact(modelFile);
const scorer = createScorer(artifact);
const records: Record<string, string>[] = [];
for await (const r of readCsv(data)) records.push(r.values);
t = performance.now();
let sum = 0;
for (const r of records) {
  const s = scorer.score(r);
  if (s.ok) sum += s.probability;
}
const objectSeconds = (performance.now() - t) / 1000;

const table = await readTrainingTable(data, artifact.encoding.spec);
const design = buildDesign(scorer.encoder, table);
t = performance.now();
const p = scorer.scoreDesign(design.x);
const designSeconds = (performance.now() - t) / 1000;

const rate = (s: number) => Math.round(n / s).toLocaleString('en-US');
process.stdout.write(
  [
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${n} rows, model ${artifact.version}`,
    '',
    '| path | seconds | rows per second |',
    '|---|---:|---:|',
    `| CSV copy through the same reader and writer (baseline) | ${copySeconds.toFixed(2)} | ${rate(copySeconds)} |`,
    `| \`ledighedsprofil score\` end to end | ${cliSeconds.toFixed(2)} | ${rate(cliSeconds)} |`,
    `| in-process scorer, one record object at a time | ${objectSeconds.toFixed(2)} | ${rate(objectSeconds)} |`,
    `| probabilities of a pre-encoded sparse design | ${designSeconds.toFixed(3)} | ${rate(designSeconds)} |`,
    '',
    `CLI time / copy time: ${(cliSeconds / copySeconds).toFixed(2)}× (mean probability ${(sum / records.length).toFixed(4)}, check ${(p.reduce((a, b) => a + b, 0) / p.length).toFixed(4)})`,
  ].join('\n') + '\n',
);
