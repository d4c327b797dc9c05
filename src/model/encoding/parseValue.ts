import { DISCO_CODE_COLUMN, discoCodeProblem } from '../../data/discoCode.js';
import { type Feature, featureColumn } from '../spec/featureSpec.js';

/**
 * A feature's value after parsing and validation, before encoding into terms:
 * numeric → number, categorical → level (after `prefix`), boolean → 0 | 1,
 * multi-select → bit mask over the feature's options; null when missing.
 */
export type ParsedValue = number | string | null;

/** Why a raw value was rejected; the caller adds the file, line, column or JSON path. */
export class ValueProblem extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ValueProblem';
  }
}

/** Values read as missing: absent, null, an empty string, or R's `NA`. */
export function isMissing(raw: unknown): boolean {
  if (raw === undefined || raw === null) return true;
  if (typeof raw === 'string') {
    const t = raw.trim();
    return t === '' || t === 'NA';
  }
  return false;
}

/** Parses one raw value (a CSV string or a JSON value) for a feature, enforcing the specification's rules. */
export function parseFeatureValue(f: Feature, raw: unknown): ParsedValue {
  if (f.type === 'multiselect') return parseMultiSelect(f.options, f.separator, raw);
  if (isMissing(raw)) {
    if (f.missing === 'error') throw new ValueProblem('value is missing (the specification does not allow missing values here)');
    return null;
  }
  switch (f.type) {
    case 'numeric': {
      const x = parseNumber(raw);
      if (f.min !== undefined && x < f.min) throw new ValueProblem(`${x} is below the minimum ${f.min}`);
      if (f.max !== undefined && x > f.max) throw new ValueProblem(`${x} is above the maximum ${f.max}`);
      return x;
    }
    case 'boolean':
      return parseBoolean(raw);
    case 'categorical': {
      let level = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
      if (level === undefined) throw new ValueProblem(`expected a text value, got ${describe(raw)}`);
      // The data format's DISCO-08 column holds whole codes, never a prefix: "210" is 0210 that lost its
      // zero, and taking its first digit would score it as major group 2.
      if (featureColumn(f) === DISCO_CODE_COLUMN) {
        const problem = discoCodeProblem(level);
        if (problem !== null) throw new ValueProblem(problem);
      }
      if (f.prefix !== undefined) {
        if (level.length < f.prefix) throw new ValueProblem(`"${level}" is shorter than the ${f.prefix} characters used`);
        level = level.slice(0, f.prefix);
      }
      if (f.levels && !f.levels.includes(level)) {
        throw new ValueProblem(`"${level}" is not one of the allowed levels (${abbreviate(f.levels)})`);
      }
      return level;
    }
  }
}

/** A finite number from a JSON number or a decimal string (a point, not a comma, as decimal separator). */
export function parseNumber(raw: unknown): number {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw new ValueProblem(`expected a finite number, got ${raw}`);
    return raw;
  }
  if (typeof raw === 'string') {
    const t = raw.trim();
    // Number('') is 0 and Number('0x10') is 16: accept only plain decimal notation.
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
    if (/^[+-]?\d+,\d+$/.test(t)) throw new ValueProblem(`"${t}" uses a decimal comma; write a decimal point`);
  }
  throw new ValueProblem(`expected a number, got ${describe(raw)}`);
}

/** 0 or 1 from true/false, 1/0 or the strings "1", "0", "true", "false" (any case). */
export function parseBoolean(raw: unknown): 0 | 1 {
  if (raw === true || raw === 1) return 1;
  if (raw === false || raw === 0) return 0;
  if (typeof raw === 'string') {
    const t = raw.trim().toLowerCase();
    if (t === '1' || t === 'true') return 1;
    if (t === '0' || t === 'false') return 0;
  }
  throw new ValueProblem(`expected 0/1 or true/false, got ${describe(raw)}`);
}

function parseMultiSelect(options: readonly string[], separator: string, raw: unknown): number {
  if (options.length > 30) throw new ValueProblem('a multi-select feature may have at most 30 options');
  let items: string[];
  if (isMissing(raw)) items = [];
  else if (Array.isArray(raw)) {
    if (!raw.every((x) => typeof x === 'string')) throw new ValueProblem('expected a list of option codes');
    items = raw as string[];
  } else if (typeof raw === 'string') items = raw.split(separator);
  else throw new ValueProblem(`expected options separated by "${separator}", got ${describe(raw)}`);
  let mask = 0;
  for (const item of items) {
    const t = item.trim();
    if (t === '') continue;
    const k = options.indexOf(t);
    if (k < 0) throw new ValueProblem(`"${t}" is not one of the options (${abbreviate(options)})`);
    mask |= 1 << k;
  }
  return mask;
}

function describe(raw: unknown): string {
  if (typeof raw === 'string') return `"${raw.length > 40 ? raw.slice(0, 40) + '…' : raw}"`;
  if (Array.isArray(raw)) return 'a list';
  return raw === null ? 'null' : typeof raw === 'object' ? 'an object' : String(raw);
}

function abbreviate(levels: readonly string[]): string {
  return levels.length <= 12 ? levels.join(', ') : `${levels.slice(0, 12).join(', ')}, … ${levels.length - 12} more`;
}
