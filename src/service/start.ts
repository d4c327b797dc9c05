/** Starting and stopping the service for real: the configuration from the environment, a listening socket, signals. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { configFromEnv, DEVELOPMENT_API_KEYS, type ServiceConfig } from './config.js';

/**
 * Builds the app from `config`, warns loudly about development defaults, listens, and closes cleanly
 * on SIGINT/SIGTERM (in-flight requests finish; the database is closed).
 */
export async function startService(config: ServiceConfig = configFromEnv()): Promise<FastifyInstance> {
  const app = await buildApp(config);
  if (config.developmentDefaults.length > 0) {
    app.log.warn(
      { defaults: config.developmentDefaults, exampleClients: DEVELOPMENT_API_KEYS.map((k) => k.id) },
      `DEVELOPMENT DEFAULTS IN USE for ${config.developmentDefaults.join(', ')}: the development CPR hashing secret, data ` +
        'encryption keys and example API keys are public. Never use them with real data; with NODE_ENV=production they are refused.',
    );
  }
  await app.listen({ host: config.host, port: config.port });
  const stop = (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return app;
}
