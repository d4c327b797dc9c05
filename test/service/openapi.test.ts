import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { containsCpr } from '../../src/privacy/cprInText.js';
import { generateOpenApiJson, OPENAPI_FILE } from '../../src/service/openapi.js';
import { FICTITIOUS_CPR } from '../../src/service/schemas/cpr.js';
import { auth, KEYS, startApp } from './helpers.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Every operation of the document as `METHOD path` with its object. */
function operations(doc: JsonObject): [string, JsonObject][] {
  const out: [string, JsonObject][] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, JsonObject>)) {
    for (const [method, op] of Object.entries(item))
      if (METHODS.includes(method)) out.push([`${method.toUpperCase()} ${path}`, op as JsonObject]);
  }
  return out;
}

/** Every node of a JSON value with its path. */
function* nodes(value: Json, path = ''): Generator<[string, Json]> {
  yield [path, value];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* nodes(v, `${path}/${i}`);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* nodes(v, `${path}/${k}`);
}

/** The schema names a value refers to. */
function refs(value: Json): Set<string> {
  const out = new Set<string>();
  for (const [path, v] of nodes(value)) {
    if (path.endsWith('/$ref') && typeof v === 'string') out.add(v.replace('#/components/schemas/', ''));
  }
  return out;
}

/** Error responses that are not problems, each with the reason. */
const NOT_PROBLEMS: Record<string, string> = {
  // The readiness probe's 503 is its own status body: a load balancer reads the code, a person which part is down.
  'GET /health/ready 503': 'readiness body',
};

