import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { fixturePath, readJson } from '../stats/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'calibrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `calibrate` through the real CLI (main()) and captures its output. */
const calibrate = (...args: string[]) => runCli(['calibrate', ...args]);

function csv(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('ledighedsprofil calibrate', () => {
  it("writes R's val.prob figures for the shifted birthwt predictions as JSON and prints a table", async () => {
    const json = join(dir, 'metrics.json');
    const r = await calibrate(
      '--predictions',
      fixturePath('birthwt/shifted_predictions.csv'),
      '--outcome',
      'low',
      '--probability',
      'p',
      '--json',
      json,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/C statistic \(AUC\)\s+0\.7462/);
    expect(r.stdout).toMatch(/Slope\s+1\.6667/);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    const ref = readJson('birthwt/valprob_shifted.json').metrics;
    expect(out.n).toBe(189);
    expect(out.events).toBe(59);
    expect(Math.abs(out.c_statistic / ref['C (ROC)'] - 1)).toBeLessThan(1e-6);
    expect(Math.abs(out.calibration_slope / ref.Slope - 1)).toBeLessThan(1e-6);
    expect(Math.abs(out.e90 / ref.E90 - 1)).toBeLessThan(1e-6);
    for (const key of [
      'n',
      'events',
      'c_statistic',
      'dxy',
      'r2_nagelkerke',
      'discrimination_d',
      'unreliability_u',
      'quality_q',
      'brier',
      'calibration_intercept',
      'calibration_slope',
      'emax',
      'e90',
      'eavg',
      'spiegelhalter_z',
      'spiegelhalter_p',
      'auc',
      'auc_ci_low',
      'auc_ci_high',
      'auc_se',
      'log_loss',
      'ece_deciles',
    ]) {
      expect(typeof out[key], key).toBe('number');
    }
  });

  it('reports every bad row with file, line, column and reason, and exits with 3', async () => {
    const file = csv('bad.csv', 'id,y,p\na,0,0.2\nb,2,0.3\nc,1,abc\nd,1,\ne,0,1.5\nf,,0.5\ng,yes,-0.1\n');
    const json = join(dir, 'not-written.json');
    const r = await calibrate('--predictions', file, '--outcome', 'y', '--probability', 'p', '--json', json);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('7 invalid rows');
    expect(r.stderr).toContain(`${file}:3:2: y: outcome must be 0 or 1, got "2"`);
    expect(r.stderr).toContain(`${file}:4:3: p: probability must be a number, got "abc"`);
    expect(r.stderr).toContain(`${file}:5:3: p: missing probability`);
    expect(r.stderr).toContain(`${file}:6:3: p: probability must be in [0, 1], got "1.5"`);
    expect(r.stderr).toContain(`${file}:7:2: y: missing outcome`);
    expect(r.stderr).toContain(`${file}:8:2: y: outcome must be 0 or 1, got "yes"`);
    expect(r.stderr).toContain(`${file}:8:3: p: probability must be in [0, 1], got "-0.1"`);
    expect(() => readFileSync(json)).toThrow();
  });

  it('names a missing column, a missing file and an empty file (exit code 3)', async () => {
    const noColumn = await calibrate('--predictions', csv('cols.csv', 'y,prob\n0,0.1\n'), '--outcome', 'y', '--probability', 'p');
    expect(noColumn.code).toBe(3);
    expect(noColumn.stderr).toMatch(/missing required column "p"/);
    const noFile = await calibrate('--predictions', join(dir, 'nope.csv'), '--outcome', 'y', '--probability', 'p');
    expect(noFile.code).toBe(3);
    expect(noFile.stderr).toMatch(/file not found/);
    const noRows = await calibrate('--predictions', csv('empty.csv', 'y,p\n'), '--outcome', 'y', '--probability', 'p');
    expect(noRows.code).toBe(3);
    expect(noRows.stderr).toMatch(/no data rows/);
  });

  it('gives defined figures and null with reasons when every outcome is 0', async () => {
    const json = join(dir, 'zeros.json');
    const r = await calibrate(
      '--predictions',
      csv('zeros.csv', 'y,p\n0,0\n0,0.1\n0,0.2\n'),
      '--outcome',
      'y',
      '--probability',
      'p',
      '--json',
      json,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/C statistic \(AUC\)\s+—/);
    const text = readFileSync(json, 'utf8');
    expect(text).not.toMatch(/NaN|Infinity/);
    const out = JSON.parse(text);
    expect(out.c_statistic).toBeNull();
    expect(out.brier).toBeCloseTo((0 + 0.01 + 0.04) / 3, 15);
    expect(out.excluded_from_logistic).toBe(1);
    expect(out.warnings[0]).toMatch(/All 3 outcomes are 0/);
  });

  it("prints and writes the Wald intervals of intercept, slope and calibration-in-the-large as R's glm gives them, with words that follow from them", async () => {
    const json = join(dir, 'intervals.json');
    const file = fixturePath('birthwt/shifted_predictions.csv');
    const r = await calibrate('--predictions', file, '--outcome', 'low', '--probability', 'p', '--json', json);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    const ref = readJson('metrics/calibration_intervals.json').cases.birthwt_shifted;
    for (const key of [
      'calibration_intercept_se',
      'calibration_intercept_ci_low',
      'calibration_intercept_ci_high',
      'calibration_slope_se',
      'calibration_slope_ci_low',
      'calibration_slope_ci_high',
      'calibration_in_the_large_se',
      'calibration_in_the_large_ci_low',
      'calibration_in_the_large_ci_high',
    ]) {
      expect(Math.abs(out[key] / ref[key] - 1), key).toBeLessThan(1e-8);
    }
    // R: slope 1.667 (1.022–2.311), calibration-in-the-large −0.581 (−0.900 to −0.261).
    expect(out.calibration_slope_reading).toBe('much_too_narrow');
    expect(out.calibration_in_the_large_reading).toBe('much_too_high');
    expect(r.stdout).toMatch(/Slope\s+1\.6667 {3}95 % CI 1\.0223–2\.3110 \(Wald\)\n\s+the predictions are much too narrow/);
    expect(r.stdout).toMatch(
      /Calibration-in-the-large\s+-0\.5806 {3}95 % CI -0\.9002–-0\.2609 \(Wald\)\n\s+the predictions are much too high on average/,
    );
  });

  it('prints a negative unreliability U with its sign, however small', async () => {
    // Two groups whose observed rates equal their predictions: the recalibration changes nothing, so
    // χ²_U = 0 and U = −2/n = −0.00002, which at four decimals used to print as "0.0000".
    const rows = ['y,p'];
    for (let i = 0; i < 50_000; i++) rows.push(`${i % 5 === 0 ? 1 : 0},0.2`, `${i % 5 === 0 ? 0 : 1},0.8`);
    const json = join(dir, 'negative-u.json');
    const r = await calibrate(
      '--predictions',
      csv('calibrated.csv', rows.join('\n') + '\n'),
      '--outcome',
      'y',
      '--probability',
      'p',
      '--json',
      json,
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(readFileSync(json, 'utf8'));
    expect(out.unreliability_u).toBeCloseTo(-2 / 100_000, 12);
    expect(r.stdout).toMatch(/Unreliability index U\s+-0\.000020 /);
    expect(out.calibration_slope_reading).toBe('fits');
  });

  it('requires its options and explains itself in --help', async () => {
    const missing = await calibrate('--predictions', 'x.csv');
    expect(missing.code).toBe(2);
    const help = await calibrate('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/rms::val\.prob/);
    expect(help.stdout).toMatch(/--probability <column>/);
    expect(help.stdout).toMatch(/calibration_slope_ci_low/);
    expect(help.stdout).toMatch(/exact Mann–Whitney figures over all pairs, equal to\s+Hmisc::somers2/);
  });
});
