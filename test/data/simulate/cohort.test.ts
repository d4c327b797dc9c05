import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDUCATION_LEVELS, GENDERS, INDUSTRIES, ORIGINS, Q10_BARRIERS, Q2_ANSWERS, REGIONS } from '../../../src/data/cohort/levels.js';
import { TRUE_COEFFICIENTS } from '../../../src/data/simulate/coefficients.js';
import { ORIGIN_WEIGHTS } from '../../../src/data/simulate/distributions.js';
import { readRows, simulateToTemp, type SimulatedFiles } from './helpers.js';

const N = 50_000;
const SEED = 2024;

/** The region of a municipality code, from the code ranges and the exceptions (independent of the table). */
function expectedRegion(code: number): string {
  if ([253, 259, 265, 269, 350].includes(code)) return 'sjaelland';
  if (code === 615 || code === 766) return 'midtjylland';
  if (code === 773 || code === 787) return 'nordjylland';
  if (code <= 270 || code === 400 || code === 411) return 'hovedstaden';
  if (code < 400) return 'sjaelland';
  if (code <= 630) return 'syddanmark';
  if (code < 800) return 'midtjylland';
  return 'nordjylland';
}

/** Asserts a share within k standard errors (binomial) plus a small slack for "about" values. */
function expectShare(count: number, n: number, p: number, slack = 0) {
  const se = Math.sqrt((p * (1 - p)) / n);
  expect(Math.abs(count / n - p), `share ${(count / n).toFixed(4)} vs ${p}`).toBeLessThanOrEqual(5 * se + slack);
}

// Simulating and parsing the cohort takes seconds, more when the test files run side by side.
const HOOK_TIMEOUT_MS = 120_000;

