import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { defaultModelVersion } from '../../src/cli/commands/train.js';
import { runCli } from './runCli.js';
import { fixture, tempDir } from '../model/helpers.js';

const birthwt = fixture('birthwt', 'birthwt.csv');
const glm = JSON.parse(readFileSync(fixture('birthwt', 'glm.json'), 'utf8'));
const genericArgs = ['--outcome', 'low', '--numeric', 'age,lwt,smoke,ptl,ht,ui,ftv', '--categorical', 'race', '--reference', 'race=white'];

describe('ledighedsprofil train (generic form) and score', () => {
  it("prints the R-style table, writes the coefficient CSV with R's numbers, and scores a file", async () => {
    const dir = tempDir();
    const model = join(dir, 'bw-1.json');
    const coef = join(dir, 'coef.csv');
    const r = await runCli(['train', '--data', birthwt, ...genericArgs, '--out', model, '--coef-csv', coef]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Coefficients:\n\s+Estimate Std. Error z value Pr\(>\|z\|\)/);
    expect(r.stdout).toMatch(/^race=black\s+1\.27226\s+0\.527357\s+2\.413\s+0\.01584 \*$/m);
    expect(r.stdout).toMatch(/Residual deviance: 201\.28 {2}on 179 {2}degrees of freedom/);
    expect(r.stdout).toMatch(/AIC: 221\.28/);
    expect(r.stdout).toMatch(/Reference levels: race=white/);
    const rows = parse(readFileSync(coef, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(['term', 'estimate', 'std_error', 'z', 'p_value', 'ci_low', 'ci_high', 'odds_ratio']);
    for (const ref of glm.coefficients) {
      const row = rows.find((x) => x.term === ref.term.replace(/^race(black|other)$/, 'race=$1'))!;
      expect(Number(row.estimate)).toBeCloseTo(ref.estimate, 9);
      expect(Number(row.p_value)).toBeCloseTo(ref.p_value, 9);
      expect(Number(row.ci_low)).toBeCloseTo(ref.wald_ci_low, 8);
      expect(Number(row.ci_high)).toBeCloseTo(ref.wald_ci_high, 8);
      expect(Number(row.odds_ratio)).toBeCloseTo(Math.exp(ref.estimate), 9);
    }
    const artifact = JSON.parse(readFileSync(model, 'utf8'));
    // Without --model-version: the file's stem and the training date, announced without doubling a word.
    expect(artifact.version).toBe(`bw-1-${artifact.createdAt.slice(0, 10)}`);
    expect(r.stderr).toContain(`model version ${artifact.version} written to ${model}`);
    expect(artifact.training.dataSha256).toMatch(/^[0-9a-f]{64}$/);

    const out = join(dir, 'pred.csv');
    const s = await runCli(['score', '--model', model, '--data', birthwt, '--out', out]);
    expect(s.code).toBe(0);
    const pred = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(pred).toHaveLength(189);
    expect(Object.keys(pred[0]).slice(-4)).toEqual(['linear_predictor', 'probability', 'target_group', 'score_error']);
    const meanP = pred.reduce((a, x) => a + Number(x.probability), 0) / pred.length;
    expect(meanP).toBeCloseTo(59 / 189, 8); // a logistic MLE with intercept reproduces the event rate
    expect(pred.every((x) => x.target_group === (Number(x.probability) >= 0.25 ? '2' : '1'))).toBe(true);
  });

  it("announces a model written to model.json as 'model version model-<date>', never 'model model'", async () => {
    const dir = tempDir();
    const model = join(dir, 'model.json');
    const r = await runCli(['train', '--data', birthwt, ...genericArgs, '--out', model, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const version = JSON.parse(readFileSync(model, 'utf8')).version as string;
    expect(version).toMatch(/^model-\d{4}-\d{2}-\d{2}$/);
    expect(r.stderr).toContain(`model version ${version} written to ${model}`);
    expect(r.stderr).not.toMatch(/\bmodel model\b/);
    const named = await runCli([
      'train',
      '--data',
      birthwt,
      ...genericArgs,
      '--out',
      join(dir, 'm.json'),
      '--quiet',
      '--model-version',
      'bw-7',
    ]);
    expect(named.stderr).toContain('model version bw-7 written to');
  });

  it('says in --help that AIC and log-likelihood with non-integer weights are the weighted ones, unlike R', async () => {
    const help = await runCli(['train', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/log-likelihood printed and stored is\s+the weighted one/);
    expect(help.stdout).toMatch(/non-integer weights R's\s+binomial AIC rounds the weights/);
  });

  it('keeps a stem that already ends in a date as the default version', () => {
    const day = new Date('2026-12-01T23:59:00Z');
    expect(defaultModelVersion('out/model.json', day)).toBe('model-2026-12-01');
    expect(defaultModelVersion('/x/risk-2026-11-30.json', day)).toBe('risk-2026-11-30');
    expect(defaultModelVersion('plain', day)).toBe('plain-2026-12-01');
  });

  it('reports bad training rows by file, line and column and writes nothing (exit 3)', async () => {
    const dir = tempDir();
    const lines = readFileSync(birthwt, 'utf8').split('\n');
    lines[3] = lines[3].replace(/^0,/, '2,'); // outcome 2 on line 4
    lines[6] = lines[6].replace(/,"white",/, ',"purple",').replace(/^(\d),(\d+),(\d+),/, '$1,x$2,$3,'); // line 7: bad age
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, lines.join('\n'));
    const model = join(dir, 'm.json');
    const r = await runCli(['train', '--data', bad, ...genericArgs, '--out', model]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${bad}:4:1: low: the outcome must be 0 or 1, got "2"`);
    expect(r.stderr).toMatch(new RegExp(`${bad}:7:2: age: expected a number, got "x\\d+"`));
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(existsSync(model)).toBe(false);
  });

  it('marks rows it cannot score, keeps them in the output, and exits 5', async () => {
    const dir = tempDir();
    const model = join(dir, 'm.json');
    expect((await runCli(['train', '--data', birthwt, ...genericArgs, '--out', model, '--quiet'])).code).toBe(0);
    const data = join(dir, 'new.csv');
    writeFileSync(data, 'id,age,lwt,race,smoke,ptl,ht,ui,ftv\n1,30,120,white,0,0,0,0,0\n2,30,,black,0,0,0,0,0\n3,30,120,green,0,0,0,0,0\n');
    const out = join(dir, 'pred.csv');
    const r = await runCli(['score', '--model', model, '--data', data, '--out', out]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`${data}:3:3: lwt: value is missing`);
    expect(r.stderr).toContain(`${data}:4:4: race: level "green" did not occur in the training data`);
    const pred = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(pred.map((p) => p.id)).toEqual(['1', '2', '3']);
    expect(pred[0].probability).not.toBe('');
    expect(pred[1].probability).toBe('');
    expect(pred[2].score_error).toMatch(/race: level "green"/);
  });

  it('rejects bad usage with exit code 2 and a message naming the option', async () => {
    const r1 = await runCli(['train', '--data', birthwt, '--out', '/tmp/x.json']);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/give --spec FILE, or --outcome COLUMN/);
    const r2 = await runCli(['train', '--data', birthwt, ...genericArgs, '--out', '/tmp/x.json', '--holdout', '1.5']);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--holdout.*expected a number in \(0, 1\)/);
    const r3 = await runCli(['train', '--data', birthwt, ...genericArgs, '--out', '/tmp/x.json', '--cutoff', '0.3', '--flag-share', '0.2']);
    expect(r3.code).toBe(2);
    const r4 = await runCli(['score', '--model', '/nonexistent.json', '--data', birthwt, '--out', '/tmp/p.csv']);
    expect(r4.code).toBe(3);
    expect(r4.stderr).toMatch(/model file not found/);
  });

  it('validates a specification file and names the JSON path of a mistake', async () => {
    const dir = tempDir();
    const spec = join(dir, 'spec.json');
    writeFileSync(
      spec,
      JSON.stringify({
        specVersion: 1,
        name: 'x',
        outcome: 'low',
        features: [{ name: 'race', type: 'categorical', levels: ['white', 'black'], reference: 'other' }],
      }),
    );
    const r = await runCli(['train', '--data', birthwt, '--spec', spec, '--out', join(dir, 'm.json')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${spec}: features.0.reference: reference "other" is not one of the levels`);
  });

  it('prints help for every command', async () => {
    for (const cmd of ['train', 'score', 'simulate', 'label']) {
      const r = await runCli([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Usage: ledighedsprofil ${cmd}`));
    }
  });
});
