import {
  EDUCATION_LEVELS,
  INDUSTRIES,
  ORIGINS,
  Q10_BARRIERS,
  Q2_ANSWERS,
  type EducationLevel,
  type Gender,
  type Industry,
  type Origin,
  type Q10Barrier,
  type Q2Answer,
  type Region,
} from '../cohort/levels.js';
import { MUNICIPALITIES } from '../cohort/municipalities.js';
import { parseIsoDate } from '../isoWeek.js';
import {
  AGE_BAND_WEIGHTS,
  AGE_BANDS,
  BARRIERS,
  CHILDREN_BY_AGE_BAND,
  DIMITTEND_PROBABILITY,
  DISCO_MAJOR_WEIGHTS,
  DISCO_MISSING,
  DISCO_MULTIPLIERS_BY_EDUCATION,
  DISCO_SUBMAJOR_RANGE,
  EARLIER_SPELLS,
  EDUCATION_MIN_AGE,
  EDUCATION_MISSING_BY_ORIGIN,
  EDUCATION_NON_WESTERN_MULTIPLIER,
  EDUCATION_WEIGHTS_BY_AGE,
  EDUCATION_YEARS_AFTER_16,
  EXPERIENCE,
  INCOME,
  INDUSTRY_MISSING,
  INDUSTRY_MULTIPLIERS_BY_DISCO,
  INDUSTRY_WEIGHTS,
  NON_WESTERN_HOVEDSTADEN_FACTOR,
  ORIGIN_WEIGHTS,
  P_MAN,
  PRIOR_HOURS,
  Q2_MULTIPLIERS,
  Q2_WEIGHTS,
  SICKNESS_BENEFIT,
  SPELL_START_RANGE,
} from './distributions.js';
import { cumulativeWeights, type Rng } from './rng.js';
import { SCENARIOS, type Scenario } from './scenario.js';

/** One simulated member at the start of a new benefit period, with the values written to the CSV. */
export interface SimulatedMember {
  /** Day number (days since 1970-01-01) of the first day of the benefit period. */
  startDay: number;
  age: number;
  /** Index into AGE_BANDS; kept because several draws depend on the band. */
  ageBand: number;
  gender: Gender;
  /** Work experience in tenths of a year, so that it prints with exactly one decimal. */
  experienceTenths: number;
  education: EducationLevel | undefined;
  fromSicknessBenefit: 0 | 1;
  priorDagpengeHours: number;
  earlierSpells: number;
  municipality: string;
  region: Region;
  origin: Origin;
  /** 4-digit DISCO-08 code, or undefined when missing. */
  discoCode: string | undefined;
  industry: Industry | undefined;
  dimittend: 0 | 1;
  previousIncome: number;
  childrenAtHome: 0 | 1;
  q2: Q2Answer;
  /** Ticked barriers in the order of Q10_BARRIERS. */
  barriers: Q10Barrier[];
}

const FIRST_DAY = parseIsoDate(SPELL_START_RANGE.first)!;
const LAST_DAY = parseIsoDate(SPELL_START_RANGE.last)!;
const ORIGIN_W = ORIGINS.map((o) => ORIGIN_WEIGHTS[o]);
const MUNI_CUM_DEFAULT = cumulativeWeights(MUNICIPALITIES.map((m) => m.population));
const MUNI_CUM_NON_WESTERN = cumulativeWeights(
  MUNICIPALITIES.map((m) => m.population * (m.region === 'hovedstaden' ? NON_WESTERN_HOVEDSTADEN_FACTOR : 1)),
);
const INDUSTRY_BASE_W = INDUSTRIES.map((i) => INDUSTRY_WEIGHTS[i]);
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

