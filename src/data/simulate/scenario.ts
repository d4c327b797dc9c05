import { AGE_BAND_WEIGHTS } from './distributions.js';

/** The cohorts the simulator can draw. */
export const SCENARIO_NAMES = ['baseline', 'recession'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/**
 * How a cohort departs from the baseline draws of training/SIMULATION.md. The baseline departs in
 * nothing, so its files stay byte-identical to those of the generator without scenarios.
 */
export interface Scenario {
  name: ScenarioName;
  description: string;
  /** Age band weights for members who are not descendants (descendants keep their young profile). */
  ageBandWeights: readonly number[];
  /** Added to the log-odds of coming from sickness benefit. */
  sicknessLogitShift: number;
  /** Added to the true linear predictor η: the labour market itself is worse. The coefficients stay the same. */
  interceptShift: number;
}

/**
 * The cohorts. `recession` is a drift test case, not a forecast: a year in which more older members
 * and more members from sickness benefit become unemployed and every member's odds of long-term
 * unemployment are higher (about e^0.4 ≈ 1.5 ×). Its numbers are chosen so that a model trained on the
 * baseline sees a population stability index above 0.25 for age and from_sickness_benefit.
 */
export const SCENARIOS: Readonly<Record<ScenarioName, Scenario>> = {
  baseline: {
    name: 'baseline',
    description: 'the cohort of training/SIMULATION.md',
    ageBandWeights: AGE_BAND_WEIGHTS.default,
    sicknessLogitShift: 0,
    interceptShift: 0,
  },
  recession: {
    name: 'recession',
    description: 'a recession year: older members, more from sickness benefit, a higher base rate',
    ageBandWeights: [0.04, 0.07, 0.14, 0.21, 0.18, 0.19, 0.17],
    sicknessLogitShift: 1.8,
    interceptShift: 0.4,
  },
};
