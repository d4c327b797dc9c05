import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ReadContext, WriteContext } from '../../storage/repository.js';
import { createCitizenKeyer } from '../../privacy/citizenKey.js';

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
 * hash under which the citizen is stored and audited. The repository writes the audit entry of every
 * operation on a citizen's data itself, in the same transaction; routes add entries only for reads
 * outside it (models).
 */
export const auditPlugin = fp(
  async (app) => {
    const keyer = createCitizenKeyer(app.config.cprSecret);
    app.decorate('citizenKeyOf', keyer);
  },
  { name: 'audit', dependencies: ['config', 'database'] },
);
