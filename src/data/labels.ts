/**
 * The outcome of the model: a benefit spell is long-term when dagpenge were paid for at least 80 % of
 * the 52 weeks that start with the ISO week of the spell's first day, counted in weekly hours
 * (37 hours = one full week, so the bar is 0.8 × 52 × 37 = 1,539.2 hours). Pure computation, no I/O:
 * src/data/labelFiles.ts streams the CSV files through {@link LabelTable}.
 */
import { z } from 'zod';
import { parseIsoDate, parseYearWeek, weekIndexOfDay, weekIndexOfYearWeek, weeksInIsoYear } from './isoWeek.js';
import { MAX_WEEK_HOURS, MICRO_PER_HOUR, parseHoursMicro, type RoundingTally } from './decimalHours.js';

/** Weeks in the observation window after the first day of a benefit period. */
export const WINDOW_WEEKS = 52;

/** Share of the window on dagpenge from which a spell counts as long-term. */
export const LONG_TERM_SHARE = 0.8;

/** The bar in micro-hours: 0.8 × 52 × 37 h = 1,539.2 h, as an exact integer (no float product). */
export const LONG_TERM_THRESHOLD_MICRO = (WINDOW_WEEKS * MAX_WEEK_HOURS * MICRO_PER_HOUR * 8) / 10;

/** Whether a window sum (micro-hours) reaches the long-term bar; 1,539.2 h does, 1,539.1 h does not. */
export function isLongTerm(sumMicro: number): boolean {
  return sumMicro >= LONG_TERM_THRESHOLD_MICRO;
}

/** The week index of the first window week: the ISO week containing the spell's first day. */
export function windowStartWeek(startDay: number): number {
  return weekIndexOfDay(startDay);
}

/** Whether the window starting at `startWeek` reaches past the data's last week (index) and so is not over. */
export function isCensored(startWeek: number, lastWeek: number): boolean {
  return startWeek + WINDOW_WEEKS - 1 > lastWeek;
}

const WEEK_CODE = /^(\d{4})(\d{2})$/;
const FIRST_CACHED_YEAR = 1900;
const CACHED_YEARS = 300;
// Week index of ISO week 1 and the number of ISO weeks, per year: the hours file has one row per spell
// and week, so this is computed tens of millions of times and the Date arithmetic behind it adds up.
const week1Index = new Int32Array(CACHED_YEARS);
const weeksPerYear = new Uint8Array(CACHED_YEARS);
for (let k = 0; k < CACHED_YEARS; k++) {
  week1Index[k] = weekIndexOfYearWeek(FIRST_CACHED_YEAR + k, 1);
  weeksPerYear[k] = weeksInIsoYear(FIRST_CACHED_YEAR + k);
}

/** Parses a `YYYYWW` field into a week index, or returns the reason it is not a valid ISO year-week. */
export function parseWeekField(text: string): number | string {
  // Six ASCII digits, as nearly every week arrives: read without the trim, regex and match array (an
  // upload parses a year of weeks per record). Anything else, or a week the cache does not hold, takes
  // the general path below, which decides the same for these.
  if (text.length === 6) {
    let year = 0;
    let week = 0;
    let digits = true;
    for (let i = 0; i < 6; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) {
        digits = false;
        break;
      }
      if (i < 4) year = year * 10 + d;
      else week = week * 10 + d;
    }
    const k = year - FIRST_CACHED_YEAR;
    if (digits && k >= 0 && k < CACHED_YEARS && week >= 1 && week <= weeksPerYear[k]) return week1Index[k] + week - 1;
  }
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

/** Parses a spell's first day `YYYY-MM-DD` into a day number, or returns the reason it is not valid. */
export function parseStartField(text: string): number | string {
  const t = text.trim();
  const day = parseIsoDate(t);
  if (day !== undefined) return day;
  if (t === '') return 'empty: the first day of the spell is missing';
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return `"${t}" is not a calendar date`;
  return `"${t}" is not a date YYYY-MM-DD`;
}

/** The label of one spell: censored, or the hours in its window and whether they reach the bar. */
export type SpellLabel =
  | { censored: true; startWeek: number; hoursMicro: number; roundedHours: number }
  | { censored: false; startWeek: number; hoursMicro: number; roundedHours: number; longTerm: boolean };

