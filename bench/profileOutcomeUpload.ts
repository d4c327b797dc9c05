// Profiles one path of bench/outcomeUpload.ts (repository | api | cli) with the inspector, only
// around the timed part, and writes a .cpuprofile: the set-up's screenings are not in it.
// Usage: npx tsx bench/profileOutcomeUpload.ts --path api --n 20000 --out /tmp/api.cpuprofile
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/program.js';
import { createCitizenKeysOf } from '../src/privacy/citizenKeyRing.js';
import { buildApp } from '../src/service/app.js';
import { configFromEnv, DEVELOPMENT_API_KEYS } from '../src/service/config.js';
import { batchThroughWeek, toNewOutcome } from '../src/service/outcomes/outcomeRecord.js';
import { openRepository } from '../src/storage/openRepository.js';
import type { OutcomeItem } from '../src/storage/repository.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const n = Number(arg('n', '20000'));
const which = arg('path', 'repository');
const out = arg('out', `/tmp/${which}.cpuprofile`);
const CHUNK = 2_000;
const dir = mkdtempSync(join(tmpdir(), 'prof-outcomes-'));
const START = '2025-01-06';
const config = (path: string) => configFromEnv({ NODE_ENV: 'test', DATABASE_URL: `sqlite:${path}`, LOG_LEVEL: 'silent' });
const keysOf = createCitizenKeysOf(config(':memory:').cprSecrets);
const outcomesKey = DEVELOPMENT_API_KEYS.find((k) => k.id === 'example-outcomes')!.key;
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
const cache = join(tmpdir(), `prof-outcomes-screened-${n}.sqlite`);
if (!existsSync(cache)) {
  const path = join(dir, 'screened.sqlite');
  const c = config(path);
  const repo = await openRepository(c.database, { dataKeys: c.dataKeys, citizenKeyId: c.cprSecrets.current.id });
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
  await repo.close();
  copyFileSync(path, cache);
}
const path = join(dir, 'db.sqlite');
copyFileSync(cache, path);
const records = cprs.map((cpr, k) => ({ cpr, benefitPeriodStart: START, statusWeek13: 'on_dagpenge' as const, weeklyHours: weeks(k) }));
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
let t = 0;
const begin = async () => {
  t = performance.now();
  await session.post('Profiler.start');
};
const c = config(path);
if (which === 'repository') {
  const repo = await openRepository(c.database, { dataKeys: c.dataKeys, citizenKeyId: c.cprSecrets.current.id });
  const through = batchThroughWeek(records);
  const items: OutcomeItem[] = records.map(({ cpr, ...r }) => {
    const built = toNewOutcome(keysOf(cpr).current, r, through);
    if (!built.ok) throw new Error('bad record');
    return { outcome: built.outcome };
  });
  await begin();
  for (let k = 0; k < items.length; k += CHUNK)
    await repo.recordOutcomes(items.slice(k, k + CHUNK), { fundId: '15', clientId: 'bench' }, { batch: true });
} else if (which === 'api') {
  const app = await buildApp(c);
  await app.ready();
  const bodies: string[] = [];
  for (let k = 0; k < records.length; k += CHUNK) bodies.push(JSON.stringify(records.slice(k, k + CHUNK)));
  await begin();
  for (const payload of bodies) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/outcomes/batch',
      headers: { authorization: `Bearer ${outcomesKey}`, 'content-type': 'application/json' },
      payload,
    });
    if (res.statusCode !== 200) throw new Error(`batch answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  }
} else {
  const file = join(dir, 'extract.csv');
  const lines = records.map(
    (r) => `${r.cpr},${r.benefitPeriodStart},${r.statusWeek13},${r.weeklyHours.map((w) => `${w.week}:${w.hours}`).join(';')}`,
  );
  writeFileSync(file, `cpr,benefit_period_start,status_week_13,weekly_hours\n${lines.join('\n')}\n`);
  await begin();
  const code = await main(['outcomes', '--database', path, '--fund', '15', '--file', file]);
  if (code !== 0) throw new Error(`outcomes exited with ${code}`);
}
const { profile } = await session.post('Profiler.stop');
const s = (performance.now() - t) / 1000;
writeFileSync(out, JSON.stringify(profile));
console.log(`${which}: ${n} rows in ${s.toFixed(2)} s under the profiler (${Math.round(n / s)} rows/s); profile in ${out}`);
rmSync(dir, { recursive: true, force: true });
