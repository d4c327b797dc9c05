import { z } from 'zod';

const num = z.number().nullable();

/** Zod schema of a model as listed. */
export const modelSummarySchema = z
  .object({
    version: z.string(),
    active: z.boolean().describe('Whether new screenings use this model'),
    shadow: z.boolean().describe('Whether this model scores every new screening beside the active one, its result stored but never shown'),
    source: z.enum(['file', 'published']).describe('Loaded from MODEL_DIR, or published to the database (POST /v1/models)'),
    simulatedData: z.boolean().describe("True when trained on the project's SIMULATED cohort: for demonstration and testing only"),
    description: z.string(),
    createdAt: z.string(),
    cutoff: z.object({
      probability: z.number().describe('Members at or above this probability are in målgruppe 2'),
      rule: z.string(),
      shareFlaggedInTraining: z.number(),
    }),
    training: z.object({
      rows: z.number(),
      events: z.number(),
      trainedAt: z.string(),
      dataSha256: z.string(),
      converged: z.boolean(),
      aic: z.number(),
    }),
    validation: z
      .object({
        kind: z.string(),
        description: z.string(),
        rows: z.number(),
        events: z.number(),
        auc: num,
        brier: num,
        logLoss: num,
        meanPredicted: num,
        observedRate: num,
      })
      .nullable()
      .describe('Metrics on held-out data recorded at training'),
    checksum: z.string().describe('SHA-256 of the artifact content'),
  })
  .meta({ id: 'ModelSummary' });

/** Zod schema of a model in full: the coefficient table (as R's glm prints it) and the inputs. */
export const modelDetailSchema = modelSummarySchema
  .extend({
    coefficients: z.array(
      z.object({
        term: z.string(),
        estimate: num.describe("Log-odds coefficient; null for an aliased term (R's NA)"),
        stdError: num,
        z: num,
        pValue: num,
        ciLow: num.describe("95 % Wald interval (R's confint.default)"),
        ciHigh: num,
        oddsRatio: num,
      }),
    ),
    features: z.array(
      z.object({
        name: z.string(),
        column: z.string().describe('The model input column'),
        apiField: z.string().describe('The request field that supplies the column'),
        type: z.string(),
        reference: z.string().nullable().describe('Reference level of a categorical or banded feature'),
        terms: z.array(z.string()),
      }),
    ),
    auditOnly: z.array(z.string()).describe('Sensitive features left out of the model, kept for the fairness audit'),
  })
  .meta({ id: 'ModelDetail' });

/** A model as listed. */
export type ModelSummary = z.infer<typeof modelSummarySchema>;
/** A model in full. */
export type ModelDetail = z.infer<typeof modelDetailSchema>;
