import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';

/**
 * helmet's options: its default content security policy already fits Swagger UI, whose scripts are
 * served from this origin; `upgrade-insecure-requests` is dropped so the documentation also works over
 * plain http on localhost in development (TLS ends at the proxy).
 */
const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  crossOriginResourcePolicy: { policy: 'same-origin' },
};

/**
 * The headers helmet sets with these options. They are the same for every response (no nonces), so
 * helmet is asked once at start-up and the result is copied onto each reply: running helmet's
 * middleware per request cost about 12 µs, more than scoring a member.
 */
export function securityHeaders(options: HelmetOptions = OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (err?: unknown) => {
    failure = err;
  });
  if (failure) throw failure;
  return headers;
}

let serviceHeaders: Record<string, string> | undefined;

/** The service's security headers ({@link securityHeaders} with its options), computed on first use. */
export function serviceSecurityHeaders(): Record<string, string> {
  serviceHeaders ??= securityHeaders();
  return serviceHeaders;
}

/** Security headers on every response, as helmet defines them. */
export const securityHeadersPlugin = fp(
  async (app) => {
    const headers = serviceSecurityHeaders();
    // Set when the request arrives, so error replies (401, 404, 413 …) carry them too.
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
  },
  { name: 'security-headers' },
);
