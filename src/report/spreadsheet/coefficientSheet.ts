/**
 * The "Koefficienter" sheet: the coefficient table as `train --coef-csv` writes it (Wald z, p and
 * confidence interval, as R's summary(glm) and confint.default), the reference levels, the levels pooled
 * into "(other)", the features left out, and the målgruppe cut-off that the calculation refers to.
 */
import type ExcelJS from 'exceljs';
import type { ModelArtifact } from '../../model/artifact/artifactSchema.js';
import { coefficientTable } from '../../model/coefficientTable.js';
import { qnorm } from '../../stats/normal.js';
import { FEATURE_NAMES_DA } from '../../i18n/da.js';
import { COEFFICIENT_SHEET_DA } from '../../i18n/daSpreadsheet.js';
import { featureLabel, levelLabel, termLabel } from './labels.js';
import type { TermDescription } from './termFormulas.js';
import { protectSheet, styleHeader, styleNote, styleSection, styleTitle, styleWarning } from './styles.js';

/** The cell holding the cut-off probability (målgruppe 2 at or above it). */
export const CUTOFF_CELL = 'B5';
const Z_CELL = 'B8';
const HEADER_ROW = 10;

/** The cell holding term j's estimate (the text "NA" for an aliased term, as R prints it). */
export function estimateCell(j: number): string {
  return `B${HEADER_ROW + 1 + j}`;
}

/** The coefficient table's column headers, in order (the columns of `train --coef-csv`, plus a Danish explanation). */
export const COEFFICIENT_HEADERS = COEFFICIENT_SHEET_DA.headers;

/** Fills the coefficient sheet and protects it. */
export async function fillCoefficientSheet(
  ws: ExcelJS.Worksheet,
  artifact: ModelArtifact,
  terms: readonly TermDescription[],
  simulatedWarning: string | null,
): Promise<void> {
  ws.columns = [
    { width: 44 },
    { width: 13 },
    { width: 12 },
    { width: 10 },
    { width: 12 },
    { width: 14 },
    { width: 14 },
    { width: 12 },
    { width: 55 },
  ];
  ws.getCell('A1').value = COEFFICIENT_SHEET_DA.title(artifact.version);
  styleTitle(ws.getCell('A1'));
  if (simulatedWarning) {
    ws.getCell('A2').value = simulatedWarning;
    styleWarning(ws, 2, 9);
    ws.getRow(2).height = 32;
  }
  ws.getCell('A3').value = COEFFICIENT_SHEET_DA.note;
  styleNote(ws.getCell('A3'));
  ws.mergeCells('A3:I3');
  ws.getRow(3).height = 40;

  const c = artifact.cutoff;
  const facts: [string, number | string, string?][] = [
    [COEFFICIENT_SHEET_DA.cutoff, c.probability, '0.0%'],
    [COEFFICIENT_SHEET_DA.cutoffRule, c.rule],
    [COEFFICIENT_SHEET_DA.shareFlagged, c.shareFlaggedInTraining, '0.0%'],
    [COEFFICIENT_SHEET_DA.zQuantile, qnorm(0.975), '0.000000'],
  ];
  facts.forEach(([label, value, format], i) => {
    const row = ws.getRow(5 + i);
    row.getCell(1).value = label;
    row.getCell(2).value = value;
    if (format) row.getCell(2).numFmt = format;
    row.getCell(2).alignment = { horizontal: 'left' };
  });
  ws.getCell(CUTOFF_CELL).font = { bold: true };

  const header = ws.getRow(HEADER_ROW);
  COEFFICIENT_HEADERS.forEach((h, i) => (header.getCell(i + 1).value = h));
  styleHeader(header, COEFFICIENT_HEADERS.length);
  for (let col = 2; col <= 8; col++) header.getCell(col).alignment = { horizontal: 'right', vertical: 'top', wrapText: true };
  header.getCell(9).alignment = { indent: 1, vertical: 'top' };
  const p = artifact.coefficients.length;
  const rows = coefficientTable(
    artifact.encoding.terms,
    artifact.coefficients.map((k) => k.estimate ?? NaN),
    artifact.covariance.flatMap((r) => r.map((v) => v ?? NaN)),
  );
  rows.forEach((r, j) => {
    const n = HEADER_ROW + 1 + j;
    const row = ws.getRow(n);
    const num = (x: number) => (Number.isFinite(x) ? x : 'NA');
    row.getCell(1).value = r.term;
    row.getCell(2).value = num(r.estimate);
    row.getCell(3).value = num(r.stdError);
    row.getCell(4).value = num(r.z);
    row.getCell(5).value = num(r.pValue);
    // The interval and odds ratio are formulas, so a reader can see how they follow from the estimate.
    row.getCell(6).value = { formula: `IF(ISNUMBER(B${n}),B${n}-${Z_CELL}*C${n},"NA")` };
    row.getCell(7).value = { formula: `IF(ISNUMBER(B${n}),B${n}+${Z_CELL}*C${n},"NA")` };
    row.getCell(8).value = { formula: `IF(ISNUMBER(B${n}),EXP(B${n}),"NA")` };
    row.getCell(9).value = termLabel(terms[j], terms);
    row.getCell(9).alignment = { indent: 1 };
    for (const col of [2, 3, 6, 7, 8]) row.getCell(col).numFmt = '0.0000';
    row.getCell(4).numFmt = '0.00';
    row.getCell(5).numFmt = '0.0E+00';
  });
  ws.views = [{ state: 'frozen', ySplit: HEADER_ROW }];

  let at = HEADER_ROW + p + 2;
  ws.getCell(at, 1).value = COEFFICIENT_SHEET_DA.referenceHeading;
  styleSection(ws.getCell(at, 1));
  at++;
  const refHeader = ws.getRow(at++);
  refHeader.getCell(1).value = COEFFICIENT_SHEET_DA.referenceFeature;
  refHeader.getCell(2).value = COEFFICIENT_SHEET_DA.referenceLevel;
  refHeader.getCell(9).value = COEFFICIENT_SHEET_DA.referenceMeaning;
  styleHeader(refHeader, 9);
  for (const ff of artifact.encoding.features) {
    if (ff.reference === undefined) continue;
    const row = ws.getRow(at++);
    row.getCell(1).value = `${featureLabel(ff)} (${ff.spec.name})`;
    row.getCell(2).value = ff.reference;
    row.getCell(9).value = levelLabel(ff, ff.reference);
  }
  const pooled = artifact.encoding.features.filter((ff) => (ff.pooled ?? []).length > 0);
  if (pooled.length > 0) {
    at++;
    ws.getCell(at++, 1).value = COEFFICIENT_SHEET_DA.pooledHeading;
    styleSection(ws.getCell(at - 1, 1));
    for (const ff of pooled) {
      const row = ws.getRow(at++);
      row.getCell(1).value = `${featureLabel(ff)} (${ff.spec.name})`;
      row.getCell(2).value = ff.pooled!.join(', ');
    }
  }
  if (artifact.encoding.auditOnly.length > 0) {
    at++;
    ws.getCell(at++, 1).value = COEFFICIENT_SHEET_DA.auditOnlyHeading;
    styleSection(ws.getCell(at - 1, 1));
    for (const name of artifact.encoding.auditOnly) ws.getCell(at++, 1).value = `${FEATURE_NAMES_DA[name] ?? name} (${name})`;
  }
  ws.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 };
  await protectSheet(ws);
}
