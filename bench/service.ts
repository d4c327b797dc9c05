// Service benchmark with autocannon on loopback, each server in its own process:
//  1. POST /v1/score with one member against a bare Fastify route echoing the same JSON body, in the
//     same run (target: the service at ≥ 80 % of the bare route's requests per second);
//  2. POST /v1/screenings (score + store + audit) on SQLite and on PostgreSQL.
// Prints requests per second and p50/p90/p99 latency. Each measurement runs for a bounded time and the
// script stops by itself.
// Usage: npx tsx bench/service.ts [--duration 10] [--connections 10] [--log-level warn]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { DEVELOPMENT_API_KEYS } from '../src/service/config.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const duration = Number(arg('duration', '10'));
const connections = Number(arg('connections', '10'));
const logLevel = arg('log-level', 'warn');
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const member = {
  member: {
    age: 57,
    experienceYears: 20,
    education: 'grundskole',
    fromSicknessBenefit: true,
    priorDagpengeHours: 800,
    earlierSpells: 3,
    municipality: '101',
    discoCode: '9112',
    industry: 'handel_transport',
    dimittend: false,
    previousIncome: 250000,
    childrenAtHome: false,
  },
  questionnaire: { q2JobExpectation: 'over_6_maaneder', q10HasBarriers: true, q10Barriers: ['fysisk_helbred', 'it'] },
};
const scoreBody = JSON.stringify({ members: [member] });
const screeningBody = JSON.stringify({ cpr: '0707614285', ...member, caseworkerId: 'bench' });
const adminKey = DEVELOPMENT_API_KEYS.find((k) => k.id === 'example-admin')!.key;

/** Starts a server child process and resolves with it and its port. */
async function startChild(mode: 'bare' | 'service', env: Record<string, string> = {}): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./lib/serviceChild.ts', import.meta.url).pathname, mode], {
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: logLevel, RATE_LIMIT_MAX: '100000000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${mode} server did not start within 30 s`)), 30_000);
    lines.on('line', (line) => {
      try {
        const p = JSON.parse(line).port;
        if (typeof p === 'number') {
          clearTimeout(timer);
          resolve(p);
        }
      } catch {
        // Log lines of the service (at the chosen level) are not the port line.
      }
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { child, port };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function load(url: string, body: string, headers: Record<string, string> = {}): Promise<Result> {
  const options = { url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections };
  // A short warm-up lets the JIT and the connection pools settle before the measured run.
  await autocannon({ ...options, duration: 2 });
  const r = await autocannon({ ...options, duration });
  if (r.errors > 0 || r.non2xx > 0) throw new Error(`${url}: ${r.errors} errors, ${r.non2xx} non-2xx responses`);
  return r;
}

interface Row {
  name: string;
  r: Result;
}
const rows: Row[] = [];
const report = (name: string, r: Result) => {
  rows.push({ name, r });
  process.stderr.write(`  ${name}: ${r.requests.average.toFixed(0)} req/s\n`);
};

process.stderr.write(`autocannon: ${connections} connections, ${duration} s per measurement (after a 2 s warm-up), service log level ${logLevel}\n`);

const bare = await startChild('bare');
try {
  report('bare Fastify echo (same body)', await load(`http://127.0.0.1:${bare.port}/echo`, scoreBody));
} finally {
  await stopChild(bare.child);
}

const tmp = mkdtempSync(join(tmpdir(), 'lp-bench-'));
try {
  const sqlite = await startChild('service', { DATABASE_URL: `sqlite:${join(tmp, 'bench.sqlite')}` });
  try {
    report('echo behind the service stack (same body)', await load(`http://127.0.0.1:${sqlite.port}/bench/echo`, scoreBody, { authorization: `Bearer ${adminKey}` }));
    report('POST /v1/score (1 member)', await load(`http://127.0.0.1:${sqlite.port}/v1/score`, scoreBody, { authorization: `Bearer ${adminKey}` }));
    report('POST /v1/score?explain=true (1 member)', await load(`http://127.0.0.1:${sqlite.port}/v1/score?explain=true`, scoreBody, { authorization: `Bearer ${adminKey}` }));
    report('POST /v1/screenings, SQLite', await load(`http://127.0.0.1:${sqlite.port}/v1/screenings`, screeningBody, { authorization: `Bearer ${adminKey}` }));
  } finally {
    await stopChild(sqlite.child);
  }

  const schema = `lp_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  let pgReachable = true;
  try {
    await admin.connect();
  } catch (err) {
    pgReachable = false;
    process.stderr.write(`  PostgreSQL not reachable (${(err as Error).message}): skipping POST /v1/screenings on PostgreSQL\n`);
  }
  if (pgReachable) {
    try {
      const postgres = await startChild('service', { DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema });
      try {
        report('POST /v1/screenings, PostgreSQL', await load(`http://127.0.0.1:${postgres.port}/v1/screenings`, screeningBody, { authorization: `Bearer ${adminKey}` }));
      } finally {
        await stopChild(postgres.child);
      }
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number, d = 0) => x.toFixed(d).padStart(9);
console.log(`\n${pad('scenario', 42)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p90 ms'.padStart(9)}${'p99 ms'.padStart(9)}`);
for (const { name, r } of rows) {
  console.log(`${pad(name, 42)}${num(r.requests.average)}${num(r.latency.p50, 1)}${num(r.latency.p90, 1)}${num(r.latency.p99, 1)}`);
}
const bareRps = rows[0].r.requests.average;
const rps = (name: string) => rows.find((x) => x.name.startsWith(name))!.r.requests.average;
const scoreRps = rps('POST /v1/score (1 member)');
const stackRps = rps('echo behind the service stack');
console.log(`\nPOST /v1/score / bare echo: ${((100 * scoreRps) / bareRps).toFixed(1)} % (target ≥ 80 %)`);
console.log(`echo behind the service stack / bare echo: ${((100 * stackRps) / bareRps).toFixed(1)} % (what auth, headers, rate limit, metrics and logging cost)`);
console.log(`POST /v1/score / echo behind the service stack: ${((100 * scoreRps) / stackRps).toFixed(1)} % (what validation, scoring and serialisation cost)`);