// Weight vectors that depend only on a few categories are built once, not per member.
const EDUCATION_W = buildEducationWeights();
const DISCO_W = buildDiscoWeights();
const INDUSTRY_W = new Map(
  DIGITS.map((d) => [d as string, multiplied(INDUSTRIES, INDUSTRY_BASE_W, INDUSTRY_MULTIPLIERS_BY_DISCO[d] ?? {})]),
);
const Q2_W = buildQ2Weights();

/** Draws one member; the order of the draws is part of the generator and must not change lightly. */
export function drawMember(rng: Rng, scenario: Scenario = SCENARIOS.baseline): SimulatedMember {
  const startDay = rng.integer(FIRST_DAY, LAST_DAY);
  const origin = ORIGINS[rng.categorical(ORIGIN_W)];
  const descendant = origin === 'efterkommer_vestlig' || origin === 'efterkommer_ikke_vestlig';
  const immigrant = origin === 'indvandrer_vestlig' || origin === 'indvandrer_ikke_vestlig';
  const nonWestern = origin === 'indvandrer_ikke_vestlig' || origin === 'efterkommer_ikke_vestlig';

  const ageBand = rng.categorical(descendant ? AGE_BAND_WEIGHTS.descendant : scenario.ageBandWeights);
  const age = rng.integer(AGE_BANDS[ageBand].min, AGE_BANDS[ageBand].max);
  const gender: Gender = rng.bernoulli(P_MAN) ? 'mand' : 'kvinde';

  const education: EducationLevel | undefined = rng.bernoulli(EDUCATION_MISSING_BY_ORIGIN[origin])
    ? undefined
    : EDUCATION_LEVELS[rng.categorical(EDUCATION_W.get(educationKey(age, nonWestern))!)];
  const eduKey = education ?? '(missing)';
  const videregaaende =
    education === 'kort_videregaaende' || education === 'mellemlang_videregaaende' || education === 'lang_videregaaende';
  const pDimittend =
    videregaaende && age < 30
      ? DIMITTEND_PROBABILITY.videregaaendeUnder30
      : education === 'erhvervsfaglig' && age < 25
        ? DIMITTEND_PROBABILITY.erhvervsfagligUnder25
        : 0;
  const dimittend = rng.bernoulli(pDimittend);

  const experienceTenths = drawExperienceTenths(rng, age, eduKey, immigrant, dimittend === 1);
  const experience = experienceTenths / 10;
  const fromSicknessBenefit = rng.bernoulli(
    logistic(SICKNESS_BENEFIT.logitAt40 + scenario.sicknessLogitShift + SICKNESS_BENEFIT.perYear * (age - 40)),
  );

  const spellMean =
    (EARLIER_SPELLS.base + EARLIER_SPELLS.perYearOver25 * Math.max(0, age - 25)) *
    (EARLIER_SPELLS.educationFactor[eduKey] ?? 1) *
    (dimittend ? EARLIER_SPELLS.dimittendFactor : 1);
  const earlierSpells = Math.min(EARLIER_SPELLS.max, rng.poisson(spellMean));
  let priorDagpengeHours = 0;
  if (earlierSpells > 0 && !rng.bernoulli(PRIOR_HOURS.pZero)) {
    priorDagpengeHours = Math.min(PRIOR_HOURS.max, Math.round(-Math.log(rng.uniformOpen()) * PRIOR_HOURS.scale * Math.sqrt(earlierSpells)));
  }

  const muni = MUNICIPALITIES[rng.categoricalCumulative(nonWestern ? MUNI_CUM_NON_WESTERN : MUNI_CUM_DEFAULT)];

  let discoCode: string | undefined;
  let discoMajor: string | undefined;
  if (!rng.bernoulli(dimittend ? DISCO_MISSING.dimittend : DISCO_MISSING.other)) {
    discoMajor = DIGITS[rng.categorical(DISCO_W.get(eduKey)!)];
    discoCode = drawDiscoCode(rng, discoMajor);
  }
  const industry: Industry | undefined = rng.bernoulli(dimittend ? INDUSTRY_MISSING.dimittend : INDUSTRY_MISSING.other)
    ? undefined
    : INDUSTRIES[rng.categorical(discoMajor === undefined ? INDUSTRY_BASE_W : INDUSTRY_W.get(discoMajor)!)];

  const previousIncome = drawIncome(rng, eduKey, experience, gender, age, dimittend === 1);
  const childrenAtHome = rng.bernoulli(CHILDREN_BY_AGE_BAND[ageBand]);
  const barriers = drawBarriers(rng, age, origin, eduKey, fromSicknessBenefit === 1);
  const q2 = drawQ2(rng, age, barriers.length > 0, fromSicknessBenefit === 1, dimittend === 1);

  return {
    startDay,
    age,
    ageBand,
    gender,
    experienceTenths,
    education,
    fromSicknessBenefit,
    priorDagpengeHours,
    earlierSpells,
    municipality: muni.code,
    region: muni.region,
    origin,
    discoCode,
    industry,
    dimittend,
    previousIncome,
    childrenAtHome,
    q2,
    barriers,
  };
}

