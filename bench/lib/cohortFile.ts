import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { simulateCohort } from '../../src/data/simulate/cohort.js';

/** Folder for benchmark inputs and outputs (git-ignored). */
export const BENCH_OUT = new URL('../out/', import.meta.url).pathname;

/** Path of a simulated cohort of n spells with the outcome column, written once and reused. */
export async function cohortFile(n: number, seed = 2026): Promise<string> {
  mkdirSync(BENCH_OUT, { recursive: true });
  const file = join(BENCH_OUT, `spells-${n}-seed${seed}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`simulating ${n} spells into ${file} …\n`);
    await simulateCohort({ n, seed, spellsPath: file });
  }
  return file;
}

/** Peak resident memory of this process so far, in MiB. */
export function peakMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
