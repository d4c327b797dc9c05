import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../problem.js';
import { durationText } from './rateLimit.js';
import { onHit } from '../throttle/windowCounter.js';
import { createApiKeyVerifier, hasRole } from '../security/apiKeys.js';

/** The key a request presents: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
function presentedKey(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m ? m[1] : undefined;
  }
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

/**
 * Authenticates every request by API key (hashed, compared in constant time) and enforces the route's
 * `config.auth` before the body is even parsed: a route without one is closed to everybody but
 * authenticated clients, so a route added without thought is not left open. A wrong role is audited.
 * Failed authentications and refused roles count against a per-address limit (RATE_LIMIT_AUTH_FAILURES
 * per RATE_LIMIT_WINDOW_SECONDS); past it the address gets 429, and nothing more is audited.
 */
export const authPlugin = fp(
  async (app) => {
    const verifier = createApiKeyVerifier(app.config.apiKeys);
    app.decorateRequest('client', null);
    const maxFailures = app.config.authFailureLimit;
    const failures = app.rateLimits.authFailures;
    // Past the limit an address is refused everything but public routes, a right key included: a 429 for
    // wrong keys only would tell a guesser which key is right.
    const tooMany = (reply: FastifyReply, ttl: number) => {
      const retrySeconds = Math.ceil(ttl / 1000);
      reply.header('retry-after', retrySeconds);
      return new HttpProblem(
        'too-many-requests',
        `too many failed authentications from this address (at most ${maxFailures} per ${durationText(failures.windowMs)}); retry in ${durationText(retrySeconds * 1000)}`,
      );
    };
    // A synchronous hook (done callback): an async one costs a promise and a microtask turn per request.
    app.addHook('onRequest', (request, reply, done) => {
      request.client = verifier.verify(presentedKey(request));
      if (request.is404) return done();
      const auth = request.routeOptions.config.auth ?? { roles: [] };
      if (auth === 'public') return done();
      const address = `ip:${request.ip}`;
      onHit(
        failures.peek(address),
        (seen) => {
          if (seen.current >= maxFailures) return done(tooMany(reply, seen.ttl));
          const client = request.client;
          const roleHeld = client !== null && (auth.roles.length === 0 || auth.roles.some((r) => hasRole(client, r)));
          const fundFits = auth.fund === true ? client?.fund != null : auth.operator === true ? client?.fund === null : true;
          if (roleHeld && fundFits) return done();
          // A failure: counted first, so the one over the limit is answered 429 and not audited.
          onHit(
            failures.hit(address),
            (hit) => {
              if (hit.current > maxFailures) return done(tooMany(reply, hit.ttl));
              if (client === null) {
                reply.header('www-authenticate', 'Bearer realm="ledighedsprofil"');
                return done(new HttpProblem('unauthenticated', 'send an API key as "Authorization: Bearer <key>" or "X-API-Key: <key>"'));
              }
              const needs = !roleHeld
                ? auth.roles.join(' or ')
                : auth.operator === true
                  ? 'a client without a fund'
                  : 'a fund registration';
              const denied = !roleHeld
                ? new HttpProblem('forbidden', `this operation needs the role ${needs}; client ${client.id} has ${client.roles.join(', ')}`)
                : auth.operator === true
                  ? new HttpProblem(
                      'forbidden',
                      `model administration is the operator's: it changes the model for every fund, so only an admin client without a fund may do it; client ${client.id} acts for fund ${client.fund}`,
                    )
                  : new HttpProblem(
                      'no-fund-registration',
                      `client ${client.id} has no unemployment-fund registration (no fund in its API key configuration), so it may not act on citizens or screenings`,
                    );
              app.repository
                .appendAudit({
                  clientId: client.id,
                  fundId: client.fund,
                  action: 'auth.denied',
                  outcome: 'denied',
                  requestId: request.id,
                  detail: `${request.method} ${request.routeOptions.url ?? ''} needs ${needs}`,
                })
                .catch((err: unknown) => request.log.error({ err }, 'could not audit a denied request'))
                .then(() => done(denied), done);
            },
            done,
          );
        },
        done,
      );
    });
  },
  { name: 'auth', dependencies: ['config', 'database', 'rate-limit-store'] },
);
