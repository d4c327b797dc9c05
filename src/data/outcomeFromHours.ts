/**
 * A benefit period's 52-week outcome from the weekly dagpenge hours a fund receives (the DUR register's
 * ISO week `YYYYWW` and hours), by the same rule and censoring as `ledighedsprofil label`: the window
 * starts with the ISO week of the period's first day; it is over once the extract covers its 52nd week,
 * and until then the outcome is pending, not "no". The rule itself is labelSpell's ({@link labelParsedSpell}); this module
 * only validates one record's weeks field by field, so a bad week is named by its position.
 */
import { formatMicroHours, MICRO_PER_HOUR, parseHoursMicro } from './decimalHours.js';
import { yearWeekOfWeekIndex } from './isoWeek.js';
import { labelParsedSpell, parseStartField, parseWeekField, WINDOW_WEEKS, windowStartWeek } from './labels.js';

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
  /** The weeks as stored, in week order: `YYYYWW:hours` pairs (hours as exact decimal text) joined by `;`, '' for none. */
  weeks: string;
}

/** The hours as text the decimal parser reads; a JSON number is written as JavaScript prints it (1e-7 is refused, not misread). */
const hoursText = (h: string | number) => (typeof h === 'number' ? String(h) : h);

/**
 * One record's weeks parsed and checked once: what is wrong with them, and what the outcome needs
 * (see {@link parseHours}, {@link outcomeOfParsed}). A batch parses every record first, to find the
 * last week it sent, then judges each record against it.
 */
export interface ParsedHours {
  startDay: number | string;
  issues: HoursIssue[];
  /** The week index of each week as sent, or -1 where the week is not valid. */
  weekIndexes: number[];
  /** The canonical `YYYYWW` of each week with a valid week and valid hours, in the order sent. */
  validCodes: string[];
  /** Their week indexes and micro-hours, position by position. */
  validIndexes: number[];
  validMicros: number[];
  /** The latest valid week sent (index), or undefined. */
  lastSent: number | undefined;
}

/** Parses the first day and the weeks of one record, each week once; see {@link outcomeOfParsed}. */
export function parseHours(benefitPeriodStart: string, weeks: readonly WeekHours[]): ParsedHours {
  const issues: HoursIssue[] = [];
  const startDay = parseStartField(benefitPeriodStart);
  if (typeof startDay === 'string') issues.push({ index: null, field: 'benefitPeriodStart', reason: startDay });
  // Plain arrays: a typed array costs more to allocate than a record's weeks cost to parse.
  const weekIndexes: number[] = [];
  const validCodes: string[] = [];
  const validIndexes: number[] = [];
  const validMicros: number[] = [];
  // Weeks come in order as a rule: while each is later than the last, none can repeat one, and the
  // map of first positions is built only once one does not.
  let seen: Map<number, number> | undefined;
  let lastSent: number | undefined;
  for (let i = 0; i < weeks.length; i++) {
    const w = weeks[i];
    const week = typeof w.week === 'number' || typeof w.week === 'string' ? parseWeekField(String(w.week)) : 'the week is missing';
    const micro =
      typeof w.hours === 'number' || typeof w.hours === 'string' ? parseHoursMicro(hoursText(w.hours)) : 'the hours are missing';
    weekIndexes.push(typeof week === 'string' ? -1 : week);
    if (typeof week === 'string') issues.push({ index: i, field: 'week', reason: week });
    else {
      if (lastSent === undefined || week > lastSent) {
        seen?.set(week, i);
        lastSent = week;
      } else {
        if (seen === undefined) {
          seen = new Map();
          for (let j = 0; j < i; j++) if (weekIndexes[j] >= 0 && !seen.has(weekIndexes[j])) seen.set(weekIndexes[j], j);
        }
        const first = seen.get(week);
        if (first !== undefined) issues.push({ index: i, field: 'week', reason: `the week is given twice (first at index ${first})` });
        else seen.set(week, i);
      }
    }
    if (typeof micro === 'string') issues.push({ index: i, field: 'hours', reason: micro });
    // A valid week is six digits once trimmed, so the trimmed text is its canonical code (the sent
    // string itself when there was nothing to trim: no copy per week).
    if (typeof week === 'number' && typeof micro === 'number') {
      validIndexes.push(week);
      validMicros.push(micro);
      validCodes.push(String(w.week).trim());
    }
  }
  return {
    startDay,
    issues,
    weekIndexes,
    validCodes,
    validIndexes,
    validMicros,
    lastSent,
  };
}

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
  return outcomeOfParsed(parseHours(benefitPeriodStart, weeks), throughWeek);
}