function educationKey(age: number, nonWestern: boolean): string {
  return `${age}|${nonWestern ? 1 : 0}`;
}

function buildEducationWeights(): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (let age = AGE_BANDS[0].min; age <= AGE_BANDS[AGE_BANDS.length - 1].max; age++) {
    const base =
      age < 25 ? EDUCATION_WEIGHTS_BY_AGE.under25 : age < 30 ? EDUCATION_WEIGHTS_BY_AGE.from25to29 : EDUCATION_WEIGHTS_BY_AGE.from30;
    for (const nonWestern of [false, true]) {
      const w = EDUCATION_LEVELS.map((e) => {
        const minAge = EDUCATION_MIN_AGE[e];
        if (minAge !== undefined && age < minAge) return 0;
        return base[e] * (nonWestern ? (EDUCATION_NON_WESTERN_MULTIPLIER[e] ?? 1) : 1);
      });
      map.set(educationKey(age, nonWestern), w);
    }
  }
  return map;
}

function buildDiscoWeights(): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (const key of [...EDUCATION_LEVELS, '(missing)'] as const) {
    map.set(key, multiplied(DIGITS, DISCO_MAJOR_WEIGHTS, DISCO_MULTIPLIERS_BY_EDUCATION[key]));
  }
  return map;
}

function multiplied<K extends string>(keys: readonly K[], base: readonly number[], factors: Partial<Record<K, number>>): number[] {
  return keys.map((k, i) => base[i] * (factors[k] ?? 1));
}

function drawExperienceTenths(rng: Rng, age: number, eduKey: EducationLevel | '(missing)', immigrant: boolean, dimittend: boolean): number {
  const maxTenths = (age - 16) * 10;
  if (dimittend) return Math.min(maxTenths, Math.round(rng.uniform() * EXPERIENCE.dimittendMax * 10));
  const potential = Math.max(0, age - 16 - EDUCATION_YEARS_AFTER_16[eduKey]);
  const share =
    clamp(EXPERIENCE.employedShareMean + EXPERIENCE.employedShareSd * rng.normal(), 0.1, 1) * (immigrant ? EXPERIENCE.immigrantFactor : 1);
  return Math.min(maxTenths, Math.round(potential * share * 10));
}

function drawDiscoCode(rng: Rng, major: string): string {
  const [lo, hi] = DISCO_SUBMAJOR_RANGE[major];
  const subMajor = rng.integer(lo, hi);
  if (major === '0') return `0${subMajor}10`;
  return `${major}${subMajor}${rng.integer(1, 4)}${rng.integer(1, 9)}`;
}

