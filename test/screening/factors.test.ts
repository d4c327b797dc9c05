import { describe, expect, it } from 'vitest';
import { explainContributions, rankFactors } from '../../src/screening/factors.js';
import { buildScreeningResult } from '../../src/screening/screeningResult.js';
import { DEFAULT_SCREENING_POLICY, parseScreeningPolicy } from '../../src/screening/policy.js';
import { beta, bundledScorer, mean, member, rawModel } from './helpers.js';

/**
 * The hand computation for helpers.member(): indicator terms against their reference level (β·1),
 * numeric terms against the training mean (β·(x − mean)), x in the model's units (hours / 100,
 * income / 100,000). disco 5, industry handel_transport and dimittend = false are at the reference.
 */
function handFactors(): { feature: string; term: string; contribution: number }[] {
  const ind = (feature: string, term: string) => ({ feature, term, contribution: beta(term) });
  const num = (feature: string, x: number) => ({ feature, term: feature, contribution: beta(feature) * (x - mean(feature)) });
  return [
    ind('age', 'age=55-59'),
    num('experience_years', 12),
    ind('education', 'education=grundskole'),
    ind('from_sickness_benefit', 'from_sickness_benefit'),
    num('prior_dagpenge_hours', 12),
    num('earlier_spells', 2),
    ind('region', 'region=nordjylland'),
    num('previous_income', 3.1),
    ind('children_at_home', 'children_at_home'),
    ind('q2_job_expectation', 'q2_job_expectation=over_6_maaneder'),
    ind('q10_barriers', 'q10_barriers=fysisk_helbred'),
    ind('q10_barriers', 'q10_barriers=sprog'),
  ];
}

describe('factors', () => {
  const scorer = bundledScorer();

  it('equal a hand computation from the artifact coefficients and term means', () => {
    const scored = scorer.score(member());
    if (!scored.ok) throw new Error('not scored');
    const { factors } = explainContributions(scorer.artifact, scorer.beta, scored.contributions, member());
    const hand = handFactors();
    expect(factors.map((f) => f.terms)).toEqual(hand.map((h) => [h.term]));
    factors.forEach((f, i) => {
      expect(f.feature).toBe(hand[i].feature);
      expect(f.contribution).toBeCloseTo(hand[i].contribution, 12);
      expect(f.oddsRatio).toBeCloseTo(Math.exp(hand[i].contribution), 12);
      expect(f.direction).toBe(hand[i].contribution > 0 ? 'raises' : 'lowers');
    });
  });

  it('rank the top raising and lowering factors as the hand computation does', () => {
    const outcome = buildScreeningResult(scorer, member(), DEFAULT_SCREENING_POLICY);
    const hand = handFactors().filter((h) => Math.abs(h.contribution) >= DEFAULT_SCREENING_POLICY.factors.minAbsContribution);
    const raising = hand
      .filter((h) => h.contribution > 0)
      .sort((a, b) => b.contribution - a.contribution)
      .slice(0, 3);
    const lowering = hand
      .filter((h) => h.contribution < 0)
      .sort((a, b) => a.contribution - b.contribution)
      .slice(0, 3);
    expect(outcome.factors.map((f) => f.terms[0])).toEqual([...raising, ...lowering].map((h) => h.term));
    // Spelled out, so that a change in the bundled model shows up here as well.
    expect(outcome.factors.map((f) => f.label)).toEqual([
      'Forventer job om mere end 6 måneder',
      '55-59 år',
      'Sprogbarrierer',
      'Hjemmeboende børn under 18 år',
    ]);
    expect(outcome.factors[3].direction).toBe('lowers');
    expect(outcome.factors[1].comparedWith).toBe('Sammenlignet med: 30-39 år');
  });

  it('add up with the baseline to the linear predictor', () => {
    for (const m of [
      member(),
      member({ education: '', disco_code: '', industry: '', q10_barriers: '' }),
      member({ age: 20, experience_years: 0, previous_income: 0 }),
    ]) {
      const scored = scorer.score(m);
      if (!scored.ok) throw new Error('not scored');
      const e = explainContributions(scorer.artifact, scorer.beta, scored.contributions, m);
      const sum = e.factors.reduce((s, f) => s + f.contribution, e.baselineLinearPredictor);
      expect(sum).toBeCloseTo(scored.linearPredictor, 10);
    }
    const handBaseline = rawModel.coefficients.reduce(
      (s, c, j) =>
        s +
        (['experience_years', 'prior_dagpenge_hours', 'earlier_spells', 'previous_income'].includes(c.term)
          ? (c.estimate ?? 0) * rawModel.termMeans[j]
          : 0),
      beta('(Intercept)'),
    );
    expect(buildScreeningResult(scorer, member()).baselineLinearPredictor).toBeCloseTo(handBaseline, 12);
  });

  it('measure numeric terms against the training mean and label them with the value', () => {
    const scored = scorer.score(member());
    if (!scored.ok) throw new Error('not scored');
    const { factors } = explainContributions(scorer.artifact, scorer.beta, scored.contributions, member());
    const byFeature = new Map(factors.map((f) => [f.feature, f]));
    expect(byFeature.get('experience_years')!.label).toBe('12 års erhvervserfaring');
    expect(byFeature.get('experience_years')!.comparedWith).toBe(
      `Sammenlignet med gennemsnittet: ${mean('experience_years').toFixed(1).replace('.', ',')} år`,
    );
    expect(byFeature.get('prior_dagpenge_hours')!.label).toBe('Har brugt 1.200 timer af dagpengeretten');
    expect(byFeature.get('previous_income')!.label).toBe('Tidligere indkomst 310.000 kr.');
    // At zero a numeric term has no entry in the sparse row, but it still differs from the mean.
    const zero = member({ experience_years: 0 });
    const z = scorer.score(zero);
    if (!z.ok) throw new Error('not scored');
    const zf = explainContributions(scorer.artifact, scorer.beta, z.contributions, zero).factors.find(
      (f) => f.feature === 'experience_years',
    )!;
    expect(zf.contribution).toBeCloseTo(beta('experience_years') * (0 - mean('experience_years')), 12);
    expect(zf.label).toBe('Ingen erhvervserfaring');
  });

  it('name a missing category as unknown', () => {
    const m = member({ education: '' });
    const scored = scorer.score(m);
    if (!scored.ok) throw new Error('not scored');
    const f = explainContributions(scorer.artifact, scorer.beta, scored.contributions, m).factors.find((x) => x.feature === 'education')!;
    expect(f.terms).toEqual(['education=(missing)']);
    expect(f.label).toBe('Ukendt uddannelse');
    expect(f.contribution).toBeCloseTo(beta('education=(missing)'), 12);
  });

  it('follow the policy: how many, and how small a factor is still shown', () => {
    const one = buildScreeningResult(scorer, member(), parseScreeningPolicy({ version: 'p', factors: { count: 1 } }));
    expect(one.factors.map((f) => f.direction)).toEqual(['raises', 'lowers']);
    const all = buildScreeningResult(
      scorer,
      member(),
      parseScreeningPolicy({ version: 'p', factors: { count: 5, minAbsContribution: 0 } }),
    );
    expect(all.factors.filter((f) => f.direction === 'raises')).toHaveLength(5);
    expect(all.factors.filter((f) => f.direction === 'lowers')).toHaveLength(
      Math.min(5, handFactors().filter((h) => h.contribution < 0).length),
    );
    expect(rankFactors([], { count: 3, minAbsContribution: 0 })).toEqual([]);
  });
});
