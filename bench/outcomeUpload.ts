// Outcome upload benchmark (issue 9.2) on SQLite: rows per second for a register extract of N benefit
// periods, each with a year of weekly dagpenge hours (52 weeks, the label computed from them), through
//  (0) the repository alone (recordOutcomes on records already built): the baseline;
//  (1) the API batch (POST /v1/outcomes/batch, 2,000 records a request, in-process via inject);
//  (2) the CLI (`ledighedsprofil outcomes --file extract.csv`, CSV parsing and keying included).
// Each path writes into its own copy of one database holding the N screened periods, built once (on
// /dev/shm where there is one: its fsyncs cost nothing, and the set-up is not what is measured) and
// copied, closed and checkpointed, into the temporary directory the timed writes go to. Target: ≥ 10,000 rows/s.
// Usage: npx tsx bench/outcomeUpload.ts [--n 100000]   (smoke: --n 500)
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/program.js';
import { createCitizenKeysOf } from '../src/privacy/citizenKeyRing.js';
import { buildApp } from '../src/service/app.js';
import { configFromEnv, DEVELOPMENT_API_KEYS } from '../src/service/config.js';
import { batchThroughWeek, toNewOutcome } from '../src/service/outcomes/outcomeRecord.js';
import { openRepository } from '../src/storage/openRepository.js';
import type { OutcomeItem } from '../src/storage/repository.js';

const i = process.argv.indexOf('--n');
const n = i > 0 ? Number(process.argv[i + 1]) : 100_000;
const TARGET = 10_000;
const CHUNK = 2_000;
const dir = mkdtempSync(join(tmpdir(), 'bench-outcomes-'));
const buildDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'bench-outcomes-build-'));
const START = '2025-01-06'; // ISO week 202502; the window is 202502 … 202601
const config = (path: string) => configFromEnv({ NODE_ENV: 'test', DATABASE_URL: `sqlite:${path}`, LOG_LEVEL: 'silent' });
const keysOf = createCitizenKeysOf(config(':memory:').cprSecrets);
const outcomesKey = DEVELOPMENT_API_KEYS.find((k) => k.id === 'example-outcomes')!.key;

/** Distinct CPR numbers: the day, month and sequence combinations cover 3.36 million. */
const cprs = Array.from({ length: n }, (_, k) => {
  const day = 1 + (k % 28);
  const month = 1 + (Math.floor(k / 28) % 12);
  const seq = Math.floor(k / 336);
  return `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}70${String(seq).padStart(4, '0')}`;
});
const weeks = (k: number) =>
  Array.from({ length: 52 }, (_, w) => ({
    week: w < 51 ? `2025${String(w + 2).padStart(2, '0')}` : '202601',
    hours: (k + w) % 3 === 0 ? '0' : '37',
  }));

/** The N periods screened (one screening each), stored once; returns the closed database file. */
async function buildScreened(): Promise<string> {
  const path = join(buildDir, 'screened.sqlite');
  const c = config(path);
  const repo = await openRepository(c.database, { dataKeys: c.dataKeys, citizenKeyId: c.cprSecrets.current.id });
  try {
    for (const cpr of cprs) {
      await repo.createScreening(
        {
          citizenKey: keysOf(cpr).current,
          modelVersion: 'bench',
          input: { member: {}, questionnaire: {} },
          probability: 0.2,
          linearPredictor: -1.386,
          targetGroup: 1,
          jobCentreReferral: false,
          factors: [],
          activities: [],
          occasion: 'first_interview',
          benefitPeriodStart: START,
          screeningDate: '2025-01-08',
        },
        { fundId: '15', clientId: 'bench' },
      );
    }
  } finally {
    await repo.close();
  }
  // Closing the last connection checkpoints the WAL into the file and removes it: the file alone is the database.
  if (existsSync(`${path}-wal`)) throw new Error('the screened database still has a WAL after closing');
  return path;
}

const setupStart = performance.now();
const screened = await buildScreened();
console.log(
  `set-up: ${n.toLocaleString('en-US')} screenings stored in ${((performance.now() - setupStart) / 1000).toFixed(1)} s (not measured)`,
);

/** A fresh copy of the screened database for one path. */
function screenedDatabase(name: string): string {
  const path = join(dir, `${name}.sqlite`);
  copyFileSync(screened, path);
  return path;
}

const records = cprs.map((cpr, k) => ({ cpr, benefitPeriodStart: START, statusWeek13: 'on_dagpenge' as const, weeklyHours: weeks(k) }));
const results: { path: string; seconds: number }[] = [];

// (0) The repository alone.
{
  const path = screenedDatabase('repository');
  const c = config(path);
  const repo = await openRepository(c.database, { dataKeys: c.dataKeys, citizenKeyId: c.cprSecrets.current.id });
  const through = batchThroughWeek(records);
  const items: OutcomeItem[] = records.map(({ cpr, ...r }) => {
    const built = toNewOutcome(keysOf(cpr).current, r, through);
    if (!built.ok) throw new Error('bad record');
    return { outcome: built.outcome };
  });
  const t = performance.now();
  for (let k = 0; k < items.length; k += CHUNK)
    await repo.recordOutcomes(items.slice(k, k + CHUNK), { fundId: '15', clientId: 'bench' }, { batch: true });
  results.push({ path: 'repository (baseline)', seconds: (performance.now() - t) / 1000 });
  await repo.close();
}

// (1) The API batch.
{
  const path = screenedDatabase('api');
  const c = config(path);
  const app = await buildApp(c);
  await app.ready();
  const bodies: string[] = [];
  for (let k = 0; k < records.length; k += CHUNK) bodies.push(JSON.stringify(records.slice(k, k + CHUNK)));
  const t = performance.now();
  for (const payload of bodies) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/outcomes/batch',
      headers: { authorization: `Bearer ${outcomesKey}`, 'content-type': 'application/json' },
      payload,
    });
    if (res.statusCode !== 200) throw new Error(`batch answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  }
  results.push({ path: 'API batch (POST /v1/outcomes/batch)', seconds: (performance.now() - t) / 1000 });
  await app.close();
}

// (2) The CLI, one file, one transaction.
{
  const path = screenedDatabase('cli');
  const file = join(dir, 'extract.csv');
  const lines = records.map(
    (r) => `${r.cpr},${r.benefitPeriodStart},${r.statusWeek13},${r.weeklyHours.map((w) => `${w.week}:${w.hours}`).join(';')}`,
  );
  writeFileSync(file, `cpr,benefit_period_start,status_week_13,weekly_hours\n${lines.join('\n')}\n`);
  const t = performance.now();
  const code = await main(['outcomes', '--database', path, '--fund', '15', '--file', file]);
  if (code !== 0) throw new Error(`outcomes exited with ${code}`);
  results.push({ path: 'CLI (ledighedsprofil outcomes)', seconds: (performance.now() - t) / 1000 });
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
