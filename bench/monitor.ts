// Live-monitoring benchmark: `ledighedsprofil monitor` on N stored benefit periods (sealed inputs, one
// data key per citizen, a known outcome each) beside `calibrate` on the same predictions and outcomes as
// CSV, each in a child process under GNU time, on SQLite and (when it answers) PostgreSQL. Prints wall
// times, peak memory and the ratio monitor / calibrate (the target is at most 2).
// Usage: npm run build && npx tsx bench/monitor.ts [--n 1000000] [--only sqlite|postgres] [--reuse]
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import Database from 'better-sqlite3';
import { BENCH_OUT } from './lib/cohortFile.js';
import { timed } from './lib/rValProb.js';
import { currentKey, DEVELOPMENT_KEY_RING_TEXT, parseKeyRing } from '../src/privacy/keyRing.js';
import { newDataKey, seal } from '../src/privacy/sealedValue.js';
import { EXAMPLE_MEMBER_INPUT } from '../src/screening/member/memberSchema.js';
import { openRepository, type StorageConfig } from '../src/storage/openRepository.js';
import { SEALED_SCREENING_PLACEHOLDERS, sealScreening } from '../src/storage/sealing.js';

const i = process.argv.indexOf('--n');
const n = i > 0 ? Number(process.argv[i + 1]) : 1_000_000;
const o = process.argv.indexOf('--only');
/** `--only sqlite` or `--only postgres` runs one database (a million periods take minutes to store in each). */
const only = o > 0 ? process.argv[o + 1] : null;
/** `--reuse` keeps the database (SQLite file, PostgreSQL schema) and CSV a previous run of the same --n left. */
const reuse = process.argv.includes('--reuse');
const out = join(BENCH_OUT, 'monitor');
mkdirSync(out, { recursive: true });
const root = new URL('../', import.meta.url).pathname;
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MODEL_VERSION = 'bench-drift-1';
const kek = currentKey(parseKeyRing(DEVELOPMENT_KEY_RING_TEXT));

let seed = 0x2545f491;
function uniform(): number {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
}

const SCREENING_COLUMNS = [
  'id',
  'citizen_key',
  'created_at',
  'model_version',
  'input',
  'probability',
  'linear_predictor',
  'target_group',
  'subgroup',
  'job_centre_referral',
  'factors',
  'activities',
  'details',
  'caseworker_id',
  'client_id',
  'fund_id',
  'occasion',
  'benefit_period_start',
  'screening_date',
  'sealed',
];

/** One period's rows: its data key, first screening (sealed input) and known outcome. */
function period(k: number) {
  const citizenKey = createHash('sha256').update(`bench ${k}`).digest('hex');
  const id = randomUUID();
  const dk = { id: randomUUID(), key: newDataKey() };
  // The same place string dataKeys.ts binds a wrapped key to.
  const wrapped = seal(kek, dk.key, `ledighedsprofil/data_keys/${dk.id}/wrapped`);
  const start = new Date(Date.UTC(2022, 0, 3) + Math.floor(uniform() * 700) * 86_400_000).toISOString().slice(0, 10);
  const age = 18 + Math.floor(uniform() * 47);
  const input = { ...EXAMPLE_MEMBER_INPUT, member: { ...EXAMPLE_MEMBER_INPUT.member, age, gender: uniform() < 0.5 ? 'kvinde' : 'mand' } };
  const p = 0.02 + 0.9 * uniform() ** 2;
  const sealed = sealScreening(dk, id, { input, factors: [], activities: [], details: {} });
  const screening = [
    id,
    citizenKey,
    `${start}T09:00:00.000Z`,
    MODEL_VERSION,
    SEALED_SCREENING_PLACEHOLDERS.input,
    p,
    Math.log(p / (1 - p)),
    p >= 0.25 ? 2 : 1,
    null,
    0,
    '[]',
    '[]',
    '{}',
    'cw',
    'bench',
    '15',
    'first_interview',
    start,
    start,
    sealed,
  ];
  const y = uniform() < p ? 1 : 0;
  return {
    dataKey: [dk.id, '15', citizenKey, kek.id, wrapped, `${start}T09:00:00.000Z`],
    screening,
    outcome: [randomUUID(), '15', citizenKey, start, 1, '2024-06-01T00:00:00.000Z', 'known', y, 'bench'],
    csv: `${p},${y}`,
  };
}

const OUTCOME_COLUMNS = [
  'id',
  'fund_id',
  'citizen_key',
  'benefit_period_start',
  'revision',
  'created_at',
  'long_term_state',
  'long_term',
  'client_id',
];
const DATA_KEY_COLUMNS = ['id', 'fund_id', 'citizen_key', 'kek_id', 'wrapped', 'created_at'];

/** Periods a SQLite bench database already holds (for --reuse). */
function countPeriods(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return Number((db.prepare('SELECT count(*) AS n FROM screenings').get() as { n: number }).n);
  } finally {
    db.close();
  }
}

type Insert = (table: string, columns: string[], rows: unknown[][]) => Promise<void>;

