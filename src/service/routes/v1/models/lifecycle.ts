/**
 * The model life cycle over the API: publish an artifact to the database, activate a version, roll
 * back, and start or stop a shadow model. Each change is one event in the database with the client
 * and the reason, audited in the same transaction; every instance follows within a second or so (see
 * models/modelSync.ts), this one at once. Model administration is the operator's: it changes the
 * model every fund's members are scored with, so a fund's admin key may not do it (403), only an
 * admin client without a fund (the development key `example-operator`).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseArtifact } from '../../../../model/artifact/artifactFile.js';
import { canonicalJson } from '../../../../model/artifact/canonicalJson.js';
import type { ModelArtifact } from '../../../../model/artifact/artifactSchema.js';
import { InputError } from '../../../../data/inputError.js';
import type { ModelEvent, NewPublishedModel } from '../../../../storage/repository.js';
import { servingProblem, type LoadedModel } from '../../../models/modelRegistry.js';
import { HttpProblem } from '../../../problem.js';
import { json, problem, PROBLEMS, requireOperatorRole, SECURITY } from '../../common.js';

/** Largest artifact accepted: the covariance matrix grows with the square of the terms. */
const ARTIFACT_BODY_LIMIT = 16 * 1024 * 1024;

const reasonSchema = z
  .string()
  .trim()
  .min(1, 'a reason is required')
  .max(2000)
  .describe('Why: recorded with the event and in the audit log (no personal data; a CPR number is refused)');
const versionSchema = z.string().min(1).max(200).describe('A loaded model version (GET /v1/models)');

const eventSchema = z
  .object({
    id: z.string().describe('The event’s sequence number'),
    at: z.string().describe('When it was recorded (UTC)'),
    action: z.enum(['activate', 'rollback', 'shadow_start', 'shadow_stop']),
    modelVersion: z.string().nullable().describe('The version made active or shadow; null for shadow_stop'),
    clientId: z.string().describe('Who did it'),
    reason: z.string(),
  })
  .meta({ id: 'ModelEvent' });

const stateSchema = z
  .object({
    active: z.string().describe('The version this instance now serves; every instance follows within about a second'),
    shadow: z.string().nullable().describe('The shadow version, or null'),
    event: eventSchema,
  })
  .meta({
    id: 'ModelLifecycleState',
    example: {
      active: 'sim-2027.01-1',
      shadow: null,
      event: {
        id: '7',
        at: '2026-12-02T09:30:00.000Z',
        action: 'activate',
        modelVersion: 'sim-2027.01-1',
        clientId: 'example-operator',
        reason: 'Validated on the 2026 Q3 hold-out: AUC 0.75, calibration slope 0.98',
      },
    },
  });

const publishedSchema = z
  .object({
    version: z.string(),
    checksum: z.string().describe('SHA-256 of the artifact content, verified on receipt'),
    simulatedData: z
      .boolean()
      .describe('True when trained on SIMULATED data: refused as the active model in production unless ALLOW_SIMULATED_MODEL'),
    publishedAt: z.string(),
    publishedBy: z.string(),
    warnings: z
      .array(z.string())
      .describe('Why the model could not be activated here as it stands (e.g. an input the API does not supply)'),
  })
  .meta({
    id: 'PublishedModel',
    example: {
      version: 'sim-2027.01-1',
      checksum: '3f0c9c1e1d0b6c2a8e3f4b5a697887766554433221100ffeeddccbbaa9988776',
      simulatedData: true,
      publishedAt: '2026-12-02T09:00:00.000Z',
      publishedBy: 'example-operator',
      warnings: [],
    },
  });

const OPERATOR_PROBLEMS = {
  401: PROBLEMS[401],
  403: problem('The client lacks the admin role, or acts for a fund: model administration is the operator’s'),
  429: PROBLEMS[429],
} as const;

/** The artifact as the database stores it: canonical JSON text with its checksum and simulated flag. */
function publication(a: ModelArtifact): NewPublishedModel {
  return { version: a.version, checksum: a.checksum.value, artifact: canonicalJson(a), simulated: a.simulatedData };
}

/**
 * The version a rollback returns to: the one active before the current activation. Activations push
 * onto a stack that starts with the configured version; a rollback pops it, so rolling back twice goes
 * back two activations rather than toggling.
 */
export function rollbackTarget(eventsOldestFirst: readonly ModelEvent[], fallback: string): string | null {
  const stack = [fallback];
  for (const e of eventsOldestFirst) {
    const v = e.modelVersion!;
    if (e.action === 'activate') {
      if (stack[stack.length - 1] !== v) stack.push(v);
    } else {
      if (stack.length > 1) stack.pop();
      stack[stack.length - 1] = v;
    }
  }
  return stack.length > 1 ? stack[stack.length - 2] : null;
}

