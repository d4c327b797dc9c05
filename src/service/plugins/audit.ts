import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { EraseContext, ReadContext, WriteContext } from '../../storage/repository.js';
import { createCitizenKeyer } from '../../privacy/citizenKey.js';
import { HttpProblem } from '../problem.js';

/**
 * The client and its fund; only called on routes whose config requires a fund (requireFundRole), where
 * the auth hook has refused a client without one. The check here keeps a route that forgot it closed.
 */
function actor(request: FastifyRequest): { clientId: string; fundId: string } {
  const client = request.client!;
  if (client.fund === null) throw new HttpProblem('no-fund-registration', `client ${client.id} has no unemployment-fund registration`);
  return { clientId: client.id, fundId: client.fund };
}

/** Who acts in a request, and for which fund, for the repository's rows and audit entries. */
export function writeContext(request: FastifyRequest, idempotencyKey?: string): WriteContext {
  return { ...actor(request), requestId: request.id, idempotencyKey: idempotencyKey ?? null };
}

/** Who reads in a request, for which fund, and which kind of read the audit log should record. */
export function readContext(request: FastifyRequest, action?: ReadContext['action']): ReadContext {
  return { ...actor(request), requestId: request.id, action };
}

/** Who erases in a request, and in which fund. */
export function eraseContext(request: FastifyRequest): EraseContext {
  return { ...actor(request), requestId: request.id };
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
