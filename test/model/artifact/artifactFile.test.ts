import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArtifact, writeArtifact, parseArtifact, sealArtifact, artifactChecksum } from '../../../src/model/artifact/artifactFile.js';
import { InputError } from '../../../src/data/inputError.js';
import { createScorer } from '../../../src/model/scorer.js';
import { birthwtSpec, fixture, tempDir, trainFile } from '../helpers.js';

async function trained() {
  return trainFile(fixture('birthwt', 'birthwt.csv'), birthwtSpec(), { split: { kind: 'holdout', fraction: 0.3, seed: 7 } });
}

describe('model artifact', () => {
  it('round-trips through a file and scores exactly as logistic(xβ) by hand', async () => {
    const { artifact } = await trained();
    const file = join(tempDir(), 'm.json');
    await writeArtifact(file, artifact);
    const loaded = await readArtifact(file);
    expect(loaded).toEqual(artifact);
    const scorer = createScorer(loaded);
    const member = { age: 24, lwt: 120, race: 'black', smoke: 1, ptl: 0, ht: 0, ui: 1, ftv: 2 };
    const b = Object.fromEntries(loaded.coefficients.map((c) => [c.term, c.estimate!]));
    const eta = b['(Intercept)'] + b.age * 24 + b.lwt * 120 + b['race=black'] + b.smoke + b.ui + b.ftv * 2;
    const r = scorer.score(member);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.linearPredictor).toBeCloseTo(eta, 12);
      expect(r.probability).toBeCloseTo(1 / (1 + Math.exp(-eta)), 12);
      expect(r.contributions.find((c) => c.term === 'race=black')!.contribution).toBe(b['race=black']);
    }
    expect(loaded.validation?.kind).toBe('holdout');
    expect(loaded.validation!.rows + loaded.training.rows).toBe(189);
    expect(loaded.validation!.auc).toBeGreaterThan(0.5);
  });

  it('refuses a file whose content was changed after it was written', async () => {
    const { artifact } = await trained();
    const file = join(tempDir(), 'm.json');
    await writeArtifact(file, artifact);
    const text = readFileSync(file, 'utf8');
    const json = JSON.parse(text);
    json.coefficients[1].estimate += 0.1;
    writeFileSync(file, JSON.stringify(json));
    await expect(readArtifact(file)).rejects.toThrow(/checksum mismatch: the file was changed after it was written/);
  });

  it('accepts the same content with keys in another order and other white space', async () => {
    const { artifact } = await trained();
    const reversed = Object.fromEntries(Object.entries(artifact).reverse());
    expect(() => parseArtifact(JSON.parse(JSON.stringify(reversed, null, 4)))).not.toThrow();
  });

  it('names the field of a malformed artifact even when its checksum was recomputed', async () => {
    const { artifact } = await trained();
    const broken = { ...artifact, cutoff: { ...artifact.cutoff, probability: 1.5 } };
    const resealed = sealArtifact(broken);
    let error: unknown;
    try {
      parseArtifact(resealed, 'x.json');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location.field).toBe('cutoff.probability');
    expect(artifactChecksum(resealed)).toBe(resealed.checksum.value);
  });

  it('refuses other formats and schema versions with a clear message', async () => {
    expect(() => parseArtifact({ hello: 1 })).toThrow(/not a ledighedsprofil model file/);
    const { artifact } = await trained();
    expect(() => parseArtifact({ ...artifact, schemaVersion: 2 })).toThrow(/schema version 2 is not supported/);
    await expect(readArtifact('/nonexistent/m.json')).rejects.toThrow(/model file not found/);
  });
});