describe(`simulate: marginals at n = ${N}`, () => {
  let sim: SimulatedFiles;
  let rows: Record<string, string>[];
  beforeAll(async () => {
    sim = await simulateToTemp(N, SEED, false);
    rows = readRows(sim.spellsPath);
  }, HOOK_TIMEOUT_MS);
  afterAll(() => sim.cleanup());

  const count = (pred: (r: Record<string, string>) => boolean) => rows.filter(pred).length;

  it('writes one valid row per spell with the contract columns', () => {
    expect(rows.length).toBe(N);
    expect(Object.keys(rows[0])).toEqual([
      'spell_id',
      'spell_start',
      'age',
      'gender',
      'experience_years',
      'education',
      'from_sickness_benefit',
      'prior_dagpenge_hours',
      'earlier_spells',
      'municipality',
      'region',
      'origin',
      'disco_code',
      'industry',
      'dimittend',
      'previous_income',
      'children_at_home',
      'q2_job_expectation',
      'q10_has_barriers',
      'q10_barriers',
      'long_term',
    ]);
    const ids = new Set(rows.map((r) => r.spell_id));
    expect(ids.size).toBe(N);
    expect(rows[0].spell_id).toBe('S0000001');
    const problems: string[] = [];
    const check = (ok: boolean, r: Record<string, string>, what: string) => {
      if (!ok && problems.length < 10) problems.push(`${r.spell_id}: ${what}`);
    };
    for (const r of rows) {
      const age = Number(r.age);
      check(
        r.spell_start >= '2014-01-01' && r.spell_start <= '2017-12-31' && /^\d{4}-\d\d-\d\d$/.test(r.spell_start),
        r,
        `spell_start ${r.spell_start}`,
      );
      check(/^\d+$/.test(r.age) && age >= 18 && age <= 66, r, `age ${r.age}`);
      check((GENDERS as readonly string[]).includes(r.gender), r, `gender ${r.gender}`);
      check(/^\d+\.\d$/.test(r.experience_years) && Number(r.experience_years) <= age - 16, r, `experience_years ${r.experience_years}`);
      check(r.education === '' || (EDUCATION_LEVELS as readonly string[]).includes(r.education), r, `education ${r.education}`);
      check(
        /^\d+$/.test(r.prior_dagpenge_hours) && Number(r.prior_dagpenge_hours) <= 3848,
        r,
        `prior_dagpenge_hours ${r.prior_dagpenge_hours}`,
      );
      check(/^(\d|10)$/.test(r.earlier_spells), r, `earlier_spells ${r.earlier_spells}`);
      check(/^\d{3}$/.test(r.municipality), r, `municipality ${r.municipality}`);
      check((ORIGINS as readonly string[]).includes(r.origin), r, `origin ${r.origin}`);
      check(/^(\d{4})?$/.test(r.disco_code), r, `disco_code ${r.disco_code}`);
      check(r.industry === '' || (INDUSTRIES as readonly string[]).includes(r.industry), r, `industry ${r.industry}`);
      check(/^\d+$/.test(r.previous_income), r, `previous_income ${r.previous_income}`);
      check((Q2_ANSWERS as readonly string[]).includes(r.q2_job_expectation), r, `q2 ${r.q2_job_expectation}`);
      for (const f of ['from_sickness_benefit', 'dimittend', 'children_at_home', 'q10_has_barriers', 'long_term'])
        check(r[f] === '0' || r[f] === '1', r, `${f} ${r[f]}`);
    }
    expect(problems).toEqual([]);
  });

  it('gives every municipality its own region', () => {
    const codes = new Set<string>();
    const wrong = new Set<string>();
    for (const r of rows) {
      codes.add(r.municipality);
      if (!(REGIONS as readonly string[]).includes(r.region) || r.region !== expectedRegion(Number(r.municipality)))
        wrong.add(`${r.municipality} in ${r.region}`);
    }
    expect([...wrong]).toEqual([]);
    // All but the tiniest (Christiansø, 90 inhabitants; maybe Læsø or Fanø) appear at this size.
    expect(codes.size).toBeGreaterThanOrEqual(96);
  });

  it('has q10_has_barriers = 1 exactly when the list is non-empty, with valid barrier codes', () => {
    const order = new Map<string, number>(Q10_BARRIERS.map((b, i) => [b, i]));
    const bad = rows.filter((r) => {
      const list = r.q10_barriers === '' ? [] : r.q10_barriers.split(';');
      const positions = list.map((b) => order.get(b) ?? -1);
      return (
        r.q10_has_barriers !== (list.length > 0 ? '1' : '0') || positions.some((p, i) => p < 0 || (i > 0 && p <= positions[i - 1])) // known codes, each once, in the listed order
      );
    });
    expect(bad.map((r) => `${r.spell_id}: ${r.q10_has_barriers} ${r.q10_barriers}`).slice(0, 10)).toEqual([]);
    expectShare(
      count((r) => r.q10_has_barriers === '1'),
      N,
      0.25,
      0.015,
    );
  });

  it('draws origin with the documented shares', () => {
    for (const o of ORIGINS)
      expectShare(
        count((r) => r.origin === o),
        N,
        ORIGIN_WEIGHTS[o],
      );
    expect(ORIGIN_WEIGHTS).toEqual({
      dansk: 0.85,
      indvandrer_vestlig: 0.03,
      indvandrer_ikke_vestlig: 0.09,
      efterkommer_vestlig: 0.01,
      efterkommer_ikke_vestlig: 0.02,
    });
  });

  it('has the documented approximate shares of missing values and flags', () => {
    expectShare(
      count((r) => r.long_term === '1'),
      N,
      0.15,
      0.01,
    );
    expectShare(
      count((r) => r.education === ''),
      N,
      0.05,
      0.008,
    );
    expectShare(
      count((r) => r.from_sickness_benefit === '1'),
      N,
      0.06,
      0.008,
    );
    expectShare(
      count((r) => r.dimittend === '1'),
      N,
      0.08,
      0.01,
    );
    expectShare(
      count((r) => r.disco_code === ''),
      N,
      0.03,
      0.005,
    );
    expectShare(
      count((r) => r.disco_code.startsWith('0')),
      N,
      0.01,
      0.003,
    );
    expectShare(
      count((r) => r.industry === ''),
      N,
      0.04,
      0.006,
    );
    expectShare(
      count((r) => r.gender === 'mand'),
      N,
      0.49,
    );
    expect(count((r) => r.prior_dagpenge_hours === '0') / N).toBeGreaterThan(0.5);
  });

  it('makes the documented correlations visible', () => {
    const share = (pred: (r: Record<string, string>) => boolean, group: (r: Record<string, string>) => boolean) => {
      const g = rows.filter(group);
      return g.filter(pred).length / g.length;
    };
    const immigrant = (r: Record<string, string>) => r.origin.startsWith('indvandrer');
    expect(share((r) => r.education === '', immigrant)).toBeGreaterThan(
      3 *
        share(
          (r) => r.education === '',
          (r) => r.origin === 'dansk',
        ),
    );
    const sprog = (r: Record<string, string>) => r.q10_barriers.includes('sprog');
    expect(share(sprog, immigrant)).toBeGreaterThan(5 * share(sprog, (r) => r.origin === 'dansk'));
    const health = (r: Record<string, string>) => r.q10_barriers.includes('fysisk_helbred');
    expect(share(health, (r) => +r.age >= 55)).toBeGreaterThan(1.5 * share(health, (r) => +r.age < 30));
    expect(
      share(
        (r) => r.from_sickness_benefit === '1',
        (r) => +r.age >= 55,
      ),
    ).toBeGreaterThan(
      share(
        (r) => r.from_sickness_benefit === '1',
        (r) => +r.age < 30,
      ),
    );
    const dim = rows.filter((r) => r.dimittend === '1');
    expect(dim.filter((r) => +r.age < 30).length / dim.length).toBeGreaterThan(0.95);
    expect(dim.filter((r) => r.education.endsWith('videregaaende')).length / dim.length).toBeGreaterThan(0.6);
    // Experience grows with age.
    const meanExp = (lo: number, hi: number) => {
      const g = rows.filter((r) => +r.age >= lo && +r.age <= hi);
      return g.reduce((s, r) => s + Number(r.experience_years), 0) / g.length;
    };
    expect(meanExp(18, 29)).toBeLessThan(meanExp(30, 44));
    expect(meanExp(30, 44)).toBeLessThan(meanExp(45, 66));
  });

  it('moves the empirical log-odds in the direction of the true coefficients', () => {
    const logOdds = (group: (r: Record<string, string>) => boolean) => {
      const g = rows.filter(group);
      const y = g.filter((r) => r.long_term === '1').length;
      return Math.log(y / (g.length - y));
    };
    const contrasts: [term: string, group: (r: Record<string, string>) => boolean, reference: (r: Record<string, string>) => boolean][] = [
      [
        'q2_job_expectation=over_6_maaneder',
        (r) => r.q2_job_expectation === 'over_6_maaneder',
        (r) => r.q2_job_expectation === 'inden_3_maaneder',
      ],
      ['q2_job_expectation=har_job', (r) => r.q2_job_expectation === 'har_job', (r) => r.q2_job_expectation === 'inden_3_maaneder'],
      ['q10_barriers=fysisk_helbred', (r) => r.q10_barriers.includes('fysisk_helbred'), (r) => r.q10_barriers === ''],
      ['age=60+', (r) => +r.age >= 60, (r) => +r.age >= 30 && +r.age < 40],
      ['from_sickness_benefit', (r) => r.from_sickness_benefit === '1', (r) => r.from_sickness_benefit === '0'],
      ['origin=indvandrer_ikke_vestlig', (r) => r.origin === 'indvandrer_ikke_vestlig', (r) => r.origin === 'dansk'],
      ['education=lang_videregaaende', (r) => r.education === 'lang_videregaaende', (r) => r.education === 'erhvervsfaglig'],
      ['education=grundskole', (r) => r.education === 'grundskole', (r) => r.education === 'erhvervsfaglig'],
    ];
    for (const [term, group, reference] of contrasts) {
      const diff = logOdds(group) - logOdds(reference);
      const truth = TRUE_COEFFICIENTS[term];
      expect(Math.sign(diff), `${term}: empirical ${diff.toFixed(3)}, true ${truth}`).toBe(Math.sign(truth));
      expect(Math.abs(diff), `${term}: empirical ${diff.toFixed(3)}, true ${truth}`).toBeGreaterThan(0.2);
    }
  });
});
