/**
 * RFC 9457 problem details: the one shape of every error response. Each `type` is a URN naming the
 * kind of problem, stable for clients to branch on; `title` is fixed per type, `detail` says what
 * happened in this request (never with a CPR number or other personal value), and `errors` names
 * each bad field.
 */
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';

/** The media type of problem responses. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The kinds of problem this API reports, each with its status and title. */
export const PROBLEM_TYPES = {
  'validation-error': { status: 400, title: 'The request is not valid' },
  'invalid-json': { status: 400, title: 'The request body is not valid JSON' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'The client lacks the role this operation needs' },
  // STAR's CitizenScreeningService answers this case with error 4385.
  'no-fund-registration': { status: 403, title: 'The client has no unemployment-fund registration' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'idempotency-conflict': { status: 409, title: 'Idempotency-Key reused for a different request' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  'model-version-conflict': { status: 409, title: 'This model version is already published with different content' },
  'outcome-conflict': { status: 409, title: 'The benefit period already has a different outcome' },
  'request-id-repeated': { status: 412, title: 'The request id was used before' },
  erased: { status: 410, title: 'The screening this Idempotency-Key created has been erased' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'unscorable-member': { status: 422, title: 'The model cannot score this member' },
  'invalid-hours': { status: 422, title: 'The weekly dagpenge hours are not valid' },
  'personal-data-in-text': { status: 422, title: 'Free text contains a CPR number' },
  'model-refused': { status: 422, title: 'The model cannot be served in this role here' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'internal-error': { status: 500, title: 'Internal server error' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
} as const;

/** A kind of problem. */
export type ProblemType = keyof typeof PROBLEM_TYPES;

/** The URN of a problem type, e.g. `urn:ledighedsprofil:problem:validation-error`. */
export function problemTypeUri(type: ProblemType | 'http'): string {
  return `urn:ledighedsprofil:problem:${type}`;
}

/** Zod schema of one bad field. */
export const fieldErrorSchema = z.object({
  field: z
    .string()
    .describe('Where the problem is: a dotted path in the body (member.age), or a path, query or header parameter name (cpr)'),
  reason: z.string().describe('What is wrong, without repeating the value'),
});

/** Zod schema of a problem response (RFC 9457). */
export const problemSchema = z
  .object({
    type: z.string().describe('URN naming the kind of problem, urn:ledighedsprofil:problem:<kind>'),
    title: z.string(),
    // Bounded so the document shows the HTTP range, not zod's ±(2^53 − 1) for a bare int().
    status: z.number().int().min(400).max(599).describe('The HTTP status code, repeated'),
    detail: z.string(),
    instance: z.string().describe('The request path (CPR numbers masked)'),
    requestId: z.string().describe('The request id, also in the service log'),
    errors: z.array(fieldErrorSchema).optional(),
  })
  .describe('Problem details (RFC 9457), served as application/problem+json')
  .meta({ id: 'Problem' });

/** A problem response body. */
export type Problem = z.infer<typeof problemSchema>;
/** One bad field. */
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** An error that the error handler turns into the matching problem response. */
export class HttpProblem extends Error {
  readonly type: ProblemType;
  readonly statusCode: number;
  readonly detail: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(type: ProblemType, detail: string, options: { errors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(detail);
    this.name = 'HttpProblem';
    this.type = type;
    this.statusCode = PROBLEM_TYPES[type].status;
    this.detail = detail;
    this.errors = options.errors;
    this.headers = options.headers;
  }
}

/** The title for a plain HTTP status with no specific problem type. */
export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
