/**
 * The model as a workbook others can check: "Beregning" (inputs and live formulas), "Koefficienter"
 * and "Om modellen". Formulas carry no cached results; the workbook asks the spreadsheet program to
 * calculate everything when it is opened.
 */
import { rename, rm } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { ModelArtifact } from '../../model/artifact/artifactSchema.js';
import { WORKBOOK_TEXT_DA } from '../../i18n/daSpreadsheet.js';
import { fillCalculationSheet, type CalculationLayout } from './calculationSheet.js';
import { fillCoefficientSheet } from './coefficientSheet.js';
import { fillAboutSheet } from './aboutSheet.js';
import { typicalMember } from './memberInputs.js';
import { describeTerms } from './termFormulas.js';
import { SHEET } from './styles.js';

/** Options of {@link buildModelWorkbook}. */
export interface ModelWorkbookOptions {
  /** The member the input cells are pre-filled with, keyed by input column; default: a typical member. */
  member?: Readonly<Record<string, unknown>>;
}

/** Builds the workbook for a model and returns it with the calculation sheet's layout. */
export async function buildModelWorkbook(
  artifact: ModelArtifact,
  options: ModelWorkbookOptions = {},
): Promise<{ workbook: ExcelJS.Workbook; layout: CalculationLayout }> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ledighedsprofil';
  workbook.title = WORKBOOK_TEXT_DA.title(artifact.version);
  workbook.created = new Date(artifact.createdAt);
  workbook.modified = new Date(artifact.createdAt);
  workbook.calcProperties = { fullCalcOnLoad: true };
  const warning = artifact.simulatedData ? WORKBOOK_TEXT_DA.simulatedWarning(artifact.version) : null;
  const terms = describeTerms(artifact.encoding);
  const calculation = workbook.addWorksheet(SHEET.calculation, { views: [{ showGridLines: false }] });
  const coefficients = workbook.addWorksheet(SHEET.coefficients);
  const about = workbook.addWorksheet(SHEET.about);
  const layout = await fillCalculationSheet(calculation, artifact, terms, options.member ?? typicalMember(artifact), warning);
  await fillCoefficientSheet(coefficients, artifact, terms, warning);
  await fillAboutSheet(about, artifact, warning);
  return { workbook, layout };
}

/** Writes the model's workbook to an .xlsx file, atomically (a reader never sees half a file). */
export async function writeModelWorkbook(
  artifact: ModelArtifact,
  file: string,
  options: ModelWorkbookOptions = {},
): Promise<CalculationLayout> {
  const { workbook, layout } = await buildModelWorkbook(artifact, options);
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    await workbook.xlsx.writeFile(tmp);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return layout;
}