function drawIncome(
  rng: Rng,
  eduKey: EducationLevel | '(missing)',
  experience: number,
  gender: Gender,
  age: number,
  dimittend: boolean,
): number {
  if (dimittend) {
    const d = INCOME.dimittend;
    if (rng.bernoulli(d.pZero)) return 0;
    return Math.min(INCOME.max, Math.round(d.median * Math.exp(d.sdLog * rng.normal())));
  }
  const median =
    INCOME.medianByEducation[eduKey] *
    (1 + INCOME.perExperienceYear * Math.min(experience, INCOME.experienceCap)) *
    (gender === 'mand' ? INCOME.manFactor : 1) *
    (age < 25 ? INCOME.under25Factor : 1);
  return Math.min(INCOME.max, Math.round(median * Math.exp(INCOME.sdLog * rng.normal())));
}

function drawBarriers(rng: Rng, age: number, origin: Origin, eduKey: EducationLevel | '(missing)', fromSickness: boolean): Q10Barrier[] {
  const B = BARRIERS;
  const p: Record<Q10Barrier, number> = {
    fysisk_helbred:
      (B.fysisk_helbred.base + B.fysisk_helbred.perYearOver30 * Math.max(0, age - 30)) *
      (fromSickness ? B.fysisk_helbred.fromSicknessFactor : 1),
    psykisk_helbred: B.psykisk_helbred.base * (fromSickness ? B.psykisk_helbred.fromSicknessFactor : 1),
    personlige_sociale: B.personlige_sociale.base,
    oekonomi: B.oekonomi.base,
    misbrug: B.misbrug.base,
    laese_skrive_regne:
      B.laese_skrive_regne.base *
      (eduKey === 'grundskole'
        ? B.laese_skrive_regne.grundskoleFactor
        : eduKey === '(missing)'
          ? B.laese_skrive_regne.missingEducationFactor
          : 1) *
      (origin === 'indvandrer_ikke_vestlig' ? B.laese_skrive_regne.nonWesternImmigrantFactor : 1),
    it: B.it.base + B.it.perYearOver45 * Math.max(0, age - 45),
    sprog: B.sprog.byOrigin[origin],
    andet: B.andet.base,
  };
  const ticked: Q10Barrier[] = [];
  for (const b of Q10_BARRIERS) if (rng.bernoulli(Math.min(0.95, p[b]))) ticked.push(b);
  return ticked;
}

function q2Key(age: number, hasBarriers: boolean, fromSickness: boolean, dimittend: boolean): number {
  return (age >= 60 ? 2 : age >= 55 ? 1 : 0) * 8 + (hasBarriers ? 4 : 0) + (fromSickness ? 2 : 0) + (dimittend ? 1 : 0);
}

// Q2 weights depend on four coarse facts only: the 24 combinations are multiplied out once.
function buildQ2Weights(): number[][] {
  const table: number[][] = [];
  for (const age of [0, 55, 60]) {
    for (const hasBarriers of [false, true]) {
      for (const fromSickness of [false, true]) {
        for (const dimittend of [false, true]) {
          const applied: Partial<Record<Q2Answer, number>>[] = [];
          if (age >= 60) applied.push(Q2_MULTIPLIERS.age60plus);
          else if (age >= 55) applied.push(Q2_MULTIPLIERS.age55to59);
          if (hasBarriers) applied.push(Q2_MULTIPLIERS.hasBarriers);
          if (fromSickness) applied.push(Q2_MULTIPLIERS.fromSickness);
          if (dimittend) applied.push(Q2_MULTIPLIERS.dimittend);
          table[q2Key(age, hasBarriers, fromSickness, dimittend)] = Q2_ANSWERS.map((a) =>
            applied.reduce((acc, m) => acc * (m[a] ?? 1), Q2_WEIGHTS[a]),
          );
        }
      }
    }
  }
  return table;
}

function drawQ2(rng: Rng, age: number, hasBarriers: boolean, fromSickness: boolean, dimittend: boolean): Q2Answer {
  return Q2_ANSWERS[rng.categorical(Q2_W[q2Key(age, hasBarriers, fromSickness, dimittend)])];
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}
