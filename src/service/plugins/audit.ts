import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ReadContext, WriteContext } from '../../storage/repository.js';
import { createCitizenKeysOf } from '../../privacy/citizenKeyRing.js';

/** Who acts in a request, for the repository's audit entries; only called on authenticated routes. */
export function writeContext(request: FastifyRequest, idempotencyKey?: string): WriteContext {
  return { clientId: request.client!.id, requestId: request.id, idempotencyKey: idempotencyKey ?? null };
}

/** Who reads in a request, and which kind of read the audit log should record. */
export function readContext(request: FastifyRequest, action?: ReadContext['action']): ReadContext {
  return { clientId: request.client!.id, requestId: request.id, action };
}

/**
 * The audit side of the service: `app.citizenKeyOf(cpr)` turns a validated CPR number into the keyed
 * hash under which the citizen is stored and audited, and `app.citizenLookupOf(cpr)` into that key and,
 * while a previous CPR secret is configured, the key under it (rows found under it move to the current one). The repository writes the audit entry of every
 * operation on a citizen's data itself, in the same transaction; routes add entries only for reads
 * outside it (models).
 */
export const auditPlugin = fp(
  async (app) => {
    const keysOf = createCitizenKeysOf(app.config.cprSecrets);
    app.decorate('citizenKeyOf', (cpr: string) => keysOf(cpr).current);
    app.decorate('citizenLookupOf', (cpr: string) => {
      const k = keysOf(cpr);
      return { current: k.current, previous: k.previous };
    });
  },
  { name: 'audit', dependencies: ['config', 'database'] },
);
