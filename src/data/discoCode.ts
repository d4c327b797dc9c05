/**
 * DISCO-08, Statistics Denmark's occupation classification (the Danish version of ISCO-08), as the
 * project's data carry it. A code is 4 digits, the ISCO-08 unit group, or 6, Statistics Denmark's
 * job-function level below it; either way written as text with its leading zero: the armed forces'
 * codes begin with 0 (0110, 0210, 0310), and one that arrived as a number (210) would otherwise be read
 * as major group 2. The models use a prefix of the code (the default specification its first digit).
 */

/** The column of the project's data format (simulate, label, score, train) that holds the DISCO-08 code. */
export const DISCO_CODE_COLUMN = 'disco_code';

/** 4 or 6 digits, nothing else. */
export const DISCO_CODE_PATTERN = /^(\d{4}|\d{6})$/;

/** The rule in words, for error messages. */
export const DISCO_CODE_RULE = 'a DISCO-08 code is 4 digits (or 6, the Danish job-function level), written with its leading zero';

/** Why a raw value is not a DISCO-08 code, or null when it is one. The value is trimmed first. */
export function discoCodeProblem(raw: unknown): string | null {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  if (text === undefined) return `expected a DISCO-08 code as text, got ${raw === null ? 'null' : typeof raw}`;
  if (DISCO_CODE_PATTERN.test(text)) return null;
  if (/^\d{1,3}$/.test(text) || /^\d{5}$/.test(text)) {
    const lost = text.length === 3 || text.length === 5 ? ` ("0${text}", not "${text}", if a zero was lost)` : '';
    return `"${text}" has ${text.length} digit${text.length === 1 ? '' : 's'}: ${DISCO_CODE_RULE}${lost}`;
  }
  return `"${text.length > 20 ? text.slice(0, 20) + '…' : text}" is not a DISCO-08 code: ${DISCO_CODE_RULE}`;
}

/** The first ISCO-08 unit group of each major group, for a typical member's code. */
const FIRST_UNIT_GROUP: Record<string, string> = {
  '0': '0110',
  '1': '1111',
  '2': '2111',
  '3': '3111',
  '4': '4110',
  '5': '5111',
  '6': '6111',
  '7': '7111',
  '8': '8111',
  '9': '9111',
};

/** A valid 4-digit code that begins with `prefix` (digits, at most 4): a major group's first unit group, or the prefix padded with 1s. */
export function exampleDiscoCode(prefix: string): string | undefined {
  if (!/^\d{1,4}$/.test(prefix)) return undefined;
  return prefix.length === 1 ? FIRST_UNIT_GROUP[prefix] : prefix.padEnd(4, '1');
}