/** POST /v1/models, /v1/models/active, /v1/models/active/rollback, /v1/models/shadow, /v1/models/shadow/stop. */
export const modelLifecycleRoutes: FastifyPluginAsyncZod = async (app) => {
  const rules = { production: app.config.nodeEnv === 'production', allowSimulated: app.config.allowSimulatedModel === true };
  const operator = requireOperatorRole('admin');
  const actorOf = (request: { client: { id: string; fund: string | null } | null; id: string }) => ({
    clientId: request.client!.id,
    fundId: request.client!.fund,
    requestId: request.id,
  });

  /** A loaded model of the version, after a look at the database for models published on another instance. */
  async function loaded(version: string): Promise<LoadedModel> {
    await app.modelSync.refresh();
    const m = app.models.get(version);
    if (!m) {
      throw new HttpProblem('not-found', `no model ${version} is loaded: publish it first (POST /v1/models)`, {
        errors: [{ field: 'version', reason: 'not a loaded model version' }],
      });
    }
    return m;
  }

  /** Records the event, then switches this instance at once (the others follow by polling). */
  async function record(request: Parameters<typeof actorOf>[0], action: ModelEvent['action'], model: LoadedModel | null, reason: string) {
    // A model from MODEL_DIR is published with its first event, so every instance can load it.
    const publish = model !== null && model.file !== null ? publication(model.artifact) : undefined;
    const event = await app.repository.models.recordEvent(
      { action, modelVersion: model?.version ?? null, reason },
      actorOf(request),
      publish,
    );
    await app.modelSync.refresh();
    return { active: app.models.active.version, shadow: app.models.shadow?.version ?? null, event };
  }

  function refuseActive(m: LoadedModel): void {
    const problem = servingProblem(m, 'active', rules);
    if (problem !== null) throw new HttpProblem('model-refused', problem, { errors: [{ field: 'version', reason: problem }] });
  }

  app.post(
    '/v1/models',
    {
      config: operator,
      bodyLimit: Math.max(ARTIFACT_BODY_LIMIT, app.config.bodyLimit),
      schema: {
        operationId: 'publishModel',
        tags: ['models'],
        summary: 'Publish a model artifact to the database, so every instance can load it (operator only)',
        description:
          'The body is the artifact file as `ledighedsprofil train` writes it. Its checksum and schema are verified; the published artifact is immutable. Publishing does not activate it: see POST /v1/models/active and /v1/models/shadow.',
        security: SECURITY,
        body: z.looseObject({}).describe('A model artifact (format "ledighedsprofil-model")'),
        response: {
          200: json('The same artifact was published before: nothing changed', publishedSchema),
          201: json('Published', publishedSchema),
          400: problem('Not a valid artifact, or its checksum does not match its content; `errors` names the field'),
          409: problem('This version is already published (or loaded from MODEL_DIR) with a different checksum'),
          413: problem('The artifact is larger than 16 MiB'),
          415: problem('The body is not JSON'),
          ...OPERATOR_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      let artifact: ModelArtifact;
      try {
        artifact = parseArtifact(request.body, 'body');
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        throw new HttpProblem('validation-error', `not a valid model artifact: ${err.reason}`, {
          errors: [{ field: err.location.field ?? 'body', reason: err.reason }],
        });
      }
      const here = app.models.get(artifact.version);
      if (here && here.artifact.checksum.value !== artifact.checksum.value) {
        throw new HttpProblem(
          'model-version-conflict',
          `model version ${artifact.version} is already loaded here with a different checksum; publish a changed model under a new version`,
        );
      }
      const { model, replayed } = await app.repository.models.publish(publication(artifact), actorOf(request));
      await app.modelSync.refresh();
      const loaded = app.models.get(model.version);
      const warning = loaded ? servingProblem(loaded, 'active', rules) : 'not loaded on this instance';
      request.log.info({ modelVersion: model.version, simulatedData: model.simulated, replayed }, 'model published');
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(replayed ? 200 : 201).send({
        version: model.version,
        checksum: model.checksum,
        simulatedData: model.simulated,
        publishedAt: model.publishedAt,
        publishedBy: model.publishedBy,
        warnings: warning === null ? [] : [warning],
      });
    },
  );

  app.post(
    '/v1/models/active',
    {
      config: operator,
      schema: {
        operationId: 'activateModel',
        tags: ['models'],
        summary: 'Make a loaded model version the active one for new screenings, on every instance (operator only)',
        description:
          'Recorded as an `activate` event with the client and the reason, and audited as `model.activate`. Every instance switches within about a second, without a restart. Screenings keep the version that made them.',
        security: SECURITY,
        body: z
          .object({ version: versionSchema, reason: reasonSchema })
          .strict()
          .meta({ example: { version: 'sim-2027.01-1', reason: 'Validated on the 2026 Q3 hold-out; approved by the model board' } }),
        response: {
          200: json('Activated; this instance serves it already', stateSchema),
          400: problem('The body is not valid; `errors` names the field'),
          404: problem('No model of this version is loaded or published'),
          422: problem(
            'The model cannot be active here: it needs an input the API does not supply, or it was trained on simulated data in production; or the reason holds a CPR number',
          ),
          ...OPERATOR_PROBLEMS,
        },
      },
    },
    async (request) => {
      const m = await loaded(request.body.version);
      refuseActive(m);
      return record(request, 'activate', m, request.body.reason);
    },
  );

  app.post(
    '/v1/models/active/rollback',
    {
      config: operator,
      schema: {
        operationId: 'rollbackModel',
        tags: ['models'],
        summary: 'Make the version active before the current activation active again, on every instance (operator only)',
        description:
          'Recorded as a `rollback` event with the client and the reason, audited as `model.rollback`. Rolling back twice goes back two activations; before the first activation the configured ACTIVE_MODEL_VERSION was active.',
        security: SECURITY,
        body: z
          .object({ reason: reasonSchema })
          .strict()
          .meta({ example: { reason: 'Referral rate jumped from 31 % to 44 % after the switch; investigating' } }),
        response: {
          200: json('Rolled back; this instance serves the earlier version already', stateSchema),
          400: problem('The body is not valid'),
          404: problem('The earlier version is not loaded on this instance'),
          409: problem('There is no earlier activation to roll back to'),
          422: problem('The earlier version may not be active here (e.g. simulated data in production)'),
          ...OPERATOR_PROBLEMS,
        },
      },
    },
    async (request) => {
      await app.modelSync.refresh();
      const history = (await app.repository.models.activeHistory(1000)).reverse();
      const target = rollbackTarget(history, app.config.activeModelVersion);
      if (target === null) throw new HttpProblem('conflict', 'no earlier activation to roll back to');
      const m = await loaded(target);
      refuseActive(m);
      return record(request, 'rollback', m, request.body.reason);
    },
  );

  app.post(
    '/v1/models/shadow',
    {
      config: operator,
      schema: {
        operationId: 'startShadowModel',
        tags: ['models'],
        summary: 'Let a candidate version score every new screening beside the active one, stored and never shown (operator only)',
        description:
          'The shadow result is stored beside the screening (for the monitoring to compare both models on the same members), never returned, printed or counted as the result. A shadow that cannot score a member does not fail the screening. Audited as `model.shadow_start`.',
        security: SECURITY,
        body: z
          .object({ version: versionSchema, reason: reasonSchema })
          .strict()
          .meta({ example: { version: 'sim-2027.01-1', reason: 'Four weeks beside sim-2026.12-1 before deciding' } }),
        response: {
          200: json('The shadow model scores from now on, on every instance', stateSchema),
          400: problem('The body is not valid'),
          404: problem('No model of this version is loaded or published'),
          409: problem('The version is the active one'),
          422: problem('The model needs an input the API does not supply'),
          ...OPERATOR_PROBLEMS,
        },
      },
    },
    async (request) => {
      const m = await loaded(request.body.version);
      if (m.version === app.models.active.version) throw new HttpProblem('conflict', `model ${m.version} is the active one`);
      const problem = servingProblem(m, 'shadow', rules);
      if (problem !== null) throw new HttpProblem('model-refused', problem, { errors: [{ field: 'version', reason: problem }] });
      return record(request, 'shadow_start', m, request.body.reason);
    },
  );

  app.post(
    '/v1/models/shadow/stop',
    {
      config: operator,
      schema: {
        operationId: 'stopShadowModel',
        tags: ['models'],
        summary: 'Stop the shadow model (operator only)',
        description: 'Recorded as a `shadow_stop` event, audited as `model.shadow_stop`. Shadow scores stored so far are kept.',
        security: SECURITY,
        body: z
          .object({ reason: reasonSchema })
          .strict()
          .meta({ example: { reason: 'Comparison period over' } }),
        response: {
          200: json('No shadow model scores any more', stateSchema),
          400: problem('The body is not valid'),
          ...OPERATOR_PROBLEMS,
        },
      },
    },
    async (request) => record(request, 'shadow_stop', null, request.body.reason),
  );
};
