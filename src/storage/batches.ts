/**
 * Statements over many rows at once (a batch of outcomes): `IN (…)` lists and multi-row INSERTs, cut
 * into chunks under the databases' placeholder limits (SQLite's 32,766, PostgreSQL's 65,535). Every
 * chunk has a size from a short fixed list (512 and the powers of two below it), so the drivers'
 * statement caches, keyed by the SQL text, hold a few texts per statement instead of one per batch size.
 */

/** The most rows (or list values) one statement takes. */
export const CHUNK = 512;

/** `list` cut into chunks of CHUNK and, for the rest, of descending powers of two (1,000 → 512, 256, 128, 64, 32, 8). */
export function* chunks<T>(list: readonly T[]): Generator<T[]> {
  let at = 0;
  while (at < list.length) {
    const left = list.length - at;
    const size = left >= CHUNK ? CHUNK : 2 ** Math.floor(Math.log2(left));
    yield list.slice(at, at + size);
    at += size;
  }
}

/** `values` (at most CHUNK) padded with its last value to a power of two, for an `IN (…)` list (repeats change nothing there). */
export function padded<T>(values: readonly T[]): T[] {
  const out = [...values];
  const size = 2 ** Math.ceil(Math.log2(Math.max(1, out.length)));
  while (out.length > 0 && out.length < size) out.push(out[out.length - 1]);
  return out;
}

/** `values` cut into chunks of CHUNK for `IN (…)` lists, each padded (see padded). */
export function* inLists<T>(values: readonly T[]): Generator<T[]> {
  for (let at = 0; at < values.length; at += CHUNK) yield padded(values.slice(at, at + CHUNK));
}

/** `?, ?, …` for `n` values. */
export const marks = (n: number): string => repeated('?', n);

/** `part` written `n` times, comma-separated: a multi-row VALUES list of one row's `(?, …)`. */
export const repeated = (part: string, n: number): string => Array.from({ length: n }, () => part).join(', ');
