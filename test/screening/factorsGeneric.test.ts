import { describe, expect, it } from 'vitest';
import { createScorer } from '../../src/model/scorer.js';
import { explainContributions } from '../../src/screening/factors.js';
import { fixture, spec, trainFile } from '../model/helpers.js';

/**
 * Models other than the default one: a spline (several numeric terms of one feature), a feature the
 * Danish texts do not know, a boolean, and an interaction. Trained on MASS::birthwt.
 */
describe('factors of a model with splines and an interaction', async () => {
  const s = spec({
    specVersion: 1,
    name: 'birthwt_spline',
    outcome: 'low',
    features: [
      { name: 'age', type: 'numeric', transform: { kind: 'spline', knots: [17, 23, 30] } },
      { name: 'lwt', type: 'numeric', scale: 10 },
      { name: 'race', type: 'categorical', reference: 'white' },
      { name: 'smoke', type: 'boolean' },
    ],
    interactions: [['smoke', 'race']],
  });
  const { artifact } = await trainFile(fixture('birthwt', 'birthwt.csv'), s);
  const scorer = createScorer(artifact);
  const row = { age: 27, lwt: 120, race: 'black', smoke: 1 };
  const scored = scorer.score(row);
  if (!scored.ok) throw new Error('not scored');
  const e = explainContributions(artifact, scorer.beta, scored.contributions, row);
  const byFeature = new Map(e.factors.map((f) => [f.feature, f]));
  const term = (t: string) => artifact.encoding.terms.indexOf(t);

  it('groups the spline terms into one factor measured against their means', () => {
    const f = byFeature.get('age')!;
    expect(f.terms).toEqual(['age', "age'"]);
    const x = new Map(scored.contributions.map((c) => [c.term, c.value]));
    const expected = f.terms.reduce((sum, t) => sum + scorer.beta[term(t)] * ((x.get(t) ?? 0) - artifact.termMeans[term(t)]), 0);
    expect(f.contribution).toBeCloseTo(expected, 12);
    expect(f.label).toBe('27 år');
  });

  it('labels an unknown numeric feature with its raw value and states its mean in raw units', () => {
    const f = byFeature.get('lwt')!;
    expect(f.label).toBe('lwt: 120');
    const rawMean = artifact.termMeans[term('lwt')] * 10;
    expect(f.comparedWith).toBe(
      `Sammenlignet med gennemsnittet: ${rawMean
        .toFixed(2)
        .replace(/\.?0+$/, '')
        .replace('.', ',')}`,
    );
  });

  it('gives an interaction its own factor, labelled from its parts', () => {
    const f = byFeature.get('smoke:race')!;
    expect(f.terms).toEqual(['smoke:race=black']);
    expect(f.contribution).toBeCloseTo(scorer.beta[term('smoke:race=black')], 12);
    expect(f.label).toBe('smoke samtidig med race: black');
  });

  it('still adds up to the linear predictor', () => {
    const sum = e.factors.reduce((acc, f) => acc + f.contribution, e.baselineLinearPredictor);
    expect(sum).toBeCloseTo(scored.linearPredictor, 10);
  });
});
