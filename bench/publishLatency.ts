// Publish-to-serving latency across two service processes on one PostgreSQL schema: two versions are
// published, then activated in turn on instance A; after each activation both instances are asked
// (POST /v1/score, every 10 ms) until they serve the new version. A switches inside its activation
// request, so its latency is the baseline (the request and the first score); B learns of it by polling
// (MODEL_POLL_MS). Prints median and p95 of both and B's ratio to A and to the poll interval.
// Usage: npx tsx bench/publishLatency.ts [--switches 20] [--poll-ms 1000]
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { sealArtifact } from '../src/model/artifact/artifactFile.js';
import type { ModelArtifact } from '../src/model/artifact/artifactSchema.js';
import { DEVELOPMENT_API_KEYS } from '../src/service/config.js';
import { startServiceProcess, type ServiceProcess } from '../test/faults/serviceProcess.js';
import { EXAMPLE_MEMBER_INPUT } from '../src/screening/member/memberSchema.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const switches = Number(arg('switches', '20'));
const pollMs = Number(arg('poll-ms', '1000'));
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const key = (id: string) => DEVELOPMENT_API_KEYS.find((k) => k.id === id)!.key;
const operator = key('example-operator');
const creator = key('example-create');
const scoreBody = JSON.stringify({ members: [EXAMPLE_MEMBER_INPUT] });

/** A copy of the bundled model under another version, its intercept moved, re-sealed. */
function variant(version: string, shift: number): ModelArtifact {
  const bundled = JSON.parse(readFileSync(new URL('../models/sim-2026.12-1.json', import.meta.url), 'utf8')) as ModelArtifact;
  const { checksum: _c, ...content } = bundled;
  const coefficients = content.coefficients.map((c, i) => (i === 0 ? { ...c, estimate: c.estimate! + shift } : c));
  return sealArtifact({ ...content, version, coefficients });
}

async function post(s: ServiceProcess, path: string, body: unknown, bearer: string): Promise<Response> {
  return fetch(`${s.base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function served(s: ServiceProcess): Promise<string> {
  const r = await post(s, '/v1/score', scoreBody, creator);
  return ((await r.json()) as { results: { modelVersion: string }[] }).results[0].modelVersion;
}

/** Milliseconds from `t0` until `s` serves `version` (polled every 10 ms, at most 30 s). */
async function until(s: ServiceProcess, version: string, t0: number): Promise<number> {
  for (;;) {
    if ((await served(s)) === version) return performance.now() - t0;
    if (performance.now() - t0 > 30_000) throw new Error(`${s.base} did not serve ${version} within 30 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

const schema = `lp_bench_${process.pid}_${randomBytes(6).toString('hex')}`;
const admin = new pg.Client({ connectionString: pgUrl });
await admin.connect();
const env = {
  DATABASE_URL: pgUrl,
  DATABASE_SCHEMA: schema,
  MODEL_POLL_MS: String(pollMs),
  RATE_LIMIT_MAX: '100000000',
  SCORE_MEMBERS_PER_MINUTE: '100000000',
};
const started: ServiceProcess[] = [];
try {
  const a = await startServiceProcess(env);
  started.push(a);
  const b = await startServiceProcess(env);
  started.push(b);
  const versions = ['bench-a', 'bench-b'];
  for (const [i, v] of versions.entries()) {
    const r = await post(a, '/v1/models', variant(v, 0.1 * (i + 1)), operator);
    if (r.status !== 201) throw new Error(`publish ${v}: ${r.status} ${await r.text()}`);
  }
  const onA: number[] = [];
  const onB: number[] = [];
  for (let i = 0; i < switches; i++) {
    const version = versions[i % 2];
    const t0 = performance.now();
    const r = await post(a, '/v1/models/active', { version, reason: `benchmark switch ${i + 1}` }, operator);
    if (r.status !== 200) throw new Error(`activate ${version}: ${r.status} ${await r.text()}`);
    const [ta, tb] = await Promise.all([until(a, version, t0), until(b, version, t0)]);
    onA.push(ta);
    onB.push(tb);
  }
  const f = (x: number) => `${x.toFixed(1)} ms`;
  const medA = quantile(onA, 0.5);
  const medB = quantile(onB, 0.5);
  process.stdout.write(
    `publish-to-serving over ${switches} activations, two instances on PostgreSQL, MODEL_POLL_MS=${pollMs}\n` +
      `  A (activated there, baseline): median ${f(medA)}, p95 ${f(quantile(onA, 0.95))}, max ${f(Math.max(...onA))}\n` +
      `  B (by polling):                median ${f(medB)}, p95 ${f(quantile(onB, 0.95))}, max ${f(Math.max(...onB))}\n` +
      `  B / A (median): ${(medB / medA).toFixed(1)}×; B's median / poll interval: ${(medB / pollMs).toFixed(2)}\n` +
      `  target: every instance within 5000 ms: ${Math.max(...onB, ...onA) <= 5000 ? 'met' : 'MISSED'}\n`,
  );
} finally {
  await Promise.all(started.map((s) => s.kill()));
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.end();
}
