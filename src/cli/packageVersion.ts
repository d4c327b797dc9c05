import { readFileSync } from 'node:fs';

/** The package's version from package.json (read once; the file sits two levels above src/cli and dist/cli). */
export const packageVersion: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
