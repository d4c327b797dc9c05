import type { EducationLevel, Industry, Origin, Q2Answer } from '../cohort/levels.js';

/**
 * The numbers the simulated members are drawn from. They live apart from the drawing code so that
 * training/simulation-truth.json and training/SIMULATION.md can state them exactly as used. Shares are
 * meant to be plausible for newly unemployed a-kasse members around 2014–2017, not estimates of them.
 */

/** Spell start dates are uniform over these days (any weekday). */
export const SPELL_START_RANGE = { first: '2014-01-01', last: '2017-12-31' } as const;

export const ORIGIN_WEIGHTS: Record<Origin, number> = {
  dansk: 0.85,
  indvandrer_vestlig: 0.03,
  indvandrer_ikke_vestlig: 0.09,
  efterkommer_vestlig: 0.01,
  efterkommer_ikke_vestlig: 0.02,
};

/** Age bands (the model's bands, with the top one closed at 66); age is uniform within a band. */
export const AGE_BANDS = [
  { label: '18-24', min: 18, max: 24 },
  { label: '25-29', min: 25, max: 29 },
  { label: '30-39', min: 30, max: 39 },
  { label: '40-49', min: 40, max: 49 },
  { label: '50-54', min: 50, max: 54 },
  { label: '55-59', min: 55, max: 59 },
  { label: '60+', min: 60, max: 66 },
] as const;

/** Band shares: descendants of immigrants are a young population, so their ages are drawn younger. */
export const AGE_BAND_WEIGHTS = {
  default: [0.13, 0.17, 0.22, 0.21, 0.1, 0.1, 0.07],
  descendant: [0.38, 0.3, 0.22, 0.1, 0, 0, 0],
} as const;

export const P_MAN = 0.49;

/** Probability that education is missing (not in the education register): mostly immigrants. */
export const EDUCATION_MISSING_BY_ORIGIN: Record<Origin, number> = {
  dansk: 0.015,
  indvandrer_vestlig: 0.2,
  indvandrer_ikke_vestlig: 0.3,
  efterkommer_vestlig: 0.03,
  efterkommer_ikke_vestlig: 0.05,
};

/** Weights of the highest completed education when it is known, by age. */
export const EDUCATION_WEIGHTS_BY_AGE: Record<'under25' | 'from25to29' | 'from30', Record<EducationLevel, number>> = {
  under25: {
    grundskole: 0.3,
    gymnasial: 0.3,
    erhvervsfaglig: 0.22,
    kort_videregaaende: 0.05,
    mellemlang_videregaaende: 0.09,
    lang_videregaaende: 0.04,
  },
  from25to29: {
    grundskole: 0.15,
    gymnasial: 0.1,
    erhvervsfaglig: 0.25,
    kort_videregaaende: 0.08,
    mellemlang_videregaaende: 0.22,
    lang_videregaaende: 0.2,
  },
  from30: {
    grundskole: 0.17,
    gymnasial: 0.06,
    erhvervsfaglig: 0.38,
    kort_videregaaende: 0.07,
    mellemlang_videregaaende: 0.19,
    lang_videregaaende: 0.13,
  },
};

/** Multipliers on those weights for immigrants and descendants from non-western countries. */
export const EDUCATION_NON_WESTERN_MULTIPLIER: Partial<Record<EducationLevel, number>> = { grundskole: 2, erhvervsfaglig: 0.7 };

/** Educations nobody younger than this has completed (their weight is set to zero). */
export const EDUCATION_MIN_AGE: Partial<Record<EducationLevel, number>> = {
  kort_videregaaende: 21,
  mellemlang_videregaaende: 21,
  lang_videregaaende: 23,
};

/** Typical years spent in education after age 16, which cannot be work experience. */
export const EDUCATION_YEARS_AFTER_16: Record<EducationLevel | '(missing)', number> = {
  grundskole: 0,
  gymnasial: 3,
  erhvervsfaglig: 4,
  kort_videregaaende: 5,
  mellemlang_videregaaende: 6,
  lang_videregaaende: 8,
  '(missing)': 2,
};

/** Probability of being a new graduate on the dimittend rate; zero outside these groups. */
export const DIMITTEND_PROBABILITY = { videregaaendeUnder30: 0.7, erhvervsfagligUnder25: 0.45 } as const;

