/**
 * Pieces every versioned route uses: the security requirement for OpenAPI, role configs, the
 * Idempotency-Key header, and the documented responses (each with a description, problems as
 * application/problem+json), so a client generated from openapi/openapi.json knows every answer.
 */
import { z } from 'zod';
import { idempotencyKeySchema } from '../../storage/records.js';
import type { Role } from '../security/apiKeys.js';
import { PROBLEM_CONTENT_TYPE, problemSchema } from '../problem.js';

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

/**
 * A documented JSON response. The content form (rather than a bare schema) carries the description to
 * the OpenAPI response, where @fastify/swagger would otherwise write "Default Response"; Fastify picks
 * the serializer by the reply's media type, which is application/json for every object a handler returns.
 */
export function json<S extends z.ZodType>(description: string, schema: S) {
  return { description, content: { 'application/json': { schema } } };
}

/**
 * A documented problem response, served as application/problem+json. The error handler writes problems
 * with JSON.stringify (src/service/plugins/errorHandler.ts); the schema documents them.
 */
export function problem<S extends z.ZodType = typeof problemSchema>(description: string, schema?: S) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: (schema ?? problemSchema) as S } } };
}

/** The problems most operations can give, described once. */
export const PROBLEMS = {
  400: problem('The request is not valid (validation-error, invalid-json): `errors` names each bad field and the reason'),
  401: problem('No API key, or a key that is not known (unauthenticated)'),
  403: problem(
    "The client's key lacks the role this operation needs (forbidden), or, for a fund's citizens and screenings, the client has no fund registration (no-fund-registration)",
  ),
  409: problem('The Idempotency-Key was used before for a different request (idempotency-conflict)'),
  413: problem('The request body is larger than the service accepts (payload-too-large)'),
  415: problem('The body is not sent as application/json (unsupported-media-type)'),
  429: problem('Too many requests from this client or address (too-many-requests); `Retry-After` says when to try again'),
} as const;

/** Problem responses every authenticated route can give. */
export const AUTH_PROBLEMS = { 401: PROBLEMS[401], 403: PROBLEMS[403], 429: PROBLEMS[429] } as const;