/**
 * Labels a single spell from its weekly rows held in memory (for tests, the service and small data).
 * `weeks` pairs a `YYYYWW` code with hours as written; weeks missing from the list count as 0 hours.
 * Throws on an invalid week or hours value or a repeated week, since there is no file to point at.
 */
export function labelSpell(
  spellStart: string,
  weeks: Iterable<readonly [yearWeek: string | number, hours: string | number]>,
  lastYearWeek: string | number,
): SpellLabel {
  const startDay = parseStartField(spellStart);
  if (typeof startDay === 'string') throw new RangeError(`spell_start: ${startDay}`);
  const last = parseWeekField(String(lastYearWeek));
  if (typeof last === 'string') throw new RangeError(`last week: ${last}`);
  const seen = new Set<number>();
  const tally: RoundingTally = { rounded: 0 };
  const indexes: number[] = [];
  const micros: number[] = [];
  for (const [yw, h] of weeks) {
    const w = parseWeekField(String(yw));
    if (typeof w === 'string') throw new RangeError(`year_week: ${w}`);
    const micro = parseHoursMicro(String(h), tally);
    if (typeof micro === 'string') throw new RangeError(`hours: ${micro}`);
    if (seen.has(w)) throw new RangeError(`year_week ${yw} appears twice`);
    seen.add(w);
    indexes.push(w);
    micros.push(micro);
  }
  return labelParsedSpell(startDay, indexes, micros, last, tally.rounded);
}

/**
 * labelSpell's rule on weeks its caller has already parsed and checked (distinct week indexes, and
 * the hours of each in micro-hours, position by position): the spell's first day and the data's last
 * week as numbers, and how many hours values were rounded.
 */
export function labelParsedSpell(
  startDay: number,
  indexes: ArrayLike<number>,
  micros: ArrayLike<number>,
  last: number,
  roundedHours = 0,
): SpellLabel {
  const startWeek = windowStartWeek(startDay);
  let sum = 0;
  for (let i = 0; i < indexes.length; i++) {
    const offset = indexes[i] - startWeek;
    if (offset >= 0 && offset < WINDOW_WEEKS) sum += micros[i];
  }
  if (isCensored(startWeek, last)) return { censored: true, startWeek, hoursMicro: sum, roundedHours };
  return { censored: false, startWeek, hoursMicro: sum, roundedHours, longTerm: isLongTerm(sum) };
}

/** Status of a spell in a {@link LabelTable}. */
export const SpellStatus = {
  /** A valid spell; its hours are being summed. */
  ok: 0,
  /** Its row in the spells file is invalid; its hours rows are ignored (and counted). */
  rejected: 1,
  /** Valid row, but an hours row of it is invalid or its id is duplicated: no label from partial data. */
  excluded: 2,
} as const;

/** Why a spell was excluded, kept per spell so the rejects file can point at the cause. */
export const ExclusionCause = { none: 0, invalidHours: 1, duplicateId: 2 } as const;

/** A problem with one field of an hours or spells row; allocated only when a row is invalid. */
export interface FieldProblem {
  field: 'spell_id' | 'spell_start' | 'year_week' | 'hours';
  reason: string;
}

/** Counters of what went into the table, for the summary. */
export interface LabelCounts {
  spellRows: number;
  hoursRows: number;
  /** Valid hours rows whose week lies outside their spell's 52-week window (not counted). */
  hoursOutsideWindow: number;
  /** Hours rows of spells whose own row in the spells file was invalid (ignored). */
  hoursOfRejectedSpells: number;
}

const INITIAL_CAPACITY = 1024;
const EMPTY_ID = 'empty: the spell id is missing';

/** Adds a problem to a row's list, creating the list with its first problem, so a valid row allocates none. */
function withProblem(problems: FieldProblem[] | undefined, problem: FieldProblem): FieldProblem[] {
  if (problems === undefined) return [problem];
  problems.push(problem);
  return problems;
}

/**
 * A spells row: the two columns the label needs (the others are carried through untouched). zod is
 * used here, once per spell; the hours rows, fifty times as many, are checked by the same field
 * parsers without it (see {@link LabelTable.addHours}).
 */
export const spellRowSchema = z.object({
  spell_id: z.string().trim().min(1, EMPTY_ID),
  spell_start: z.string().transform((text, ctx) => {
    const day = parseStartField(text);
    if (typeof day === 'string') {
      ctx.addIssue({ code: 'custom', message: day });
      return z.NEVER;
    }
    return day;
  }),
});

