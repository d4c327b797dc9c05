import { TRUE_COEFFICIENTS } from './coefficients.js';
import { AGE_BANDS } from './distributions.js';
import type { SimulatedMember } from './member.js';
import type { Rng } from './rng.js';

// Written out by hand from the member's values on purpose: the project's encoder is checked against
// this, so it must not share any code with it.

const REFERENCE_AGE_BAND = '30-39';

/** The true linear predictor η (log-odds of long-term unemployment) of a simulated member. */
export function linearPredictor(m: SimulatedMember): number {
  const c = TRUE_COEFFICIENTS;
  let eta = c['(Intercept)'];
  const band = AGE_BANDS[m.ageBand].label;
  if (band !== REFERENCE_AGE_BAND) eta += c[`age=${band}`];
  if (m.gender === 'mand') eta += c['gender=mand'];
  eta += c.experience_years * (m.experienceTenths / 10);
  if (m.education !== 'erhvervsfaglig') eta += c[`education=${m.education ?? '(missing)'}`];
  eta += c.from_sickness_benefit * m.fromSicknessBenefit;
  eta += c.prior_dagpenge_hours * (m.priorDagpengeHours / 100);
  eta += c.earlier_spells * m.earlierSpells;
  if (m.region !== 'hovedstaden') eta += c[`region=${m.region}`];
  if (m.origin !== 'dansk') eta += c[`origin=${m.origin}`];
  const major = m.discoCode === undefined ? '(missing)' : m.discoCode[0];
  if (major !== '5') eta += c[`disco_major=${major}`];
  if (m.industry !== 'handel_transport') eta += c[`industry=${m.industry ?? '(missing)'}`];
  eta += c.dimittend * m.dimittend;
  eta += c.previous_income * (m.previousIncome / 100_000);
  eta += c.children_at_home * m.childrenAtHome;
  if (m.q2 !== 'inden_3_maaneder') eta += c[`q2_job_expectation=${m.q2}`];
  for (const b of m.barriers) eta += c[`q10_barriers=${b}`];
  if (!Number.isFinite(eta)) throw new Error(`internal: no true coefficient for a term of this member (η = ${eta})`);
  return eta;
}

/** The probability of long-term unemployment, logistic(η). */
export function trueProbability(m: SimulatedMember): number {
  return 1 / (1 + Math.exp(-linearPredictor(m)));
}

/** Draws the outcome: 1 (long-term) with the member's true probability, its log-odds shifted by a scenario's `interceptShift`. */
export function drawOutcome(rng: Rng, m: SimulatedMember, interceptShift = 0): 0 | 1 {
  // η + 0 is η exactly, so the baseline draws what it always drew.
  return rng.bernoulli(1 / (1 + Math.exp(-(linearPredictor(m) + interceptShift))));
}
