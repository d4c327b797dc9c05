import { isoWeekday, weekIndexOfDay, weekIndexOfYearWeek } from '../isoWeek.js';
import type { Rng } from './rng.js';

/**
 * Weekly dagpenge hours of a simulated spell, made to agree with its drawn outcome: the 52 weeks from the
 * week of the first day sum to at least 1,539.2 hours exactly when the spell is long-term. Hours are
 * kept in tenths of an hour (whole numbers), so sums are exact and the side of the threshold is never
 * a matter of floating-point rounding.
 */

/** The last ISO week in the simulated data: spells whose 52 weeks reach past it are censored. */
export const DATA_WINDOW_END = { year: 2018, week: 26 } as const;
export const FOLLOW_UP_WEEKS = 52;
/** A full week, 37 hours, in tenths. */
export const FULL_WEEK = 370;
/** 0.8 × 52 × 37 = 1,539.2 hours, in tenths: long-term means a 52-week sum ≥ this. */
export const THRESHOLD = 15_392;

/** The shape parameters of the hours model, stated in SIMULATION.md and the truth file. */
export const HOURS_MODEL = {
  /** Share of long-term spells whose 52-week sum is put just above the threshold (1,539.2–1,580.0 h). */
  longNearThreshold: 0.12,
  /** Share of those near the threshold that sit exactly on it (1,539.2 h long-term, 1,539.1 h short). */
  exactlyAtThreshold: 0.05,
  /** Otherwise long-term spells miss Exponential(mean) weeks of their maximum, 30 % none at all. */
  longAllWeeksShare: 0.3,
  longMissedWeeksMean: 3,
  /** Share of short spells whose 52-week sum is put just below the threshold (1,450.0–1,539.1 h). */
  shortNearThreshold: 0.08,
  /** Otherwise short spells last 1 + Exponential(mean) weeks (at most 41) before an exit to work. */
  shortWeeksMean: 14,
  shortWeeksMax: 41,
  /** Share of spells with a block of part-time weeks (3–20 weeks, 8–25 hours worked a week). */
  partTimeShare: 0.3,
  /** Share of spells with a block of 1–8 weeks without benefit (a short job) inside the 52 weeks. */
  gapShare: 0.18,
  /** A spell still on benefit in week 52 continues full-time for Exponential(mean) more weeks. */
  continuationWeeksMean: 26,
} as const;

const LAST_WEEK_INDEX = weekIndexOfYearWeek(DATA_WINDOW_END.year, DATA_WINDOW_END.week);

/** A spell's weekly hours: tenths of hours for consecutive weeks from `firstWeek` (a week index). */
export interface SpellHours {
  firstWeek: number;
  tenths: number[];
}

/** True when the spell's 52 weeks reach past the data window, so that its label cannot be known. */
export function isCensored(startDay: number): boolean {
  return weekIndexOfDay(startDay) + FOLLOW_UP_WEEKS - 1 > LAST_WEEK_INDEX;
}

/**
 * Draws the weekly hours of a spell starting on `startDay` with outcome `longTerm`. All 52 weeks are
 * returned (weeks without benefit as 0), then more weeks only while the spell goes on at full time;
 * everything after the data window is cut off.
 */
export function drawSpellHours(rng: Rng, startDay: number, longTerm: boolean): SpellHours {
  const M = HOURS_MODEL;
  const weekday = isoWeekday(startDay);
  // The first week pays only the working days from the first day on (7.4 hours a day, none at weekends).
  const firstWeekCap = weekday <= 5 ? 74 * (6 - weekday) : 0;
  const maxTotal = firstWeekCap + (FOLLOW_UP_WEEKS - 1) * FULL_WEEK;

  let target: number;
  if (longTerm) {
    if (rng.bernoulli(M.longNearThreshold)) target = rng.bernoulli(M.exactlyAtThreshold) ? THRESHOLD : rng.integer(THRESHOLD, 15_800);
    else {
      const missed = rng.bernoulli(M.longAllWeeksShare) ? 0 : Math.round(-Math.log(rng.uniformOpen()) * M.longMissedWeeksMean * FULL_WEEK);
      target = maxTotal - missed;
      if (target < THRESHOLD) target = rng.integer(THRESHOLD, 16_500);
    }
  } else if (rng.bernoulli(M.shortNearThreshold)) {
    target = rng.bernoulli(M.exactlyAtThreshold) ? THRESHOLD - 1 : rng.integer(14_500, THRESHOLD - 1);
  } else {
    let weeks = 1 + Math.floor(-Math.log(rng.uniformOpen()) * M.shortWeeksMean);
    if (weeks > M.shortWeeksMax) weeks = rng.integer(20, M.shortWeeksMax);
    // A spell that starts at a weekend is paid from the Monday after, so it lasts into a second week.
    if (weeks === 1 && firstWeekCap === 0) weeks = 2;
    // The exit to work falls on some day of the last week: 1–5 working days of it are paid.
    target = weeks === 1 ? firstWeekCap : firstWeekCap + (weeks - 2) * FULL_WEEK + 74 * rng.integer(1, 5);
  }

  const cap = new Array<number>(FOLLOW_UP_WEEKS).fill(FULL_WEEK);
  cap[0] = firstWeekCap;
  if (rng.bernoulli(M.partTimeShare)) {
    const start = rng.integer(1, 40);
    const length = rng.integer(3, 20);
    for (let w = start; w < Math.min(FOLLOW_UP_WEEKS, start + length); w++) cap[w] = FULL_WEEK - rng.integer(80, 250);
  }
  if (rng.bernoulli(M.gapShare)) {
    const start = rng.integer(2, 45);
    const length = rng.integer(1, 8);
    for (let w = start; w < Math.min(FOLLOW_UP_WEEKS, start + length); w++) cap[w] = 0;
  }
  // If part-time weeks and a gap leave too little room for the target, give weeks back in full.
  let room = cap.reduce((a, b) => a + b, 0);
  for (let w = 1; room < target && w < FOLLOW_UP_WEEKS; w++) {
    room += FULL_WEEK - cap[w];
    cap[w] = FULL_WEEK;
  }

  // Benefit is paid from the first week on until the target is used up: the rest are weeks in work.
  const tenths: number[] = [];
  let remaining = target;
  for (let w = 0; w < FOLLOW_UP_WEEKS; w++) {
    const h = Math.min(cap[w], remaining);
    tenths.push(h);
    remaining -= h;
  }
  if (remaining !== 0) throw new Error(`internal: could not place ${remaining / 10} hours of a spell`);
  if (tenths[FOLLOW_UP_WEEKS - 1] > 0) {
    const more = Math.floor(-Math.log(rng.uniformOpen()) * M.continuationWeeksMean);
    for (let i = 0; i < more; i++) tenths.push(FULL_WEEK);
  }

  const firstWeek = weekIndexOfDay(startDay);
  const inWindow = Math.max(0, LAST_WEEK_INDEX - firstWeek + 1);
  if (tenths.length > inWindow) tenths.length = inWindow;
  return { firstWeek, tenths };
}
