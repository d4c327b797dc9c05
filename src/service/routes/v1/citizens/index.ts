import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eraseContext, readContext } from '../../../plugins/audit.js';
import { HttpProblem, problemSchema } from '../../../problem.js';
import { CPR_HEADER, cprHeadersSchema } from '../../../schemas/cpr.js';
import { screeningResponseSchema } from '../../../schemas/screening.js';
import { toScreeningResponse } from '../../../screening/storedScreening.js';
import { renderStoredMemberLetter, renderStoredScreeningPdf } from '../../../screening/pdfView.js';
import { MEMBER_LETTER_FORMS } from '../../../../i18n/daMemberLetter.js';
import { AUTH_PROBLEMS, requireFundRole, SECURITY } from '../../common.js';

const existsSchema = z
  .object({
    exists: z.boolean(),
    createdAt: z.string().nullable().describe('When the latest screening was made, or null'),
    screeningId: z.uuid().nullable().describe("The latest screening's id, or null"),
  })
  .meta({ id: 'ScreeningResultExists' });

const erasureSchema = z
  .object({
    erasedScreenings: z.number().int(),
    erasedAssessments: z.number().int(),
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
const onePagePdf = {
  description: 'A one-page PDF (application/pdf)',
  content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
};

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

const readProblems = { 400: problemSchema, 404: problemSchema, ...AUTH_PROBLEMS } as const;

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
        summary: 'ScreeningResultExists: whether the citizen has a screening, and when the latest was made',
        security: SECURITY,
        headers: cprHeadersSchema,
        response: { 200: existsSchema, 400: problemSchema, ...AUTH_PROBLEMS },
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
        summary: "GetScreeningResult: the citizen's latest screening with the caseworker's assessment",
        security: SECURITY,
        headers: cprHeadersSchema,
        response: { 200: screeningResponseSchema, ...readProblems },
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
        summary: 'GetScreeningResultAsPdf: the latest screening as a one-page Danish PDF for the caseworker',
        security: SECURITY,
        headers: cprHeadersSchema,
        produces: ['application/pdf', 'application/problem+json'],
        response: {
          200: onePagePdf,
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
        security: SECURITY,
        headers: cprHeadersSchema,
        querystring: letterQuerySchema,
        produces: ['application/pdf', 'application/problem+json'],
        response: {
          200: onePagePdf,
          ...readProblems,
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
        summary: 'Every screening of the citizen, newest first (a member may be screened again; the history stays)',
        security: SECURITY,
        headers: cprHeadersSchema,
        response: { 200: z.object({ screenings: z.array(screeningResponseSchema) }), 400: problemSchema, ...AUTH_PROBLEMS },
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
        summary: "Erase the citizen's screenings and assessments (GDPR). The audit log keeps an entry with the hashed citizen key only",
        security: SECURITY,
        headers: cprHeadersSchema,
        response: { 200: erasureSchema, 400: problemSchema, ...AUTH_PROBLEMS },
      },
    },
    async (request) => {
      const r = await app.repository.eraseCitizen(app.citizenLookupOf(request.headers[CPR_HEADER]), eraseContext(request));
      return { erasedScreenings: r.screenings, erasedAssessments: r.assessments };
    },
  );
};
