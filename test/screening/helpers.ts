import { readFileSync } from 'node:fs';
import { parseArtifact } from '../../src/model/artifact/artifactFile.js';
import type { ModelArtifact } from '../../src/model/artifact/artifactSchema.js';
import { createScorer, type Scorer } from '../../src/model/scorer.js';
import type { MemberInput } from '../../src/screening/member/memberSchema.js';

const modelFile = new URL('../../models/sim-2026.12-1.json', import.meta.url).pathname;

/** The bundled model's JSON as plain data, for hand computations independent of the scorer. */
export const rawModel = JSON.parse(readFileSync(modelFile, 'utf8')) as {
  coefficients: { term: string; estimate: number | null }[];
  termMeans: number[];
  cutoff: { probability: number };
  version: string;
};

let cached: Scorer | undefined;
/** A scorer for the bundled model. */
export function bundledScorer(): Scorer {
  cached ??= createScorer(parseArtifact(rawModel, modelFile) as ModelArtifact);
  return cached;
}

/** β of a term of the bundled model. */
export const beta = (term: string): number => {
  const c = rawModel.coefficients.find((x) => x.term === term);
  if (!c) throw new Error(`no term ${term}`);
  return c.estimate ?? 0;
};

/** Training mean of a term of the bundled model. */
export const mean = (term: string): number => rawModel.termMeans[rawModel.coefficients.findIndex((x) => x.term === term)];

/** A member of the default specification; override fields per test. */
export function member(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    age: 57,
    gender: 'kvinde',
    experience_years: 12,
    education: 'grundskole',
    from_sickness_benefit: true,
    prior_dagpenge_hours: 1200,
    earlier_spells: 2,
    region: 'nordjylland',
    origin: 'dansk',
    disco_code: '5322',
    industry: 'handel_transport',
    dimittend: false,
    previous_income: 310000,
    children_at_home: true,
    q2_job_expectation: 'over_6_maaneder',
    q10_barriers: 'fysisk_helbred;sprog',
    ...over,
  };
}

/** A member at every reference level with few risk factors (målgruppe 1 under the bundled model). */
export function lowRiskMember(over: Record<string, unknown> = {}): Record<string, unknown> {
  return member({
    age: 33,
    education: 'mellemlang_videregaaende',
    from_sickness_benefit: false,
    prior_dagpenge_hours: 0,
    earlier_spells: 0,
    region: 'hovedstaden',
    disco_code: '2221',
    previous_income: 480000,
    children_at_home: false,
    q2_job_expectation: 'inden_1_maaned',
    q10_barriers: '',
    experience_years: 9,
    ...over,
  });
}

/** {@link member} as the API takes it (a validated, typed member); override member fields per test. */
export function memberInput(
  over: Partial<MemberInput['member']> = {},
  questionnaire: Partial<MemberInput['questionnaire']> = {},
): MemberInput {
  return {
    member: {
      age: 57,
      gender: 'kvinde',
      experienceYears: 12,
      education: 'grundskole',
      fromSicknessBenefit: true,
      priorDagpengeHours: 1200,
      earlierSpells: 2,
      region: 'nordjylland',
      origin: 'dansk',
      discoCode: '5322',
      industry: 'handel_transport',
      dimittend: false,
      previousIncome: 310000,
      childrenAtHome: true,
      ...over,
    },
    questionnaire: {
      q2JobExpectation: 'over_6_maaneder',
      q10HasBarriers: true,
      q10Barriers: ['fysisk_helbred', 'sprog'],
      ...questionnaire,
    },
  };
}

/** {@link lowRiskMember} as the API takes it. */
export function lowRiskMemberInput(over: Partial<MemberInput['member']> = {}): MemberInput {
  return memberInput(
    {
      age: 33,
      education: 'mellemlang_videregaaende',
      fromSicknessBenefit: false,
      priorDagpengeHours: 0,
      earlierSpells: 0,
      region: 'hovedstaden',
      discoCode: '2221',
      previousIncome: 480000,
      childrenAtHome: false,
      experienceYears: 9,
      ...over,
    },
    { q2JobExpectation: 'inden_1_maaned', q10HasBarriers: false, q10Barriers: [] },
  );
}