describe('openapi/openapi.json', () => {
  it('is what the code generates (run `npm run openapi` after changing a route or schema)', async () => {
    const generated = await generateOpenApiJson();
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    // Compared as parsed JSON first, for a readable diff of the drifted part; then byte for byte.
    expect(JSON.parse(committed)).toEqual(JSON.parse(generated));
    expect(committed).toBe(generated);
  });

  it('documents the CitizenScreeningService operations, problem responses and both ways of sending a key', async () => {
    const doc = JSON.parse(await generateOpenApiJson());
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/screenings',
        '/v1/citizen/screening-result/exists',
        '/v1/citizen/screening-result',
        '/v1/citizen/screening-result/pdf',
        '/v1/screenings/{id}/assessment',
        '/v1/score',
        '/v1/models',
        '/v1/models/{version}',
        '/v1/citizen',
        '/health/live',
        '/health/ready',
      ]),
    );
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      apiKeyHeader: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
    });
    const create = doc.paths['/v1/screenings'].post;
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '413', '422']));
    expect(doc.paths['/v1/citizen/screening-result/pdf'].get.responses['200'].content['application/pdf']).toBeDefined();
    expect(doc.components.schemas.Member.properties.gender.description).toMatch(/fairness audit/);
    expect(doc.info.description).toMatch(/SIMULATED/);
  });

  it('has request examples that the API accepts, so "Try it out" in Swagger UI works as shown', async () => {
    const doc = JSON.parse(await generateOpenApiJson());
    const s = doc.components.schemas;
    const t = await startApp();
    try {
      const created = await t.app.inject({
        method: 'POST',
        url: '/v1/screenings',
        headers: auth(KEYS.admin),
        payload: s.CreateScreeningRequest.example,
      });
      expect(created.statusCode).toBe(201);
      const scored = await t.app.inject({ method: 'POST', url: '/v1/score', headers: auth(KEYS.admin), payload: s.ScoreRequest.example });
      expect(scored.statusCode).toBe(200);
      const assessed = await t.app.inject({
        method: 'PUT',
        url: `/v1/screenings/${created.json().id}/assessment`,
        headers: auth(KEYS.admin),
        payload: s.AssessmentRequest.example,
      });
      expect(assessed.statusCode).toBe(201);
    } finally {
      await t.close();
    }
  });

  describe('is a document an integrator can generate a client from', () => {
    const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as JsonObject;
    const ops = operations(doc);

    it("gives every operation a unique operationId, STAR's names on the CitizenScreeningService operations", () => {
      expect(ops.length).toBeGreaterThan(10);
      const missing = ops.filter(([, op]) => typeof op.operationId !== 'string' || !/^[a-z][A-Za-z0-9]*$/.test(op.operationId));
      expect(missing.map(([name]) => name)).toEqual([]);
      const ids = ops.map(([, op]) => op.operationId as string);
      expect(new Set(ids).size).toBe(ids.length);
      const byId = Object.fromEntries(ops.map(([name, op]) => [op.operationId as string, name]));
      expect(byId).toMatchObject({
        createScreening: 'POST /v1/screenings',
        screeningResultExists: 'GET /v1/citizen/screening-result/exists',
        getScreeningResult: 'GET /v1/citizen/screening-result',
        getScreeningResultAsPdf: 'GET /v1/citizen/screening-result/pdf',
        starScreeningResultExists: 'GET /star/screening/v4/ScreeningResultExists',
        starGetScreeningResult: 'GET /star/screening/v4/GetScreeningResult',
        starGetScreeningResultAsPdf: 'GET /star/screening/v4/GetScreeningResultAsPdf',
      });
    });

    it('describes every response (none "Default Response") and serves every error as application/problem+json', () => {
      const undescribed: string[] = [];
      const notProblems: string[] = [];
      for (const [name, op] of ops) {
        const responses = op.responses as Record<string, JsonObject>;
        expect(Object.keys(responses).length, name).toBeGreaterThan(0);
        for (const [status, response] of Object.entries(responses)) {
          const description = response.description;
          if (typeof description !== 'string' || description.trim() === '' || description === 'Default Response') {
            undescribed.push(`${name} ${status}`);
          }
          const content = (response.content ?? {}) as Record<string, JsonObject>;
          const isError = Number(status) >= 400;
          const problemMedia = content['application/problem+json'];
          if (isError && !(`${name} ${status}` in NOT_PROBLEMS)) {
            // Exactly the problem media type, with a problem schema (Problem, or an extension of it such as StarProblem).
            const ok =
              Object.keys(content).length === 1 &&
              problemMedia !== undefined &&
              [...refs(problemMedia.schema)].some((r) => /Problem$/.test(r));
            if (!ok) notProblems.push(`${name} ${status}: ${Object.keys(content).join(', ') || 'no content'}`);
          }
          if (!isError && 'application/problem+json' in content) notProblems.push(`${name} ${status}: a success served as a problem`);
        }
      }
      expect(undescribed).toEqual([]);
      expect(notProblems).toEqual([]);
      // The exceptions are still there and still what they are said to be.
      const ready = (doc.paths as JsonObject)['/health/ready'] as JsonObject;
      expect(Object.keys(((ready.get as JsonObject).responses as JsonObject)['503'] as JsonObject)).toContain('content');
    });

    it('holds each schema once: no …Input twin equal to its schema, none that no operation reaches', () => {
      const schemas = (doc.components as JsonObject).schemas as Record<string, Json>;
      const { components: _components, ...rest } = doc;
      const reached = new Set<string>();
      const queue = [...refs(rest as Json)];
      while (queue.length > 0) {
        const name = queue.pop()!;
        if (reached.has(name)) continue;
        reached.add(name);
        expect(schemas[name], `a reference to missing schema ${name}`).toBeDefined();
        queue.push(...refs(schemas[name]));
      }
      expect(Object.keys(schemas).filter((n) => !reached.has(n))).toEqual([]);
      for (const name of Object.keys(schemas).filter((n) => n.endsWith('Input'))) {
        const twin = name.slice(0, -'Input'.length);
        // An input schema stays only beside an output schema that differs from it (a default makes a field optional on the way in).
        expect(schemas[twin], `${name} without ${twin} should take the plain name`).toBeDefined();
        expect(schemas[name], `${name} equals ${twin}`).not.toEqual(schemas[twin]);
      }
      expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Screening', 'CreateScreeningRequest', 'Member', 'Problem']));
    });

    it('shows realistic examples: no unbounded integer, no real-looking CPR number, sensitive fields left out', () => {
      const problems: string[] = [];
      for (const [path, value] of nodes(doc as Json)) {
        if (typeof value === 'number' && Math.abs(value) >= 2 ** 53 - 1) problems.push(`${path}: ${value}`);
        if (
          typeof value === 'string' &&
          containsCpr(value.replaceAll(FICTITIOUS_CPR, '').replaceAll(FICTITIOUS_CPR.replace('-', ''), ''))
        ) {
          problems.push(`${path}: a CPR number other than the fictitious one`);
        }
        if (/\/examples?(\/|$)/.test(path) && /\/(gender|origin)$/.test(path)) problems.push(`${path}: a sensitive field filled in`);
      }
      expect(problems).toEqual([]);
      // The CPR header is documented without an example value.
      for (const [name, op] of ops) {
        for (const p of (op.parameters ?? []) as JsonObject[]) {
          if (p.name === 'x-civil-registration-identifier') {
            expect(p.example, name).toBeUndefined();
            expect((p.schema as JsonObject).example, name).toBeUndefined();
          }
        }
      }
      const schemas = (doc.components as JsonObject).schemas as Record<string, JsonObject>;
      expect((schemas.CreateScreeningRequest.example as JsonObject).cpr).toBe(FICTITIOUS_CPR);
    });
  });
});
