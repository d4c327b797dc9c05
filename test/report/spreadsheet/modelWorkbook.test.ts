/** The workbook's structure, read back from the file: sheets, drop-downs, range checks, protection, pre-fill, texts. */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelArtifact } from '../../../src/model/artifact/artifactSchema.js';
import { createScorer } from '../../../src/model/scorer.js';
import { writeModelWorkbook } from '../../../src/report/spreadsheet/modelWorkbook.js';
import type { CalculationLayout } from '../../../src/report/spreadsheet/calculationSheet.js';
import { CUTOFF_CELL, estimateCell } from '../../../src/report/spreadsheet/coefficientSheet.js';
import { inputValues, typicalMember } from '../../../src/report/spreadsheet/memberInputs.js';
import { SHEET } from '../../../src/report/spreadsheet/styles.js';
import { isDiscoCode } from '../../../src/report/spreadsheet/excelSyntax.js';
import { featureColumn } from '../../../src/model/spec/featureSpec.js';
import { tempDir } from '../../model/helpers.js';
import { allTermsModel, bundledModel } from './testModel.js';

interface Written {
  artifact: ModelArtifact;
  layout: CalculationLayout;
  workbook: ExcelJS.Workbook;
}

async function writeAndRead(artifact: ModelArtifact, name: string): Promise<Written> {
  const file = join(tempDir(), name);
  const layout = await writeModelWorkbook(artifact, file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return { artifact, layout, workbook };
}

/** The values of a one-column range such as "$G$14:$G$19". */
function rangeValues(ws: ExcelJS.Worksheet, range: string): unknown[] {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(range);
  if (!m || m[1] !== m[3]) throw new Error(`not a one-column range: ${range}`);
  const out: unknown[] = [];
  for (let r = Number(m[2]); r <= Number(m[4]); r++) out.push(ws.getCell(`${m[1]}${r}`).value);
  return out;
}

function sheetText(ws: ExcelJS.Worksheet): string {
  const parts: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => parts.push(typeof cell.value === 'string' ? cell.value : '')));
  return parts.join('\n');
}

