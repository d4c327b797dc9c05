/**
 * Danish CPR numbers (personnumre): validation, masking for display, and the keyed hash under which a
 * citizen is stored. A CPR number is sensitive personal data: nothing here puts one in an error
 * message, and the only thing meant to leave this module towards storage is the keyed hash.
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
import { createHmac, randomBytes } from 'node:crypto';

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

const CPR_PATTERN = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;
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
function birthDay(digits: string): number | undefined {
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
  const m = CPR_PATTERN.exec(input.trim());
  if (!m) return fail('format');
  const digits = m[1] + m[2] + m[3] + m[4];
  const day = birthDay(digits);
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

/**
 * The CPR number as it may be shown anywhere: `DDMMYY-XXXX`. Anything not shaped like a CPR number is
 * masked entirely, so a malformed number cannot leak through the display path either.
 */
export function maskCpr(input: string): string {
  const m = typeof input === 'string' ? CPR_PATTERN.exec(input.trim()) : null;
  if (!m) return 'XXXXXX-XXXX';
  return `${m[1]}${m[2]}${m[3]}-XXXX`;
}

const CPR_IN_TEXT = /(?<!\d)(\d{6})-?(\d{4})(?!\d)/g;

/**
 * Whether free text contains something that is a CPR number (10 digits, optionally with the hyphen,
 * starting with a real date). Used as a last guard before anything is stored or logged.
 */
export function containsCpr(text: string): boolean {
  for (const m of text.matchAll(CPR_IN_TEXT)) {
    if (birthDay(m[1] + m[2]) !== undefined) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Keyed hashing

/** The shortest HMAC secret accepted, in bytes: the output size of SHA-256. */
export const MIN_CPR_SECRET_BYTES = 32;

/**
 * Decodes the CPR hashing secret from configuration: hex (even length, 0-9a-f) or base64url
 * (A-Z a-z 0-9 - _, padding optional), at least 32 bytes once decoded. A string that is valid hex is
 * read as hex. Throws an error naming the rule, never the secret.
 */
export function parseCprSecret(text: string): Buffer {
  const s = typeof text === 'string' ? text.trim() : '';
  let bytes: Buffer;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(s)) bytes = Buffer.from(s, 'hex');
  else if (/^[A-Za-z0-9_-]+={0,2}$/.test(s)) bytes = Buffer.from(s.replace(/=+$/, ''), 'base64url');
  else throw new Error('CPR hashing secret must be hex or base64url');
  if (bytes.length < MIN_CPR_SECRET_BYTES) {
    throw new Error(`CPR hashing secret must be at least ${MIN_CPR_SECRET_BYTES} bytes (it has ${bytes.length})`);
  }
  return bytes;
}

/** A new random CPR hashing secret, base64url, to put in configuration. */
export function generateCprSecret(): string {
  return randomBytes(MIN_CPR_SECRET_BYTES).toString('base64url');
}

/**
 * The citizen key stored in place of a CPR number: HMAC-SHA256(secret, normalised 10 digits), as 64
 * lowercase hex digits. Without the secret, a leaked database cannot be reversed by trying all ~4
 * million plausible CPR numbers, which a plain hash would allow in seconds. Throws {@link CprError}
 * for an invalid CPR number, so both spellings of one number give the same key.
 */
export function citizenKey(secret: Uint8Array, cpr: string, options: CprOptions = {}): string {
  if (secret.length < MIN_CPR_SECRET_BYTES) throw new Error(`CPR hashing secret must be at least ${MIN_CPR_SECRET_BYTES} bytes`);
  return createHmac('sha256', secret).update(normaliseCpr(cpr, options), 'ascii').digest('hex');
}

/** A function computing {@link citizenKey} with a secret read once from configuration (see {@link parseCprSecret}). */
export function createCitizenKeyer(secret: string | Uint8Array): (cpr: string) => string {
  const key = typeof secret === 'string' ? parseCprSecret(secret) : Buffer.from(secret);
  if (key.length < MIN_CPR_SECRET_BYTES) throw new Error(`CPR hashing secret must be at least ${MIN_CPR_SECRET_BYTES} bytes`);
  return (cpr: string) => citizenKey(key, cpr);
}

/** The pattern every citizen key matches; storage rejects anything else (a CPR in clear among others). */
export const CITIZEN_KEY_PATTERN = /^[0-9a-f]{64}$/;
