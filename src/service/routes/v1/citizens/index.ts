import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eraseContext, readContext } from '../../../plugins/audit.js';
import { HttpProblem } from '../../../problem.js';
import { CPR_HEADER, cprHeadersSchema } from '../../../schemas/cpr.js';
import { screeningResponseSchema } from '../../../schemas/screening.js';
import { toScreeningResponse } from '../../../screening/storedScreening.js';
import { renderStoredMemberLetter, renderStoredScreeningPdf } from '../../../screening/pdfView.js';
import { MEMBER_LETTER_FORMS } from '../../../../i18n/daMemberLetter.js';
import { AUTH_PROBLEMS, json, problem, PROBLEMS, requireFundRole, SECURITY } from '../../common.js';

const existsSchema = z
  .object({
    exists: z.boolean(),
    createdAt: z.string().nullable().describe('When the latest screening was made, or null'),
    screeningId: z.uuid().nullable().describe("The latest screening's id, or null"),
  })
  .meta({ id: 'ScreeningResultExists' });

const erasureSchema = z
  .object({
    // Explicit bounds: a bare int() documents ±9007199254740991, which tells a client nothing.
    erasedScreenings: z.number().int().min(0).max(1_000_000).describe("The citizen's screenings deleted in the client's fund"),
    erasedAssessments: z.number().int().min(0).max(1_000_000).describe('Their assessments deleted with them'),
  })
  .meta({ id: 'Erasure' });

const letterQuerySchema = z
  .object({
    form: z
      .enum(MEMBER_LETTER_FORMS)
      .default('summary')
      .describe('summary: the interview summary; explanation: adds the main factors in plain words, for a member who asks'),
  })
  .strict();

/** The documented 200 of the PDF operations (the caseworker's page and the member's letter). */
const onePagePdf = (description: string) => ({
  description,
  content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
});

/** Sends a rendered PDF inline, never cached: it holds personal data. */
function sendPdf(reply: FastifyReply, pdf: Buffer, fileName: string): FastifyReply {
  return (
    reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      // A Buffer is sent as it is, past the serializer; the route's schema only documents it.
      .send(pdf as unknown as string)
  );
}

/** The problem of a malformed CPR header. */
const cprProblem = problem(
  'The X-Civil-Registration-Identifier header is missing or not a valid CPR number (validation-error; never repeated)',
);

const readProblems = {
  400: cprProblem,
  404: problem("The citizen has no screening in the client's fund (not-found)"),
  ...AUTH_PROBLEMS,
} as const;

/**
 * The citizen-keyed operations of STAR's CitizenScreeningService (ScreeningResultExists,
 * GetScreeningResult, GetScreeningResultAsPdf), the screening history, and GDPR erasure. The CPR number
 * travels in the X-Civil-Registration-Identifier header, never in the URL (proxies log URLs); it is
 * validated, hashed at once, and redacted in logs.
 */
