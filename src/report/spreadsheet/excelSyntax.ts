/**
 * Pieces of Excel formula syntax. Formulas are written in the file format's own (en-US) syntax: comma
 * separators and a decimal point, which Excel and LibreOffice show in the user's locale when opened.
 */

/** A text as an Excel string literal: in double quotes, inner quotes doubled. */
export function excelText(s: string): string {
  return '"' + s.replace(/"/g, '""') + '"';
}

/** A number as an Excel constant in shortest round-trip form, in parentheses when negative so it can follow an operator. */
export function excelNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`cannot write ${x} in a formula`);
  // JavaScript writes 1e-7; Excel's parser wants the exponent marker upper case.
  const s = String(x).replace('e', 'E');
  return x < 0 ? `(${s})` : s;
}

/** The cell's content as trimmed text, whether the person typed a number or a text. */
export function trimmedText(ref: string): string {
  return `TRIM(${ref}&"")`;
}

/**
 * TRUE when the cell counts as missing, as the scorer reads a value: empty, only spaces, or R's `NA`.
 * EXACT, not "=", because Excel compares text without regard to case and the scorer does not.
 */
export function isMissing(ref: string): string {
  return `OR(${trimmedText(ref)}="",EXACT(${trimmedText(ref)},"NA"))`;
}

/**
 * TRUE when the text `value` is exactly (case-sensitively) one of `items`. SUMPRODUCT evaluates EXACT
 * over the array constant in Excel and LibreOffice alike without an array formula; MATCH would ignore case.
 */
export function isOneOf(value: string, items: readonly string[]): string {
  return `SUMPRODUCT(--EXACT(${value},{${items.map(excelText).join(',')}}))>0`;
}

/** A cell address on another sheet, quoting the sheet name when it needs it. */
export function sheetRef(sheet: string, address: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? `${sheet}!${address}` : `'${sheet.replace(/'/g, "''")}'!${address}`;
}

/**
 * TRUE when the cell holds a DISCO-08 code, 4 or 6 digits (src/data/discoCode.ts). Written without
 * array constants, which not every program accepts in a data validation rule: each of the six positions
 * of the text padded with "x" is looked up among the digits, and the digits found must be all of it.
 */
export function isDiscoCode(ref: string): string {
  const t = trimmedText(ref);
  const digits = [1, 2, 3, 4, 5, 6].map((k) => `ISNUMBER(FIND(MID(${t}&"xxxxxx",${k},1),"0123456789"))`).join('+');
  return `AND(OR(LEN(${t})=4,LEN(${t})=6),(${digits})=LEN(${t}))`;
}