/**
 * Work experience = (age − 16 − years of education) × share of those years employed, with the share
 * normal(mean, sd) clipped to [0.1, 1] and multiplied for immigrants (fewer years in Denmark). New
 * graduates get a uniform 0 … dimittendMax years (student jobs).
 */
export const EXPERIENCE = { employedShareMean: 0.8, employedShareSd: 0.15, immigrantFactor: 0.6, dimittendMax: 1.5 } as const;

/** P(from sickness benefit) = logistic(logitAt40 + perYear × (age − 40)). */
export const SICKNESS_BENEFIT = { logitAt40: -2.9, perYear: 0.05 } as const;

/**
 * Earlier spells ~ Poisson(base + perYearOver25 × max(0, age − 25)) × education factor × dimittend
 * factor, capped at `max`.
 */
export const EARLIER_SPELLS = {
  base: 0.6,
  perYearOver25: 0.025,
  educationFactor: { grundskole: 1.4, '(missing)': 1.2 } as Partial<Record<EducationLevel | '(missing)', number>>,
  dimittendFactor: 0.2,
  max: 10,
} as const;

/**
 * Prior dagpenge hours of the current entitlement: 0 without earlier spells; with earlier spells 0 with
 * probability pZero (a new entitlement), else scale × √spells × Exponential(1), rounded, capped at max.
 */
export const PRIOR_HOURS = { pZero: 0.4, scale: 500, max: 3848 } as const;

/** Non-western immigrants and descendants live more often in the capital region: weight factor there. */
export const NON_WESTERN_HOVEDSTADEN_FACTOR = 1.8;

/** Probability that the DISCO-08 code is missing (no registered last occupation). */
export const DISCO_MISSING = { dimittend: 0.15, other: 0.02 } as const;

/** Base weights of the DISCO-08 major groups 0 … 9 before the education multipliers. */
export const DISCO_MAJOR_WEIGHTS = [0.01, 0.03, 0.17, 0.14, 0.12, 0.2, 0.01, 0.12, 0.08, 0.12] as const;

/** Multipliers on the major-group weights by education (groups not named keep weight × 1). */
export const DISCO_MULTIPLIERS_BY_EDUCATION: Record<EducationLevel | '(missing)', Partial<Record<string, number>>> = {
  grundskole: { '2': 0.2, '3': 0.4, '4': 0.8, '5': 1.3, '8': 1.8, '9': 2.5 },
  gymnasial: { '2': 0.4, '4': 1.6, '5': 1.4, '9': 1.3 },
  erhvervsfaglig: { '2': 0.3, '3': 0.8, '5': 1.2, '7': 2, '8': 1.3 },
  kort_videregaaende: { '3': 2, '7': 0.8 },
  mellemlang_videregaaende: { '2': 3, '3': 1.5, '7': 0.2, '8': 0.2, '9': 0.2 },
  lang_videregaaende: { '1': 2, '2': 4, '5': 0.3, '7': 0.1, '8': 0.1, '9': 0.1 },
  '(missing)': { '2': 0.5, '8': 1.5, '9': 2 },
};

/**
 * The second digit (sub-major group) of a DISCO-08 code is uniform over the sub-major groups that exist
 * in each major group; third digit uniform 1–4, fourth 1–9. Armed forces (0) use 0110, 0210, 0310.
 */
export const DISCO_SUBMAJOR_RANGE: Record<string, readonly [number, number]> = {
  '0': [1, 3],
  '1': [1, 4],
  '2': [1, 6],
  '3': [1, 5],
  '4': [1, 4],
  '5': [1, 4],
  '6': [1, 3],
  '7': [1, 5],
  '8': [1, 3],
  '9': [1, 6],
};

/** Probability that the industry is missing. */
export const INDUSTRY_MISSING = { dimittend: 0.12, other: 0.033 } as const;

export const INDUSTRY_WEIGHTS: Record<Industry, number> = {
  landbrug_skovbrug_fiskeri: 0.03,
  industri_raastof_forsyning: 0.13,
  bygge_anlaeg: 0.08,
  handel_transport: 0.24,
  information_kommunikation: 0.05,
  finansiering_forsikring: 0.03,
  ejendomshandel_udlejning: 0.02,
  erhvervsservice: 0.12,
  offentlig_undervisning_sundhed: 0.22,
  kultur_fritid_service: 0.08,
};

