/**
 * Danish CPR numbers (personnumre): validation and parsing of one number given on its own (a request
 * field, a path parameter). Masking is in cprMask.ts, finding numbers in free text in cprInText.ts,
 * the keyed hash under which a citizen is stored in citizenKey.ts. A CPR number is sensitive personal
 * data: nothing here puts one in an error message.
 *
 * Decisions, following the CPR office's description "Personnummeret i CPR-systemet":
 * - Accepted spellings: `DDMMYYSSSS` or `DDMMYY-SSSS`, surrounding whitespace ignored; nothing else
 *   (no spaces inside, no other separators), so a typing error is caught rather than guessed at.
 * - The first six digits must be a real calendar date. The century comes from the 7th digit
 *   (see {@link cprBirthYear}); a birth date after today is rejected.
 * - The modulus-11 check is NOT a validity rule: since 2007 the CPR office issues numbers that fail it,
 *   when a birth date's numbers satisfying it run out. It is reported as `passesModulus11`, for
 *   information only. Replacement numbers used by some health authorities (day + 60) are not CPR
 *   numbers issued by the CPR office and are rejected as bad dates.
 */
/** A CPR number normalised to its 10 digits (no hyphen), known to have passed {@link parseCpr}. */
export type Cpr = string & { readonly __brand: 'Cpr' };

/** Why a CPR number was rejected. */
export type CprProblem = 'format' | 'date' | 'future';

/** A CPR number taken apart. */
export interface ParsedCpr {
  cpr: Cpr;
  /** Birth date `YYYY-MM-DD`, the century decided by the 7th digit. */
  birthDate: string;
  /** Whether the weighted digit sum is divisible by 11; informational, since 2007 not required. */
  passesModulus11: boolean;
}

/** Result of {@link parseCpr}: never contains the input in an error. */
export type CprParseResult = ({ ok: true } & ParsedCpr) | { ok: false; problem: CprProblem; message: string };

/** Raised for an invalid CPR number; the message never repeats the number. */
export class CprError extends Error {
  readonly problem: CprProblem;

  constructor(problem: CprProblem, message: string) {
    super(message);
    this.name = 'CprError';
    this.problem = problem;
  }
}

/** Options for validation; `today` exists so tests do not depend on the clock. */
export interface CprOptions {
  today?: Date;
}

/**
 * The accepted spellings of one CPR number, `DDMMYYSSSS` or `DDMMYY-SSSS` (trim first): group 1 is the
 * birth date, group 2 the sequence number. Deliberately stricter than the text definition (cprInText.ts).
 */
export const CPR_SPELLING = /^(\d{6})-?(\d{4})$/;
const MODULUS_11_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
const MS_PER_DAY = 86_400_000;

const MESSAGES: Record<CprProblem, string> = {
  format: 'CPR number must be 10 digits, written DDMMYYSSSS or DDMMYY-SSSS',
  date: 'CPR number does not start with a real date (DDMMYY)',
  future: 'CPR number gives a birth date in the future',
};

/**
 * The four-digit birth year from the two-digit year and the 7th digit, by the CPR office's table:
 * 7th digit 0–3 → 1900–1999; 4 or 9 → 2000–2036 for YY 00–36, else 1937–1999;
 * 5–8 → 2000–2057 for YY 00–57, else 1858–1899.
 */
export function cprBirthYear(yy: number, seventhDigit: number): number {
  if (seventhDigit <= 3) return 1900 + yy;
  if (seventhDigit === 4 || seventhDigit === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  return yy <= 57 ? 2000 + yy : 1800 + yy;
}

/** Whether the modulus-11 check holds for a 10-digit CPR (weights 4,3,2,7,6,5,4,3,2,1). */
export function passesModulus11(cpr: string): boolean {
  const digits = cpr.replace('-', '');
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(digits[i]) * MODULUS_11_WEIGHTS[i];
  return sum % 11 === 0;
}

/** The birth date of 10 CPR digits as a UTC day number, or undefined when DDMMYY is not a real date. */
export function cprBirthDay(digits: string): number | undefined {
  const dd = Number(digits.slice(0, 2));
  const mm = Number(digits.slice(2, 4));
  const yy = Number(digits.slice(4, 6));
  const year = cprBirthYear(yy, Number(digits[6]));
  const ms = Date.UTC(year, mm - 1, dd);
  const d = new Date(ms);
  // Date.UTC maps years 0–99 to 1900–1999; our years are always ≥ 1858, so no correction is needed.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== mm - 1 || d.getUTCDate() !== dd) return undefined;
  return ms / MS_PER_DAY;
}

/** Validates a CPR number and takes it apart; see the module comment for the rules. */
export function parseCpr(input: string, options: CprOptions = {}): CprParseResult {
  const fail = (problem: CprProblem): CprParseResult => ({ ok: false, problem, message: MESSAGES[problem] });
  if (typeof input !== 'string') return fail('format');
  const m = CPR_SPELLING.exec(input.trim());
  if (!m) return fail('format');
  const digits = m[1] + m[2];
  const day = cprBirthDay(digits);
  if (day === undefined) return fail('date');
  // One day of slack: the Danish calendar date runs up to two hours ahead of UTC.
  const today = Math.floor((options.today ?? new Date()).getTime() / MS_PER_DAY);
  if (day > today + 1) return fail('future');
  return {
    ok: true,
    cpr: digits as Cpr,
    birthDate: new Date(day * MS_PER_DAY).toISOString().slice(0, 10),
    passesModulus11: passesModulus11(digits),
  };
}

/** The normalised 10-digit CPR number; throws {@link CprError} (without the number) when invalid. */
export function normaliseCpr(input: string, options: CprOptions = {}): Cpr {
  const r = parseCpr(input, options);
  if (!r.ok) throw new CprError(r.problem, r.message);
  return r.cpr;
}

/** Whether `input` is a valid CPR number by {@link parseCpr}. */
export function isValidCpr(input: string, options: CprOptions = {}): boolean {
  return parseCpr(input, options).ok;
}
