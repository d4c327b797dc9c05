/**
 * Several model versions in MODEL_DIR: results made by an older model stay readable, with their own
 * version, after a newer one is activated; start-up refuses a missing active model, a tampered file
 * and a model needing an input the API does not supply.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelArtifact } from '../../src/model/artifact/artifactSchema.js';
import { createScorer } from '../../src/model/scorer.js';
import { buildScreeningResult } from '../../src/screening/screeningResult.js';
import { DEFAULT_SCREENING_POLICY } from '../../src/screening/policy.js';
import { buildApp } from '../../src/service/app.js';
import { toModelRecord } from '../../src/screening/member/modelInput.js';
import { memberInputSchema } from '../../src/screening/member/memberSchema.js';
import { loadModelRegistry } from '../../src/service/models/modelRegistry.js';
import { auth, CPR, cprHeader, KEYS, sampleMember, testConfig } from './helpers.js';
import { BUNDLED, variant } from './lifecycleHelpers.js';

const root = mkdtempSync(join(tmpdir(), 'lp-models-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function modelDir(name: string, artifacts: ModelArtifact[], withBundled = true): string {
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (withBundled) copyFileSync(BUNDLED, join(dir, 'sim-2026.12-1.json'));
  for (const a of artifacts) writeFileSync(join(dir, `${a.version}.json`), JSON.stringify(a));
  return dir;
}

describe('switching models', () => {
  it('keeps screenings made by the older model readable with their own version and explanation', async () => {
    // The new model differs: a higher intercept raises every probability.
    const newer = variant('sim-2027.01-1', (a) => {
      a.coefficients[0] = { ...a.coefficients[0], estimate: a.coefficients[0].estimate! + 0.7 };
    });
    const dir = modelDir('switch', [newer]);
    const db = join(root, 'switch.sqlite');
    const member = sampleMember();

    const oldApp = await buildApp(testConfig({ MODEL_DIR: dir, ACTIVE_MODEL_VERSION: 'sim-2026.12-1', DATABASE_URL: `sqlite:${db}` }));
    await oldApp.ready();
    const old = (
      await oldApp.inject({ method: 'POST', url: '/v1/screenings', headers: auth(KEYS.create), payload: { cpr: CPR[0], ...member } })
    ).json();
    expect(old.modelVersion).toBe('sim-2026.12-1');
    await oldApp.close();

    const newApp = await buildApp(testConfig({ MODEL_DIR: dir, ACTIVE_MODEL_VERSION: 'sim-2027.01-1', DATABASE_URL: `sqlite:${db}` }));
    await newApp.ready();
    try {
      const models = (await newApp.inject({ method: 'GET', url: '/v1/models', headers: auth(KEYS.read) })).json();
      expect(models.active).toBe('sim-2027.01-1');
      expect(models.models.map((m: { version: string; active: boolean }) => [m.version, m.active])).toEqual([
        ['sim-2027.01-1', true],
        ['sim-2026.12-1', false],
      ]);
      const fresh = (
        await newApp.inject({ method: 'POST', url: '/v1/screenings', headers: auth(KEYS.create), payload: { cpr: CPR[1], ...member } })
      ).json();
      expect(fresh.modelVersion).toBe('sim-2027.01-1');
      expect(fresh.probability).toBeGreaterThan(old.probability);

      const reread = (
        await newApp.inject({ method: 'GET', url: '/v1/citizen/screening-result', headers: { ...auth(KEYS.read), ...cprHeader(CPR[0]) } })
      ).json();
      expect(reread.modelVersion).toBe('sim-2026.12-1');
      expect(reread.probability).toBe(old.probability);
      expect(reread.factors).toEqual(old.factors);
      // The older model is still loaded: the stored result is reproduced exactly by re-scoring with it.
      const olderModel = (await newApp.inject({ method: 'GET', url: '/v1/models/sim-2026.12-1', headers: auth(KEYS.read) })).json();
      expect(olderModel.active).toBe(false);
      const oldArtifact = (await loadModelRegistry(dir, 'sim-2026.12-1')).get('sim-2026.12-1')!.artifact;
      const input = memberInputSchema.parse({ member: reread.member, questionnaire: reread.questionnaire });
      const again = buildScreeningResult(createScorer(oldArtifact), toModelRecord(input), DEFAULT_SCREENING_POLICY);
      expect(again.probability).toBe(reread.probability);
      expect(again.factors).toEqual(reread.factors);
      const pdf = await newApp.inject({
        method: 'GET',
        url: '/v1/citizen/screening-result/pdf',
        headers: { ...auth(KEYS.read), ...cprHeader(CPR[0]) },
      });
      expect(pdf.statusCode).toBe(200);
    } finally {
      await newApp.close();
    }
  });

  it('answers a retry with the first result even when the newly activated model cannot score the member', async () => {
    // The new model only knows members up to 50; the sample member is 57.
    const narrower = variant('sim-2026.12-2', (a) => {
      const age = a.encoding.features.find((x) => x.spec.name === 'age')!;
      (age.spec as { max: number }).max = 50;
      (a.encoding.spec.features.find((x) => x.name === 'age') as { max: number }).max = 50;
    });
    const dir = modelDir('retry', [narrower]);
    const db = join(root, 'retry.sqlite');
    const member = sampleMember();
    const post = (app: Awaited<ReturnType<typeof buildApp>>, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'POST',
        url: '/v1/screenings',
        headers: { ...auth(KEYS.create), ...headers },
        payload: { cpr: CPR[2], ...member },
      });

    const oldApp = await buildApp(testConfig({ MODEL_DIR: dir, ACTIVE_MODEL_VERSION: 'sim-2026.12-1', DATABASE_URL: `sqlite:${db}` }));
    await oldApp.ready();
    const first = await post(oldApp, { 'idempotency-key': 'retry-after-switch' });
    expect(first.statusCode).toBe(201);
    await oldApp.close();

    const newApp = await buildApp(testConfig({ MODEL_DIR: dir, ACTIVE_MODEL_VERSION: 'sim-2026.12-2', DATABASE_URL: `sqlite:${db}` }));
    await newApp.ready();
    try {
      // Without the key it is a new request, which the new model cannot score.
      const fresh = await post(newApp);
      expect(fresh.statusCode).toBe(422);
      expect(fresh.json().type).toBe('urn:ledighedsprofil:problem:unscorable-member');

      const retry = await post(newApp, { 'idempotency-key': 'retry-after-switch' });
      expect(retry.statusCode).toBe(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.headers.location).toBe(`/v1/screenings/${first.json().id}`);
      expect(retry.json()).toEqual(first.json());
      expect(retry.json().modelVersion).toBe('sim-2026.12-1');

      // The same key for another member is still refused as a different request.
      const other = await newApp.inject({
        method: 'POST',
        url: '/v1/screenings',
        headers: { ...auth(KEYS.create), 'idempotency-key': 'retry-after-switch' },
        payload: { cpr: CPR[0], ...member },
      });
      expect(other.statusCode).toBe(409);
    } finally {
      await newApp.close();
    }
  });

  it('refuses to start without the active model, with a tampered file, or with a model needing an unsupplied input', async () => {
    const dir = modelDir('plain', []);
    await expect(loadModelRegistry(dir, 'sim-2099.1-1')).rejects.toThrow(
      /ACTIVE_MODEL_VERSION sim-2099.1-1: no such model .* \(found: sim-2026.12-1\)/,
    );

    const tampered = modelDir('tampered', []);
    const file = join(tampered, 'sim-2026.12-1.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"description": "Default model', '"description": "Edited model'));
    await expect(loadModelRegistry(tampered, 'sim-2026.12-1')).rejects.toThrow(/checksum mismatch/);

    const needsMore = variant('needs-more-1', (a) => {
      const f = a.encoding.features.find((x) => x.spec.name === 'industry')!;
      (f.spec as { column?: string }).column = 'shoe_size';
      (a.encoding.spec.features.find((x) => x.name === 'industry') as { column?: string }).column = 'shoe_size';
    });
    const dir2 = modelDir('needs-more', [needsMore]);
    await expect(loadModelRegistry(dir2, 'needs-more-1')).rejects.toThrow(/needs input columns the API does not supply: shoe_size/);
    // Loaded but inactive, it does no harm.
    expect((await loadModelRegistry(dir2, 'sim-2026.12-1')).list()).toHaveLength(2);

    const twice = modelDir('twice', []);
    copyFileSync(BUNDLED, join(twice, 'copy.json'));
    await expect(loadModelRegistry(twice, 'sim-2026.12-1')).rejects.toThrow(/is in two files/);
  });
});
