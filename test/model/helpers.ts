import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { featureSpecSchema, type FeatureSpec, type FeatureSpecInput } from '../../src/model/spec/featureSpec.js';
import { readTrainingTable } from '../../src/model/training/trainingTable.js';
import { trainModel, type TrainOptions } from '../../src/model/training/trainModel.js';

export const fixture = (...parts: string[]) => new URL(`../fixtures/${parts.join('/')}`, import.meta.url).pathname;

/** A fresh temporary directory for a test's files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ledighedsprofil-test-'));
}

/** Writes text to a file in a fresh temporary directory and returns its path. */
export function tempFile(name: string, text: string): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

/** Parses a specification literal the way a spec file is parsed. */
export function spec(input: FeatureSpecInput): FeatureSpec {
  return featureSpecSchema.parse(input);
}

/** Options for trainModel with fixed metadata, overridable per test. */
export function trainOptions(over: Partial<TrainOptions> = {}): TrainOptions {
  return {
    split: { kind: 'none' },
    l2: 0,
    cutoff: { probability: 0.25 },
    version: 'test-1',
    description: 'test model',
    simulatedData: true,
    dataFile: 'data.csv',
    dataSha256: '0'.repeat(64),
    censored: null,
    dateColumn: null,
    command: 'test',
    packageVersion: '0.0.0',
    now: () => new Date('2026-01-01T00:00:00Z'),
    ...over,
  };
}

/** Reads a CSV with a specification and trains on it. */
export async function trainFile(file: string, s: FeatureSpec, over: Partial<TrainOptions> = {}) {
  const table = await readTrainingTable(file, s);
  return trainModel(table, s, trainOptions(over));
}

/** The birthwt model of R's glm(low ~ age + lwt + race + smoke + ptl + ht + ui + ftv, binomial), race reference white. */
export const birthwtSpec = (extra: Partial<FeatureSpecInput> = {}) =>
  spec({
    specVersion: 1,
    name: 'birthwt',
    outcome: 'low',
    features: [
      { name: 'age', type: 'numeric' },
      { name: 'lwt', type: 'numeric' },
      { name: 'race', type: 'categorical', reference: 'white' },
      { name: 'smoke', type: 'numeric' },
      { name: 'ptl', type: 'numeric' },
      { name: 'ht', type: 'numeric' },
      { name: 'ui', type: 'numeric' },
      { name: 'ftv', type: 'numeric' },
    ],
    ...extra,
  });

/** Largest relative difference |a − b| / |b| over paired values. */
export function maxRelativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < b.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
  return m;
}
