// Service benchmark with autocannon on loopback, each server in its own process:
//  1. in alternating rounds, side by side: a bare Fastify route echoing the JSON body, the same echo
//     behind the service's stack, POST /v1/score with one member, and the same scorer written as
//     FastAPI + pydantic (bench/fastapi_score.py under uvicorn with uvloop and httptools, one worker).
//     Targets: /v1/score ≥ 60 % of the bare echo, the stack's echo ≥ 75 %, /v1/score ≥ 3× FastAPI;
//  2. POST /v1/score?explain=true, and POST /v1/screenings (score + store + audit) on SQLite and PostgreSQL.
// Prints requests per second and p50/p90/p99 latency. Each measurement runs for a bounded time and the
// script stops by itself.
// Usage: npx tsx bench/service.ts [--duration 10] [--rounds 3] [--connections 10] [--log-level warn]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { MUNICIPALITIES } from '../src/data/cohort/municipalities.js';
import { DEVELOPMENT_API_KEYS } from '../src/service/config.js';
import { hashApiKey } from '../src/service/security/apiKeys.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const duration = Number(arg('duration', '10'));
const rounds = Number(arg('rounds', '3'));
const connections = Number(arg('connections', '10'));
const logLevel = arg('log-level', 'warn');
// Debian's interpreter, which has python3-fastapi, -uvicorn, -uvloop and -httptools (not a pyenv one on PATH).
const python = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
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
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: logLevel,
      RATE_LIMIT_MAX: '100000000',
      SCORE_MEMBERS_PER_MINUTE: '100000000',
      ...env,
    },
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