/** {@link outcomeFromHours} of weeks parsed by {@link parseHours}. */
export function outcomeOfParsed(
  p: ParsedHours,
  throughWeek?: string | number | null,
): { ok: true; outcome: HoursOutcome } | { ok: false; issues: HoursIssue[] } {
  const { startDay } = p;
  const issues = [...p.issues];
  let last: number | undefined;
  if (throughWeek !== undefined && throughWeek !== null) {
    const t = parseWeekField(String(throughWeek));
    if (typeof t === 'string') issues.push({ index: null, field: 'hoursThroughWeek', reason: t });
    else last = t;
  } else if (p.lastSent !== undefined) last = p.lastSent;
  else if (issues.length === 0)
    issues.push({
      index: null,
      field: 'weeklyHours',
      reason: 'no week given: send the weeks, or hoursThroughWeek when every week had 0 hours',
    });
  if (last !== undefined && p.lastSent !== undefined && p.lastSent > last) {
    p.weekIndexes.forEach((week, i) => {
      if (week > last)
        issues.push({ index: i, field: 'week', reason: 'the week is after hoursThroughWeek, the last week the extract covers' });
    });
  }
  if (issues.length > 0 || typeof startDay === 'string' || last === undefined) return { ok: false, issues };

  const through = String(yearWeekOfWeekIndex(last));
  // The label is labelSpell's rule, on exactly the weeks validated above: one rule, not a copy of it.
  const indexes = p.validIndexes;
  const label = labelParsedSpell(startDay, indexes, p.validMicros, last);
  const start = windowStartWeek(startDay);
  let inWindow = 0;
  let ordered = true;
  for (let i = 0; i < indexes.length; i++) {
    if (indexes[i] >= start && indexes[i] < start + WINDOW_WEEKS) inWindow++;
    if (i > 0 && indexes[i] < indexes[i - 1]) ordered = false;
  }
  // In week order; equal weeks cannot get here (a repeat is an issue).
  const order = ordered ? null : [...indexes.keys()].sort((a, b) => indexes[a] - indexes[b]);
  // Joined, not appended: join makes one flat string, where += leaves a chain of a hundred pieces for
  // the garbage collector to copy with every record a batch keeps.
  const parts = new Array<string>(indexes.length);
  for (let k = 0; k < indexes.length; k++) {
    const i = order === null ? k : order[k];
    parts[k] = `${p.validCodes[i]}:${formatMicroHours(p.validMicros[i])}`;
  }
  const weeks = parts.join(';');
  return {
    ok: true,
    outcome: {
      state: label.censored ? 'pending' : 'known',
      longTerm: label.censored ? null : label.longTerm,
      windowHours: label.hoursMicro / MICRO_PER_HOUR,
      weeksReported: inWindow,
      throughWeek: through,
      weeks,
    },
  };
}

/** The latest valid week (`YYYYWW`) among `weeks`, or undefined: the default of a batch's `hoursThroughWeek`. */
export function lastWeekSent(weeks: Iterable<WeekHours>): string | undefined {
  const last = latestWeekIndex(weeks);
  return last === undefined ? undefined : String(yearWeekOfWeekIndex(last));
}

/**
 * The latest valid week index among `weeks` and `after` (undefined when there is neither), each week read
 * as parseHours reads it: a week that is neither a string nor a number is missing, not sent.
 */
export function latestWeekIndex(weeks: Iterable<WeekHours>, after?: number): number | undefined {
  let last = after;
  for (const w of weeks) {
    if (typeof w.week !== 'string' && typeof w.week !== 'number') continue;
    const i = parseWeekField(String(w.week));
    if (typeof i === 'number' && (last === undefined || i > last)) last = i;
  }
  return last;
}
