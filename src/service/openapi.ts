/**
 * The OpenAPI document as the code generates it, from the routes' zod schemas. It is built with the
 * default configuration whatever the environment says, so the committed openapi/openapi.json does not
 * depend on who generated it.
 */
import { buildApp } from './app.js';
import { configFromEnv, PACKAGE_ROOT } from './config.js';
import { join } from 'node:path';

/** Where the committed document lives. */
export const OPENAPI_FILE = join(PACKAGE_ROOT, 'openapi', 'openapi.json');

/** The OpenAPI document as indented JSON text with a final newline. */
export async function generateOpenApiJson(): Promise<string> {
  const config = configFromEnv({ NODE_ENV: 'development', DATABASE_URL: ':memory:', LOG_LEVEL: 'silent' });
  const app = await buildApp(config);
  try {
    await app.ready();
    return JSON.stringify(app.swagger(), null, 2) + '\n';
  } finally {
    await app.close();
  }
}