/**
 * The spells and their running window sums in compact form: a Map from spell id to a dense index and
 * typed arrays indexed by it, so a million spells cost tens of megabytes and no object per row is kept.
 * Duplicate weeks inside a window are detected with a 52-bit mask per spell (two 32-bit words); rows
 * outside the window are checked for format but not for duplicates, as they cannot change a label.
 */
export class LabelTable {
  private readonly ids = new Map<string, number>();
  private n = 0;
  private startWeeks = new Int32Array(INITIAL_CAPACITY);
  private lines = new Int32Array(INITIAL_CAPACITY);
  private statuses = new Uint8Array(INITIAL_CAPACITY);
  private causes = new Uint8Array(INITIAL_CAPACITY);
  /** Line of the first invalid hours row of an excluded spell, or of its duplicate in the spells file. */
  private causeLines = new Int32Array(INITIAL_CAPACITY);
  private badHoursRows = new Int32Array(INITIAL_CAPACITY);
  private hoursRowCount = new Int32Array(INITIAL_CAPACITY);
  private sums = new Float64Array(INITIAL_CAPACITY);
  private maskLo = new Uint32Array(INITIAL_CAPACITY);
  private maskHi = new Uint32Array(INITIAL_CAPACITY);
  private readonly tally: RoundingTally = { rounded: 0 };
  private minWeek = Infinity;
  private maxWeek = -Infinity;
  readonly counts: LabelCounts = { spellRows: 0, hoursRows: 0, hoursOutsideWindow: 0, hoursOfRejectedSpells: 0 };

  /** Number of distinct spell ids registered (valid or not). */
  get size(): number {
    return this.n;
  }

  /**
   * Registers a spells row found on `line`. Returns undefined when it is valid, else its problems.
   * A repeated id is a problem on the later row and excludes the earlier spell too, since its hours
   * rows could belong to either.
   */
  addSpell(idText: string, startText: string, line: number): FieldProblem[] | undefined {
    this.counts.spellRows++;
    const parsed = spellRowSchema.safeParse({ spell_id: idText, spell_start: startText });
    let problems: FieldProblem[] | undefined = parsed.success
      ? undefined
      : parsed.error.issues.map((issue) => ({ field: issue.path[0] as FieldProblem['field'], reason: issue.message }));
    const id = idText.trim();
    if (id === '') return problems;
    const earlier = this.ids.get(id);
    if (earlier !== undefined) {
      if (this.statuses[earlier] === SpellStatus.ok) this.exclude(earlier, ExclusionCause.duplicateId, line);
      problems = withProblem(problems, { field: 'spell_id', reason: `duplicate spell_id "${id}": first on line ${this.lines[earlier]}` });
      return problems;
    }
    const i = this.push(id, line);
    if (parsed.success) this.startWeeks[i] = windowStartWeek(parsed.data.spell_start);
    else this.statuses[i] = SpellStatus.rejected;
    return problems;
  }

  /**
   * Adds an hours row found on `line`. Returns undefined when it is valid, else its problems. Checked
   * without zod: this runs once per spell and week (tens of millions of rows), where a zod object parse
   * nearly doubles the cost of the checks themselves and allocates an object per row.
   */
  addHours(idText: string, weekText: string, hoursText: string, line: number): FieldProblem[] | undefined {
    this.counts.hoursRows++;
    const id = idText.trim();
    const week = parseWeekField(weekText);
    const micro = parseHoursMicro(hoursText, this.tally);
    let problems: FieldProblem[] | undefined;
    const i = id === '' ? undefined : this.ids.get(id);
    if (id === '') problems = withProblem(problems, { field: 'spell_id', reason: EMPTY_ID });
    else if (i === undefined)
      problems = withProblem(problems, { field: 'spell_id', reason: `unknown spell_id "${id}": not in the spells file` });
    if (typeof week === 'string') problems = withProblem(problems, { field: 'year_week', reason: week });
    else {
      // The data's extent counts every well-formed week, whatever else is wrong with the row.
      if (week > this.maxWeek) this.maxWeek = week;
      if (week < this.minWeek) this.minWeek = week;
    }
    if (typeof micro === 'string') problems = withProblem(problems, { field: 'hours', reason: micro });
    if (i === undefined) return problems;
    this.hoursRowCount[i]++;
    if (this.statuses[i] === SpellStatus.rejected) {
      this.counts.hoursOfRejectedSpells++;
      return problems;
    }
    if (!problems) {
      const offset = (week as number) - this.startWeeks[i];
      if (offset < 0 || offset >= WINDOW_WEEKS) this.counts.hoursOutsideWindow++;
      else if (this.testAndSetWeek(i, offset)) {
        problems = [
          { field: 'year_week', reason: `duplicate week ${weekText.trim()} for spell_id "${id}": the week is given on an earlier row` },
        ];
      } else this.sums[i] += micro as number;
    }
    if (problems) {
      this.badHoursRows[i]++;
      if (this.statuses[i] === SpellStatus.ok) this.exclude(i, ExclusionCause.invalidHours, line);
    }
    return problems;
  }

