/**
 * A benefit period's 52-week outcome from the weekly dagpenge hours a fund receives (the DUR register's
 * ISO week `YYYYWW` and hours), by the same rule and censoring as `ledighedsprofil label`: the window
 * starts with the ISO week of the period's first day; it is over once the extract covers its 52nd week,
 * and until then the outcome is pending, not "no". The rule itself is {@link labelSpell}'s; this module
 * only validates one record's weeks field by field, so a bad week is named by its position.
 */
import { formatMicroHours, MICRO_PER_HOUR, parseHoursMicro } from './decimalHours.js';
import { yearWeekOfWeekIndex } from './isoWeek.js';
import { labelSpell, parseStartField, parseWeekField, WINDOW_WEEKS, windowStartWeek } from './labels.js';

/**
 * The identifier of the rule that makes a label from hours, stored with every label so a reader knows
 * which rule made it: 52 weeks from the ISO week of the first day, long-term at ≥ 80 % of 52 × 37 hours.
 */
export const HOURS_LABEL_CODE = 'dur-52w-80pct-1539.2h-v1';

/** One week as the register delivers it: ISO week `YYYYWW` and dagpenge hours (0–37, a plain decimal). */
export interface WeekHours {
  week: string | number;
  hours: string | number;
}

/** A problem with one field of the hours: `index` is the week's position in the list, null for a record field. */
export interface HoursIssue {
  index: number | null;
  field: 'week' | 'hours' | 'hoursThroughWeek' | 'benefitPeriodStart' | 'weeklyHours';
  reason: string;
}

/** The outcome the hours give: known (with the label) or pending, the window's hours and how many of its weeks were sent. */
export interface HoursOutcome {
  state: 'known' | 'pending';
  /** Null while pending. */
  longTerm: boolean | null;
  /** Hours counted in the 52-week window, exact (see decimalHours.ts). */
  windowHours: number;
  /** Weeks sent that fall inside the window. */
  weeksReported: number;
  /** The week the extract covers up to (as given, or the last week sent), `YYYYWW`. */
  throughWeek: string;
  /** The weeks as stored: canonical `YYYYWW` and the hours as exact decimal text, in week order. */
  weeks: { week: string; hours: string }[];
}

/** The hours as text the decimal parser reads; a JSON number is written as JavaScript prints it (1e-7 is refused, not misread). */
const hoursText = (h: string | number) => (typeof h === 'number' ? String(h) : h);

/**
 * Computes the outcome of a benefit period starting `benefitPeriodStart` from its weekly hours, the
 * extract covering weeks up to `throughWeek` (default: the last week sent, as `label` takes the last
 * week of the hours file). Returns every problem found, each naming the week's index and field.
 */
export function outcomeFromHours(
  benefitPeriodStart: string,
  weeks: readonly WeekHours[],
  throughWeek?: string | number | null,
): { ok: true; outcome: HoursOutcome } | { ok: false; issues: HoursIssue[] } {
  const issues: HoursIssue[] = [];
  const startDay = parseStartField(benefitPeriodStart);
  if (typeof startDay === 'string') issues.push({ index: null, field: 'benefitPeriodStart', reason: startDay });
  const seen = new Map<number, number>();
  const parsed: { index: number; code: string; hours: string }[] = [];
  weeks.forEach((w, i) => {
    const week = typeof w.week === 'number' || typeof w.week === 'string' ? parseWeekField(String(w.week)) : 'the week is missing';
    const micro =
      typeof w.hours === 'number' || typeof w.hours === 'string' ? parseHoursMicro(hoursText(w.hours)) : 'the hours are missing';
    if (typeof week === 'string') issues.push({ index: i, field: 'week', reason: week });
    else if (seen.has(week)) issues.push({ index: i, field: 'week', reason: `the week is given twice (first at index ${seen.get(week)})` });
    else seen.set(week, i);
    if (typeof micro === 'string') issues.push({ index: i, field: 'hours', reason: micro });
    // A valid week is six digits once trimmed, so the trimmed text is its canonical code.
    if (typeof week === 'number' && typeof micro === 'number')
      parsed.push({ index: week, code: String(w.week).trim(), hours: formatMicroHours(micro) });
  });
  let last: number | undefined;
  if (throughWeek !== undefined && throughWeek !== null) {
    const t = parseWeekField(String(throughWeek));
    if (typeof t === 'string') issues.push({ index: null, field: 'hoursThroughWeek', reason: t });
    else last = t;
  } else if (seen.size > 0) last = Math.max(...seen.keys());
  else if (issues.length === 0)
    issues.push({
      index: null,
      field: 'weeklyHours',
      reason: 'no week given: send the weeks, or hoursThroughWeek when every week had 0 hours',
    });
  if (last !== undefined) {
    weeks.forEach((w, i) => {
      const week = parseWeekField(String(w.week));
      if (typeof week === 'number' && week > last)
        issues.push({ index: i, field: 'week', reason: 'the week is after hoursThroughWeek, the last week the extract covers' });
    });
  }
  if (issues.length > 0 || typeof startDay === 'string' || last === undefined) return { ok: false, issues };

  const through = String(yearWeekOfWeekIndex(last));
  // The label is labelSpell's, on exactly the weeks validated above: one rule, not a copy of it.
  const label = labelSpell(
    benefitPeriodStart,
    parsed.map((p) => [p.code, p.hours] as const),
    through,
  );
  const start = windowStartWeek(startDay);
  const inWindow = parsed.filter((p) => p.index >= start && p.index < start + WINDOW_WEEKS).length;
  const sorted = [...parsed].sort((a, b) => a.index - b.index);
  return {
    ok: true,
    outcome: {
      state: label.censored ? 'pending' : 'known',
      longTerm: label.censored ? null : label.longTerm,
      windowHours: label.hoursMicro / MICRO_PER_HOUR,
      weeksReported: inWindow,
      throughWeek: through,
      weeks: sorted.map((p) => ({ week: p.code, hours: p.hours })),
    },
  };
}

/** The latest valid week (`YYYYWW`) among `weeks`, or undefined: the default of a batch's `hoursThroughWeek`. */
export function lastWeekSent(weeks: Iterable<WeekHours>): string | undefined {
  let last: number | undefined;
  for (const w of weeks) {
    const i = parseWeekField(String(w.week));
    if (typeof i === 'number' && (last === undefined || i > last)) last = i;
  }
  return last === undefined ? undefined : String(yearWeekOfWeekIndex(last));
}
