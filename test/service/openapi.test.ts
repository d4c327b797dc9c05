import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateOpenApiJson, OPENAPI_FILE } from '../../src/service/openapi.js';
import { auth, KEYS, startApp } from './helpers.js';

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
});
