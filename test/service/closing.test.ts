/** Requests that arrive while the service shuts down get 503 problem+json, on the contract. */
import { connect } from 'node:net';
import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { closingPlugin } from '../../src/service/plugins/closing.js';
import { errorHandlerPlugin } from '../../src/service/plugins/errorHandler.js';
import { securityHeadersPlugin, serviceSecurityHeaders } from '../../src/service/plugins/securityHeaders.js';

it('answers a request pipelined behind one in flight at shutdown with 503 problem+json, Retry-After and Connection: close', async () => {
  const app = Fastify({ return503OnClosing: false });
  await app.register(errorHandlerPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(closingPlugin);
  app.get('/slow', async () => {
    await new Promise((r) => setTimeout(r, 300));
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  // One request keeps the server busy; a second, on another connection, is half sent when close begins.
  const busy = connect(port, '127.0.0.1', () => busy.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n'));
  busy.on('error', () => {});
  const text = await new Promise<string>((resolve) => {
    let out = '';
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n');
      setTimeout(() => {
        void app.close();
        setTimeout(() => socket.write('\r\n'), 20);
      }, 50);
    });
    socket.on('data', (d) => {
      out += d;
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(out));
    setTimeout(() => {
      socket.destroy();
      resolve(out);
    }, 3000);
  });
  const second = text;
  expect(second).toMatch(/^HTTP\/1\.1 503/);
  expect(second).toMatch(/\r\ncontent-type: application\/problem\+json/i);
  expect(second).toMatch(/\r\nretry-after: 1\r\n/i);
  expect(second).toMatch(/\r\nconnection: close\r\n/i);
  expect(second).toContain(`\r\nx-content-type-options: ${serviceSecurityHeaders()['x-content-type-options']}\r\n`);
  expect(JSON.parse(second.slice(second.indexOf('\r\n\r\n') + 4)).type).toBe('urn:ledighedsprofil:problem:service-unavailable');
  busy.destroy();
  await app.close();
});
