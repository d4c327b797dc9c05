/** Pieces every versioned route uses: the security requirement for OpenAPI, role configs, the Idempotency-Key header. */
import { z } from 'zod';
import { idempotencyKeySchema } from '../../storage/records.js';
import type { Role } from '../security/apiKeys.js';
import { problemSchema } from '../problem.js';

/** OpenAPI security requirement: either way of sending the key. */
export const SECURITY: { [scheme: string]: string[] }[] = [{ bearerAuth: [] }, { apiKeyHeader: [] }];

/** Route config requiring one of the roles. */
export function requireRole(...roles: Role[]) {
  return { auth: { roles } } as const;
}

/** Route config for an operation on a fund's citizens or screenings: one of the roles and a fund registration. */
export function requireFundRole(...roles: Role[]) {
  return { auth: { roles, fund: true } } as const;
}

/** Route config for the operator's model administration: one of the roles and no fund (it changes the model for every fund). */
export function requireOperatorRole(...roles: Role[]) {
  return { auth: { roles, operator: true } } as const;
}

/** Zod schema of the optional Idempotency-Key header (other headers pass through untouched). */
export const idempotencyHeadersSchema = z.looseObject({
  'idempotency-key': idempotencyKeySchema
    .optional()
    .describe('Makes a retry safe: the same key with the same request returns the first result instead of storing twice'),
});

/** Problem responses every authenticated route can give. */
export const AUTH_PROBLEMS = { 401: problemSchema, 403: problemSchema, 429: problemSchema } as const;