async function fill(insert: Insert, csvFile: string): Promise<void> {
  seed = 0x2545f491;
  const lines = ['probability,long_term'];
  for (let at = 0; at < n; at += 1000) {
    const batch = Array.from({ length: Math.min(1000, n - at) }, (_, j) => period(at + j));
    await insert(
      'data_keys',
      DATA_KEY_COLUMNS,
      batch.map((b) => b.dataKey),
    );
    await insert(
      'screenings',
      SCREENING_COLUMNS,
      batch.map((b) => b.screening),
    );
    await insert(
      'outcomes',
      OUTCOME_COLUMNS,
      batch.map((b) => b.outcome),
    );
    for (const b of batch) lines.push(b.csv);
  }
  // Periods are stored in insertion order, which is the order monitor reads them in.
  writeFileSync(csvFile, lines.join('\n') + '\n');
}

// The built command (`npm run build`), as an installed package runs it: tsx's compile time would swamp a small run.
const cli = (args: string[]) => timed('node', [join(root, 'bin/ledighedsprofil.js'), ...args]);

/**
 * The model the stored screenings name: trained here on a simulated cohort, so its artifact records the
 * training distribution and monitor computes drift (the bundled model predates training distributions,
 * and monitoring without drift would leave out a third of its work).
 */
function benchModels(): string {
  const dir = join(out, 'models');
  const file = join(dir, `${MODEL_VERSION}.json`);
  if (existsSync(file)) return dir;
  mkdirSync(dir, { recursive: true });
  const spells = join(out, 'model-spells.csv');
  for (const args of [
    ['simulate', '--n', '20000', '--seed', '11', '--out', spells],
    [
      'train',
      '--data',
      spells,
      '--spec',
      join(root, 'training/default-spec.json'),
      '--simulated',
      '--model-version',
      MODEL_VERSION,
      '--out',
      file,
      '--quiet',
    ],
  ])
    cli(args);
  return dir;
}

async function run(kind: 'sqlite' | 'postgres'): Promise<void> {
  const csv = join(out, `${kind}.csv`);
  let database: string[];
  let cleanup = async () => {};
  // Whether --reuse found this --n stored, with its CSV.
  let stored = false;
  let afterFill = async () => {};
  let storage: StorageConfig;
  let insert: Insert;
  if (kind === 'sqlite') {
    const file = join(out, 'bench.sqlite');
    // A database of another --n is refilled from scratch.
    stored = reuse && existsSync(file) && existsSync(csv) && countPeriods(file) === n;
    if (!stored) rmSync(file, { force: true });
    storage = { kind: 'sqlite', path: file };
    database = ['--database', `sqlite:${file}`];
    await (await openRepository(storage)).close();
    const db = new Database(file);
    // The fill is set-up, not measured: a large cache keeps the random index inserts (the citizen keys
    // are hashes) in memory, and no fsync per batch. monitor then opens the file as the service would.
    db.pragma('cache_size = -1048576');
    db.pragma('synchronous = OFF');
    insert = async (table, columns, rows) => {
      const st = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      db.transaction(() => {
        for (const r of rows) st.run(...(r as never[]));
      })();
    };
    cleanup = async () => {
      db.close();
    };
  } else {
    // --reuse keeps one schema between runs (drop it with DROP SCHEMA lp_bench_monitor CASCADE).
    const schema = reuse ? 'lp_bench_monitor' : `lp_bench_${process.pid}`;
    storage = { kind: 'postgres', url: PG_URL, schema };
    database = ['--database', PG_URL, '--schema', schema];
    if (reuse) {
      const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
      await c.connect();
      const held = await c
        .query('SELECT count(*) AS n FROM screenings')
        .then((r) => Number(r.rows[0].n))
        .catch(() => -1);
      stored = held === n && existsSync(csv);
      if (!stored) await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
    await (await openRepository(storage)).close();
    const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await client.connect();
    // Set-up, not measured: no wait for the WAL flush of each batch.
    await client.query('SET synchronous_commit = off');
    insert = async (table, columns, rows) => {
      const params: unknown[] = [];
      const values = rows.map((r) => `(${r.map((v) => `$${params.push(v)}`).join(', ')})`);
      await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
    };
    afterFill = async () => {
      // As autovacuum would have by the time anyone monitors: statistics, and the visibility map the
      // index-only lookups need.
      await client.query('VACUUM ANALYZE');
    };
    cleanup = async () => {
      if (!reuse) await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    };
  }
  const t0 = performance.now();
  if (!stored) {
    await fill(insert, csv);
    await afterFill();
  }
  process.stderr.write(`${kind}: ${stored ? 'reused' : 'stored'} ${n} periods in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  try {
    const monitor = cli([
      'monitor',
      ...database,
      '--as-of',
      '2026-12-01',
      '--models',
      benchModels(),
      '--out',
      join(out, `${kind}.html`),
      '--json',
      join(out, `${kind}.json`),
    ]);
    const calibrate = cli(['calibrate', '--predictions', csv, '--outcome', 'long_term', '--probability', 'probability']);
    console.log(
      `${kind.padEnd(8)} n=${n}: monitor ${monitor.wallSeconds.toFixed(2)} s, ${monitor.maxRssMb.toFixed(0)} MiB; ` +
        `calibrate (CSV) ${calibrate.wallSeconds.toFixed(2)} s, ${calibrate.maxRssMb.toFixed(0)} MiB; ` +
        `ratio ${(monitor.wallSeconds / calibrate.wallSeconds).toFixed(2)} (target ≤ 2)`,
    );
  } finally {
    await cleanup();
  }
}

if (only !== 'postgres') await run('sqlite');
if (only === 'sqlite') process.exit(0);
try {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  await c.connect();
  await c.end();
} catch (err) {
  console.log(`postgres: skipped (${(err as Error).message})`);
  process.exit(0);
}
await run('postgres');
