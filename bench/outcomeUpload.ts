// Outcome upload benchmark (issue 9.2) on SQLite: rows per second for a register extract of N benefit
// periods, each with a year of weekly dagpenge hours (52 weeks, the label computed from them), through
//  (0) the repository alone (recordOutcomes on records already built, 2,000 a call): the baseline;
//  (1) the API batch (POST /v1/outcomes/batch, in-process via inject) at 2,000 records a request and at
//      10,000, the most a request may hold;
//  (2) the CLI (`ledighedsprofil outcomes --file extract.csv`, CSV parsing and keying included).
// Each path writes into its own copy of one database holding the N screened periods, built once (on
// /dev/shm where there is one: its fsyncs cost nothing, and the set-up is not what is measured) and
// copied, closed and checkpointed, into the temporary directory the timed writes go to. Target: ≥ 10,000 rows/s.
// Usage: npx tsx bench/outcomeUpload.ts [--n 100000]   (smoke: --n 500)
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHUNK, extract, storeScreenings, upload, type UploadPath } from './lib/outcomeUploadPaths.js';
import { OUTCOME_BATCH_LIMIT } from '../src/service/schemas/outcome.js';

const i = process.argv.indexOf('--n');
const n = i > 0 ? Number(process.argv[i + 1]) : 100_000;
const TARGET = 10_000;
const dir = mkdtempSync(join(tmpdir(), 'bench-outcomes-'));
const buildDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'bench-outcomes-build-'));
const records = extract(n);

const setupStart = performance.now();
const screened = join(buildDir, 'screened.sqlite');
await storeScreenings(screened, records);
console.log(
  `set-up: ${n.toLocaleString('en-US')} screenings stored in ${((performance.now() - setupStart) / 1000).toFixed(1)} s (not measured)`,
);

const results: { path: string; seconds: number }[] = [];
for (const [which, label, chunk] of [
  ['repository', 'repository (baseline)', CHUNK],
  ['api', `API batch, ${CHUNK.toLocaleString('en-US')} a request`, CHUNK],
  ['api', `API batch, ${OUTCOME_BATCH_LIMIT.toLocaleString('en-US')} a request`, OUTCOME_BATCH_LIMIT],
  ['cli', 'CLI (ledighedsprofil outcomes)', CHUNK],
] as [UploadPath, string, number][]) {
  // Each path writes into its own copy of the screened database.
  const path = join(dir, `${which}-${chunk}.sqlite`);
  copyFileSync(screened, path);
  let t = 0;
  await upload(
    which,
    path,
    dir,
    records,
    {
      begin: () => {
        t = performance.now();
      },
      end: () => {
        results.push({ path: label, seconds: (performance.now() - t) / 1000 });
      },
    },
    chunk,
  );
}

rmSync(dir, { recursive: true, force: true });
rmSync(buildDir, { recursive: true, force: true });
const base = results[0].seconds;
console.log(
  `\noutcome upload, ${n.toLocaleString('en-US')} periods × 52 weeks of hours, SQLite (target ≥ ${TARGET.toLocaleString('en-US')} rows/s)`,
);
for (const r of results) {
  const rate = n / r.seconds;
  console.log(
    `  ${r.path.padEnd(38)} ${r.seconds.toFixed(2).padStart(7)} s  ${Math.round(rate).toLocaleString('en-US').padStart(9)} rows/s  ` +
      `${(r.seconds / base).toFixed(2)}× baseline time  ${rate >= TARGET ? 'meets' : 'below'} target`,
  );
}
