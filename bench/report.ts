// Calibration-report benchmark: `ledighedsprofil report` on 1,000,000 simulated spells scored with the
// bundled model (as external validation, so every row is a prediction), end to end from the CSV under
// GNU time for wall time and peak memory; an in-process breakdown by step; and, in the same run, R's
// rms::val.prob on the same predictions for comparison (time, memory and the figures).
// Usage: npx tsx bench/report.ts [--n 1000000] [--band-resamples 50]
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { readTrainingTable } from '../src/model/training/trainingTable.js';
import { sha256File } from '../src/data/sha256File.js';
import { readArtifact } from '../src/model/artifact/artifactFile.js';
import { buildDesign } from '../src/model/design/buildDesign.js';
import { createScorer } from '../src/model/scorer.js';
import { renderReportHtml } from '../src/report/calibrationReport/html.js';
import { buildReportDocument, columnsToKeep, type ReportDocument } from '../src/report/calibrationReport/reportDocument.js';
import { cohortFile, peakMiB } from './lib/cohortFile.js';
import { runRValProb, timed, VAL_PROB_KEYS, writePredictionsCsv } from './lib/rValProb.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const n = arg('n', 1_000_000);
const bandResamples = arg('band-resamples', 50);
const modelFile = new URL('../models/sim-2026.12-1.json', import.meta.url).pathname;
const cli = new URL('../src/cli/main.ts', import.meta.url).pathname;
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const fmt = (x: number, d = 2) => x.toFixed(d);

const data = await cohortFile(n);
const dir = mkdtempSync(join(tmpdir(), 'bench-report-'));

// --- end to end: the CLI as an analyst runs it ----------------------------------------------------
const runs: Array<[string, string[]]> = [
  [`report --external (band ${bandResamples} resamples)`, ['--band-resamples', String(bandResamples)]],
  ['report --external --band-resamples 0', ['--band-resamples', '0']],
];
const endToEnd = runs.map(([label, extra]) => {
  const out = join(dir, 'report.html');
  // CI=1 keeps the progress bars off, as they would be in a pipe.
  const t = timed(
    'npx',
    ['tsx', cli, 'report', '--model', modelFile, '--data', data, '--out', out, '--json', join(dir, 'report.json'), '--external', ...extra],
    { ...process.env, CI: '1' },
  );
  return { label, t, htmlBytes: statSync(out).size };
});
const doc = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ReportDocument;

// --- in process, step by step -------------------------------------------------------------------
const steps: Array<[string, number]> = [];
let t0 = performance.now();
const artifact = await readArtifact(modelFile);
const table = await readTrainingTable(data, artifact.encoding.spec, { keep: columnsToKeep(artifact) });
steps.push(['read and parse CSV (typed columns)', seconds(t0)]);
t0 = performance.now();
const sha = await sha256File(data);
steps.push(['SHA-256 of the file', seconds(t0)]);
let stage = performance.now();
const stageTimes: Array<[string, number]> = [];
t0 = performance.now();
const inProcess = buildReportDocument(artifact, table, {
  dataFile: 'bench.csv',
  dataSha256: sha,
  bootstrap: 0,
  bandResamples,
  seed: 1,
  forceExternal: true,
  packageVersion: 'bench',
  onStage: (name) => {
    stage = performance.now();
    return { update() {}, stop: () => stageTimes.push([`  of which ${name}`, seconds(stage)]) };
  },
});
steps.push(['score + every figure (buildReportDocument)', seconds(t0)]);
steps.push(...stageTimes);
t0 = performance.now();
const html = await renderReportHtml(inProcess);
steps.push([`charts (Vega) and HTML (${(html.length / 1024).toFixed(0)} KiB)`, seconds(t0)]);
const inProcessPeak = peakMiB();

// --- R: val.prob on the same predictions ---------------------------------------------------------
const scorer = createScorer(artifact);
const design = buildDesign(scorer.encoder, table);
const p = scorer.scoreDesign(design.x);
const csvFile = writePredictionsCsv(dir, design.y, p);
const { run: rRun, out: rOut } = runRValProb(dir, csvFile);
rmSync(dir, { recursive: true, force: true });

// --- report ---------------------------------------------------------------------------------------
console.log(
  `report benchmark: ${n.toLocaleString('en')} predictions (${doc.overall.events.toLocaleString('en')} events), bundled model ${artifact.version}`,
);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`);
console.log(
  `fairness groupings: ${doc.fairness.attributes.map((a) => `${a.attribute} (${a.groups.length})`).join(', ')}; ${doc.cutoff_table.rows.length} cut-offs`,
);
console.log('');
console.log('end to end from the CSV file (npx tsx, TypeScript compiled on the fly)');
for (const e of endToEnd) {
  console.log(
    `  ours  ${e.label.padEnd(44)} ${fmt(e.t.wallSeconds)} s wall   peak RSS ${fmt(e.t.maxRssMb, 0)} MB   HTML ${(e.htmlBytes / 1024).toFixed(0)} KiB`,
  );
}
console.log(
  `  R     Rscript read.csv + val.prob only              ${fmt(rRun.wallSeconds)} s wall   peak RSS ${fmt(rRun.maxRssMb, 0)} MB   (read.csv ${fmt(rOut.read)} s, val.prob ${fmt(rOut.valprob)} s)`,
);
console.log('');
console.log(`in process, by step (band ${bandResamples} resamples; peak RSS of this process so far ${fmt(inProcessPeak, 0)} MiB)`);
for (const [name, t] of steps) console.log(`  ${name.padEnd(46)} ${fmt(t, 3)} s`);
console.log('');
console.log('overall figures: ours against rms::val.prob on the same predictions (relative difference)');
for (const [rName, key] of Object.entries(VAL_PROB_KEYS)) {
  const r = rOut.stats[rName];
  const o = doc.overall[key] as number | null;
  const rel = r === null || o === null ? NaN : Math.abs(o - r) / Math.max(Math.abs(r), 1e-300);
  const note = key === 'c_statistic' || key === 'dxy' ? '  (R bins p to 1/5000 before counting pairs)' : '';
  console.log(`  ${rName.padEnd(10)} ours ${String(o).padEnd(22)} R ${String(r).padEnd(22)} ${rel.toExponential(1)}${note}`);
}
