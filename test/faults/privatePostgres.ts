/**
 * A PostgreSQL server of the test's own, in a temporary directory on a free port of 127.0.0.1, so a
 * test may terminate its backends, restart it and stop it hard without touching the machine's shared
 * cluster that other test files use at the same time. It runs Debian's server binaries
 * (/usr/lib/postgresql/<version>/bin, or PG_BIN); they refuse to run as root, so as root they run as
 * the `postgres` user, over a data directory that user owns.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './serviceProcess.js';

const run = promisify(execFile);

/** The directory holding initdb, pg_ctl and postgres: PG_BIN if set, else the newest Debian version installed; undefined when none. */
export function postgresBinDir(): string | undefined {
  const candidates: string[] = [];
  const debian = '/usr/lib/postgresql';
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  else if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  return candidates.find((d) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(d, b))));
}

/** A running private server and the means to hurt it. */
export interface PrivatePostgres {
  readonly port: number;
  /** A superuser URL of the server's `postgres` database. */
  readonly url: string;
  /** Shuts the server down (`fast`: backends told to end; `immediate`: killed, crash recovery on the next start). */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  /** Starts the stopped server; resolves once it accepts a connection and answers a query. */
  start(): Promise<void>;
  /** `pg_ctl restart -m fast`; resolves once the new server accepts a connection and answers a query. */
  restart(): Promise<void>;
  /** Terminates every backend whose application_name is `applicationName`; resolves with how many. */
  terminateBackends(applicationName: string): Promise<number>;
  /** Stops the server (immediately) and removes its directory; safe to call more than once. */
  destroy(): void;
  /** The end of the server's log, for a failure message. */
  logTail(): string;
}

/** Runs one of the server's binaries, as `postgres` when this process is root. */
function asOwner(bin: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

/** Resolves once a fresh connection to `url` answers `SELECT 1`, polling every 20 ms until `timeoutMs`. */
async function untilAccepting(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    // A client that fails to connect may still emit 'error' later; nobody else listens for it here.
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`the private PostgreSQL server did not come up: ${(err as Error).message}`);
    } finally {
      await client.end().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Initialises and starts a private server. Durability is the default one (synchronous commit, WAL
 * written before a commit is acknowledged); fsync is off, which only matters if the machine itself
 * crashes, not this server process.
 */
export async function startPrivatePostgres(binDir: string): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'lp-faults-pg-'));
  let stopped = true;
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const serverOptions = [
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}`,
    '-c fsync=off -c max_connections=40 -c shared_buffers=16MB',
  ].join(' ');
  const pgCtl = join(binDir, 'pg_ctl');
  const ctl = async (args: string[]) => {
    const [cmd, argv] = asOwner(pgCtl, ['-D', data, '-l', log, ...args]);
    await run(cmd, argv, { timeout: 30_000 });
  };
  const destroy = () => {
    if (!stopped) {
      const [cmd, argv] = asOwner(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      spawnSync(cmd, argv, { timeout: 15_000, stdio: 'ignore' });
      stopped = true;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Should the test's process end without reaching its own cleanup, the server does not outlive it.
  process.once('exit', destroy);
  try {
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
      chownSync(dir, uid, gid);
    }
    const initdb = ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'];
    const [cmd, argv] = asOwner(join(binDir, 'initdb'), initdb);
    await run(cmd, argv, { timeout: 60_000 });
    // -W: the test polls for itself, so "accepting" is measured to 20 ms rather than pg_ctl's 100.
    await ctl(['-o', serverOptions, '-W', 'start']);
    stopped = false;
    await untilAccepting(url, 30_000);
  } catch (err) {
    const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    destroy();
    process.off('exit', destroy);
    throw new Error(`cannot start a private PostgreSQL server with ${binDir}: ${(err as Error).message}\n${tail}`);
  }

  return {
    port,
    url,
    async stop(mode) {
      await ctl(['-m', mode, '-w', 'stop']);
      stopped = true;
    },
    async start() {
      await ctl(['-o', serverOptions, '-W', 'start']);
      stopped = false;
      await untilAccepting(url, 30_000);
    },
    async restart() {
      // restart waits for the old server to end whatever -W says; -W only skips waiting for the new one.
      await ctl(['-m', 'fast', '-o', serverOptions, '-W', 'restart']);
      await untilAccepting(url, 30_000);
    },
    async terminateBackends(applicationName) {
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => {});
      await client.connect();
      try {
        const r = await client.query(
          'SELECT count(*)::int AS n FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1) t',
          [applicationName],
        );
        return (r.rows[0] as { n: number }).n;
      } finally {
        await client.end();
      }
    },
    destroy() {
      destroy();
      process.off('exit', destroy);
    },
    logTail() {
      return existsSync(log) ? readFileSync(log, 'utf8').slice(-3000) : '';
    },
  };
}
