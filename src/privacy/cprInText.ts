/**
 * The one definition of "text that holds a CPR number", used wherever free text could carry one: the
 * log filter, the PDF's comment, the storage guard, the request-id generator. One definition, so that
 * what storage refuses, the log masks and the paper hides are the same numbers.
 *
 * A CPR number in text is ten digits, DDMMYY then SSSS, such that
 * 1. DDMMYY is a real calendar date, the century taken from the 7th digit as in cprNumber.ts (no
 *    "not in the future" rule: a guard on text must not depend on the clock);
 * 2. between DDMMYY and SSSS stands nothing, or a separator: at most one hyphen or dash
 *    (- ‐ ‑ ‒ – −) with up to two spaces on either side, or up to two spaces alone. A space is any
 *    of space, tab, no-break space, thin space, narrow no-break space, and the URL encodings `+` and
 *    `%20` (CPR numbers travel in request paths and queries, which are logged). So `070761-4285`,
 *    `0707614285`, `070761 4285`, `070761 - 4285` and `070761%204285` all count;
 * 3. the ten digits are not part of a longer run of digits: no digit directly before DDMMYY or after
 *    SSSS (an 11-digit number, a millisecond timestamp is not a CPR number);
 * 4. they are not the decimals of a number: a digit and `.` directly before DDMMYY (`0.0707614285`)
 *    disqualify them, since probabilities and coefficients are stored and logged as such.
 * Letters around the digits do not matter (`cpr0707614285`, `id=0707614285&`, `"0707614285"`): a
 * number glued to a word is still readable. Hence a UUID can hold a CPR number (one random UUID in about
 * a thousand does, in its hex groups); one whose digit runs are not dated does not. Newlines are not
 * separators, and digits spaced inside the date (`07 07 61 4285`) are not caught: a wider definition
 * belongs here and nowhere else.
 *
 * Text from a request (a URL, a field name, free text bound for storage) is moreover read as a reader
 * would see it: percent-encoded runs decoded and compatibility characters folded by NFKC (fullwidth
 * digits), so `070761%2D4285`, `%30%37%30%37%36%31%34%32%38%35` and `０７０７６１４２８５` count too.
 */
import { maskedCprOf } from './cprMask.js';
import { cprBirthDay } from './cprNumber.js';

const SPACE = String.raw`(?:[ \t\u00A0\u2009\u202F+]|%20)`;
const DASH = String.raw`[-\u2010\u2011\u2012\u2013\u2212]`;
const SEPARATOR = `(?:${SPACE}{0,2}${DASH}${SPACE}{0,2}|${SPACE}{1,2})?`;

const CANDIDATE = String.raw`(?<!\d)(\d{6})${SEPARATOR}(\d{4})(?!\d)`;
/** Candidates by rule 2 and 3; rules 1 and 4 are checked on each match (see {@link isCprAt}). */
const CPR_IN_TEXT = new RegExp(CANDIDATE, 'g');
/** The same without the global flag: a stateless first test, cheaper than replace() on the many texts without a candidate. */
const ANY_CANDIDATE = new RegExp(CANDIDATE);

/** Whether a candidate match is a CPR number: a real date (rule 1), not the decimals of a number (rule 4). */
function isCprAt(text: string, offset: number, ddmmyy: string, ssss: string): boolean {
  if (offset >= 2 && text.charCodeAt(offset - 1) === 0x2e && isDigitCode(text.charCodeAt(offset - 2))) return false;
  return cprBirthDay(ddmmyy + ssss) !== undefined;
}

function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Whether `text` holds a CPR number by the definition above; the last guard before anything is stored. */
export function containsCpr(text: string): boolean {
  for (const m of text.matchAll(CPR_IN_TEXT)) {
    if (isCprAt(text, m.index, m[1], m[2])) return true;
  }
  return false;
}

/** `text` with every CPR number by the definition above replaced by its masked form `DDMMYY-XXXX`. */
export function maskCprsInText(text: string): string {
  if (!ANY_CANDIDATE.test(text)) return text;
  return text.replace(CPR_IN_TEXT, (match: string, ddmmyy: string, ssss: string, offset: number) =>
    isCprAt(text, offset, ddmmyy, ssss) ? maskedCprOf(ddmmyy) : match,
  );
}

/**
 * Percent-encoded runs decoded where they decode (`%09`, `%C2%A0`, `%30`), others left as sent: a URL
 * can spell a CPR number's separator or digits so that the text definition above does not see them.
 */
function decodePercentRuns(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * Text from a request as a reader sees it: percent-encoded runs decoded, then compatibility characters
 * folded (NFKC), so fullwidth digits `０７０７６１…` and mathematical digits read as the digits they show.
 * Digits of other scripts (Arabic-Indic, Devanagari …) are not folded by NFKC and are not caught.
 */
function asRead(text: string): string {
  return decodePercentRuns(text).normalize('NFKC');
}

/** Whether `asRead` could change the text: it holds a `%` or a character outside ASCII. */
function mayBeEncoded(text: string): boolean {
  return /[%\u0080-\uFFFF]/.test(text);
}

/** `text` from a request (a URL, a detail quoting one), read as {@link asRead} does, with every CPR number masked. */
export function maskCprsInUrlText(text: string): string {
  return maskCprsInText(mayBeEncoded(text) ? asRead(text) : text);
}

/**
 * Whether `text` holds a CPR number as it is or as read by {@link asRead} (`070761%2D4285`, `%30%37…`,
 * fullwidth digits): what storage refuses, since a client may encode a value in any field, and what is
 * refused need not be shown, only kept out.
 */
export function containsCprInUrlText(text: string): boolean {
  return containsCpr(text) || (mayBeEncoded(text) && containsCpr(asRead(text)));
}

/**
 * A dotted field path (`members.0.member.age`) with every CPR number masked, segment by segment and
 * read as a URL is: a key after an array index (`members.0.0707614285`) would otherwise read as the
 * decimals of a number, and a key may be sent percent-encoded or in fullwidth digits.
 */
export function maskCprsInFieldPath(path: string): string {
  return path.split('.').map(maskCprsInUrlText).join('.');
}
