import { readFileSync } from 'node:fs';

/**
 * The package's version from package.json (read once; the file sits three levels above src/model/artifact and
 * dist/model/artifact). It lives beside the artifact, which records it as its maker, low enough in the layers
 * for the CLI, the report and the service's OpenAPI document to share it.
 */
export const packageVersion: string = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
