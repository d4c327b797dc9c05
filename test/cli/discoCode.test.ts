import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulateCohort } from '../../src/data/simulate/cohort.js';
import { tempDir } from '../model/helpers.js';
import { runCli } from './runCli.js';

const spec = new URL('../../training/default-spec.json', import.meta.url).pathname;
const bundled = new URL('../../models/sim-2026.12-1.json', import.meta.url).pathname;

/**
 * A cohort whose line 3 has the DISCO-08 code 210 (0210 that lost its leading zero) and whose line 5 has
 * "21": both used to be read by their first digit, as major group 2.
 */
let file: string;
let column: number;
const dir = tempDir();
beforeAll(async () => {
  const clean = join(dir, 'cohort.csv');
  await simulateCohort({ n: 1500, seed: 11, spellsPath: clean });
  const lines = readFileSync(clean, 'utf8').split('\n');
  const header = lines[0].split(',');
  column = header.indexOf('disco_code') + 1;
  const set = (n: number, value: string) => {
    const fields = lines[n - 1].split(',');
    fields[column - 1] = value;
    lines[n - 1] = fields.join(',');
  };
  set(3, '210');
  set(5, '21');
  file = join(dir, 'bad-disco.csv');
  writeFileSync(file, lines.join('\n'));
});

describe('DISCO-08 codes in CSV files', () => {
  it('train refuses a code without its leading zero, naming file:line:column, and writes nothing (exit 3)', async () => {
    const out = join(dir, 'm.json');
    const r = await runCli(['train', '--data', file, '--spec', spec, '--out', out, '--quiet']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${file}:3:${column}: disco_code: "210" has 3 digits: a DISCO-08 code is 4 digits`);
    expect(r.stderr).toContain('"0210", not "210"');
    expect(r.stderr).toContain(`${file}:5:${column}: disco_code: "21" has 2 digits`);
    expect(() => readFileSync(out)).toThrow();
  });

  it('score leaves such a row unscored with the reason, and scores the others (exit 5)', async () => {
    const out = join(dir, 'scored.csv');
    const r = await runCli(['score', '--model', bundled, '--data', file, '--out', out]);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain(`${file}:3:${column}: disco_code: "210" has 3 digits`);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows[1].probability).toBe('');
    expect(rows[1].score_error).toMatch(/^disco_code: "210" has 3 digits/);
    expect(rows[3].score_error).toMatch(/^disco_code: "21" has 2 digits/);
    expect(rows.filter((x) => x.score_error === '').length).toBe(rows.length - 2);
  });
});
