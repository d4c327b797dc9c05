import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from './runCli.js';
import { tempDir } from '../model/helpers.js';

const spec = new URL('../../training/default-spec.json', import.meta.url).pathname;

describe('the analyst path: simulate → label → train → score', () => {
  it('runs end to end and records the censored spells of exactly the labelled file', async () => {
    const d = tempDir();
    const f = (name: string) => join(d, name);
    expect((await runCli(['simulate', '--n', '4000', '--seed', '7', '--out', f('spells.csv'), '--hours-out', f('hours.csv')])).code).toBe(
      0,
    );
    const label = await runCli([
      'label',
      '--spells',
      f('spells.csv'),
      '--hours',
      f('hours.csv'),
      '--out',
      f('labelled.csv'),
      '--summary-json',
      f('label.json'),
      '--last-week',
      '201826',
    ]);
    expect(label.code).toBe(0);
    const summary = JSON.parse(readFileSync(f('label.json'), 'utf8'));
    expect(summary.censored).toBeGreaterThan(0);
    expect(summary.labelled + summary.censored).toBe(4000);

    const train = await runCli([
      'train',
      '--data',
      f('labelled.csv'),
      '--spec',
      spec,
      '--holdout',
      '0.25',
      '--seed',
      '3',
      '--simulated',
      '--label-summary',
      f('label.json'),
      '--out',
      f('m.json'),
      '--quiet',
    ]);
    expect(train.code).toBe(0);
    const artifact = JSON.parse(readFileSync(f('m.json'), 'utf8'));
    expect(artifact.training.censored).toBe(summary.censored);
    expect(artifact.training.rows + artifact.validation.rows).toBe(summary.labelled);
    expect(artifact.simulatedData).toBe(true);
    expect(artifact.encoding.auditOnly).toEqual(['gender', 'origin']);
    expect(artifact.training.dateRange.from >= '2014-01-01').toBe(true);

    const score = await runCli(['score', '--model', f('m.json'), '--data', f('labelled.csv'), '--out', f('p.csv')]);
    expect(score.code).toBe(0);
    const rows = parse(readFileSync(f('p.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(summary.labelled);

    // A summary of another file is refused rather than recorded.
    writeFileSync(f('other.csv'), readFileSync(f('labelled.csv'), 'utf8').replace(/\n[^\n]*\n$/, '\n'));
    const wrong = await runCli([
      'train',
      '--data',
      f('other.csv'),
      '--spec',
      spec,
      '--label-summary',
      f('label.json'),
      '--out',
      f('m2.json'),
      '--quiet',
    ]);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/describes another file than --data/);
  });
});
