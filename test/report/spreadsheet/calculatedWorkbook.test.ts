/**
 * The workbook's formulas, calculated by a real spreadsheet program: one workbook per member is written,
 * LibreOffice converts them all in one run (calculating every formula and storing the results), and the
 * results read back must equal the scorer's. Needs LibreOffice (`soffice`): in CI a missing soffice
 * fails the test; elsewhere the test is skipped with a message.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelArtifact } from '../../../src/model/artifact/artifactSchema.js';
import { coefficientTable } from '../../../src/model/coefficientTable.js';
import { createScorer } from '../../../src/model/scorer.js';
import { writeModelWorkbook } from '../../../src/report/spreadsheet/modelWorkbook.js';
import type { CalculationLayout } from '../../../src/report/spreadsheet/calculationSheet.js';
import { typicalMember } from '../../../src/report/spreadsheet/memberInputs.js';
import { estimateCell } from '../../../src/report/spreadsheet/coefficientSheet.js';
import { SHEET } from '../../../src/report/spreadsheet/styles.js';
import { tempDir } from '../../model/helpers.js';
import { convertWithLibreOffice, findSoffice } from './libreOffice.js';
import { allTermsMembers, allTermsModel, bundledMembers, bundledModel } from './testModel.js';

const soffice = findSoffice();
if (!soffice && !process.env.CI) {
  console.warn(
    'LibreOffice (soffice) is not installed: skipping the tests that calculate the exported workbook. Install it with `apt-get install -y libreoffice-calc-nogui`.',
  );
}

interface Case {
  name: string;
  artifact: ModelArtifact;
  member: Record<string, unknown>;
  layout?: CalculationLayout;
  sheet?: ExcelJS.Worksheet;
  coefficients?: ExcelJS.Worksheet;
}

/**
 * The calculated result of a formula cell, as LibreOffice stored it. `cell.result`, not
 * `cell.value.result`: exceljs drops a falsy result (0, FALSE, "") from the latter.
 */
function result(ws: ExcelJS.Worksheet, address: string): unknown {
  const cell = ws.getCell(address);
  if (!cell.formula) throw new Error(`${address} is not a formula cell: ${JSON.stringify(cell.value)}`);
  return cell.result;
}

