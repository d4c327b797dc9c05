/**
 * A benefit period's weekly hours as stored: `YYYYWW:hours` pairs joined by `;` (`202502:37;202503:18.5`),
 * the canonical week code and the hours as exact decimal text, '' for no weeks. One string per record
 * instead of an object and two strings per week: an upload holds a year of weeks for each of thousands
 * of records, and the sealed column has always held this text.
 */

/** The most weeks one record may hold (ten years). */
export const MAX_STORED_WEEKS = 520;

/** The stored weeks as a regular expression: what {@link isWeeksText} accepts. */
export const WEEKS_TEXT_PATTERN = new RegExp(
  `^(?:\\d{6}:\\d{1,2}(?:\\.\\d{1,6})?(?:;\\d{6}:\\d{1,2}(?:\\.\\d{1,6})?){0,${MAX_STORED_WEEKS - 1}})?$`,
);

/** One stored week, as the API shows it. */
export interface StoredWeek {
  week: string;
  hours: string;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Whether `s` matches {@link WEEKS_TEXT_PATTERN}, read in one pass without the regex (a record holds a
 * year of weeks). test/data/weeksText.test.ts holds the two against each other.
 */
export function isWeeksText(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  let i = 0;
  let weeks = 0;
  for (;;) {
    if (++weeks > MAX_STORED_WEEKS || i + 8 > n) return false;
    for (let k = 0; k < 6; k++) if (!isDigit(s.charCodeAt(i + k))) return false;
    if (s.charCodeAt(i + 6) !== 58 /* : */) return false;
    i += 7;
    const whole = i;
    while (i < n && i - whole < 3 && isDigit(s.charCodeAt(i))) i++;
    if (i === whole || i - whole > 2) return false;
    if (i < n && s.charCodeAt(i) === 46 /* . */) {
      const frac = ++i;
      while (i < n && i - frac < 7 && isDigit(s.charCodeAt(i))) i++;
      if (i === frac || i - frac > 6) return false;
    }
    if (i === n) return true;
    if (s.charCodeAt(i) !== 59 /* ; */) return false;
    i++;
  }
}

/** The stored weeks as a list (for an API answer); '' is none. */
export function weeksOfText(s: string): StoredWeek[] {
  if (s === '') return [];
  return s.split(';').map((pair) => {
    const colon = pair.indexOf(':');
    return { week: pair.slice(0, colon), hours: pair.slice(colon + 1) };
  });
}
