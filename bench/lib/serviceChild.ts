// One server for bench/service.ts, in its own process so it does not share a core with autocannon.
// Usage: tsx bench/lib/serviceChild.ts bare|service  (the service reads its configuration from the
// environment). Prints one JSON line {"port": N} once listening.
import Fastify from 'fastify';
import { configFromEnv } from '../../src/service/config.js';
import { buildApp } from '../../src/service/app.js';
import { requireRole } from '../../src/service/routes/common.js';

const mode = process.argv[2];
if (mode === 'bare') {
  // The baseline: Fastify with its default JSON parser and serializer, no logging, no plugins.
  const app = Fastify({ logger: false });
  app.post('/echo', async (request) => request.body);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  process.stdout.write(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }) + '\n');
} else if (mode === 'service') {
  const app = await buildApp(configFromEnv({ ...process.env, HOST: '127.0.0.1', PORT: '0' }));
  // Benchmark only: an echo behind the service's whole stack (auth, security headers, rate limit, metrics,
  // logging), which separates what that stack costs from what scoring costs.
  app.post('/bench/echo', { config: requireRole('screening:create') }, async (request) => request.body);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  process.stdout.write(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }) + '\n');
} else {
  process.stderr.write('usage: serviceChild.ts bare|service\n');
  process.exit(2);
}
