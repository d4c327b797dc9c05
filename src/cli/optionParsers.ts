import { InvalidArgumentError } from 'commander';

/** Parses a whole number of at least `min` for a command-line option. */
export function integerOption(min: number) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}, got "${value}"`);
    return n;
  };
}

/** Parses a finite number in [min, max] (open at the ends named in `open`) for a command-line option. */
export function numberOption(min: number, max: number, open: { low?: boolean; high?: boolean } = {}) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, got "${value}"`);
    const tooLow = open.low ? n <= min : n < min;
    const tooHigh = open.high ? n >= max : n > max;
    if (tooLow || tooHigh) {
      throw new InvalidArgumentError(`expected a number in ${open.low ? '(' : '['}${min}, ${max}${open.high ? ')' : ']'}, got "${value}"`);
    }
    return n;
  };
}

/** Parses a comma-separated list of names (`a,b,c`), rejecting empty entries. */
export function listOption(value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new InvalidArgumentError(`expected comma-separated names without empty entries, got "${value}"`);
  return items;
}

/** Parses a calendar date `YYYY-MM-DD` that exists. */
export function dateOption(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new InvalidArgumentError(`expected a date YYYY-MM-DD, got "${value}"`);
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (d.getUTCFullYear() !== +m[1] || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
    throw new InvalidArgumentError(`"${value}" is not a calendar date`);
  }
  return value;
}

/** Parses a fund's a-kasse number: 1–4 digits without leading zeros, as API keys name it. */
export function fundOption(value: string): string {
  const v = value.trim();
  if (!/^[1-9][0-9]{0,3}$/.test(v))
    throw new InvalidArgumentError(`expected the a-kasse number (1–4 digits without leading zeros), got "${value}"`);
  return v;
}
