import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/runCli.js';
import { simulateCohort } from '../../../src/data/simulate/cohort.js';
import { sha256File } from '../../../src/data/sha256File.js';
import { readTrainingTable } from '../../../src/model/training/trainingTable.js';
import { writeArtifact } from '../../../src/model/artifact/artifactFile.js';
import { readFeatureSpec } from '../../../src/model/spec/readSpec.js';
import type { SplitRule } from '../../../src/model/training/splitRows.js';
import { trainModel } from '../../../src/model/training/trainModel.js';

/** A fresh temporary folder for one test file. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'report-test-'));
}

/** A simulated cohort with the long_term column, as the label command would leave it. */
export async function cohort(dir: string, n: number, seed = 7): Promise<string> {
  const file = join(dir, `cohort-${n}-${seed}.csv`);
  await simulateCohort({ n, seed, spellsPath: file });
  return file;
}

/** Trains the default specification on a file with the given split and writes the artifact; returns its path. */
export async function trainOn(dataFile: string, out: string, split: SplitRule, simulated = true): Promise<string> {
  const spec = await readFeatureSpec(new URL('../../../training/default-spec.json', import.meta.url).pathname);
  const keep = ['spell_start'];
  const table = await readTrainingTable(dataFile, spec, { keep });
  const trained = trainModel(table, spec, {
    split,
    l2: 0,
    cutoff: { probability: 0.25 },
    version: 'test-model',
    description: 'test model',
    simulatedData: simulated,
    dataFile: 'cohort.csv',
    dataSha256: await sha256File(dataFile),
    censored: null,
    dateColumn: 'spell_start',
    command: 'test',
    packageVersion: '0.0.0',
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  await writeArtifact(out, trained.artifact);
  return out;
}

/** Runs `report` through the real CLI (main()) and captures its output. */
export const runReport = (...args: string[]) => runCli(['report', ...args]);

/** Reads a JSON file. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are loosely typed JSON, narrowed where they are read
export function readJsonFile<T = any>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
