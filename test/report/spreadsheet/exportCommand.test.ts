import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readArtifact } from '../../../src/model/artifact/artifactFile.js';
import { SHEET } from '../../../src/report/spreadsheet/styles.js';
import { runCli } from '../../cli/runCli.js';
import { tempDir } from '../../model/helpers.js';
import { BUNDLED_MODEL } from './testModel.js';

describe('ledighedsprofil export', () => {
  it('writes the workbook of a model', async () => {
    const out = join(tempDir(), 'model.xlsx');
    const r = await runCli(['export', '--model', BUNDLED_MODEL, '--format', 'xlsx', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('SIMULATED');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET.calculation, SHEET.coefficients, SHEET.about]);
  });

  it('rejects any format but xlsx with exit code 2', async () => {
    const out = join(tempDir(), 'model.csv');
    const r = await runCli(['export', '--model', BUNDLED_MODEL, '--format', 'csv', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format csv.*xlsx/);
    expect(existsSync(out)).toBe(false);
  });

  it("rejects an invalid model file with exit code 3 and the reader's message", async () => {
    const dir = tempDir();
    const model = join(dir, 'edited.json');
    const json = JSON.parse(readFileSync(BUNDLED_MODEL, 'utf8'));
    json.cutoff.probability = 0.1;
    writeFileSync(model, JSON.stringify(json));
    const expected = await readArtifact(model).then(
      () => '',
      (err: Error) => err.message,
    );
    expect(expected).toMatch(/checksum/);
    const r = await runCli(['export', '--model', model, '--out', join(dir, 'x.xlsx')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`error: ${expected}\n`);
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
  });

  it('says so when the output cannot be written', async () => {
    const r = await runCli(['export', '--model', BUNDLED_MODEL, '--out', join(tempDir(), 'no-such-dir', 'x.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write/);
  });
});