  /** The latest well-formed week (index) in the hours rows, or undefined when there was none. */
  get lastWeekSeen(): number | undefined {
    return Number.isFinite(this.maxWeek) ? this.maxWeek : undefined;
  }

  /** The earliest well-formed week (index) in the hours rows, or undefined when there was none. */
  get firstWeekSeen(): number | undefined {
    return Number.isFinite(this.minWeek) ? this.minWeek : undefined;
  }

  /** Hours values rounded to six decimals so far. */
  get roundedHours(): number {
    return this.tally.rounded;
  }

  /** The dense index of a spell id (trimmed), or undefined. */
  indexOf(idText: string): number | undefined {
    return this.ids.get(idText.trim());
  }

  /** Line of spell `i` in the spells file. */
  lineOf(i: number): number {
    return this.lines[i];
  }

  /** Status of spell `i` (see {@link SpellStatus}). */
  statusOf(i: number): number {
    return this.statuses[i];
  }

  /** Why spell `i` was excluded, the line that caused it, and how many invalid hours rows it had. */
  exclusionOf(i: number): { cause: number; line: number; badHoursRows: number } {
    return { cause: this.causes[i], line: this.causeLines[i], badHoursRows: this.badHoursRows[i] };
  }

  /** First window week (index) of spell `i`. */
  startWeekOf(i: number): number {
    return this.startWeeks[i];
  }

  /** Hours (micro-hours) counted so far in spell `i`'s window. */
  sumOf(i: number): number {
    return this.sums[i];
  }

  /** Number of hours rows (any week, valid or not) that named spell `i`. */
  hoursRowsOf(i: number): number {
    return this.hoursRowCount[i];
  }

  private exclude(i: number, cause: number, line: number): void {
    this.statuses[i] = SpellStatus.excluded;
    this.causes[i] = cause;
    this.causeLines[i] = line;
  }

  /** Marks window week `offset` of spell `i` as seen; returns whether it already was. */
  private testAndSetWeek(i: number, offset: number): boolean {
    if (offset < 32) {
      const bit = (1 << offset) >>> 0;
      if ((this.maskLo[i] & bit) !== 0) return true;
      this.maskLo[i] = (this.maskLo[i] | bit) >>> 0;
    } else {
      const bit = (1 << (offset - 32)) >>> 0;
      if ((this.maskHi[i] & bit) !== 0) return true;
      this.maskHi[i] = (this.maskHi[i] | bit) >>> 0;
    }
    return false;
  }

  private push(id: string, line: number): number {
    if (this.n === this.lines.length) this.grow();
    const i = this.n++;
    this.ids.set(id, i);
    this.lines[i] = line;
    return i;
  }

  private grow(): void {
    const cap = this.lines.length * 2;
    const widen = <T extends Int32Array | Uint8Array | Float64Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.startWeeks = widen(this.startWeeks, (k) => new Int32Array(k));
    this.lines = widen(this.lines, (k) => new Int32Array(k));
    this.statuses = widen(this.statuses, (k) => new Uint8Array(k));
    this.causes = widen(this.causes, (k) => new Uint8Array(k));
    this.causeLines = widen(this.causeLines, (k) => new Int32Array(k));
    this.badHoursRows = widen(this.badHoursRows, (k) => new Int32Array(k));
    this.hoursRowCount = widen(this.hoursRowCount, (k) => new Int32Array(k));
    this.sums = widen(this.sums, (k) => new Float64Array(k));
    this.maskLo = widen(this.maskLo, (k) => new Uint32Array(k));
    this.maskHi = widen(this.maskHi, (k) => new Uint32Array(k));
  }
}

/** The `long_term` value written for a labelled spell. */
export function longTermCode(sumMicro: number): '0' | '1' {
  return isLongTerm(sumMicro) ? '1' : '0';
}
