/**
 * A PostgreSQL server that accepts the connection and then never answers (a hung server, a proxy whose
 * backend is gone): opening the repository must fail as "unavailable" once the connect timeout has
 * passed, not wait for ever. The "server" is a TCP listener on 127.0.0.1 that reads and says nothing.
 */
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRepository } from '../../src/storage/openRepository.js';
import { unavailableReason } from '../../src/storage/unavailable.js';

const sockets: Socket[] = [];
const server = createServer((socket) => {
  sockets.push(socket);
  socket.resume();
});
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('a PostgreSQL server that never answers', () => {
  it('makes opening the repository fail as unavailable after the connect timeout', async () => {
    const opened = openRepository({ kind: 'postgres', url: `postgres://lp@127.0.0.1:${port}/lp`, connectTimeoutMs: 300 });
    const err = await opened.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(unavailableReason(err)).toBe('connection lost');
    // It was the silence: the connection was made, and the start-up message sent and never answered.
    expect(sockets.length).toBeGreaterThan(0);
  }, 20_000);
});
