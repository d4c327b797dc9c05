import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ScreeningWithAssessments } from '../../../storage/repository.js';
import { readContext } from '../../plugins/audit.js';
import { problemErrorHandler } from '../../plugins/errorHandler.js';
import { CPR_HEADER } from '../../schemas/cpr.js';
import { renderStoredScreeningPdf } from '../../screening/pdfView.js';
import { toScreeningResponse } from '../../screening/storedScreening.js';
import { json, requireFundRole, SECURITY } from '../common.js';
import { claimStarRequestId } from './requestId.js';
import {
  STAR_PREFIX,
  STAR_PROBLEMS,
  starExistsSchema,
  starHeadersSchema,
  starPdfQuerySchema,
  starPdfSchema,
  starScreeningResultSchema,
} from './schemas.js';
import { STAR_ERROR_CODES, StarProblem, toStarScreeningResult, withStarErrorCode } from './translate.js';

const NO_RESULT = 'the citizen has no screening result';

/**
 * A thin compatibility layer for case systems built against STAR's ScreeningService version 4: the
 * three read operations under STAR_PREFIX, over the same repository operations and audit contexts as
 * the native citizen routes (so audit and tenancy apply alike), translating only shapes and errors.
 * Encapsulated (not fastify-plugin), so its error handler, which adds STAR's ErrorCode to every problem,
 * and its request-id hook apply to these routes alone. See docs/star-compatibility.md.
 */
export const starRoutes: FastifyPluginAsyncZod = async (app) => {
  app.setErrorHandler(problemErrorHandler(withStarErrorCode));
  app.addHook('preValidation', claimStarRequestId(app));

  app.get(
    `${STAR_PREFIX}/ScreeningResultExists`,
    {
      config: requireFundRole('screening:read'),
      schema: {
        tags: ['star'],
        operationId: 'starScreeningResultExists',
        summary: 'STAR ScreeningResultExists: whether the citizen has a screening result (whatever its age), and when the latest was made',
        security: SECURITY,
        headers: starHeadersSchema,
        response: {
          200: json("Whether the citizen has a screening result in the client's fund, and when the latest was made", starExistsSchema),
          ...STAR_PROBLEMS,
        },
      },
    },
    async (request) => {
      const e = await app.repository.screeningExists(app.citizenKeyOf(request.headers[CPR_HEADER]), readContext(request));
      return e.exists ? { Exists: true, CreatedDate: e.createdAt } : { Exists: false };
    },
  );

  app.get(
    `${STAR_PREFIX}/GetScreeningResult`,
    {
      config: requireFundRole('screening:read'),
      schema: {
        tags: ['star'],
        operationId: 'starGetScreeningResult',
        summary: "STAR GetScreeningResult: the citizen's latest screening result with the caseworker's assessment",
        security: SECURITY,
        headers: starHeadersSchema,
        response: { 200: json("The citizen's latest screening result, STAR-style members", starScreeningResultSchema), ...STAR_PROBLEMS },
      },
    },
    async (request) => {
      const stored = await app.repository.latestScreening(app.citizenKeyOf(request.headers[CPR_HEADER]), readContext(request));
      if (!stored) throw new StarProblem('not-found', NO_RESULT, STAR_ERROR_CODES.unknownCpr);
      return toStarScreeningResult(toScreeningResponse(stored, app.screeningPolicy));
    },
  );

  app.get(
    `${STAR_PREFIX}/GetScreeningResultAsPdf`,
    {
      config: requireFundRole('screening:read'),
      schema: {
        tags: ['star'],
        operationId: 'starGetScreeningResultAsPdf',
        summary: "STAR GetScreeningResultAsPdf: the citizen's latest result, or the one named, as a base64 PDF",
        security: SECURITY,
        headers: starHeadersSchema,
        querystring: starPdfQuerySchema,
        response: { 200: json('The one-page Danish PDF, base64, with the result it shows', starPdfSchema), ...STAR_PROBLEMS },
      },
    },
    async (request) => {
      const cpr = request.headers[CPR_HEADER];
      const citizenKey = app.citizenKeyOf(cpr);
      const context = readContext(request, 'screening.read_pdf');
      const id = request.query.ScreeningResultId;
      let stored: ScreeningWithAssessments | null;
      if (id === undefined) {
        stored = await app.repository.latestScreening(citizenKey, context);
        if (!stored) throw new StarProblem('not-found', NO_RESULT, STAR_ERROR_CODES.unknownCpr);
      } else {
        // The native read by id; a result of another citizen is answered as missing, so the CPR header
        // cannot be used to learn which ids exist. STAR's code for an unknown result id is not known.
        stored = await app.repository.getScreening(id, context);
        if (!stored || stored.screening.citizenKey !== citizenKey) {
          throw new StarProblem('not-found', `${NO_RESULT} with this ScreeningResultId`, undefined);
        }
      }
      const pdf = await renderStoredScreeningPdf(stored, cpr, app.screeningPolicy, app.config.fund);
      return {
        ScreeningResultId: stored.screening.id,
        CreatedDate: stored.screening.createdAt,
        FileName: `screening-${stored.screening.id}.pdf`,
        Pdf: pdf.toString('base64'),
      };
    },
  );
};