describe('the exported workbook', () => {
  let bundled: Written;
  let allTerms: Written;

  beforeAll(async () => {
    bundled = await writeAndRead(await bundledModel(), 'bundled.xlsx');
    allTerms = await writeAndRead(await allTermsModel(), 'all-terms.xlsx');
  }, 60_000);

  it('has the three sheets, calculation first', () => {
    expect(bundled.workbook.worksheets.map((w) => w.name)).toEqual([SHEET.calculation, SHEET.coefficients, SHEET.about]);
  });

  it('offers exactly the modelled levels in each drop-down, Ja/Nej for booleans and options, and the range of each number', () => {
    for (const { artifact, layout, workbook } of [bundled, allTerms]) {
      const ws = workbook.getWorksheet(SHEET.calculation)!;
      const inputs = layout.inputs;
      expect(inputs.filter((i) => i.option === undefined).map((i) => i.feature)).toEqual(
        artifact.encoding.features.filter((f) => f.spec.type !== 'multiselect').map((f) => f.spec.name),
      );
      for (const ff of artifact.encoding.features) {
        const cells = inputs.filter((i) => i.feature === ff.spec.name);
        const f = ff.spec;
        for (const c of cells) {
          const dv = ws.getCell(c.address).dataValidation;
          expect(dv, `${c.address} (${f.name})`).toBeDefined();
          if (f.type === 'categorical' && featureColumn(f) === 'disco_code') {
            // A whole DISCO-08 code is typed, checked as the scorer checks it; the list explains the major groups.
            expect(dv).toMatchObject({ type: 'custom', errorStyle: 'stop' });
            expect(dv.formulae[0]).toBe(isDiscoCode(c.address));
            expect(rangeValues(ws, layout.lists[f.name]), f.name).toEqual(ff.levels);
          } else if (f.type === 'categorical') {
            expect(dv.type).toBe('list');
            expect(dv.formulae[0]).toBe(layout.lists[f.name]);
            expect(rangeValues(ws, layout.lists[f.name]), f.name).toEqual(ff.levels);
          } else if (f.type === 'numeric') {
            expect(dv).toMatchObject({ type: 'decimal', operator: 'between' });
            expect(dv.formulae.map(Number)).toEqual([f.min ?? -9.99e307, f.max ?? 9.99e307]);
          } else {
            expect(dv.type).toBe('list');
            expect(dv.formulae).toEqual(['"Ja,Nej"']);
          }
        }
        expect(cells.length, f.name).toBe(f.type === 'multiselect' ? f.options.length : 1);
      }
    }
    const ws = bundled.workbook.getWorksheet(SHEET.calculation)!;
    const q10 = bundled.layout.inputs.filter((i) => i.feature === 'q10_barriers');
    expect(q10.map((i) => i.option)).toEqual([
      'fysisk_helbred',
      'psykisk_helbred',
      'personlige_sociale',
      'oekonomi',
      'misbrug',
      'laese_skrive_regne',
      'it',
      'sprog',
      'andet',
    ]);
    expect(ws.getCell(q10[0].address.replace('B', 'A')).value).toBe('Mit fysiske helbred');
  });

  it('lets a value outside the list through only where the model pools it or reads a prefix', () => {
    const ws = allTerms.workbook.getWorksheet(SHEET.calculation)!;
    const style = (feature: string) =>
      ws.getCell(allTerms.layout.inputs.find((i) => i.feature === feature)!.address).dataValidation.errorStyle ?? 'stop';
    expect(style('cat')).toBe('warning');
    expect(style('code')).toBe('warning');
    const bundledWs = bundled.workbook.getWorksheet(SHEET.calculation)!;
    expect(
      bundledWs.getCell(bundled.layout.inputs.find((i) => i.feature === 'education')!.address).dataValidation.errorStyle ?? 'stop',
    ).toBe('stop');
  });

  it('protects every sheet without a password, leaving only the input cells unlocked', () => {
    for (const { workbook, layout } of [bundled, allTerms]) {
      for (const ws of workbook.worksheets) {
        const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean; hashValue?: string } }).sheetProtection;
        expect(protection?.sheet, ws.name).toBe(true);
        expect(protection?.hashValue, ws.name).toBeUndefined();
      }
      const ws = workbook.getWorksheet(SHEET.calculation)!;
      for (const c of layout.inputs) {
        expect(ws.getCell(c.address).protection?.locked, c.address).toBe(false);
        expect(ws.getCell(c.valueAddress).formula, c.valueAddress).toBeTruthy();
        expect(ws.getCell(c.valueAddress).protection?.locked, c.valueAddress).not.toBe(false);
      }
      for (const t of layout.terms) {
        for (const a of [t.value, t.coefficient, t.contribution]) {
          expect(ws.getCell(a).formula, a).toBeTruthy();
          expect(ws.getCell(a).protection?.locked, a).not.toBe(false);
        }
      }
      for (const a of [layout.linearPredictor, layout.probability, layout.targetGroup]) expect(ws.getCell(a).formula, a).toBeTruthy();
      let unlocked = 0;
      ws.eachRow((row) => row.eachCell((cell) => (unlocked += cell.protection?.locked === false ? 1 : 0)));
      expect(unlocked).toBe(layout.inputs.length);
    }
  });

  it('writes the formulas of the result as the brief states them', () => {
    const ws = bundled.workbook.getWorksheet(SHEET.calculation)!;
    const { terms, linearPredictor, probability, targetGroup } = bundled.layout;
    expect(ws.getCell(linearPredictor).formula).toBe(`SUM(${terms[0].contribution}:${terms[terms.length - 1].contribution})`);
    expect(ws.getCell(probability).formula).toBe(`1/(1+EXP(-${linearPredictor}))`);
    expect(ws.getCell(targetGroup).formula).toBe(`IF(${probability}>=Koefficienter!${CUTOFF_CELL},2,1)`);
    expect(ws.getCell(terms[0].value).formula).toBe('1');
  });

  it('opens with a typical member that the scorer can score', () => {
    const { artifact, layout, workbook } = bundled;
    const ws = workbook.getWorksheet(SHEET.calculation)!;
    const member = typicalMember(artifact);
    expect(createScorer(artifact).score(member).ok).toBe(true);
    expect(member).toMatchObject({
      age: 35,
      education: 'erhvervsfaglig',
      q2_job_expectation: 'inden_3_maaneder',
      disco_code: '5111',
      from_sickness_benefit: 0,
      earlier_spells: 1,
    });
    expect(createScorer(allTerms.artifact).score(typicalMember(allTerms.artifact)).ok).toBe(true);
    for (const ff of artifact.encoding.features) {
      const cells = layout.inputs.filter((i) => i.feature === ff.spec.name);
      expect(
        cells.map((c) => ws.getCell(c.address).value),
        ff.spec.name,
      ).toEqual(inputValues(ff, member[featureColumn(ff.spec)]));
    }
  });

  it('holds the coefficient table, aliased terms as NA, and the cut-off', () => {
    for (const { artifact, workbook } of [bundled, allTerms]) {
      const ws = workbook.getWorksheet(SHEET.coefficients)!;
      artifact.coefficients.forEach((c, j) => {
        const row = Number(estimateCell(j).slice(1));
        expect(ws.getCell(`A${row}`).value).toBe(c.term);
        expect(ws.getCell(`B${row}`).value).toBe(c.estimate ?? 'NA');
        expect(ws.getCell(`C${row}`).value).toBe(c.stdError ?? 'NA');
      });
      expect(ws.getCell(CUTOFF_CELL).value).toBe(artifact.cutoff.probability);
      const text = sheetText(ws);
      for (const ff of artifact.encoding.features) if (ff.reference !== undefined) expect(text).toContain(`(${ff.spec.name})`);
    }
    expect(allTerms.artifact.coefficients.filter((c) => c.estimate === null).map((c) => c.term)).toContain('dup');
    expect(sheetText(allTerms.workbook.getWorksheet(SHEET.coefficients)!)).toContain('d, e');
    expect(sheetText(bundled.workbook.getWorksheet(SHEET.coefficients)!)).toContain('Køn (gender)');
  });

  it('warns on every sheet that the model was trained on simulated data, and not otherwise', async () => {
    for (const ws of bundled.workbook.worksheets) expect(sheetText(ws), ws.name).toMatch(/trænet på simulerede data/);
    const real = await writeAndRead({ ...allTerms.artifact, simulatedData: false }, 'real.xlsx');
    for (const ws of real.workbook.worksheets) expect(sheetText(ws), ws.name).not.toMatch(/trænet på simulerede data/);
  });

  it('describes the model, its training and validation, and how to use it, in Danish', () => {
    const { artifact, workbook } = bundled;
    const text = sheetText(workbook.getWorksheet(SHEET.about)!);
    for (const s of [
      artifact.version,
      artifact.description,
      artifact.training.dataSha256,
      artifact.training.split,
      'Sådan bruger du regnearket',
      'erstatter ikke',
    ])
      expect(text).toContain(s);
    const ws = workbook.getWorksheet(SHEET.about)!;
    const values: unknown[] = [];
    ws.eachRow((row) => values.push(row.getCell(2).value));
    for (const v of [
      artifact.training.rows,
      artifact.training.events,
      artifact.training.censored,
      artifact.validation!.auc,
      artifact.validation!.brier,
    ])
      expect(values).toContain(v);
  });
});
