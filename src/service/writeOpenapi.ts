// `npm run openapi`: writes openapi/openapi.json from the code; test/service/openapi.test.ts fails when it drifts.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateOpenApiJson, OPENAPI_FILE } from './openapi.js';

await mkdir(dirname(OPENAPI_FILE), { recursive: true });
await writeFile(OPENAPI_FILE, await generateOpenApiJson());
process.stdout.write(`wrote ${OPENAPI_FILE}\n`);
