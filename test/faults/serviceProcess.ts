/**
 * The real service as a child process (src/service/server.ts run by tsx), as an operator runs it, so a
 * fault that would end the process shows as the process ending, which an in-process app cannot show.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

/** A free port on 127.0.0.1 (asked of the kernel, then released for the server to take). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A running service process. */
export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly base: string;
  /** The exit code or signal if the process has ended, else null. */
  exited(): string | null;
  /** The last lines the process wrote (log and stderr), for a failure message. */
  output(): string;
  /** Kills the process (SIGKILL) and waits for it to end. */
  kill(): Promise<void>;
}

/** Starts the service with `env` on top of a development environment; resolves once /health/ready answers 200. */
export async function startServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/service/server.ts')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (d: Buffer) => {
    tail = (tail + String(d)).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let ended: string | null = null;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = signal ?? `exit code ${code}`;
      resolve();
    }),
  );
  const service: ServiceProcess = {
    child,
    base: `http://127.0.0.1:${port}`,
    exited: () => ended,
    output: () => tail,
    async kill() {
      if (ended === null) child.kill('SIGKILL');
      await gone;
    },
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (ended !== null) throw new Error(`the service exited (${ended}) while starting: ${tail}`);
    const ok = await fetch(`${service.base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return service;
    await new Promise((r) => setTimeout(r, 100));
  }
  await service.kill();
  throw new Error(`the service did not become ready within 30 s: ${tail}`);
}
