import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArtifact } from '../../../src/model/artifact/artifactFile.js';
import { IN_THE_LARGE_READING, SLOPE_READING } from '../../../src/i18n/calibrationReport.js';
import { escapeHtml as esc, renderReportHtml } from '../../../src/report/calibrationReport/html.js';
import type { ReportDocument } from '../../../src/report/calibrationReport/reportDocument.js';
import { readSlope } from '../../../src/stats/calibrationReading.js';
import { cohort, readJsonFile, runReport, tempDir, trainOn } from './helpers.js';

/** The JSON keys of the calibrate command (its --help lists them): the report's val.prob figures must use the same. */
const CALIBRATE_KEYS = [
  'n',
  'events',
  'c_statistic',
  'dxy',
  'r2_nagelkerke',
  'discrimination_d',
  'discrimination_chisq',
  'unreliability_u',
  'unreliability_chisq',
  'unreliability_p',
  'quality_q',
  'brier',
  'calibration_intercept',
  'calibration_slope',
  'calibration_in_the_large',
  'emax',
  'e90',
  'eavg',
  'spiegelhalter_z',
  'spiegelhalter_p',
  'auc',
  'auc_se',
  'auc_ci_low',
  'auc_ci_high',
  'log_loss',
  'ece_deciles',
  'excluded_from_logistic',
  'calibration_intercept_se',
  'calibration_intercept_ci_low',
  'calibration_intercept_ci_high',
  'calibration_slope_se',
  'calibration_slope_ci_low',
  'calibration_slope_ci_high',
  'calibration_in_the_large_se',
  'calibration_in_the_large_ci_low',
  'calibration_in_the_large_ci_high',
  'calibration_slope_reading',
  'calibration_in_the_large_reading',
  'warnings',
];

const dir = tempDir();
let data: string;
let other: string;
let temporalModel: string;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  data = await cohort(dir, 6000, 7);
  other = await cohort(dir, 3000, 8);
  temporalModel = await trainOn(data, join(dir, 'temporal.json'), { kind: 'temporal', column: 'spell_start', at: '2016-07-01' });
});