/** Multipliers on the industry weights by DISCO major group (occupation and industry go together). */
export const INDUSTRY_MULTIPLIERS_BY_DISCO: Record<string, Partial<Record<Industry, number>>> = {
  '0': { offentlig_undervisning_sundhed: 3 },
  '2': { offentlig_undervisning_sundhed: 2, information_kommunikation: 2, handel_transport: 0.4, bygge_anlaeg: 0.3 },
  '4': { finansiering_forsikring: 1.5, erhvervsservice: 1.3 },
  '5': { handel_transport: 1.3, kultur_fritid_service: 1.8, offentlig_undervisning_sundhed: 1.3 },
  '6': { landbrug_skovbrug_fiskeri: 10 },
  '7': { bygge_anlaeg: 3, industri_raastof_forsyning: 2, offentlig_undervisning_sundhed: 0.3 },
  '8': { industri_raastof_forsyning: 2.5, handel_transport: 1.5, offentlig_undervisning_sundhed: 0.3 },
  '9': { erhvervsservice: 1.5, landbrug_skovbrug_fiskeri: 1.5 },
};

/**
 * Income from work in the year before (DKK): log-normal with median
 * medianByEducation × (1 + perExperienceYear × min(experience, experienceCap)) × manFactor (men)
 * × under25Factor (under 25), and sdLog on the log scale. New graduates: 0 with probability pZero,
 * else log-normal around their own median. Rounded to whole DKK, capped at max.
 */
export const INCOME = {
  medianByEducation: {
    grundskole: 200_000,
    gymnasial: 210_000,
    erhvervsfaglig: 260_000,
    kort_videregaaende: 290_000,
    mellemlang_videregaaende: 310_000,
    lang_videregaaende: 360_000,
    '(missing)': 180_000,
  } as Record<EducationLevel | '(missing)', number>,
  perExperienceYear: 0.02,
  experienceCap: 25,
  manFactor: 1.12,
  under25Factor: 0.7,
  sdLog: 0.45,
  dimittend: { pZero: 0.35, median: 80_000, sdLog: 0.5 },
  max: 5_000_000,
} as const;

/** P(children under 18 at home) by age band (same bands as AGE_BANDS). */
export const CHILDREN_BY_AGE_BAND = [0.06, 0.3, 0.6, 0.62, 0.35, 0.12, 0.05] as const;

/**
 * Each Q10 barrier is ticked independently with a base probability, modified as stated; "has barriers"
 * is then 1 exactly when at least one is ticked.
 */
export const BARRIERS = {
  fysisk_helbred: { base: 0.03, perYearOver30: 0.0025, fromSicknessFactor: 3 },
  psykisk_helbred: { base: 0.035, fromSicknessFactor: 3 },
  personlige_sociale: { base: 0.03 },
  oekonomi: { base: 0.04 },
  misbrug: { base: 0.006 },
  laese_skrive_regne: { base: 0.015, grundskoleFactor: 2.5, missingEducationFactor: 2, nonWesternImmigrantFactor: 4 },
  it: { base: 0.015, perYearOver45: 0.002 },
  sprog: {
    byOrigin: {
      dansk: 0.003,
      indvandrer_vestlig: 0.15,
      indvandrer_ikke_vestlig: 0.3,
      efterkommer_vestlig: 0.02,
      efterkommer_ikke_vestlig: 0.02,
    } as Record<Origin, number>,
  },
  andet: { base: 0.03 },
} as const;

export const Q2_WEIGHTS: Record<Q2Answer, number> = {
  har_job: 0.08,
  inden_1_maaned: 0.17,
  inden_3_maaneder: 0.36,
  inden_6_maaneder: 0.17,
  over_6_maaneder: 0.07,
  orlov_efterloen_pension: 0.03,
  ved_ikke: 0.12,
};

/** Multipliers on the Q2 weights: the answer reflects age, health and the barriers the member reports. */
export const Q2_MULTIPLIERS: Record<
  'age60plus' | 'age55to59' | 'hasBarriers' | 'fromSickness' | 'dimittend',
  Partial<Record<Q2Answer, number>>
> = {
  age60plus: { orlov_efterloen_pension: 8, over_6_maaneder: 1.5 },
  age55to59: { orlov_efterloen_pension: 2.5, over_6_maaneder: 1.3 },
  hasBarriers: { over_6_maaneder: 2, ved_ikke: 1.5, har_job: 0.6, inden_1_maaned: 0.7 },
  fromSickness: { over_6_maaneder: 1.5, ved_ikke: 1.3 },
  dimittend: { har_job: 0.5, inden_6_maaneder: 1.3 },
};
