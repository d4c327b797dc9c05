import { formatIsoDate, yearWeekOfWeekIndex } from '../isoWeek.js';
import type { SimulatedMember } from './member.js';

/**
 * Fixed text formatting of the simulated files: no locale, no exponent notation, no floating-point
 * printing. Every code is ASCII without commas or quotes, so no field ever needs CSV quoting.
 */

/** The spells CSV header; `withOutcome` adds the long_term column (only when hours are not written). */
export function spellsHeader(withOutcome: boolean): string {
  return SPELL_COLUMNS.join(',') + (withOutcome ? ',long_term' : '') + '\n';
}

export const SPELL_COLUMNS = [
  'spell_id',
  'spell_start',
  'age',
  'gender',
  'experience_years',
  'education',
  'from_sickness_benefit',
  'prior_dagpenge_hours',
  'earlier_spells',
  'municipality',
  'region',
  'origin',
  'disco_code',
  'industry',
  'dimittend',
  'previous_income',
  'children_at_home',
  'q2_job_expectation',
  'q10_has_barriers',
  'q10_barriers',
] as const;

export const HOURS_HEADER = 'spell_id,year_week,hours\n';

/** A spell id `S0000001` with at least 7 digits (more when n needs them), so ids sort as text. */
export function spellId(index: number, width: number): string {
  return 'S' + String(index + 1).padStart(width, '0');
}

/** The number of digits spell ids of a cohort of n spells get. */
export function spellIdWidth(n: number): number {
  return Math.max(7, String(n).length);
}

/** Whole tenths as a decimal with at most one decimal: 375 → "37.5", 370 → "37", 5 → "0.5". */
export function formatTenths(tenths: number): string {
  const whole = Math.trunc(tenths / 10);
  const rest = tenths - whole * 10;
  return rest === 0 ? String(whole) : `${whole}.${rest}`;
}

/** Whole tenths always with one decimal: 120 → "12.0" (experience_years is documented as one decimal). */
export function formatTenthsFixed(tenths: number): string {
  const whole = Math.trunc(tenths / 10);
  return `${whole}.${tenths - whole * 10}`;
}

/** One line of the spells CSV, newline included. */
export function spellLine(id: string, m: SimulatedMember, longTerm: 0 | 1 | undefined): string {
  const line =
    `${id},${formatIsoDate(m.startDay)},${m.age},${m.gender},${formatTenthsFixed(m.experienceTenths)},${m.education ?? ''},` +
    `${m.fromSicknessBenefit},${m.priorDagpengeHours},${m.earlierSpells},${m.municipality},${m.region},${m.origin},` +
    `${m.discoCode ?? ''},${m.industry ?? ''},${m.dimittend},${m.previousIncome},${m.childrenAtHome},${m.q2},` +
    `${m.barriers.length > 0 ? 1 : 0},${m.barriers.join(';')}`;
  return longTerm === undefined ? line + '\n' : `${line},${longTerm}\n`;
}

const yearWeekCache = new Map<number, string>();
const tenthsCache: string[] = [];

/** The `YYYYWW` code of a week index, cached: the hours file asks for the same few hundred weeks. */
export function yearWeekCode(weekIndex: number): string {
  let code = yearWeekCache.get(weekIndex);
  if (code === undefined) {
    code = String(yearWeekOfWeekIndex(weekIndex));
    yearWeekCache.set(weekIndex, code);
  }
  return code;
}

/** Hours in tenths as text, cached for the 0 … 37 hours a week can hold. */
export function hoursText(tenths: number): string {
  if (!(tenths >= 0 && tenths <= 370)) return formatTenths(tenths);
  let text = tenthsCache[tenths];
  if (text === undefined) {
    text = formatTenths(tenths);
    tenthsCache[tenths] = text;
  }
  return text;
}
