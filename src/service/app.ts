/**
 * The Fastify application, built as a tree of plugins (fastify/demo layout): cross-cutting concerns in
 * plugins/, one folder per resource in routes/. `buildApp` does not listen, so tests call it with
 * `app.inject()`; server.ts starts it.
 */
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DestinationStream, Logger } from 'pino';
import type { Repository } from '../storage/repository.js';
import type { ServiceConfig } from './config.js';
import './fastifyTypes.js';
import { createLogger } from './logging.js';
import type { ModelCatalog } from './models/modelRegistry.js';
import { auditPlugin } from './plugins/audit.js';
import { authPlugin } from './plugins/auth.js';
import { cacheControlPlugin } from './plugins/cacheControl.js';
import { clientErrorHandler } from './plugins/clientError.js';
import { closingPlugin } from './plugins/closing.js';
import { configPlugin } from './plugins/config.js';
import { databasePlugin } from './plugins/database.js';
import { errorHandlerPlugin, frameworkErrorHandler } from './plugins/errorHandler.js';
import { jsonBodyPlugin } from './plugins/jsonBody.js';
import { metricsPlugin } from './plugins/metrics.js';
import { modelsPlugin } from './plugins/models.js';
import { rateLimitPlugin } from './plugins/rateLimit.js';
import { rateLimitStorePlugin } from './plugins/rateLimitStore.js';
import { monitoringPlugin } from './plugins/monitoring.js';
import { retentionPlugin } from './plugins/retention.js';
import { screeningPolicyPlugin } from './plugins/screeningPolicy.js';
import { securityHeadersPlugin, serviceSecurityHeaders } from './plugins/securityHeaders.js';
import { swaggerPlugin } from './plugins/swagger.js';
import { explorerRoutes } from './routes/explorer/index.js';
import { healthRoutes } from './routes/health/index.js';
import { metricsRoutes } from './routes/metrics/index.js';
import { auditRoutes } from './routes/v1/audit/index.js';
import { monitoringRoutes } from './routes/v1/monitoring/index.js';
import { citizenRoutes } from './routes/v1/citizens/index.js';
import { modelRoutes } from './routes/v1/models/index.js';
import { modelLifecycleRoutes } from './routes/v1/models/lifecycle.js';
import { outcomeRoutes } from './routes/v1/outcomes/index.js';
import { scoreRoutes } from './routes/v1/score/index.js';
import { screeningRoutes } from './routes/v1/screenings/index.js';
import { starRoutes } from './routes/star/index.js';
import { serializerCompiler, validatorCompiler } from './validation/compilers.js';

/**
 * Request ids: UUID-shaped (8-4-4-4-12 lowercase hex), a random instance prefix and a counter, built so
 * that no id can ever contain something shaped like a CPR number (ten digits in a row, or six, a hyphen
 * and four). The id goes into the audit log, whose guard would refuse the whole request if it did; a
 * random UUID does about once in a thousand, and checking each with a regex cost a visible share of a
 * request. Here every group starts with a letter and the last group has another in its middle, so no
 * run of digits is longer than seven and none follows a hyphen: impossible by construction, no check.
 */
function requestIdSource(): () => string {
  const letter = (n: number) => 'abcdef'[n % 6];
  const hex = (bytes: Buffer) => bytes.toString('hex');
  const r = randomBytes(11);
  // Groups 1–3 identify the process (7 + 3 + 3 random hex digits after their leading letters).
  const prefix = `${letter(r[0])}${hex(r.subarray(1, 5)).slice(1)}-${letter(r[5])}${hex(r.subarray(6, 8)).slice(1)}-${letter(r[8])}${hex(r.subarray(9, 11)).slice(1)}-`;
  let counter = 0;
  return () => {
    counter = (counter + 1) % 2 ** 52;
    // 13 hex digits: 3 in group 4 and 5 + 5 in group 5, each part after a fixed letter.
    const c = counter.toString(16).padStart(13, '0');
    return `${prefix}a${c.slice(0, 3)}-b${c.slice(3, 8)}c${c.slice(8)}`;
  };
}

/** A new request id (see {@link requestIdSource}): unique within the process, never CPR-shaped. */
export const requestId: () => string = requestIdSource();

/** What tests (and the benchmark) may supply instead of what the configuration would open. */
export interface BuildOptions {
  /** A ready logger; otherwise one is made at the configured level, writing to `logDestination` or stdout. */
  logger?: Logger;
  logDestination?: DestinationStream;
  /** An open repository, left open when the app closes. */
  repository?: Repository;
  /** Loaded models, instead of reading MODEL_DIR. */
  models?: ModelCatalog;
}

/** Builds the application (not listening). Await `app.ready()` before use; `app.close()` releases the database. */
export async function buildApp(config: ServiceConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: (options.logger ?? createLogger(config.logLevel, options.logDestination)) as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    genReqId: requestId,
    // plugins/closing.ts answers requests during shutdown on the contract instead.
    return503OnClosing: false,
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler: clientErrorHandler(serviceSecurityHeaders(), requestId),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: any other body is refused with 415 before it reaches a handler.
  app.removeContentTypeParser('text/plain');
  await app.register(jsonBodyPlugin);

  await app.register(configPlugin, { config });
  await app.register(errorHandlerPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(cacheControlPlugin);
  await app.register(closingPlugin);
  await app.register(metricsPlugin);
  await app.register(databasePlugin, { repository: options.repository });
  await app.register(modelsPlugin, { models: options.models });
  await app.register(screeningPolicyPlugin);
  await app.register(auditPlugin);
  await app.register(retentionPlugin);
  await app.register(monitoringPlugin);
  await app.register(rateLimitStorePlugin);
  await app.register(authPlugin);
  await app.register(rateLimitPlugin);
  await app.register(swaggerPlugin);

  await app.register(healthRoutes);
  await app.register(metricsRoutes);
  await app.register(screeningRoutes);
  await app.register(citizenRoutes);
  await app.register(outcomeRoutes);
  await app.register(scoreRoutes);
  await app.register(modelRoutes);
  await app.register(modelLifecycleRoutes);
  await app.register(monitoringRoutes);
  await app.register(auditRoutes);
  await app.register(starRoutes);
  await app.register(explorerRoutes);
  return app;
}
