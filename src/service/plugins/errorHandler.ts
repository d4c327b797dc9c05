import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  DatabaseUnavailableError,
  ErasedRequestError,
  IdempotencyConflictError,
  PersonalDataError,
  ScreeningNotFoundError,
  StorageValidationError,
} from '../../storage/errors.js';
import { ModelNotPublishedError, ModelVersionConflictError } from '../../storage/modelStore.js';
import { maskCprsInFieldPath, maskCprsInText, maskCprsInUrlText } from '../../privacy/cprInText.js';
import { serviceSecurityHeaders } from './securityHeaders.js';
import {
  HttpProblem,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPES,
  problemTypeUri,
  statusTitle,
  type FieldError,
  type Problem,
  type ProblemType,
} from '../problem.js';

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: { keys?: unknown };
}

/** Turns the validator's issues into `{ field, reason }`, fields as dotted paths (body) or parameter names. */
export function fieldErrors(issues: readonly ValidationIssue[], context: string | undefined): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    // Each segment is masked on its own, read as a URL is (percent-decoded, fullwidth digits folded):
    // keys come from the request, a CPR number as a key after an array index ("members.0.0707614285")
    // would otherwise read as the decimals of a number, and a key may be sent encoded. The log's last
    // filter does not decode, so it happens here.
    const path = issue.instancePath
      .split('/')
      .filter((s) => s !== '')
      .map(maskCprsInUrlText)
      .join('.');
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params?.keys)) {
      for (const k of issue.params.keys) {
        const key = maskCprsInUrlText(String(k));
        out.push({ field: path ? `${path}.${key}` : key, reason: 'is not a known field' });
      }
      continue;
    }
    out.push({ field: path || (context ?? 'body'), reason: issue.message ?? 'is not valid' });
  }
  return out;
}

const FRAMEWORK_CODES: Record<string, ProblemType> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid-json',
};

/**
 * The name a client knows for a stored field whose storage name differs: the Idempotency-Key arrives as
 * a header. The other fields the storage guard names (comment, caseworkerId) are the body's own names.
 */
const API_NAME_OF_STORED_FIELD: Record<string, string> = { idempotencyKey: 'idempotency-key' };

/** What an error becomes before it is sent: the problem's kind, status, detail, bad fields and headers. */
export interface ProblemFacts {
  type: ProblemType | 'http';
  status: number;
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  /** RFC 9457 extension members added after the standard ones (the STAR layer's ErrorCode); never personal values. */
  extensions?: Record<string, string | number>;
}

/** Maps any error to a problem; unknown errors become a 500 whose detail reveals nothing. */
export function toProblem(error: FastifyError | Error): ProblemFacts {
  if (error instanceof HttpProblem)
    return { type: error.type, status: error.statusCode, detail: error.detail, errors: error.errors, headers: error.headers };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext;
    const errors = fieldErrors(error.validation as ValidationIssue[], context);
    return {
      type: 'validation-error',
      status: 400,
      detail: `invalid ${context ?? 'request'}: ` + errors.map((e) => e.field).join(', '),
      errors,
    };
  }
  if (error instanceof ScreeningNotFoundError) return { type: 'not-found', status: 404, detail: 'no screening with this id' };
  if (error instanceof IdempotencyConflictError) return { type: 'idempotency-conflict', status: 409, detail: error.message };
  if (error instanceof ModelVersionConflictError) return { type: 'model-version-conflict', status: 409, detail: error.message };
  if (error instanceof ModelNotPublishedError) return { type: 'not-found', status: 404, detail: error.message };
  // The erasure stands: a retry must not bring the screening back; a new Idempotency-Key is a new screening.
  if (error instanceof ErasedRequestError) return { type: 'erased', status: 410, detail: error.message };
  // Nothing was committed (or, with the COMMIT's answer lost, the Idempotency-Key replays it), so the
  // client may repeat the request shortly.
  if (error instanceof DatabaseUnavailableError) {
    return {
      type: 'service-unavailable',
      status: 503,
      detail: 'the database is unavailable; retry shortly',
      headers: { 'retry-after': '1' },
    };
  }
  if (error instanceof PersonalDataError) {
    const field = API_NAME_OF_STORED_FIELD[error.field] ?? error.field;
    return {
      type: 'personal-data-in-text',
      status: 422,
      detail: `${field} contains what looks like a CPR number; CPR numbers are never stored in clear`,
      errors: [{ field, reason: 'contains what looks like a CPR number' }],
    };
  }
  if (error instanceof StorageValidationError) {
    const errors = error.issues.map((i) => ({ field: i.path || 'body', reason: i.message }));
    return { type: 'validation-error', status: 400, detail: 'invalid request: ' + errors.map((e) => e.field).join(', '), errors };
  }
  const code = (error as FastifyError).code;
  const mapped = code === undefined ? undefined : FRAMEWORK_CODES[code];
  if (mapped) return { type: mapped, status: PROBLEM_TYPES[mapped].status, detail: error.message };
  // A JSON syntax error from the body parser carries statusCode 400 but no Fastify code.
  if (error instanceof SyntaxError && (error as FastifyError).statusCode === 400) {
    return { type: 'invalid-json', status: 400, detail: 'the body could not be parsed as JSON' };
  }
  const status = (error as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return { type: 'http', status, detail: error.message };
  return { type: 'internal-error', status: 500, detail: 'an unexpected error occurred; the request id identifies it in the service log' };
}

