import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { HttpProblem } from '../problem.js';

/**
 * Rate limiting per authenticated client (per IP before authentication), RATE_LIMIT_MAX requests per
 * RATE_LIMIT_WINDOW_SECONDS. Registered after the auth plugin, whose hook runs first, so the client is
 * known. Health probes opt out with `config: { rateLimit: false }`.
 */
export const rateLimitPlugin = fp(
  async (app) => {
    await app.register(rateLimit, {
      global: true,
      max: app.config.rateLimit.max,
      timeWindow: app.config.rateLimit.windowMs,
      keyGenerator: (request) => (request.client ? `client:${request.client.id}` : `ip:${request.ip}`),
      errorResponseBuilder: (_request, context) =>
        new HttpProblem('too-many-requests', `at most ${context.max} requests per ${context.after}; retry later`),
    });
  },
  { name: 'rate-limit', dependencies: ['config', 'auth'] },
);
