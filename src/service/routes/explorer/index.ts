/**
 * The public explorer (issue 11 point 4): GET /explorer, a Danish page with the active model's
 * coefficient table and a what-if form, its script and style sheet, and POST /explorer/score, which
 * scores one member for the form.
 *
 * No API key, by design. The page is for anybody (as ledighedsalgoritmen.dk was), and a key shipped in
 * a public page's script is no secret; the operation gives away nothing the page does not already show
 * (the coefficients, from which anyone can compute a score by hand), takes nothing personal (see
 * explorerInput.ts), stores nothing and audits nothing, and its log line holds no input (requests are
 * logged by method and URL only). What is left to protect is CPU, so it is limited per client address:
 * EXPLORER_SCORES_PER_MINUTE on top of the service-wide RATE_LIMIT_MAX. Registered only when
 * EXPLORER_ENABLED (off by default in production), so an internal deployment publishes nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { explorerDisplayDa } from '../../../i18n/daExplorer.js';
import { PACKAGE_ROOT } from '../../config.js';
import { explorerScoreBodySchema } from '../../explorer/explorerInput.js';
import { EXPLORER_PATHS, explorerPage } from '../../explorer/page.js';
import { limitExplorerScores } from '../../plugins/rateLimit.js';
import { HttpProblem } from '../../problem.js';
import { json, problem } from '../common.js';
import { statisticalResultSchema } from '../../schemas/screening.js';
import { screenMember } from '../../screening/engine.js';
import { statisticalResult } from '../../screening/storedScreening.js';

/** The page's static files, read once at start (a missing file stops the start rather than serving a broken page). */
const ASSET_DIR = join(PACKAGE_ROOT, 'public', 'explorer');

const factorDisplaySchema = z.object({ label: z.string(), weight: z.string(), oddsRatio: z.string(), comparedWith: z.string() });

/** Zod schema of the explorer's answer: the API's explained result and the Danish texts the page shows. */
const explorerScoreResponseSchema = z
  .object({
    result: statisticalResultSchema.describe('The result exactly as POST /v1/score?explain=true returns it for the same member'),
    display: z
      .object({
        probability: z.string().describe('The probability as a Danish percentage with one decimal, "91,8 %"'),
        interval: z.string().describe('The 95 % interval in Danish, "mellem 84,1 % og 95,9 %"'),
        group: z.string().describe('"Målgruppe 1", "Målgruppe 2", "Målgruppe 2a" or "Målgruppe 2b"'),
        groupDescription: z.string(),
        referral: z.string().describe('"Ja – <reasons>" or "Nej"'),
        raising: z.array(factorDisplaySchema).describe('The factors that raise the probability, as listed'),
        lowering: z.array(factorDisplaySchema).describe('The factors that lower it'),
        announcement: z.string().describe("What the page's live region reads out"),
      })
      .describe('The Danish texts the explorer page puts on screen, so that its script holds no Danish of its own'),
  })
  .describe('The member scored with the active model; nothing stored')
  .meta({ id: 'ExplorerScoreResponse' });

const PUBLIC = { auth: 'public' as const };

/** The explorer's page, files and scoring operation (registered only when the configuration enables it). */
export const explorerRoutes: FastifyPluginAsyncZod = async (app) => {
  if (!app.config.explorerEnabled) return;
  const script = readFileSync(join(ASSET_DIR, 'explorer.js'), 'utf8');
  const style = readFileSync(join(ASSET_DIR, 'explorer.css'), 'utf8');
  // The page depends only on the active model, which is fixed for the process's life.
  const page = explorerPage(app.models.active);

  app.get(EXPLORER_PATHS.page, { config: PUBLIC, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page),
  );
  app.get(EXPLORER_PATHS.script, { config: PUBLIC, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(script),
  );
  app.get(EXPLORER_PATHS.style, { config: PUBLIC, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(style),
  );

  app.post(
    EXPLORER_PATHS.score,
    {
      config: PUBLIC,
      schema: {
        operationId: 'scoreExplorerMember',
        tags: ['explorer'],
        summary: 'Public what-if scoring of one member for the explorer page: no API key, no personal data, nothing stored',
        description:
          'Scores one member with the active model as POST /v1/score?explain=true does, and adds the Danish texts the explorer page shows. ' +
          'No API key: the page is public, and the operation reveals nothing beyond the coefficient table the page already shows. ' +
          'It takes no CPR number (any unknown field is refused), no gender and no origin; it stores, audits and logs no input. ' +
          'Limited to EXPLORER_SCORES_PER_MINUTE per client address. Present only when EXPLORER_ENABLED (off by default in production).',
        body: explorerScoreBodySchema,
        response: {
          200: json('The member scored with the active model, and the texts the page shows', explorerScoreResponseSchema),
          400: problem(
            'The member is not valid, or holds a field the explorer does not take (CPR number, gender, origin): each field named',
          ),
          413: problem('The body is larger than BODY_LIMIT_BYTES'),
          415: problem('The body is not JSON'),
          422: problem('The active model cannot score this member'),
          429: problem('Too many scores from this address (EXPLORER_SCORES_PER_MINUTE) or requests (RATE_LIMIT_MAX); see Retry-After'),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const limited = limitExplorerScores(app, request, reply);
      if (limited !== undefined) await limited;
      const model = app.models.active;
      const screened = screenMember(model, request.body, app.screeningPolicy);
      if (!screened.ok)
        throw new HttpProblem('unscorable-member', `model ${model.version} cannot score this member`, { errors: screened.errors });
      const result = statisticalResult(screened.outcome);
      app.metrics.membersScored.inc({ model_version: model.version }, 1);
      // A fresh score always has its interval (only screenings stored before it was computed lack one).
      const interval = result.probabilityInterval as NonNullable<typeof result.probabilityInterval>;
      return { result, display: explorerDisplayDa({ ...result, probabilityInterval: interval }) };
    },
  );
};
