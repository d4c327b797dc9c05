/**
 * The fast paths of parseWeekField, parseHoursMicro and formatMicroHours (six-digit weeks, one- or
 * two-digit hours, whole hours) against the functions as they were before them, kept here verbatim,
 * on every short digit string and on odd texts around them.
 */
import { describe, expect, it } from 'vitest';
import {
  formatMicroHours,
  HOURS_DECIMALS,
  MAX_WEEK_HOURS,
  MICRO_PER_HOUR,
  parseHoursMicro,
  type RoundingTally,
} from '../../src/data/decimalHours.js';
import { parseYearWeek, weekIndexOfYearWeek, weeksInIsoYear } from '../../src/data/isoWeek.js';
import { parseWeekField } from '../../src/data/labels.js';

const WEEK_CODE = /^(\d{4})(\d{2})$/;
const FIRST_CACHED_YEAR = 1900;
const CACHED_YEARS = 300;
const week1Index = new Int32Array(CACHED_YEARS);
const weeksPerYear = new Uint8Array(CACHED_YEARS);
for (let k = 0; k < CACHED_YEARS; k++) {
  week1Index[k] = weekIndexOfYearWeek(FIRST_CACHED_YEAR + k, 1);
  weeksPerYear[k] = weeksInIsoYear(FIRST_CACHED_YEAR + k);
}
const MAX_WEEK_MICRO = MAX_WEEK_HOURS * MICRO_PER_HOUR;
const NUMBER = /^(\d*)(?:\.(\d*))?$/;

// The previous implementations, verbatim.
function referenceParseWeekField(text: string): number | string {
  const t = text.trim();
  const m = WEEK_CODE.exec(t);
  if (m) {
    const k = +m[1] - FIRST_CACHED_YEAR;
    const week = +m[2];
    if (k >= 0 && k < CACHED_YEARS && week >= 1 && week <= weeksPerYear[k]) return week1Index[k] + week - 1;
    const parsed = parseYearWeek(t);
    if (parsed) return weekIndexOfYearWeek(parsed.year, parsed.week);
  }
  if (t === '') return 'empty: the year-week is missing';
  if (!m) return `"${t}" is not an ISO year-week YYYYWW (e.g. 202053)`;
  const year = +m[1];
  if (year < FIRST_CACHED_YEAR) return `year ${year} is out of range (before ${FIRST_CACHED_YEAR})`;
  if (m[2] === '00') return 'week 00 does not exist (ISO weeks are numbered from 01)';
  return `week ${m[2]} does not exist in ${year}, which has ${weeksInIsoYear(year)} ISO weeks`;
}

function referenceParseHoursMicro(text: string, tally?: RoundingTally): number | string {
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
function referenceFormatMicroHours(micro: number): string {
  const whole = Math.floor(micro / MICRO_PER_HOUR);
  const frac = micro - whole * MICRO_PER_HOUR;
  if (frac === 0) return String(whole);
  return `${whole}.${String(frac).padStart(HOURS_DECIMALS, '0').replace(/0+$/, '')}`;
}

const ODD = ['', ' ', '\t202501', '202501 ', ' 202501', '２０２５０１', '20250a', '2025-01', '+20250', '-20250', '1e5000', '٢٠٢٥٠١'];

describe('fast paths', () => {
  it('parseWeekField answers as before for every six-digit text and odd ones', () => {
    const differ: string[] = [];
    // Every week of the years 1880–2220 (the cache holds 1900–2199), and a sample of the other texts.
    for (let n = 0; n < 1_000_000; n += n >= 188_000 && n < 222_100 ? 1 : 97) {
      const t = String(n).padStart(6, '0');
      if (parseWeekField(t) !== referenceParseWeekField(t)) differ.push(t);
    }
    expect(differ).toEqual([]);
    for (const t of [...ODD, '0', '99', '20250', '2025011', ' 202553', '202553\n'])
      expect(parseWeekField(t)).toBe(referenceParseWeekField(t));
  });

  it('parseHoursMicro answers as before for every text of up to three digits or dots and odd ones', () => {
    const chars = ['', '0', '1', '3', '7', '8', '9', '.', ' ', ',', '-', 'a', '٣'];
    const texts = new Set<string>();
    for (const a of chars) for (const b of chars) for (const c of chars) texts.add(a + b + c);
    for (const t of [...texts, ...ODD, '37', '38', '36', '37.0', '37.0000001', '12.5', '0.0000005']) {
      const fast: RoundingTally = { rounded: 0 };
      const ref: RoundingTally = { rounded: 0 };
      expect(parseHoursMicro(t, fast), JSON.stringify(t)).toBe(referenceParseHoursMicro(t, ref));
      expect(fast).toEqual(ref);
    }
  });

  it('formatMicroHours writes as before', () => {
    for (let micro = 0; micro <= MAX_WEEK_MICRO; micro += 250_000) expect(formatMicroHours(micro)).toBe(referenceFormatMicroHours(micro));
    for (const micro of [1, 5, 999_999, 1_000_001, 36_999_999, 38_000_000, 100_000_000, -1_000_000])
      expect(formatMicroHours(micro)).toBe(referenceFormatMicroHours(micro));
    expect(HOURS_DECIMALS).toBe(6);
  });
});
