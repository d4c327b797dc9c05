import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { packageVersion } from '../../model/artifact/packageVersion.js';
import { withSchemasOnce } from './swaggerComponents.js';

/** Where Swagger UI is served. */
export const DOCS_PREFIX = '/docs';

const DESCRIPTION = `
Statistical profiling of newly unemployed members of Danish unemployment insurance funds (a-kasser): the
probability of long-term unemployment (on dagpenge at least 80 % of the 52 weeks after the first day of a
new benefit period), målgruppe 1 or 2, a job-centre referral flag, the factors that raise and lower the
score most, and suggested activities. The operations mirror STAR's CitizenScreeningService and carry its
names as operationIds: createScreening (POST /v1/screenings), screeningResultExists, getScreeningResult and
getScreeningResultAsPdf (under /v1/citizen/screening-result); the STAR layer's are prefixed \`star\`. As in STAR's REST services, the citizen's CPR number travels in the
\`X-Civil-Registration-Identifier\` request header, never in the URL (proxies and load balancers log URLs);
only the create takes it in the body. A case system built against STAR's ScreeningService version 4
switches by changing its base URL to /star/screening/v4 (tag \`star\`: PascalCase members, a request id
header whose repeat is refused with 412, STAR's error codes in problem details as \`ErrorCode\`).

**The bundled model (sim-2026.12-1) is trained on SIMULATED data, for demonstration and testing only.**
Every response that shows a model says whether it was trained on simulated data (\`simulatedData\`).

**Authentication.** Every operation except /health and the public explorer (POST /explorer/score) needs an API key, sent as \`Authorization: Bearer <key>\`
or \`X-API-Key: <key>\`. Roles: \`screening:create\` (create screenings, stateless scoring),
\`screening:read\` (read results, PDFs and outcomes), \`screening:assess\` (record the caseworker's correction),
\`outcome:write\` (record outcomes of benefit periods, one or a register extract's batch),
\`admin\` (erasure, audit log, metrics). Models can be read with any role; publishing, activating, rolling
back and the shadow model (tag \`models\`) need \`admin\` on a client without a fund: the model is every fund's. No key: 401; wrong role: 403.

**Personal data.** CPR numbers are validated (DDMMYYSSSS or DDMMYY-SSSS, a real birth date), never
logged, and stored only as a keyed hash (HMAC-SHA256). Every access to a citizen's data is written to
the audit log with the client and the hashed citizen key. Gender and origin are sensitive: they are
optional, the bundled model does not use them, and they are stored only so that the model's calibration
and error rates can be audited per group (fairness audit).

**Errors** are RFC 9457 \`application/problem+json\` with \`errors: [{ field, reason }]\` naming each bad field.
Retries of POST /v1/screenings and PUT …/assessment are safe with an \`Idempotency-Key\` header.
`.trim();

/**
 * The OpenAPI document, generated from the routes' zod schemas (no hand-written OpenAPI), and Swagger
 * UI at /docs. The documentation routes are public: they describe the API and hold no data.
 */
export const swaggerPlugin = fp(
  async (app) => {
    app.addHook('onRoute', (route) => {
      if (route.url === DOCS_PREFIX || route.url.startsWith(DOCS_PREFIX + '/')) {
        route.config = { ...(route.config ?? {}), auth: 'public' };
      }
    });
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: { title: 'ledighedsprofil', version: packageVersion, description: DESCRIPTION, license: { name: 'MIT' } },
        tags: [
          { name: 'screenings', description: "Create screenings and record the caseworker's assessment" },
          { name: 'citizens', description: "A citizen's latest result, as JSON or PDF; erasure" },
          {
            name: 'outcomes',
            description: 'What became of a benefit period: follow-up statuses and the 52-week outcome, for monitoring and retraining',
          },
          { name: 'scoring', description: 'Stateless scoring: nothing stored' },
          { name: 'models', description: 'The loaded model versions, and their life cycle: publish, activate, roll back, shadow' },
          { name: 'audit', description: 'The audit log' },
          {
            name: 'star',
            description:
              "Compatibility layer for case systems built against STAR's ScreeningService v4 (base URL /star/screening/v4; see docs/star-compatibility.md)",
          },
          {
            name: 'explorer',
            description:
              'The public explorer page /explorer: what-if scoring of one member without a key, personal data or storage (EXPLORER_ENABLED)',
          },
          { name: 'health', description: 'Liveness and readiness probes (no key needed)' },
        ],
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', description: 'API key as a bearer token' },
            apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
          },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: (document) => withSchemasOnce(jsonSchemaTransformObject(document)),
    });
    await app.register(swaggerUi, { routePrefix: DOCS_PREFIX, uiConfig: { docExpansion: 'list', deepLinking: true } });
  },
  { name: 'swagger' },
);
