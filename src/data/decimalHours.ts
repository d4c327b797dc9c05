/**
 * Weekly dagpenge hours as exact integers of millionths of an hour ("micro-hours"). Summing binary
 * floating-point numbers such as 0.1 drifts (41 × 37 + 22.2 is 1539.2000000000003 in floats), and a
 * label that flips on that drift is a silent change of the data. Every value with up to six decimals is
 * exact in micro-hours, and 52 weeks of 37 hours (1.924e9 micro-hours) stay far below 2^53, so sums in
 * a Float64Array are exact integers too.
 */

/** Micro-hours per hour. */
export const MICRO_PER_HOUR = 1_000_000;

/** Decimals kept exactly; more decimals are rounded half-up to this many (and counted by the caller). */
export const HOURS_DECIMALS = 6;

/** The most hours a week can carry: 37 hours is one full week of dagpenge. */
export const MAX_WEEK_HOURS = 37;

const MAX_WEEK_MICRO = MAX_WEEK_HOURS * MICRO_PER_HOUR;
/** The texts of 0 … 37 whole hours, made once: an upload formats a year of weeks per record. */
const WHOLE_HOURS = Array.from({ length: MAX_WEEK_HOURS + 1 }, (_, h) => String(h));
const NUMBER = /^(\d*)(?:\.(\d*))?$/;

/** Tally of values whose extra decimals were rounded, so the caller can say how many. */
export interface RoundingTally {
  rounded: number;
}

/**
 * Parses an hours value written as a plain decimal (`37`, `37.0`, `12.5`, `0.25`) into micro-hours.
 * Returns the micro-hours, or a string with the reason the value is not valid weekly hours. Values with
 * more than six decimals are rounded half-up to six and counted in `tally`; the range 0–37 is checked
 * on the exact text before rounding, so 37.0000001 is rejected rather than rounded into range.
 */
export function parseHoursMicro(text: string, tally?: RoundingTally): number | string {
  // One or two ASCII digits (37, 0, 8), as most weeks arrive: the general path below gives the same.
  if (text.length === 1 || text.length === 2) {
    const a = text.charCodeAt(0) - 48;
    const b = text.length === 2 ? text.charCodeAt(1) - 48 : 0;
    if (a >= 0 && a <= 9 && b >= 0 && b <= 9) {
      const whole = text.length === 2 ? a * 10 + b : a;
      if (whole <= MAX_WEEK_HOURS) return whole * MICRO_PER_HOUR;
    }
  }
  const t = text.trim();
  if (t === '') return 'empty: the hours are missing (leave the week out for 0 hours)';
  const m = NUMBER.exec(t);
  if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) return explainBadNumber(t);
  const whole = m[1] === '' ? 0 : Number(m[1]);
  const frac = m[2] ?? '';
  if (whole > MAX_WEEK_HOURS || (whole === MAX_WEEK_HOURS && /[1-9]/.test(frac))) {
    return `${t} is more than ${MAX_WEEK_HOURS} hours, the most a week can carry`;
  }
  let micro = whole * MICRO_PER_HOUR;
  if (frac.length <= HOURS_DECIMALS) {
    if (frac.length > 0) micro += Number(frac.padEnd(HOURS_DECIMALS, '0'));
    return micro;
  }
  micro += Number(frac.slice(0, HOURS_DECIMALS));
  if (frac.charCodeAt(HOURS_DECIMALS) >= 53 /* '5' */) micro += 1;
  if (tally) tally.rounded++;
  return Math.min(micro, MAX_WEEK_MICRO);
}

function explainBadNumber(t: string): string {
  if (/^-\s*\d/.test(t)) return `${t} is negative: weekly hours are 0 to ${MAX_WEEK_HOURS}`;
  if (/^\d+,\d+$/.test(t)) return `"${t}" has a decimal comma: write hours with a decimal point (12.5)`;
  return `"${t}" is not a number of hours (expected a plain decimal such as 37 or 12.5)`;
}

/** Formats micro-hours as the shortest exact decimal (`1539.2`, `1924`, `0.000001`). */
export function formatMicroHours(micro: number): string {
  const whole = Math.floor(micro / MICRO_PER_HOUR);
  const frac = micro - whole * MICRO_PER_HOUR;
  if (frac === 0) return whole >= 0 && whole <= MAX_WEEK_HOURS ? WHOLE_HOURS[whole] : String(whole);
  return `${whole}.${String(frac).padStart(HOURS_DECIMALS, '0').replace(/0+$/, '')}`;
}
