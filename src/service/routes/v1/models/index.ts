import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { coefficientTable } from '../../../../model/coefficientTable.js';
import { featureColumn } from '../../../../model/spec/featureSpec.js';
import { apiFieldOfColumn } from '../../../../screening/member/modelInput.js';
import type { LoadedModel, ModelRegistry } from '../../../models/modelRegistry.js';
import { HttpProblem } from '../../../problem.js';
import { json, problem, PROBLEMS, SECURITY } from '../../common.js';
import { modelDetailSchema, modelSummarySchema, type ModelDetail, type ModelSummary } from './schemas.js';

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The summary of a loaded model, with its role in the registry. */
export function modelSummary(m: LoadedModel, registry: ModelRegistry): ModelSummary {
  const a = m.artifact;
  return {
    version: a.version,
    active: a.version === registry.active.version,
    shadow: a.version === registry.shadow?.version,
    source: m.file === null ? 'published' : 'file',
    simulatedData: a.simulatedData,
    description: a.description,
    createdAt: a.createdAt,
    cutoff: a.cutoff,
    training: {
      rows: a.training.rows,
      events: a.training.events,
      trainedAt: a.training.trainedAt,
      dataSha256: a.training.dataSha256,
      converged: a.training.converged,
      aic: a.training.aic,
    },
    validation: a.validation,
    checksum: a.checksum.value,
  };
}

/** The full description of a loaded model. */
export function modelDetail(m: LoadedModel, registry: ModelRegistry): ModelDetail {
  const a = m.artifact;
  const p = a.coefficients.length;
  const estimates = a.coefficients.map((c) => c.estimate ?? Number.NaN);
  const covariance = new Float64Array(p * p);
  a.covariance.forEach((row, i) => row.forEach((v, j) => (covariance[i * p + j] = v ?? Number.NaN)));
  const table = coefficientTable(a.encoding.terms, estimates, covariance);
  return {
    ...modelSummary(m, registry),
    coefficients: table.map((r) => ({
      term: r.term,
      estimate: finite(r.estimate),
      stdError: finite(r.stdError),
      z: finite(r.z),
      pValue: finite(r.pValue),
      ciLow: finite(r.ciLow),
      ciHigh: finite(r.ciHigh),
      oddsRatio: finite(r.oddsRatio),
    })),
    features: a.encoding.features.map((ff) => ({
      name: ff.spec.name,
      column: featureColumn(ff.spec),
      apiField: apiFieldOfColumn(featureColumn(ff.spec)),
      type: ff.spec.type,
      reference: ff.reference ?? null,
      terms: ff.terms,
    })),
    auditOnly: a.encoding.auditOnly,
  };
}

const anyRole = { auth: { roles: [] } } as const;

/** GET /v1/models and /v1/models/{version}: any authenticated client may read them. */
export const modelRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/models',
    {
      config: anyRole,
      schema: {
        tags: ['models'],
        operationId: 'listModels',
        summary: 'The loaded model versions; the active one is used for new screenings',
        security: SECURITY,
        response: {
          200: json(
            'The active version, the shadow version and every loaded model',
            z.object({
              active: z.string().describe('The version new screenings use'),
              shadow: z
                .string()
                .nullable()
                .describe('The version scoring every new screening in the shadow (stored, never shown); null when none'),
              models: z.array(modelSummarySchema),
            }),
          ),
          401: PROBLEMS[401],
        },
      },
    },
    async () => {
      // Read once: a switch between two reads would otherwise show two different active models.
      const active = app.models.active;
      const shadow = app.models.shadow;
      const view = { active, shadow, get: app.models.get, list: app.models.list };
      return { active: active.version, shadow: shadow?.version ?? null, models: app.models.list().map((m) => modelSummary(m, view)) };
    },
  );
  app.get(
    '/v1/models/:version',
    {
      config: anyRole,
      schema: {
        tags: ['models'],
        operationId: 'getModel',
        summary: 'One model: coefficients (estimate, standard error, z, p, 95 % CI, odds ratio), metrics, cut-off',
        security: SECURITY,
        params: z.object({
          version: z.string().max(200).describe('A model version, as GET /v1/models lists them').meta({ example: 'sim-2026.12-1' }),
        }),
        response: {
          200: json('The model: coefficient table, inputs, cut-off and held-out metrics', modelDetailSchema),
          401: PROBLEMS[401],
          404: problem('No model with this version is loaded (not-found)'),
        },
      },
    },
    async (request) => {
      const m = app.models.get(request.params.version);
      if (!m) throw new HttpProblem('not-found', 'no model with this version is loaded');
      return modelDetail(m, app.models);
    },
  );
};
