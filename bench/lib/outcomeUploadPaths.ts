// Shared by bench/outcomeUpload.ts and bench/profileOutcomeUpload.ts: a register extract of N benefit
// periods with a year of weekly hours each, the database of their screenings, and the three upload
// paths (repository, API batch, CLI), each calling `begin` just before the part that is measured.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/program.js';
import { createCitizenKeysOf } from '../../src/privacy/citizenKeyRing.js';
import { buildApp } from '../../src/service/app.js';
import { configFromEnv, DEVELOPMENT_API_KEYS } from '../../src/service/config.js';
import { batchThroughWeek, toNewOutcome } from '../../src/service/outcomes/outcomeRecord.js';
import { openRepository } from '../../src/storage/openRepository.js';
import type { OutcomeItem } from '../../src/storage/repository.js';

/** Records per request or repository call, unless the caller says otherwise. */
export const CHUNK = 2_000;
/** ISO week 202502; the window is 202502 … 202601. */
const START = '2025-01-06';

/** The service configuration on a SQLite file, as the benchmarks run it. */
export const benchConfig = (path: string) => configFromEnv({ NODE_ENV: 'test', DATABASE_URL: `sqlite:${path}`, LOG_LEVEL: 'silent' });
const keysOf = createCitizenKeysOf(benchConfig(':memory:').cprSecrets);
const outcomesKey = DEVELOPMENT_API_KEYS.find((k) => k.id === 'example-outcomes')!.key;

/** The upload paths. */
export type UploadPath = 'repository' | 'api' | 'cli';

/** N periods' records as a fund sends them: distinct CPR numbers (day, month and sequence cover 3.36 million), 52 weeks each. */
export function extract(n: number) {
  return Array.from({ length: n }, (_, k) => {
    const day = 1 + (k % 28);
    const month = 1 + (Math.floor(k / 28) % 12);
    const seq = Math.floor(k / 336);
    const cpr = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}70${String(seq).padStart(4, '0')}`;
    const weeklyHours = Array.from({ length: 52 }, (_, w) => ({
      week: w < 51 ? `2025${String(w + 2).padStart(2, '0')}` : '202601',
      hours: (k + w) % 3 === 0 ? '0' : '37',
    }));
    return { cpr, benefitPeriodStart: START, statusWeek13: 'on_dagpenge' as const, weeklyHours };
  });
}

/** Stores one screening of each record's period in a new database at `path` and closes it (the WAL checkpointed into the file). */
export async function storeScreenings(path: string, records: ReturnType<typeof extract>): Promise<void> {
  const c = benchConfig(path);
  const repo = await openRepository(c.database, { dataKeys: c.dataKeys, citizenKeyId: c.cprSecrets.current.id });
  try {
    for (const { cpr } of records) {
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
  if (existsSync(`${path}-wal`)) throw new Error('the screened database still has a WAL after closing');
}

/** Marks the part of an upload that is measured: from `begin` to `end`, before the database or app closes. */
export interface Measure {
  begin(): void | Promise<void>;
  end(): void | Promise<void>;
}

/** Uploads `records` through one path into the screened database at `path` (scratch files in `dir`), `chunk` records a request or call. */
export async function upload(
  which: UploadPath,
  path: string,
  dir: string,
  records: ReturnType<typeof extract>,
  { begin, end }: Measure,
  chunk = CHUNK,
): Promise<void> {
  const c = benchConfig(path);
  if (which === 'repository') {
    const repo = await openRepository(c.database, { dataKeys: c.dataKeys, citizenKeyId: c.cprSecrets.current.id });
    try {
      const through = batchThroughWeek(records);
      const items: OutcomeItem[] = records.map(({ cpr, ...r }) => {
        const built = toNewOutcome(keysOf(cpr).current, r, through);
        if (!built.ok) throw new Error('bad record');
        return { outcome: built.outcome };
      });
      await begin();
      for (let k = 0; k < items.length; k += chunk)
        await repo.recordOutcomes(items.slice(k, k + chunk), { fundId: '15', clientId: 'bench' }, { batch: true });
      await end();
    } finally {
      await repo.close();
    }
  } else if (which === 'api') {
    const app = await buildApp(c);
    await app.ready();
    try {
      const bodies: string[] = [];
      for (let k = 0; k < records.length; k += chunk) bodies.push(JSON.stringify(records.slice(k, k + chunk)));
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
      await end();
    } finally {
      await app.close();
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
    await end();
  }
}
