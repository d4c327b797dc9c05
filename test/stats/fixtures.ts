import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of a file under test/fixtures/. */
export function fixturePath(relative: string): string {
  return fileURLToPath(new URL(`../fixtures/${relative}`, import.meta.url));
}

/** Reads a numeric CSV fixture (header line, unquoted or quoted names, numbers only) into columns. */
export function readNumericCsv(relative: string): Record<string, Float64Array> {
  const lines = readFileSync(fixturePath(relative), 'utf8').trim().split(/\r?\n/);
  const names = lines[0].split(',').map((s) => s.replace(/^"|"$/g, ''));
  const columns: Record<string, Float64Array> = {};
  for (const name of names) columns[name] = new Float64Array(lines.length - 1);
  for (let r = 1; r < lines.length; r++) {
    const fields = lines[r].split(',');
    names.forEach((name, c) => (columns[name][r - 1] = Number(fields[c])));
  }
  return columns;
}

/** Reads a JSON fixture. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are loosely typed JSON, narrowed where they are read
export function readJson<T = any>(relative: string): T {
  return JSON.parse(readFileSync(fixturePath(relative), 'utf8')) as T;
}

/** Largest relative difference |a − b| / |b| over paired values (absolute where b is 0). */
export function maxRelativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    const d = Math.abs(a[i] - b[i]) / (b[i] === 0 ? 1 : Math.abs(b[i]));
    if (!(d <= worst)) worst = d;
  }
  return worst;
}
