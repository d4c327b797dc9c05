/**
 * kill -9 under write load: the real server process (src/service/server.ts) takes concurrent creates
 * on SQLite and on PostgreSQL, is killed with SIGKILL at a seeded moment, and restarted on the same
 * database. Every screening it acknowledged with 201 must be there afterwards, with the input that
 * was sent, and the SQLite file must pass its integrity check. Bounded: a few rounds, a few seconds each.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { mersenneTwister } from '../../src/stats/mersenneTwister.js';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '../storage/postgresTestSchema.js';
import { auth, databaseKinds, KEYS, sampleMember } from './helpers.js';

const ROUNDS = 3;
const WRITERS = 6;
const root = new URL('../../', import.meta.url).pathname;

/** A free port on 127.0.0.1 (asked of the kernel, then released for the server to take). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the service as its own process and resolves once /health/ready answers 200. */
async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/service/server.ts')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr}`);
    const ok = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, base };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not become ready: ${stderr}`);
}

/** A valid CPR number for writer w's n-th create: a real date, unique per (round, writer, n). */
function cprOf(round: number, w: number, n: number): string {
  const day = 1 + (n % 28);
  const month = 1 + w;
  const year = 40 + round;
  const serial = 1000 + Math.floor(n / 28);
  return `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${year}${serial}`;
}

interface Acknowledged {
  id: string;
  age: number;
}

/** Creates screenings from WRITERS concurrent loops until `stop()` is true; returns those answered 201. */
async function writeLoad(
  base: string,
  round: number,
  stop: () => boolean,
  onAcknowledged: (count: number) => void,
): Promise<Acknowledged[]> {
  const acknowledged: Acknowledged[] = [];
  const writer = async (w: number) => {
    for (let n = 0; !stop(); n++) {
      const body = sampleMember();
      body.member.age = 20 + ((w * 7 + n) % 45);
      body.member.experienceYears = Math.min(body.member.experienceYears, body.member.age - 16);
      try {
        const r = await fetch(`${base}/v1/screenings`, {
          method: 'POST',
          headers: { ...auth(KEYS.create), 'content-type': 'application/json', 'idempotency-key': `r${round}-w${w}-n${n}` },
          body: JSON.stringify({ cpr: cprOf(round, w, n), ...body }),
        });
        if (r.status === 201) {
          acknowledged.push({ id: ((await r.json()) as { id: string }).id, age: body.member.age });
          onAcknowledged(acknowledged.length);
        } else await r.arrayBuffer();
      } catch {
        // The connection died with the process: this create was never acknowledged.
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  return acknowledged;
}

const dirs: string[] = [];
const schemas: string[] = [];
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const s of schemas) await dropSchema(s).catch(() => {});
});

describe.each(databaseKinds())('kill -9 under write load (%s)', (kind) => {
  it(`loses no acknowledged screening over ${ROUNDS} kills`, async () => {
    let env: Record<string, string>;
    let sqliteFile: string | undefined;
    if (kind === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'crash-'));
      dirs.push(dir);
      sqliteFile = join(dir, 'screenings.sqlite');
      env = { DATABASE_URL: `sqlite:${sqliteFile}` };
    } else {
      const schema = randomSchemaName();
      schemas.push(schema);
      env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema };
    }
    const rng = mersenneTwister(20261201);
    const acknowledged: Acknowledged[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { child, base } = await startServer(env);
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      let killed = false;
      const kill = () => {
        killed = true;
        child.kill('SIGKILL');
      };
      // Kill once a seeded 8–20 creates of this round are acknowledged, a seeded 0–150 ms later, so
      // the kill lands among writes in flight however slow the machine is; the cap only stops a
      // server that acknowledges nothing (the count below then fails).
      const target = 8 + Math.floor(rng.uniform() * 13);
      const delay = Math.floor(rng.uniform() * 150);
      let timer = setTimeout(kill, 20_000);
      const onAcknowledged = (count: number) => {
        if (count !== target) return;
        clearTimeout(timer);
        timer = setTimeout(kill, delay);
      };
      acknowledged.push(...(await writeLoad(base, round, () => killed, onAcknowledged)));
      clearTimeout(timer);
      await exited;
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(ROUNDS * 8);

    const { child, base } = await startServer(env);
    try {
      for (const a of acknowledged) {
        const r = await fetch(`${base}/v1/screenings/${a.id}`, { headers: auth(KEYS.read) });
        expect(r.status, `acknowledged screening ${a.id}`).toBe(200);
        expect(((await r.json()) as { member: { age: number } }).member.age).toBe(a.age);
      }
    } finally {
      child.kill('SIGKILL');
    }
    if (sqliteFile) {
      const db = new Database(sqliteFile, { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
      }
    }
  });
});
