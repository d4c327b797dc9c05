import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../../problem.js';
import { STAR_REQUEST_ID_HEADER, starRequestIdSchema } from './schemas.js';

/**
 * The preValidation hook that gives STAR's request id its meaning: the id is checked, echoed, and
 * recorded in the database before anything else of the request is validated, so a repeat by the same
 * client is refused with 412 whatever the first request's outcome was (a bad CPR header, an unknown
 * citizen, an outage after the id was recorded), on every instance and after restarts. It runs after
 * authentication: a request without a valid key never reaches it, so nobody can use up a client's ids.
 * A missing or malformed id is refused (400) and not recorded.
 */
export function claimStarRequestId(app: FastifyInstance) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const raw = request.headers[STAR_REQUEST_ID_HEADER];
    const parsed = starRequestIdSchema.safeParse(raw);
    if (!parsed.success) {
      const reason = raw === undefined ? 'is required' : parsed.error.issues[0].message;
      throw new HttpProblem('validation-error', `invalid headers: ${STAR_REQUEST_ID_HEADER}`, {
        errors: [{ field: STAR_REQUEST_ID_HEADER, reason }],
      });
    }
    const requestId = parsed.data;
    reply.header(STAR_REQUEST_ID_HEADER, requestId);
    const first = await app.repository.claimRequestId({ clientId: request.client!.id, requestId });
    // The id contains no CPR number (checked above); the log links it to the service's own request id.
    request.log.info({ starRequestId: requestId, repeated: !first }, 'STAR request id');
    if (!first) {
      throw new HttpProblem(
        'request-id-repeated',
        `this client sent the request id before; send a new ${STAR_REQUEST_ID_HEADER} with every request`,
      );
    }
  };
}