/** A free TCP port on 127.0.0.1 (uvicorn cannot report the port it was given by the system). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts bench/fastapi_score.py under uvicorn (uvloop, httptools, one worker); undefined when Python lacks FastAPI. */
async function startFastApi(dir: string, key: string): Promise<{ child: ChildProcess; port: number } | undefined> {
  const municipalities = join(dir, 'municipalities.json');
  writeFileSync(municipalities, JSON.stringify(Object.fromEntries(MUNICIPALITIES.map((m) => [m.code, m.region]))));
  const port = await freePort();
  const benchDir = new URL('.', import.meta.url).pathname;
  const args = ['-m', 'uvicorn', '--app-dir', benchDir, 'fastapi_score:app', '--loop', 'uvloop', '--http', 'httptools', '--workers', '1'];
  const child = spawn(python, [...args, '--host', '127.0.0.1', '--port', String(port), '--log-level', 'warning', '--no-access-log'], {
    env: {
      ...process.env,
      LP_MODEL: new URL('../models/sim-2026.12-1.json', import.meta.url).pathname,
      LP_MUNICIPALITIES: municipalities,
      LP_KEY_SHA256: hashApiKey(key),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<undefined>((resolve) => child.once('exit', () => resolve(undefined)));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return { child, port };
    await Promise.race([new Promise((r) => setTimeout(r, 200)), exited]);
  }
  process.stderr.write(
    `  FastAPI comparison skipped: ${python} -m uvicorn did not start (python3-fastapi, -uvicorn, -uvloop, -httptools needed)\n`,
  );
  await stopChild(child);
  return undefined;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc (Linux; clock ticks of 10 ms).
 * Divided by the requests served it gives a cost per request that other load on the machine barely
 * changes, unlike requests per second.
 */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function load(url: string, body: string, headers: Record<string, string> = {}, warmUp = true, seconds = duration): Promise<Result> {
  const options = { url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections };
  // A short warm-up lets the JIT and the connection pools settle before the measured run.
  if (warmUp && seconds === duration) await autocannon({ ...options, duration: 2 });
  const r = await autocannon({ ...options, duration: seconds });
  if (r.errors > 0 || r.non2xx > 0) throw new Error(`${url}: ${r.errors} errors, ${r.non2xx} non-2xx responses`);
  return r;
}

interface Row {
  name: string;
  r: Result;
  /** Server CPU time per request, µs (NaN when it could not be read). */
  cpuUs: number;
}
const rows: Row[] = [];
const report = (name: string, r: Result, cpuUs = NaN) => {
  rows.push({ name, r, cpuUs });
  process.stderr.write(`  ${name}: ${r.requests.average.toFixed(0)} req/s\n`);
};

process.stderr.write(
  `autocannon: ${connections} connections, ${duration} s per measurement (after a 2 s warm-up), ${rounds} rounds, service log level ${logLevel}\n`,
);

const auth = { authorization: `Bearer ${adminKey}` };
const tmp = mkdtempSync(join(tmpdir(), 'lp-bench-'));
try {
  // All four servers run at once and are measured in turn, round after round, so that load from
  // elsewhere on the machine falls on all of them alike; each scenario's row is its median round.
  const bare = await startChild('bare');
  const sqlite = await startChild('service', { DATABASE_URL: `sqlite:${join(tmp, 'bench.sqlite')}` });
  const fastapi = await startFastApi(tmp, adminKey);
  try {
    const scenarios: { name: string; url: string; body: string; headers?: Record<string, string>; pid?: number }[] = [
      { name: 'bare Fastify echo (same body)', url: `http://127.0.0.1:${bare.port}/echo`, body: scoreBody, pid: bare.child.pid },
      {
        name: 'echo behind the service stack (same body)',
        url: `http://127.0.0.1:${sqlite.port}/bench/echo`,
        body: scoreBody,
        headers: auth,
        pid: sqlite.child.pid,
      },
      {
        name: 'POST /v1/score (1 member)',
        url: `http://127.0.0.1:${sqlite.port}/v1/score`,
        body: scoreBody,
        headers: auth,
        pid: sqlite.child.pid,
      },
    ];
    if (fastapi) {
      const name = 'FastAPI + pydantic POST /v1/score (1 member)';
      scenarios.push({ name, url: `http://127.0.0.1:${fastapi.port}/v1/score`, body: scoreBody, headers: auth, pid: fastapi.child.pid });
      // Same answer from both, or the comparison would mean nothing.
      const answers = await Promise.all(
        [sqlite.port, fastapi.port].map(async (port) => {
          const res = await fetch(`http://127.0.0.1:${port}/v1/score`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...auth },
            body: scoreBody,
          });
          return (await res.json()) as { results: { probability: number; targetGroup: number }[] };
        }),
      );
      const [a, b] = answers.map((x) => x.results[0]);
      if (Math.abs(a.probability - b.probability) > 1e-12 || a.targetGroup !== b.targetGroup) {
        throw new Error(`FastAPI answers ${JSON.stringify(b)}, the service ${JSON.stringify(a)}`);
      }
    }
    const byRound = new Map<string, { r: Result; cpuUs: number }[]>();
    for (let round = 1; round <= rounds; round++) {
      process.stderr.write(`round ${round} of ${rounds}\n`);
      for (const sc of scenarios) {
        if (round === 1) await load(sc.url, sc.body, sc.headers, true, 2);
        const before = cpuSeconds(sc.pid);
        const r = await load(sc.url, sc.body, sc.headers, false);
        const cpuUs = ((cpuSeconds(sc.pid) - before) * 1e6) / r.requests.total;
        process.stderr.write(`  ${sc.name}: ${r.requests.average.toFixed(0)} req/s, ${cpuUs.toFixed(0)} µs server CPU per request\n`);
        byRound.set(sc.name, [...(byRound.get(sc.name) ?? []), { r, cpuUs }]);
      }
    }
    for (const sc of scenarios) {
      const runs = [...byRound.get(sc.name)!].sort((x, y) => x.r.requests.average - y.r.requests.average);
      const cpus = runs.map((x) => x.cpuUs).sort((x, y) => x - y);
      rows.push({ name: sc.name, r: runs[Math.floor(runs.length / 2)].r, cpuUs: cpus[Math.floor(cpus.length / 2)] });
    }
    report('POST /v1/score?explain=true (1 member)', await load(`http://127.0.0.1:${sqlite.port}/v1/score?explain=true`, scoreBody, auth));
    report('POST /v1/screenings, SQLite', await load(`http://127.0.0.1:${sqlite.port}/v1/screenings`, screeningBody, auth));
  } finally {
    await stopChild(bare.child);
    await stopChild(sqlite.child);
    if (fastapi) await stopChild(fastapi.child);
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
        report('POST /v1/screenings, PostgreSQL', await load(`http://127.0.0.1:${postgres.port}/v1/screenings`, screeningBody, auth));
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
const W = 46;
const num = (x: number, d = 0) => x.toFixed(d).padStart(9);
console.log(
  `\n${pad('scenario', W)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p90 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'CPU µs'.padStart(9)}`,
);
for (const { name, r, cpuUs } of rows) {
  console.log(
    `${pad(name, W)}${num(r.requests.average)}${num(r.latency.p50, 1)}${num(r.latency.p90, 1)}${num(r.latency.p99, 1)}${Number.isNaN(cpuUs) ? '        -' : num(cpuUs)}`,
  );
}
const bareRps = rows[0].r.requests.average;
const rps = (name: string) => rows.find((x) => x.name.startsWith(name))?.r.requests.average;
const cpu = (name: string) => rows.find((x) => x.name.startsWith(name))?.cpuUs ?? NaN;
const scoreRps = rps('POST /v1/score (1 member)')!;
const stackRps = rps('echo behind the service stack')!;
const fastapiRps = rps('FastAPI');
console.log(`\nrounds: ${rounds}, each row the median round`);
console.log(`POST /v1/score / bare echo: ${((100 * scoreRps) / bareRps).toFixed(1)} % (target ≥ 60 %)`);
console.log(
  `echo behind the service stack / bare echo: ${((100 * stackRps) / bareRps).toFixed(1)} % (target ≥ 75 %; what auth, headers, rate limit, metrics and logging cost)`,
);
console.log(
  `POST /v1/score / echo behind the service stack: ${((100 * scoreRps) / stackRps).toFixed(1)} % (what validation, scoring and serialisation cost)`,
);
if (fastapiRps !== undefined) console.log(`POST /v1/score / FastAPI + pydantic: ${(scoreRps / fastapiRps).toFixed(2)}× (target ≥ 3×)`);
// The same ratios from server CPU per request: what each server would reach given a core of its own.
const bareCpu = cpu('bare Fastify echo');
console.log(
  `by server CPU per request: /v1/score ${((100 * bareCpu) / cpu('POST /v1/score (1 member)')).toFixed(1)} % of the bare echo, ` +
    `stack echo ${((100 * bareCpu) / cpu('echo behind the service stack')).toFixed(1)} %` +
    (fastapiRps !== undefined ? `, /v1/score ${(cpu('FastAPI') / cpu('POST /v1/score (1 member)')).toFixed(2)}× FastAPI` : ''),
);
