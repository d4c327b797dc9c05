/**
 * The Fastify application, built as a tree of plugins (fastify/demo layout): cross-cutting concerns in
 * plugins/, one folder per resource in routes/. `buildApp` does not listen, so tests call it with
 * `app.inject()`; server.ts starts it.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DestinationStream, Logger } from 'pino';
import type { Repository } from '../storage/repository.js';
import type { ServiceConfig } from './config.js';
import './fastifyTypes.js';
import { createLogger } from './logging.js';
import { containsCpr } from '../privacy/cprInText.js';
import type { ModelRegistry } from './models/modelRegistry.js';
import { auditPlugin } from './plugins/audit.js';
import { authPlugin } from './plugins/auth.js';
import { configPlugin } from './plugins/config.js';
import { databasePlugin } from './plugins/database.js';
import { errorHandlerPlugin, frameworkErrorHandler } from './plugins/errorHandler.js';
import { metricsPlugin } from './plugins/metrics.js';
import { modelsPlugin } from './plugins/models.js';
import { rateLimitPlugin } from './plugins/rateLimit.js';
import { screeningPolicyPlugin } from './plugins/screeningPolicy.js';
import { securityHeadersPlugin } from './plugins/securityHeaders.js';
import { swaggerPlugin } from './plugins/swagger.js';
import { healthRoutes } from './routes/health/index.js';
import { metricsRoutes } from './routes/metrics/index.js';
import { auditRoutes } from './routes/v1/audit/index.js';
import { citizenRoutes } from './routes/v1/citizens/index.js';
import { modelRoutes } from './routes/v1/models/index.js';
import { scoreRoutes } from './routes/v1/score/index.js';
import { screeningRoutes } from './routes/v1/screenings/index.js';

/**
 * A new request id: a UUID that contains nothing shaped like a CPR number. About one random UUID in a
 * thousand does (ten digits in a row starting with a valid date), and the id goes into the audit log,
 * whose guard would then refuse the whole request as carrying personal data.
 */
export function requestId(): string {
  for (;;) {
    const id = randomUUID();
    if (!containsCpr(id)) return id;
  }
}

/** What tests (and the benchmark) may supply instead of what the configuration would open. */
export interface BuildOptions {
  /** A ready logger; otherwise one is made at the configured level, writing to `logDestination` or stdout. */
  logger?: Logger;
  logDestination?: DestinationStream;
  /** An open repository, left open when the app closes. */
  repository?: Repository;
  /** Loaded models, instead of reading MODEL_DIR. */
  models?: ModelRegistry;
}

/** Builds the application (not listening). Await `app.ready()` before use; `app.close()` releases the database. */
export async function buildApp(config: ServiceConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: (options.logger ?? createLogger(config.logLevel, options.logDestination)) as FastifyBaseLogger,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    genReqId: requestId,
    return503OnClosing: true,
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: any other body is refused with 415 before it reaches a handler.
  app.removeContentTypeParser('text/plain');

  await app.register(configPlugin, { config });
  await app.register(errorHandlerPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(metricsPlugin);
  await app.register(databasePlugin, { repository: options.repository });
  await app.register(modelsPlugin, { models: options.models });
  await app.register(screeningPolicyPlugin);
  await app.register(auditPlugin);
  await app.register(authPlugin);
  await app.register(rateLimitPlugin);
  await app.register(swaggerPlugin);

  await app.register(healthRoutes);
  await app.register(metricsRoutes);
  await app.register(screeningRoutes);
  await app.register(citizenRoutes);
  await app.register(scoreRoutes);
  await app.register(modelRoutes);
  await app.register(auditRoutes);
  return app;
}
