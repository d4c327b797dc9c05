import { describe, expect, it } from 'vitest';
import { readArtifact, sealArtifact } from '../../src/model/artifact/artifactFile.js';
import { buildModelCard } from '../../src/report/modelCard/modelCardDocument.js';
import { versionHistory } from '../../src/report/modelCard/versionHistory.js';

const bundled = await readArtifact(new URL('../../models/sim-2026.12-1.json', import.meta.url).pathname);

/** The bundled artifact re-sealed under another version and training time, as a later or earlier model. */
function variant(version: string, trainedAt: string) {
  const { checksum: _c, ...content } = bundled;
  return sealArtifact({ ...content, version, training: { ...content.training, trainedAt } });
}

describe('the model card version history', () => {
  it('lists each version once, oldest first, marking the current one', () => {
    const older = variant('sim-2026.01-1', '2026-01-05T00:00:00.000Z');
    const newer = variant('sim-2027.01-1', '2027-01-04T00:00:00.000Z');
    const h = versionHistory(bundled, [newer, older, bundled, older]);
    expect(h.map((e) => [e.version, e.current])).toEqual([
      ['sim-2026.01-1', false],
      ['sim-2026.12-1', true],
      ['sim-2027.01-1', false],
    ]);
    expect(h[1].validation_auc).toBe(bundled.validation!.auc);
    expect(h[1].checksum).toBe(bundled.checksum.value);
  });

  it('refuses two different artifacts under one version', () => {
    const clash = variant('sim-2026.12-1', '2026-12-01T00:00:00.000Z');
    expect(() => versionHistory(bundled, [clash])).toThrow(/two different artifacts have version "sim-2026.12-1"/);
  });

  it('names the version-specific limits: simulated data here, a used sensitive attribute when there is one', () => {
    const doc = buildModelCard(bundled, { packageVersion: '0.0.0', now: () => new Date('2026-12-02T00:00:00Z') });
    expect(doc.versionLimits[0]).toMatch(/simulated data/);
    expect(doc.validation).toBeNull();
    expect(doc.generatedAt).toBe('2026-12-02T00:00:00.000Z');

    // The same model with gender declared in the model's encoding: the card must say the sensitive attribute is used.
    const { checksum: _c, ...content } = bundled;
    const gender = content.encoding.spec.features.find((f) => f.name === 'gender')!;
    const withGender = sealArtifact({
      ...content,
      encoding: {
        ...content.encoding,
        features: [
          ...content.encoding.features,
          { spec: gender, levels: ['kvinde', 'mand'], reference: 'kvinde', missingTerm: false, terms: [] },
        ],
      },
    });
    const used = buildModelCard(withGender, { packageVersion: '0.0.0' });
    expect(used.predictors.sensitiveUsed).toEqual(['gender']);
    expect(used.predictors.sensitiveExcluded).toEqual(['origin']);
    expect(used.versionLimits.join(' ')).toMatch(/sensitive attribute gender is used by the model/);
  });
});
