import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/**
 * Security headers on every response (@fastify/helmet). The default content security policy already
 * fits Swagger UI, whose scripts are served from this origin; `upgrade-insecure-requests` is dropped so
 * the documentation also works over plain http on localhost in development (TLS ends at the proxy).
 */
export const securityHeadersPlugin = fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
      crossOriginResourcePolicy: { policy: 'same-origin' },
    });
  },
  { name: 'security-headers' },
);
