import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateCohort } from '../../../src/data/simulate/cohort.js';
import { readFeatureSpec } from '../../../src/model/spec/readSpec.js';
import { readTrainingTable } from '../../../src/model/training/trainingTable.js';
import { trainModel } from '../../../src/model/training/trainModel.js';
import { inputDrift } from '../../../src/model/drift.js';
import { readRows } from './helpers.js';
import { trainOptions } from '../../model/helpers.js';
import { runCli } from '../../cli/runCli.js';

const root = new URL('../../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ledighedsprofil-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const N = 5000;
const files = { baseline: join(dir, 'baseline.csv'), baseline2: join(dir, 'baseline2.csv'), recession: join(dir, 'recession.csv') };
let rows: Record<keyof typeof files, Record<string, string>[]>;

beforeAll(async () => {
  await simulateCohort({ n: N, seed: 3, spellsPath: files.baseline });
  await simulateCohort({ n: N, seed: 4, spellsPath: files.baseline2 });
  await simulateCohort({ n: N, seed: 4, spellsPath: files.recession, scenario: 'recession' });
  rows = { baseline: readRows(files.baseline), baseline2: readRows(files.baseline2), recession: readRows(files.recession) };
});

const mean = (r: Record<string, string>[], column: string) => r.reduce((s, x) => s + Number(x[column]), 0) / r.length;

describe('simulate --scenario recession', () => {
  it('moves the shares the documented way: older, more from sickness benefit, a higher base rate', () => {
    const [b, r] = [rows.baseline, rows.recession];
    // SIMULATION.md (seed 1, n = 200,000): mean age 39.2 → 47.2, sickness benefit 6.0 % → 33.9 %, long-term 15.2 % → 26.8 %.
    expect(mean(r, 'age') - mean(b, 'age')).toBeGreaterThan(6);
    expect(mean(b, 'from_sickness_benefit')).toBeLessThan(0.08);
    expect(mean(r, 'from_sickness_benefit')).toBeGreaterThan(0.28);
    expect(mean(b, 'long_term')).toBeLessThan(0.18);
    expect(mean(r, 'long_term')).toBeGreaterThan(0.23);
    // Inputs the scenario does not touch directly stay put.
    expect(Math.abs(mean(r, 'dimittend') - mean(b, 'dimittend'))).toBeLessThan(0.06);
    expect(readFileSync(files.recession, 'utf8').split('\n')[0]).toBe(readFileSync(files.baseline, 'utf8').split('\n')[0]);
  });

  it('drifts beyond 0.25 in age and from_sickness_benefit against a model trained on the baseline', async () => {
    const spec = await readFeatureSpec(join(root, 'training/default-spec.json'));
    const artifact = trainModel(await readTrainingTable(files.baseline, spec), spec, trainOptions()).artifact;
    const drift = inputDrift(artifact, rows.recession);
    const calm = inputDrift(artifact, rows.baseline2);
    if (!drift.available || !calm.available) throw new Error('drift unavailable');
    const psi = (d: typeof drift, f: string) => d.inputs.find((x) => x.feature === f)!.psi!;
    expect(psi(drift, 'age')).toBeGreaterThan(0.25);
    expect(psi(drift, 'from_sickness_benefit')).toBeGreaterThan(0.25);
    expect(drift.inputs.find((x) => x.feature === 'age')!.reading).toBe('act');
    // The score moves less (older members also bring more experience, which lowers it): about 0.13, 'watch'.
    expect(drift.score.psi!).toBeGreaterThan(0.1);
    // Another baseline cohort (a different seed) is stable on the same inputs.
    expect(psi(calm, 'age')).toBeLessThan(0.1);
    expect(psi(calm, 'from_sickness_benefit')).toBeLessThan(0.1);
    expect(calm.score.psi!).toBeLessThan(0.1);
  });

  it('is offered by the CLI; the baseline is the default and byte-identical when named', async () => {
    const named = join(dir, 'named.csv');
    const plain = join(dir, 'plain.csv');
    const rec = join(dir, 'cli-recession.csv');
    expect((await runCli(['simulate', '--n', '200', '--seed', '9', '--out', plain])).code).toBe(0);
    expect((await runCli(['simulate', '--n', '200', '--seed', '9', '--scenario', 'baseline', '--out', named])).code).toBe(0);
    expect(readFileSync(named).equals(readFileSync(plain))).toBe(true);
    const r = await runCli(['simulate', '--n', '200', '--seed', '9', '--scenario', 'recession', '--out', rec]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/scenario recession/);
    expect(readFileSync(rec).equals(readFileSync(plain))).toBe(false);
    const bad = await runCli(['simulate', '--n', '10', '--seed', '1', '--scenario', 'boom', '--out', join(dir, 'x.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are baseline, recession/);
    const truth = await runCli([
      'simulate',
      '--n',
      '10',
      '--seed',
      '1',
      '--scenario',
      'recession',
      '--out',
      join(dir, 'y.csv'),
      '--truth',
      join(dir, 't.json'),
    ]);
    expect(truth.code).toBe(2);
    expect(truth.stderr).toMatch(/--truth describes the baseline cohort only/);
  });
});