/** Sends a problem response. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, p: ProblemFacts): FastifyReply {
  const body: Problem = {
    type: problemTypeUri(p.type),
    title: p.type === 'http' ? statusTitle(p.status) : PROBLEM_TYPES[p.type].title,
    status: p.status,
    // Details and paths quote the URL, whose encoding could hide a CPR number from a plain mask.
    detail: maskCprsInUrlText(p.detail),
    instance: maskCprsInUrlText(request.url.split('?')[0]),
    requestId: request.id,
    // Field names come from the request too (an unknown key may be a CPR number), and so may reasons.
    ...(p.errors ? { errors: p.errors.map((e) => ({ field: maskCprsInFieldPath(e.field), reason: maskCprsInText(e.reason) })) } : {}),
    ...p.extensions,
  };
  if (p.headers) reply.headers(p.headers);
  return reply.code(p.status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(body);
}

/**
 * For Fastify's `frameworkErrors` option: errors raised before routing (a malformed URL such as
 * `%ZZ`) become problems too.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  request.log.info({ problem: error.code, status }, 'request refused before routing');
  // Refused before the onRequest hooks that set them, so the contract's headers are added here.
  reply.headers(serviceSecurityHeaders()).header('cache-control', 'no-store');
  sendProblem(request, reply, {
    type: 'http',
    status,
    detail: error.code === 'FST_ERR_BAD_URL' ? 'the URL is not valid' : 'the request could not be routed',
  });
}

/**
 * An error handler answering every error with its problem, logged first; `adjust` lets an encapsulated
 * route plugin (the STAR layer) add to the problem before it is sent.
 */
export function problemErrorHandler(adjust?: (p: ProblemFacts, error: Error) => ProblemFacts) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const base = toProblem(error as Error);
    const p = adjust ? adjust(base, error as Error) : base;
    if (p.status >= 500) request.log.error({ err: error }, 'request failed');
    else
      request.log.info(
        { problem: p.type, status: p.status, fields: p.errors?.map((e) => maskCprsInFieldPath(e.field)) },
        'request refused',
      );
    return sendProblem(request, reply, p);
  };
}

/**
 * Every error becomes RFC 9457 problem+json naming the bad fields; an unknown route is a 404 problem.
 * Client errors are logged at info level without values, server errors at error level.
 */
export const errorHandlerPlugin = fp(
  async (app) => {
    app.setErrorHandler(problemErrorHandler());
    app.setNotFoundHandler((request, reply) => {
      request.log.info({ problem: 'not-found' }, 'no such route');
      return sendProblem(request, reply, {
        type: 'not-found',
        status: 404,
        detail: `no route ${request.method} ${maskCprsInText(request.url.split('?')[0])}`,
      });
    });
  },
  { name: 'error-handler' },
);
