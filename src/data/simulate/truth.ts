import { MUNICIPALITIES } from '../cohort/municipalities.js';
import { TRUE_COEFFICIENTS } from './coefficients.js';
import * as D from './distributions.js';
import { DATA_WINDOW_END, FOLLOW_UP_WEEKS, FULL_WEEK, HOURS_MODEL, THRESHOLD } from './hours.js';
import { SPELL_COLUMNS } from './format.js';

/**
 * Bumped whenever a change to the simulator changes the files a seed produces, so that a model trained
 * on simulated data can say which generator made its data.
 */
export const GENERATOR_VERSION = 1;

/** The truth document: what training/simulation-truth.json holds and `simulate --truth` writes. */
export function buildTruthDocument(): Record<string, unknown> {
  return {
    description:
      'Simulated cohort of newly unemployed a-kasse members (ledighedsprofil simulate). NOT real data: ' +
      'members are drawn from the distributions below, and the outcome long_term ~ Bernoulli(logistic(eta)) ' +
      'with eta = sum of coefficient x term value, computed directly from the drawn values. Term names are ' +
      'those of training/default-spec.json with sensitive features (gender, origin) included. ' +
      'See training/SIMULATION.md.',
    generator: { name: 'ledighedsprofil simulate', version: GENERATOR_VERSION },
    outcome: {
      column: 'long_term',
      definition: 'at least 80 % of the 52 weeks from the week of the first day on dagpenge: weekly hours summing to >= 1539.2',
      followUpWeeks: FOLLOW_UP_WEEKS,
      fullWeekHours: FULL_WEEK / 10,
      thresholdHours: THRESHOLD / 10,
      link: 'logit',
      targetBaseRate: 0.15,
    },
    termValues: {
      'age=<band>': 'age bands, lower-inclusive: 18-24, 25-29, 30-39 (reference), 40-49, 50-54, 55-59, 60+',
      experience_years: 'years, as written (one decimal)',
      prior_dagpenge_hours: 'hours / 100',
      earlier_spells: 'count',
      previous_income: 'DKK / 100000',
      'disco_major=<d>': 'first digit of disco_code; empty code = (missing)',
      '<feature>=(missing)': 'the column is empty',
      'q10_barriers=<b>': '1 when b is in the semicolon-separated list',
      booleans: 'gender=mand, from_sickness_benefit, dimittend, children_at_home are 0/1',
      references: {
        age: '30-39',
        gender: 'kvinde',
        education: 'erhvervsfaglig',
        region: 'hovedstaden',
        origin: 'dansk',
        disco_major: '5',
        industry: 'handel_transport',
        q2_job_expectation: 'inden_3_maaneder',
      },
    },
    coefficients: { ...TRUE_COEFFICIENTS },
    columns: [...SPELL_COLUMNS],
    distributions: {
      drawOrder:
        'spell_start, origin, age, gender, education, dimittend, experience_years, from_sickness_benefit, earlier_spells, ' +
        'prior_dagpenge_hours, municipality (region follows), disco_code, industry, previous_income, children_at_home, ' +
        'q10_barriers, q2_job_expectation, then long_term',
      spellStart: { ...D.SPELL_START_RANGE, rule: 'uniform over the days, any weekday' },
      origin: D.ORIGIN_WEIGHTS,
      age: {
        bands: D.AGE_BANDS,
        bandWeights: D.AGE_BAND_WEIGHTS,
        rule: 'band by weight (descendants: descendant weights), then uniform whole years within the band',
      },
      gender: { mand: D.P_MAN, kvinde: 1 - D.P_MAN },
      education: {
        missingByOrigin: D.EDUCATION_MISSING_BY_ORIGIN,
        weightsByAge: D.EDUCATION_WEIGHTS_BY_AGE,
        nonWesternMultiplier: D.EDUCATION_NON_WESTERN_MULTIPLIER,
        minimumAge: D.EDUCATION_MIN_AGE,
      },
      dimittend: { ...D.DIMITTEND_PROBABILITY, rule: 'zero for everyone else' },
      experienceYears: {
        ...D.EXPERIENCE,
        educationYearsAfter16: D.EDUCATION_YEARS_AFTER_16,
        rule: '(age - 16 - education years) x clip(normal(mean, sd), 0.1, 1) x (immigrants: immigrantFactor), one decimal, at most age - 16; dimittender uniform 0 .. dimittendMax',
      },
      fromSicknessBenefit: { ...D.SICKNESS_BENEFIT, rule: 'P = logistic(logitAt40 + perYear x (age - 40))' },
      earlierSpells: D.EARLIER_SPELLS,
      priorDagpengeHours: {
        ...D.PRIOR_HOURS,
        rule: '0 without earlier spells; else 0 with pZero, else round(scale x sqrt(spells) x Exponential(1)), capped',
      },
      municipality: {
        rule: 'weight = population; x nonWesternHovedstadenFactor in Region Hovedstaden for non-western immigrants and descendants',
        nonWesternHovedstadenFactor: D.NON_WESTERN_HOVEDSTADEN_FACTOR,
        populations: Object.fromEntries(MUNICIPALITIES.map((m) => [m.code, m.population])),
      },
      discoCode: {
        missing: D.DISCO_MISSING,
        majorGroupWeights: Object.fromEntries(D.DISCO_MAJOR_WEIGHTS.map((w, i) => [String(i), w])),
        multipliersByEducation: D.DISCO_MULTIPLIERS_BY_EDUCATION,
        subMajorRange: D.DISCO_SUBMAJOR_RANGE,
        rule: 'major group by weight x education multiplier; then sub-major digit uniform in its range, third digit 1-4, fourth 1-9 (armed forces: 0110, 0210, 0310)',
      },
      industry: { missing: D.INDUSTRY_MISSING, weights: D.INDUSTRY_WEIGHTS, multipliersByDiscoMajor: D.INDUSTRY_MULTIPLIERS_BY_DISCO },
      previousIncome: D.INCOME,
      childrenAtHome: { byAgeBand: D.CHILDREN_BY_AGE_BAND },
      q10Barriers: {
        ...D.BARRIERS,
        rule: 'each barrier independently; fysisk_helbred + perYearOver30 x max(0, age - 30); it + perYearOver45 x max(0, age - 45); probabilities capped at 0.95',
      },
      q2JobExpectation: { weights: D.Q2_WEIGHTS, multipliers: D.Q2_MULTIPLIERS },
    },
    hours: {
      dataWindowEnd: { isoYear: DATA_WINDOW_END.year, isoWeek: DATA_WINDOW_END.week },
      rule:
        'rows for each of the 52 weeks from the ISO week of spell_start (0 when no benefit), then further rows only ' +
        'while the spell continues at 37 hours; nothing after the data window. Spells whose 52 weeks end after the ' +
        'window are censored. First week: 7.4 hours per working day from the first day (none for a Saturday or Sunday ' +
        'start, whose spell then lasts into the next week). Hours are whole tenths.',
      model: HOURS_MODEL,
    },
  };
}

/** The truth document as the JSON text written to disk (2-space indent, final newline). */
export function formatTruthJson(): string {
  return JSON.stringify(buildTruthDocument(), null, 2) + '\n';
}
