import fp from 'fastify-plugin';
import { HttpProblem } from '../problem.js';

/**
 * While the app closes, new requests get 503 problem+json with `Connection: close` and
 * `Retry-After`, so a load balancer sends them elsewhere. Fastify's own `return503OnClosing` answers
 * with a hard-coded application/json body and no security headers, off the contract; this replaces it.
 */
export const closingPlugin = fp(
  async (app) => {
    let closing = false;
    app.addHook('preClose', (done) => {
      closing = true;
      done();
    });
    app.addHook('onRequest', (_request, reply, done) => {
      if (!closing) {
        done();
        return;
      }
      reply.header('connection', 'close');
      done(
        new HttpProblem('service-unavailable', 'the service is shutting down; retry on another instance', {
          headers: { 'retry-after': '1' },
        }),
      );
    });
  },
  { name: 'closing' },
);