export const citizenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/citizen/screening-result/exists',
    {
      config: requireFundRole('screening:read'),
      schema: {
        tags: ['citizens'],
        operationId: 'screeningResultExists',
        summary: 'ScreeningResultExists: whether the citizen has a screening, and when the latest was made',
        security: SECURITY,
        headers: cprHeadersSchema,
        response: {
          200: json("Whether the citizen has a screening in the client's fund; if so, the latest one's id and time", existsSchema),
          400: cprProblem,
          ...AUTH_PROBLEMS,
        },
      },
    },
    async (request) => {
      const e = await app.repository.screeningExists(app.citizenLookupOf(request.headers[CPR_HEADER]), readContext(request));
      return e.exists
        ? { exists: true, createdAt: e.createdAt, screeningId: e.screeningId }
        : { exists: false, createdAt: null, screeningId: null };
    },
  );

  app.get(
    '/v1/citizen/screening-result',
    {
      config: requireFundRole('screening:read'),
      schema: {
        tags: ['citizens'],
        operationId: 'getScreeningResult',
        summary: "GetScreeningResult: the citizen's latest screening with the caseworker's assessment",
        security: SECURITY,
        headers: cprHeadersSchema,
        response: {
          200: json("The citizen's latest screening (by screening date), with every assessment", screeningResponseSchema),
          ...readProblems,
        },
      },
    },
    async (request) => {
      const stored = await app.repository.latestScreening(app.citizenLookupOf(request.headers[CPR_HEADER]), readContext(request));
      if (!stored) throw new HttpProblem('not-found', 'the citizen has no screening');
      return toScreeningResponse(stored, app.screeningPolicy);
    },
  );

  app.get(
    '/v1/citizen/screening-result/pdf',
    {
      config: requireFundRole('screening:read'),
      schema: {
        tags: ['citizens'],
        operationId: 'getScreeningResultAsPdf',
        summary: 'GetScreeningResultAsPdf: the latest screening as a one-page Danish PDF for the caseworker',
        security: SECURITY,
        headers: cprHeadersSchema,
        response: {
          200: onePagePdf("The caseworker's one-page PDF/A of the latest screening (application/pdf, inline, not cached)"),
          ...readProblems,
        },
      },
    },
    async (request, reply) => {
      const stored = await app.repository.latestScreening(
        app.citizenLookupOf(request.headers[CPR_HEADER]),
        readContext(request, 'screening.read_pdf'),
      );
      if (!stored) throw new HttpProblem('not-found', 'the citizen has no screening');
      const pdf = await renderStoredScreeningPdf(stored, request.headers[CPR_HEADER], app.screeningPolicy, app.config.fund);
      return sendPdf(reply, pdf, `screening-${stored.screening.id}.pdf`);
    },
  );

  app.get(
    '/v1/citizen/screening-result/letter',
    {
      config: requireFundRole('screening:read'),
      schema: {
        tags: ['citizens'],
        summary:
          "The latest screening as the member's one-page letter in plain Danish: the support offered, who decides and the member's rights; form=explanation adds the main factors in words",
        description:
          "Never a probability, a percentage or the target group. The support is the current result (after a caseworker's correction). GDPR Art. 15(1)(h) and 22, AI Act Art. 86.",
        operationId: 'getMemberLetter',
        security: SECURITY,
        headers: cprHeadersSchema,
        querystring: letterQuerySchema,
        response: {
          200: onePagePdf("The member's one-page letter in plain Danish, PDF/A (application/pdf, inline, not cached)"),
          ...readProblems,
          400: PROBLEMS[400],
        },
      },
    },
    async (request, reply) => {
      const stored = await app.repository.latestScreening(
        app.citizenLookupOf(request.headers[CPR_HEADER]),
        readContext(request, 'screening.read_letter'),
      );
      if (!stored) throw new HttpProblem('not-found', 'the citizen has no screening');
      const form = request.query.form;
      const pdf = await renderStoredMemberLetter(stored, request.headers[CPR_HEADER], form, app.screeningPolicy, app.config.fund);
      return sendPdf(reply, pdf, `letter-${form}-${stored.screening.id}.pdf`);
    },
  );

  app.get(
    '/v1/citizen/screenings',
    {
      config: requireFundRole('screening:read'),
      schema: {
        tags: ['citizens'],
        operationId: 'listScreenings',
        summary: 'Every screening of the citizen, newest first (a member may be screened again; the history stays)',
        security: SECURITY,
        headers: cprHeadersSchema,
        response: {
          200: json(
            "The citizen's screenings in the client's fund, newest first; empty when there are none",
            z.object({ screenings: z.array(screeningResponseSchema) }),
          ),
          400: cprProblem,
          ...AUTH_PROBLEMS,
        },
      },
    },
    async (request) => {
      const all = await app.repository.listScreenings(app.citizenLookupOf(request.headers[CPR_HEADER]), readContext(request));
      return { screenings: all.map((s) => toScreeningResponse(s, app.screeningPolicy)) };
    },
  );

  app.delete(
    '/v1/citizen',
    {
      config: requireFundRole('admin'),
      schema: {
        tags: ['citizens'],
        operationId: 'eraseCitizen',
        summary: "Erase the citizen's screenings and assessments (GDPR). The audit log keeps an entry with the hashed citizen key only",
        security: SECURITY,
        headers: cprHeadersSchema,
        response: {
          200: json('What was erased (zero counts when the fund held nothing of the citizen)', erasureSchema),
          400: cprProblem,
          ...AUTH_PROBLEMS,
        },
      },
    },
    async (request) => {
      const r = await app.repository.eraseCitizen(app.citizenLookupOf(request.headers[CPR_HEADER]), eraseContext(request));
      return { erasedScreenings: r.screenings, erasedAssessments: r.assessments };
    },
  );
};