describe.skipIf(!soffice && !process.env.CI)('the exported workbook calculated by LibreOffice', () => {
  const dir = tempDir();
  const cases: Case[] = [];
  let largestDifference = 0;

  beforeAll(async () => {
    expect(soffice, 'LibreOffice (soffice) must be installed where CI is set: apt-get install -y libreoffice-calc-nogui').toBeDefined();
    const [bundled, allTerms] = await Promise.all([bundledModel(), allTermsModel()]);
    cases.push({ name: 'bundled-typical', artifact: bundled, member: typicalMember(bundled) });
    for (const [name, member] of Object.entries(bundledMembers)) cases.push({ name: `bundled-${name}`, artifact: bundled, member });
    for (const [name, member] of Object.entries(allTermsMembers)) cases.push({ name: `allterms-${name}`, artifact: allTerms, member });
    const inDir = join(dir, 'in');
    const outDir = join(dir, 'out');
    mkdirSync(inDir);
    mkdirSync(outDir);
    const files: string[] = [];
    for (const c of cases) {
      const file = join(inDir, `${c.name}.xlsx`);
      // The bundled typical member is the workbook's own default pre-fill, as `export` writes it.
      c.layout = await writeModelWorkbook(c.artifact, file, c.name === 'bundled-typical' ? {} : { member: c.member });
      files.push(file);
    }
    convertWithLibreOffice(soffice!, files, 'xlsx', outDir);
    for (const c of cases) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(outDir, `${c.name}.xlsx`));
      c.sheet = wb.getWorksheet(SHEET.calculation);
      c.coefficients = wb.getWorksheet(SHEET.coefficients);
    }
  }, 90_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    if (cases.length > 0)
      console.info(
        `largest |probability(workbook) − probability(scorer)| over ${cases.length} members: ${largestDifference.toExponential(2)}`,
      );
  });

  it('covers every member', () => {
    expect(cases.length).toBeGreaterThanOrEqual(13);
  });

  it('gives each member the probability and target group of the scorer', () => {
    for (const c of cases) {
      const scorer = createScorer(c.artifact);
      const expected = scorer.score(c.member);
      if (!expected.ok) continue;
      const p = result(c.sheet!, c.layout!.probability);
      const lp = result(c.sheet!, c.layout!.linearPredictor);
      expect(typeof p, `${c.name}: probability ${JSON.stringify(p)}`).toBe('number');
      const diff = Math.abs((p as number) - expected.probability);
      largestDifference = Math.max(largestDifference, diff);
      expect(diff, `${c.name}: probability ${p} vs scorer ${expected.probability}`).toBeLessThan(1e-9);
      expect(Math.abs((lp as number) - expected.linearPredictor), `${c.name}: linear predictor`).toBeLessThan(
        1e-9 * Math.max(1, Math.abs(expected.linearPredictor)),
      );
      expect(result(c.sheet!, c.layout!.targetGroup), `${c.name}: målgruppe`).toBe(scorer.targetGroup(expected.probability));
      expect(result(c.sheet!, c.layout!.control), `${c.name}: control cell`).toBe('OK');
    }
  });

  it('computes every term as the scorer encodes it', () => {
    for (const c of cases) {
      const expected = createScorer(c.artifact).score(c.member);
      if (!expected.ok) continue;
      const values = new Map(expected.contributions.map((t) => [t.term, t.value]));
      c.layout!.terms.forEach((t, j) => {
        if (j === 0) return;
        const v = result(c.sheet!, t.value);
        expect(Math.abs((v as number) - (values.get(t.term) ?? 0)), `${c.name}: term ${t.term} = ${JSON.stringify(v)}`).toBeLessThan(
          1e-12 * Math.max(1, Math.abs(values.get(t.term) ?? 0)),
        );
      });
    }
  });

  it('shows #N/A, not a number, for a member the scorer rejects', () => {
    const rejected = cases.filter((c) => !createScorer(c.artifact).score(c.member).ok);
    expect(rejected.map((c) => c.name).sort()).toEqual(['allterms-codeNotAllowed', 'allterms-linAboveMax', 'bundled-lostZero']);
    for (const c of rejected) {
      expect(result(c.sheet!, c.layout!.probability), c.name).toEqual({ error: '#N/A' });
      expect(result(c.sheet!, c.layout!.control), `${c.name}: control cell`).toBe('Udfyld felterne');
    }
  });

  it('shows the model values of pooled, unseen, missing and prefixed inputs', () => {
    const value = (name: string, feature: string) => {
      const c = cases.find((k) => k.name === name)!;
      return result(c.sheet!, c.layout!.inputs.find((i) => i.feature === feature)!.valueAddress);
    };
    expect(value('allterms-justBelowEdge', 'cat')).toBe('(other)');
    expect(value('allterms-bandMissing', 'cat')).toBe('(other)');
    expect(value('allterms-catMissing', 'cat')).toBe('(missing)');
    expect(value('allterms-bandUpperEdge', 'cat')).toBe('B');
    expect(value('allterms-nearUpperEdge', 'cat')).toBe('b');
    expect(value('allterms-bandUpperEdge', 'code')).toBe('2');
    expect(value('allterms-bandUpperEdge', 'lin')).toBe(47.9);
    expect(value('bundled-olderWithBarriers', 'education')).toBe('(missing)');
    // A DISCO-08 code is read whole: "0210" is major group 0, "210" (the zero lost) is no code at all.
    expect(value('bundled-armedForces', 'disco_major')).toBe('0');
    expect(value('bundled-lostZero', 'disco_major')).toEqual({ error: '#N/A' });
    expect(value('bundled-youngGraduate', 'disco_major')).toBe('2');
    const meaning = (name: string, feature: string) => {
      const c = cases.find((k) => k.name === name)!;
      return result(c.sheet!, c.layout!.inputs.find((i) => i.feature === feature)!.valueAddress.replace('D', 'C'));
    };
    expect(meaning('allterms-nearUpperEdge', 'cat')).toBe('b');
    expect(meaning('allterms-bandUpperEdge', 'cat')).toBe('B');
    expect(meaning('allterms-justBelowEdge', 'cat')).toBe('Anden værdi');
    expect(meaning('bundled-typical', 'education')).toBe('Erhvervsfaglig uddannelse (reference)');
    expect(meaning('bundled-olderWithBarriers', 'education')).toBe('Ukendt');
    expect(meaning('allterms-linAboveMax', 'lin')).toBe('Mangler eller ugyldig: Tal fra 0 til 100');
    expect(meaning('bundled-lostZero', 'disco_major')).toBe('Mangler eller ugyldig: skriv en DISCO-08-kode med 4 eller 6 cifre, fx 0210');
  });

  it('computes the confidence intervals and odds ratios of the coefficient sheet as train --coef-csv', () => {
    for (const name of ['bundled-typical', 'allterms-bandLowerEdge']) {
      const c = cases.find((k) => k.name === name)!;
      const a = c.artifact;
      const rows = coefficientTable(
        a.encoding.terms,
        a.coefficients.map((k) => k.estimate ?? NaN),
        a.covariance.flatMap((r) => r.map((v) => v ?? NaN)),
      );
      rows.forEach((r, j) => {
        const n = Number(estimateCell(j).slice(1));
        const ws = c.coefficients!;
        if (!Number.isFinite(r.estimate)) {
          expect(ws.getCell(`B${n}`).value).toBe('NA');
          expect(result(ws, `H${n}`)).toBe('NA');
          return;
        }
        for (const [col, want] of [
          ['F', r.ciLow],
          ['G', r.ciHigh],
          ['H', r.oddsRatio],
        ] as const) {
          expect(Math.abs((result(ws, `${col}${n}`) as number) - want), `${name}: ${r.term} ${col}`).toBeLessThan(
            1e-12 * Math.max(1, Math.abs(want)),
          );
        }
      });
    }
  });
});
