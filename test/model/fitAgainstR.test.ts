import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { birthwtSpec, fixture, maxRelativeDifference, spec, tempFile, trainFile } from './helpers.js';

const glm = JSON.parse(readFileSync(fixture('birthwt', 'glm.json'), 'utf8'));
const extra = JSON.parse(readFileSync(fixture('r', 'glm-extra.json'), 'utf8'));
const birthwt = fixture('birthwt', 'birthwt.csv');

/** Maps R's coefficient names onto ours (R glues factor levels to the variable name). */
const rToOurs = (t: string) => t.replace(/^race(black|other)/, 'race=$1');

function pick(artifactTerms: string[], estimates: (number | null)[], rTerms: string[]): number[] {
  return rTerms.map((t) => {
    const j = artifactTerms.indexOf(rToOurs(t));
    if (j < 0) throw new Error(`term ${t} not in the model`);
    return estimates[j]!;
  });
}

describe('fit against R glm on MASS::birthwt', () => {
  it('agrees to 1e-8 in coefficients and log-likelihood and 1e-6 in standard errors', async () => {
    const { artifact, fit } = await trainFile(birthwt, birthwtSpec());
    const terms = artifact.coefficients.map((c) => c.term);
    const rTerms: string[] = glm.coefficients.map((c: { term: string }) => c.term);
    const est = pick(
      terms,
      artifact.coefficients.map((c) => c.estimate),
      rTerms,
    );
    const se = pick(
      terms,
      artifact.coefficients.map((c) => c.stdError),
      rTerms,
    );
    expect(
      maxRelativeDifference(
        est,
        glm.coefficients.map((c: { estimate: number }) => c.estimate),
      ),
    ).toBeLessThan(1e-8);
    expect(
      maxRelativeDifference(
        se,
        glm.coefficients.map((c: { std_error: number }) => c.std_error),
      ),
    ).toBeLessThan(1e-6);
    expect(Math.abs(fit.logLik - glm.log_likelihood) / Math.abs(glm.log_likelihood)).toBeLessThan(1e-8);
    expect(Math.abs(fit.nullLogLik - glm.null_log_likelihood) / Math.abs(glm.null_log_likelihood)).toBeLessThan(1e-8);
    expect(artifact.training.aic).toBeCloseTo(glm.aic, 8);
    expect(fit.n).toBe(glm.n);
    expect(fit.events).toBe(glm.events);
    expect(fit.iterations).toBe(4); // R: "Number of Fisher Scoring iterations: 4"
    expect(fit.warnings).toEqual([]);
  });

  it('agrees with R on non-integer case weights', async () => {
    const text = readFileSync(birthwt, 'utf8').trim().split('\n');
    const weighted = [text[0] + ',"w"', ...text.slice(1).map((l, i) => `${l},${0.5 + ((i + 1) % 4) / 4}`)].join('\n');
    const file = tempFile('bw-weighted.csv', weighted);
    const { artifact, fit } = await trainFile(file, birthwtSpec({ weight: 'w' }));
    const r = extra.weighted;
    const terms = artifact.coefficients.map((c) => c.term);
    expect(
      maxRelativeDifference(
        pick(
          terms,
          artifact.coefficients.map((c) => c.estimate),
          r.terms,
        ),
        r.estimate,
      ),
    ).toBeLessThan(1e-8);
    expect(
      maxRelativeDifference(
        pick(
          terms,
          artifact.coefficients.map((c) => c.stdError),
          r.terms,
        ),
        r.std_error,
      ),
    ).toBeLessThan(1e-6);
    // R's logLik() rounds non-integer binomial weights; the deviance is the comparable figure.
    expect(Math.abs(fit.deviance - r.deviance) / r.deviance).toBeLessThan(1e-8);
    expect(Math.abs(fit.nullDeviance - r.null_deviance) / r.null_deviance).toBeLessThan(1e-8);
  });

  it('agrees with R on a restricted cubic spline (rms::rcs) and a raw quadratic', async () => {
    const r = extra.spline;
    const s = spec({
      specVersion: 1,
      name: 'spline',
      outcome: 'low',
      features: [
        { name: 'lwt', type: 'numeric', transform: { kind: 'spline', knots: r.knots } },
        { name: 'age', type: 'numeric', transform: { kind: 'polynomial', degree: 2 } },
        { name: 'smoke', type: 'numeric' },
      ],
    });
    const { artifact, fit } = await trainFile(birthwt, s);
    expect(artifact.coefficients.map((c) => c.term)).toEqual(['(Intercept)', 'lwt', "lwt'", "lwt''", 'age', 'age^2', 'smoke']);
    expect(
      maxRelativeDifference(
        artifact.coefficients.map((c) => c.estimate!),
        r.estimate,
      ),
    ).toBeLessThan(1e-8);
    expect(
      maxRelativeDifference(
        artifact.coefficients.map((c) => c.stdError!),
        r.std_error,
      ),
    ).toBeLessThan(1e-6);
    expect(Math.abs(fit.logLik - r.log_likelihood) / Math.abs(r.log_likelihood)).toBeLessThan(1e-8);
  });

  it('agrees with R on a factor × numeric interaction', async () => {
    const r = extra.interaction;
    const s = spec({
      specVersion: 1,
      name: 'interaction',
      outcome: 'low',
      features: [
        { name: 'race', type: 'categorical', reference: 'white' },
        { name: 'smoke', type: 'numeric' },
        { name: 'lwt', type: 'numeric' },
      ],
      interactions: [['race', 'smoke']],
    });
    const { artifact } = await trainFile(birthwt, s);
    const terms = artifact.coefficients.map((c) => c.term);
    expect(terms).toContain('race=black:smoke');
    const rTerms = r.terms.map((t: string) => t.replace(/race(black|other)/, 'race=$1'));
    const est = rTerms.map((t: string) => artifact.coefficients[terms.indexOf(t)].estimate!);
    const se = rTerms.map((t: string) => artifact.coefficients[terms.indexOf(t)].stdError!);
    expect(maxRelativeDifference(est, r.estimate)).toBeLessThan(1e-8);
    expect(maxRelativeDifference(se, r.std_error)).toBeLessThan(1e-6);
  });
});
