import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TRUE_COEFFICIENTS } from '../../../src/data/simulate/coefficients.js';
import type { SimulatedMember } from '../../../src/data/simulate/member.js';
import { linearPredictor } from '../../../src/data/simulate/outcome.js';
import { formatTruthJson } from '../../../src/data/simulate/truth.js';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

interface SpecFeature {
  name: string;
  type: string;
  levels?: string[];
  reference?: string;
  missing?: string;
  options?: string[];
  transform?: { kind: string; labels?: string[]; reference?: string };
}

/** The term names the default spec gives with sensitive features included, read from the JSON here. */
function specTermNames(): string[] {
  const spec = JSON.parse(read('training/default-spec.json')) as { features: SpecFeature[] };
  const terms = ['(Intercept)'];
  for (const f of spec.features) {
    if (f.type === 'numeric' && f.transform?.kind === 'bands') {
      for (const l of f.transform.labels!) if (l !== f.transform.reference) terms.push(`${f.name}=${l}`);
    } else if (f.type === 'numeric' || f.type === 'boolean') terms.push(f.name);
    else if (f.type === 'categorical') {
      for (const l of f.levels!) if (l !== f.reference) terms.push(`${f.name}=${l}`);
      if (f.missing === 'level') terms.push(`${f.name}=(missing)`);
    } else if (f.type === 'multiselect') for (const o of f.options!) terms.push(`${f.name}=${o}`);
    else throw new Error(`unexpected feature type ${f.type}`);
  }
  return terms;
}

const base: SimulatedMember = {
  startDay: 16_500,
  age: 35,
  ageBand: 2,
  gender: 'kvinde',
  experienceTenths: 0,
  education: 'erhvervsfaglig',
  fromSicknessBenefit: 0,
  priorDagpengeHours: 0,
  earlierSpells: 0,
  municipality: '101',
  region: 'hovedstaden',
  origin: 'dansk',
  discoCode: '5223',
  industry: 'handel_transport',
  dimittend: 0,
  previousIncome: 0,
  childrenAtHome: 0,
  q2: 'inden_3_maaneder',
  barriers: [],
};

describe('simulate: the true coefficients', () => {
  it('has exactly the terms of training/default-spec.json with sensitive features included', () => {
    const expected = specTermNames();
    expect(expected.length).toBe(64);
    expect(Object.keys(TRUE_COEFFICIENTS).sort()).toEqual([...expected].sort());
  });

  it('keeps every effect within ±1.5 and points the way the brief says', () => {
    const c = TRUE_COEFFICIENTS;
    for (const [term, beta] of Object.entries(c)) if (term !== '(Intercept)') expect(Math.abs(beta), term).toBeLessThanOrEqual(1.5);
    const ages = ['age=18-24', 'age=25-29', 'age=40-49', 'age=50-54', 'age=55-59', 'age=60+'].map((t) => c[t]);
    expect([...ages].sort((a, b) => a - b)).toEqual(ages);
    expect(c['education=grundskole']).toBeGreaterThan(0);
    expect(c['education=lang_videregaaende']).toBeLessThan(0);
    expect(c['q10_barriers=fysisk_helbred']).toBeGreaterThan(0);
    expect(c['q2_job_expectation=over_6_maaneder']).toBeGreaterThan(0);
    expect(c['q2_job_expectation=ved_ikke']).toBeGreaterThan(0);
    expect(c['q2_job_expectation=har_job']).toBeLessThan(0);
    expect(c['q2_job_expectation=inden_1_maaned']).toBeLessThan(0);
    expect(c.previous_income).toBeLessThan(0);
    expect(Math.abs(c['gender=mand'])).toBeLessThan(0.2);
    expect(c['origin=indvandrer_ikke_vestlig']).toBeGreaterThanOrEqual(0.3);
  });

  it('computes η from the member values with the spec scales and reference levels', () => {
    const c = TRUE_COEFFICIENTS;
    expect(linearPredictor(base)).toBeCloseTo(c['(Intercept)'], 12);
    const m: SimulatedMember = {
      ...base,
      age: 62,
      ageBand: 6,
      gender: 'mand',
      experienceTenths: 305,
      education: undefined,
      fromSicknessBenefit: 1,
      priorDagpengeHours: 550,
      earlierSpells: 2,
      region: 'nordjylland',
      municipality: '851',
      origin: 'indvandrer_ikke_vestlig',
      discoCode: '9313',
      industry: undefined,
      dimittend: 1,
      previousIncome: 250_000,
      childrenAtHome: 1,
      q2: 'over_6_maaneder',
      barriers: ['fysisk_helbred', 'sprog'],
    };
    const expected =
      c['(Intercept)'] +
      c['age=60+'] +
      c['gender=mand'] +
      30.5 * c.experience_years +
      c['education=(missing)'] +
      c.from_sickness_benefit +
      5.5 * c.prior_dagpenge_hours +
      2 * c.earlier_spells +
      c['region=nordjylland'] +
      c['origin=indvandrer_ikke_vestlig'] +
      c['disco_major=9'] +
      c['industry=(missing)'] +
      c.dimittend +
      2.5 * c.previous_income +
      c.children_at_home +
      c['q2_job_expectation=over_6_maaneder'] +
      c['q10_barriers=fysisk_helbred'] +
      c['q10_barriers=sprog'];
    expect(linearPredictor(m)).toBeCloseTo(expected, 12);
    expect(linearPredictor({ ...base, discoCode: undefined })).toBeCloseTo(c['(Intercept)'] + c['disco_major=(missing)'], 12);
    expect(linearPredictor({ ...base, discoCode: '0110' })).toBeCloseTo(c['(Intercept)'] + c['disco_major=0'], 12);
  });

  it('is committed in training/simulation-truth.json exactly as the simulator writes it', () => {
    expect(read('training/simulation-truth.json')).toBe(formatTruthJson());
  });

  it('is tabulated in training/SIMULATION.md with the same values', () => {
    const md = read('training/SIMULATION.md');
    for (const [term, beta] of Object.entries(TRUE_COEFFICIENTS)) {
      expect(md, term).toContain(`| \`${term}\` | ${beta.toFixed(3)} |`);
    }
  });
});
