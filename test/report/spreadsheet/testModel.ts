import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readArtifact } from '../../../src/model/artifact/artifactFile.js';
import type { ModelArtifact } from '../../../src/model/artifact/artifactSchema.js';
import { spec, tempDir, trainFile } from '../../model/helpers.js';

/** The bundled default model. */
export const BUNDLED_MODEL = new URL('../../../models/sim-2026.12-1.json', import.meta.url).pathname;

/** Reads the bundled default model. */
export function bundledModel(): Promise<ModelArtifact> {
  return readArtifact(BUNDLED_MODEL);
}

/**
 * A specification with every kind of term the bundled model lacks: bands with a missing level, a scaled
 * linear term with a missing level (filled with the median), a restricted cubic spline, a scaled cubic
 * polynomial, a pooled categorical feature with two levels that differ only in case, a `prefix` code
 * with a list of allowed levels, a boolean with a missing level, a multi-select, two interactions and a
 * copy of the spline's variable, which the fit aliases (an NA coefficient).
 */
export const allTermsSpec = spec({
  specVersion: 1,
  name: 'all_terms',
  outcome: 'y',
  features: [
    { name: 'band', type: 'numeric', missing: 'level', transform: { kind: 'bands', breaks: [10, 20], reference: '[10,20)' } },
    { name: 'lin', type: 'numeric', scale: 10, min: 0, max: 100, missing: 'level' },
    { name: 'sp', type: 'numeric', transform: { kind: 'spline', knots: [1, 3, 5, 7] } },
    { name: 'poly', type: 'numeric', scale: 2, transform: { kind: 'polynomial', degree: 3 } },
    { name: 'cat', type: 'categorical', reference: 'a', poolRare: { minCount: 30 }, missing: 'level' },
    { name: 'code', column: 'code_raw', type: 'categorical', prefix: 1, levels: ['1', '2', '3', '4'], reference: '1' },
    { name: 'flag', type: 'boolean', missing: 'level' },
    { name: 'ms', type: 'multiselect', options: ['u', 'v', 'w'] },
    { name: 'dup', type: 'numeric' },
  ],
  interactions: [
    ['flag', 'cat'],
    ['lin', 'poly'],
  ],
});

/** A small deterministic generator (mulberry32), so the training data are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Trains the all-terms model on 3,000 simulated rows. */
export async function allTermsModel(): Promise<ModelArtifact> {
  const u = random(20261124);
  const pick = <T>(items: readonly [T, number][]): T => {
    let r = u();
    for (const [item, p] of items) {
      r -= p;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  };
  const lines = ['y,band,lin,sp,poly,cat,code_raw,flag,ms,dup'];
  for (let i = 0; i < 3000; i++) {
    const band = u() < 0.05 ? null : Math.round(u() * 300) / 10;
    const lin = u() < 0.05 ? null : Math.round(u() * 1000) / 10;
    const sp = Math.round(u() * 800) / 100;
    const poly = Math.round((u() * 6 - 3) * 100) / 100;
    const cat = pick<string | null>([
      ['a', 0.5],
      ['b', 0.2],
      ['B', 0.12],
      ['c', 0.12],
      ['d', 0.005],
      ['e', 0.005],
      [null, 0.05],
    ]);
    const code = `${1 + Math.floor(u() * 4)}${Math.floor(u() * 900 + 100)}`;
    const flag = u() < 0.05 ? null : u() < 0.4 ? 1 : 0;
    const ms = ['u', 'v', 'w'].filter(() => u() < 0.3);
    const eta =
      -1 +
      (band === null ? 0.4 : band < 10 ? -0.5 : band >= 20 ? 0.6 : 0) +
      (lin === null ? 0.3 : lin / 50) +
      Math.sin(sp) * 0.7 +
      0.2 * poly -
      0.05 * poly ** 3 +
      ({ a: 0, b: 0.5, B: -0.4, c: 0.8, d: 1, e: 1 } as Record<string, number>)[cat ?? 'a'] +
      (cat === null ? 0.5 : 0) +
      Number(code[0]) * 0.2 +
      (flag === 1 ? 0.7 : flag === null ? -0.3 : 0) +
      ms.length * 0.4;
    const y = u() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    const f = (x: number | string | null) => (x === null ? '' : String(x));
    lines.push([y, f(band), f(lin), sp, poly, f(cat), code, f(flag), ms.join(';'), sp].join(','));
  }
  const file = join(tempDir(), 'all-terms.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  const { artifact } = await trainFile(file, allTermsSpec, {
    version: 'all-terms-1',
    description: 'Testmodel med alle slags led',
    cutoff: { probability: 0.5 },
  });
  return artifact;
}