describe('ledighedsprofil report', () => {
  it('evaluates a temporal-split model on its validation rows, the fitting rows as apparent', async () => {
    const out = join(dir, 'temporal.html');
    const json = join(dir, 'temporal.json.out');
    const r = await runReport('--model', temporalModel, '--data', data, '--out', out, '--json', json, '--band-resamples', '3');
    expect(r.code, r.stderr).toBe(0);
    const doc = readJsonFile<ReportDocument>(json);
    const artifact = await readArtifact(temporalModel);
    expect(doc.evaluation.kind).toBe('temporal');
    expect(doc.data.same_file_as_training).toBe(true);
    expect(doc.overall.n).toBe(artifact.validation!.rows);
    expect(doc.overall.events).toBe(artifact.validation!.events);
    expect(doc.overall.auc).toBeCloseTo(artifact.validation!.auc!, 12);
    expect(doc.overall.brier).toBeCloseTo(artifact.validation!.brier!, 12);
    expect(doc.apparent!.n).toBe(artifact.training.rows);
    expect(doc.evaluation.comparison_label).toMatch(/apparent/);
    // The model was fitted on these rows by maximum likelihood: apparent slope 1, intercept 0.
    expect(doc.apparent!.calibration_slope).toBeCloseTo(1, 5);
    expect(doc.optimism).toBeNull();
    expect(doc.cutoff_table.rows.reduce((s, row) => s + (row.cutoff === 0.25 ? 1 : 0), 0)).toBe(1);
    expect(r.stderr).toMatch(/main figures on \d+ temporal validation rows/);
  });

  it('writes a self-contained HTML file with a chart per section and attribute and the simulated-data warning', async () => {
    const out = join(dir, 'self.html');
    const json = join(dir, 'self.json');
    const r = await runReport('--model', temporalModel, '--data', other, '--out', out, '--json', json, '--band-resamples', '2');
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    const doc = readJsonFile<ReportDocument>(json);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|@import|url\((?!#)/i);
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
    // ROC, score distribution, reliability, cut-off, and one per audited attribute (gender, origin, age band, region).
    expect(doc.fairness.attributes.map((a) => a.attribute)).toEqual(['gender', 'origin', 'age', 'region']);
    expect(html.match(/<svg\b/g)).toHaveLength(4 + doc.fairness.attributes.length);
    expect(html).toContain('SIMULATED DATA');
    expect(html).toContain('SIMULEREDE DATA');
    for (const id of ['s-summary', 's-model', 's-discrimination', 's-calibration', 's-cutoff', 's-fairness', 's-validation', 's-notes']) {
      expect(html).toContain(`id="${id}"`);
    }
    // Clip paths of different charts must not share ids in one document.
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of doc.fairness.summary) expect(html).toContain(s.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
    // The calibration slope and calibration-in-the-large are shown with their intervals and the words of their readings.
    const o = doc.overall;
    const ci = (x: number | null) => (x as number).toFixed(3).replace(/^-/, '−');
    expect(html).toContain(
      `Calibration slope ${ci(o.calibration_slope)} (95 % CI ${ci(o.calibration_slope_ci_low)} to ${ci(o.calibration_slope_ci_high)})`,
    );
    expect(html).toContain(SLOPE_READING[o.calibration_slope_reading!].en);
    expect(html).toContain(IN_THE_LARGE_READING[o.calibration_in_the_large_reading!].en);
    expect(html).toContain(
      esc(SLOPE_READING[o.calibration_slope_reading!].da[0].toUpperCase() + SLOPE_READING[o.calibration_slope_reading!].da.slice(1)),
    );
  });

  it("words a slope of 0.944 ± 0.048 as 'somewhat too spread', not 'fits', and keeps a negative U's sign", async () => {
    const json = join(dir, 'words.json');
    const r = await runReport(
      '--model',
      temporalModel,
      '--data',
      other,
      '--out',
      join(dir, 'words.html'),
      '--json',
      json,
      '--band-resamples',
      '0',
    );
    expect(r.code, r.stderr).toBe(0);
    const doc = readJsonFile<ReportDocument>(json);
    const o = doc.overall;
    Object.assign(o, {
      calibration_slope: 0.944,
      calibration_slope_ci_low: 0.896,
      calibration_slope_ci_high: 0.992,
      calibration_slope_reading: readSlope(0.944, 0.896, 0.992),
      unreliability_u: -0.0000032,
    });
    const html = await renderReportHtml(doc);
    const summary = html.slice(html.indexOf('id="s-summary"'), html.indexOf('id="s-model"'));
    expect(summary).toContain('Calibration slope 0.944 (95 % CI 0.896 to 0.992) (ideal 1): the predictions are somewhat too spread');
    expect(summary).not.toContain('fits the outcomes');
    expect(html).toMatch(/Unreliability U<\/th><td>−0\.0000032 /);
    // An interval that holds 1 fits; one that also reaches below 0.9 says it cannot rule out a clear misfit.
    Object.assign(o, {
      calibration_slope: 0.95,
      calibration_slope_ci_low: 0.85,
      calibration_slope_ci_high: 1.05,
      calibration_slope_reading: 'fits',
    });
    const wide = await renderReportHtml(doc);
    expect(wide).toContain(
      'the spread of the predictions fits the outcomes (the 95 % interval contains 1), but the interval is too wide to rule out a clear misfit',
    );
  });

  it('treats other data as external validation and writes JSON with the calibrate keys', async () => {
    const json = join(dir, 'external.json');
    const r = await runReport(
      '--model',
      temporalModel,
      '--data',
      other,
      '--out',
      join(dir, 'external.html'),
      '--json',
      json,
      '--band-resamples',
      '0',
    );
    expect(r.code, r.stderr).toBe(0);
    // biome-ignore lint/suspicious/noExplicitAny: the report's JSON is compared key by key
    const doc = readJsonFile<Record<string, any>>(json);
    expect(Object.keys(doc)).toEqual([
      'format',
      'schemaVersion',
      'generatedAt',
      'packageVersion',
      'model',
      'data',
      'evaluation',
      'overall',
      'apparent',
      'optimism',
      'calibration_curve',
      'roc',
      'score_histogram',
      'cutoff_table',
      'fairness',
      'notes',
    ]);
    expect(doc.evaluation.kind).toBe('temporal');
    const ext = join(dir, 'external2.json');
    await runReport(
      '--model',
      temporalModel,
      '--data',
      other,
      '--out',
      join(dir, 'external2.html'),
      '--json',
      ext,
      '--band-resamples',
      '0',
      '--external',
    );
    // biome-ignore lint/suspicious/noExplicitAny: the report's JSON is compared key by key
    const e = readJsonFile<Record<string, any>>(ext);
    expect(e.evaluation.kind).toBe('external');
    expect(e.overall.n).toBe(3000);
    expect(Object.keys(e.overall)).toEqual(CALIBRATE_KEYS);
    expect(Object.keys(e.cutoff_table.rows[0])).toEqual([
      'cutoff',
      'n',
      'events',
      'flagged',
      'share_flagged',
      'true_positives',
      'false_positives',
      'false_negatives',
      'true_negatives',
      'precision',
      'recall',
      'false_positive_rate',
      'false_negative_rate',
    ]);
    const group = e.fairness.attributes[0].groups[0];
    for (const key of CALIBRATE_KEYS) expect(group).toHaveProperty(key);
    for (const key of [
      'group',
      'observed_rate',
      'mean_predicted',
      'small',
      'share_flagged',
      'precision',
      'recall',
      'false_positive_rate',
      'false_negative_rate',
    ]) {
      expect(group).toHaveProperty(key);
    }
    expect(e.model.coefficients[0]).toEqual(expect.objectContaining({ term: '(Intercept)' }));
    expect(Object.keys(e.model.coefficients[0])).toEqual([
      'term',
      'estimate',
      'std_error',
      'z',
      'p_value',
      'ci_low',
      'ci_high',
      'odds_ratio',
      'or_ci_low',
      'or_ci_high',
    ]);
  });

  it('reproduces a random hold-out on the training file', async () => {
    const model = await trainOn(data, join(dir, 'holdout.json'), { kind: 'holdout', fraction: 0.3, seed: 5 });
    const json = join(dir, 'holdout.out.json');
    const r = await runReport(
      '--model',
      model,
      '--data',
      data,
      '--out',
      join(dir, 'holdout.html'),
      '--json',
      json,
      '--band-resamples',
      '0',
    );
    expect(r.code, r.stderr).toBe(0);
    const doc = readJsonFile<ReportDocument>(json);
    const artifact = await readArtifact(model);
    expect(doc.evaluation.kind).toBe('holdout');
    expect(doc.overall.n).toBe(artifact.validation!.rows);
    expect(doc.overall.auc).toBeCloseTo(artifact.validation!.auc!, 12);
    expect(doc.apparent!.n).toBe(artifact.training.rows);
    // On any other file the hold-out cannot be reproduced: external validation.
    const other2 = join(dir, 'holdout-other.json');
    await runReport('--model', model, '--data', other, '--out', join(dir, 'h2.html'), '--json', other2, '--band-resamples', '0');
    expect(readJsonFile<ReportDocument>(other2).evaluation.kind).toBe('external');
  });

  it('corrects an in-sample report for optimism with a seeded bootstrap', async () => {
    const model = await trainOn(other, join(dir, 'insample.json'), { kind: 'none' }, false);
    const run = async (name: string, seed: string) => {
      const json = join(dir, name);
      const r = await runReport(
        '--model',
        model,
        '--data',
        other,
        '--out',
        join(dir, `${name}.html`),
        '--json',
        json,
        '--bootstrap',
        '4',
        '--band-resamples',
        '0',
        '--seed',
        seed,
      );
      expect(r.code, r.stderr).toBe(0);
      return readJsonFile<ReportDocument>(json);
    };
    const a = await run('in1.json', '9');
    const b = await run('in2.json', '9');
    expect(a.evaluation.kind).toBe('in-sample');
    expect(a.optimism!.resamples).toBe(4);
    expect(a.optimism!.figures).toEqual(b.optimism!.figures);
    expect(a.optimism!.figures.c_statistic.optimism!).toBeGreaterThan(0);
    const html = readFileSync(join(dir, 'in1.json.html'), 'utf8');
    expect(html).toContain('Bootstrap optimism correction');
    expect(html).not.toContain('SIMULATED DATA');
  });

  it('refuses --pdf without Chromium before doing any work, saying how to install it', async () => {
    const saved = process.env.LEDIGHEDSPROFIL_CHROMIUM;
    process.env.LEDIGHEDSPROFIL_CHROMIUM = join(dir, 'no-such-chromium');
    try {
      const out = join(dir, 'nopdf.html');
      const r = await runReport('--model', temporalModel, '--data', other, '--out', out, '--pdf', join(dir, 'r.pdf'));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/needs headless Chromium/);
      expect(r.stderr).toMatch(/apt-get install -y chromium/);
      expect(existsSync(out)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.LEDIGHEDSPROFIL_CHROMIUM;
      else process.env.LEDIGHEDSPROFIL_CHROMIUM = saved;
    }
  });

  it('reports a missing data file as invalid input', async () => {
    const r = await runReport('--model', temporalModel, '--data', join(dir, 'missing.csv'), '--out', join(dir, 'x.html'));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/file not found/);
  });
});
