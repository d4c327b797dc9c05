import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { simulateCohort, type SimulateSummary } from '../../../src/data/simulate/cohort.js';

/** A simulated cohort written to a fresh temporary directory, with the text of its files. */
export interface SimulatedFiles {
  dir: string;
  spellsPath: string;
  hoursPath?: string;
  summary: SimulateSummary;
  cleanup(): void;
}

/** Runs the simulator into a temporary directory (removed by cleanup()). */
export async function simulateToTemp(n: number, seed: number, withHours: boolean): Promise<SimulatedFiles> {
  const dir = mkdtempSync(join(tmpdir(), 'ledighedsprofil-sim-'));
  const spellsPath = join(dir, 'spells.csv');
  const hoursPath = withHours ? join(dir, 'hours.csv') : undefined;
  const summary = await simulateCohort({ n, seed, spellsPath, hoursPath });
  return { dir, spellsPath, hoursPath, summary, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Parses a CSV file with a header into row objects with a real CSV parser (so quoting mistakes show). */
export function readRows(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true, skip_empty_lines: false }) as Record<string, string>[];
}