/** Members of the all-terms model: every band edge, missing values, pooled and unseen levels, case, and two invalid members. */
export const allTermsMembers: Record<string, Record<string, unknown>> = {
  bandLowerEdge: { band: 10, lin: 0, sp: 1, poly: -3, cat: 'a', code_raw: '1234', flag: 1, ms: 'u;w', dup: 1 },
  bandUpperEdge: { band: 20, lin: '', sp: 7, poly: 2.5, cat: 'B', code_raw: 2987, flag: 0, ms: '', dup: 7 },
  justBelowEdge: { band: 9.999, lin: 100, sp: 8.25, poly: 0, cat: 'd', code_raw: '3', flag: '', ms: 'v', dup: 8.25 },
  bandMissing: { band: '', lin: 55.5, sp: 0, poly: -0.5, cat: 'zzz', code_raw: '2', flag: 1, ms: 'u;v;w', dup: 0 },
  catMissing: { band: 35, lin: 12, sp: 4.2, poly: 1, cat: '', code_raw: '1', flag: 0, ms: 'w', dup: 4.2 },
  nearUpperEdge: { band: 19.99, lin: 3, sp: 5, poly: -1.7, cat: ' b ', code_raw: '3333', flag: 'true', ms: 'u', dup: 5 },
  catLevelC: { band: 0, lin: 99.9, sp: 2.5, poly: 3, cat: 'c', code_raw: '4111', flag: 0, ms: '', dup: 2.5 },
  linAboveMax: { band: 15, lin: 150, sp: 2, poly: 1, cat: 'a', code_raw: '1', flag: 0, ms: '', dup: 2 },
  codeNotAllowed: { band: 15, lin: 50, sp: 2, poly: 1, cat: 'a', code_raw: '9123', flag: 0, ms: '', dup: 2 },
};

/** Members of the bundled model (besides the typical member the workbook opens with). */
export const bundledMembers: Record<string, Record<string, unknown>> = {
  olderWithBarriers: {
    age: 55,
    gender: 'kvinde',
    origin: 'dansk',
    experience_years: 30,
    education: '',
    from_sickness_benefit: 1,
    prior_dagpenge_hours: 1200,
    earlier_spells: 3,
    region: 'nordjylland',
    disco_code: '9313',
    industry: '',
    dimittend: 0,
    previous_income: 150000,
    children_at_home: 1,
    q2_job_expectation: 'over_6_maaneder',
    q10_barriers: 'fysisk_helbred;sprog',
  },
  youngGraduate: {
    age: 24,
    gender: 'mand',
    origin: 'indvandrer_vestlig',
    experience_years: 0.5,
    education: 'lang_videregaaende',
    from_sickness_benefit: 0,
    prior_dagpenge_hours: 0,
    earlier_spells: 0,
    region: 'hovedstaden',
    disco_code: 2512,
    industry: 'information_kommunikation',
    dimittend: 1,
    previous_income: 0,
    children_at_home: 0,
    q2_job_expectation: 'inden_1_maaned',
    q10_barriers: '',
  },
  // DISCO-08 major group 0 (armed forces): the code keeps its leading zero.
  armedForces: {
    age: 30,
    gender: 'mand',
    origin: 'dansk',
    experience_years: 8,
    education: 'erhvervsfaglig',
    from_sickness_benefit: 0,
    prior_dagpenge_hours: 100,
    earlier_spells: 0,
    region: 'syddanmark',
    disco_code: '0210',
    industry: 'offentlig_undervisning_sundhed',
    dimittend: 0,
    previous_income: 380000,
    children_at_home: 1,
    q2_job_expectation: 'inden_3_maaneder',
    q10_barriers: '',
  },
  // The same code without its zero, as a number would carry it: refused, not read as major group 2.
  lostZero: {
    age: 30,
    gender: 'mand',
    origin: 'dansk',
    experience_years: 8,
    education: 'erhvervsfaglig',
    from_sickness_benefit: 0,
    prior_dagpenge_hours: 100,
    earlier_spells: 0,
    region: 'syddanmark',
    disco_code: '210',
    industry: 'offentlig_undervisning_sundhed',
    dimittend: 0,
    previous_income: 380000,
    children_at_home: 1,
    q2_job_expectation: 'inden_3_maaneder',
    q10_barriers: '',
  },
  ageAtUpperBand: {
    age: 60,
    gender: 'mand',
    origin: 'dansk',
    experience_years: 40,
    education: 'grundskole',
    from_sickness_benefit: 0,
    prior_dagpenge_hours: 3848,
    earlier_spells: 10,
    region: 'sjaelland',
    disco_code: '',
    industry: 'bygge_anlaeg',
    dimittend: 0,
    previous_income: 5000000,
    children_at_home: 0,
    q2_job_expectation: 'ved_ikke',
    q10_barriers: 'misbrug;laese_skrive_regne;it;andet',
  },
};
