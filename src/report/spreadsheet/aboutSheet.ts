/**
 * The "Om modellen" sheet: what the model is, what it was trained and validated on, and how to use the
 * workbook, in Danish, with the statement that the score supports and does not replace the
 * caseworker's judgement. The texts are in src/i18n/daSpreadsheet.ts.
 */
import type ExcelJS from 'exceljs';
import type { ModelArtifact } from '../../model/artifact/artifactSchema.js';
import { PDF_TEXT_DA } from '../../i18n/da.js';
import { ABOUT_SHEET_DA, NO_DA, usageStepsDa, YES_DA } from '../../i18n/daSpreadsheet.js';
import { formatDateTimeDa, formatNumberDa } from '../../i18n/format.js';
import { fitRowHeight, protectSheet, styleNote, styleSection, styleTitle, styleWarning } from './styles.js';

type Fact = [label: string, value: string | number | null, format?: string];

/** Fills the about sheet and protects it. */
export async function fillAboutSheet(ws: ExcelJS.Worksheet, artifact: ModelArtifact, simulatedWarning: string | null): Promise<void> {
  const valueWidth = 100;
  ws.columns = [{ width: 44 }, { width: valueWidth }];
  ws.getCell('A1').value = ABOUT_SHEET_DA.title(artifact.version);
  styleTitle(ws.getCell('A1'));
  let row = 3;
  if (simulatedWarning) {
    ws.getCell(row, 1).value = simulatedWarning;
    styleWarning(ws, row, 2);
    ws.getRow(row).height = 34;
    row += 2;
  }
  const t = artifact.training;
  const v = artifact.validation;
  const text = ABOUT_SHEET_DA;
  const yesNo = (b: boolean) => (b ? YES_DA : NO_DA);
  const sections: [string, Fact[]][] = [
    [
      text.modelSection,
      [
        [text.version, artifact.version],
        [text.description, artifact.description],
        [text.created, formatDateTimeDa(artifact.createdAt)],
        [text.simulated, artifact.simulatedData ? text.simulatedYes : text.simulatedNo],
        [text.cutoff, artifact.cutoff.probability, '0.0%'],
        [text.checksum, artifact.checksum.value],
      ],
    ],
    [
      text.trainingSection,
      [
        [text.dataFile, t.dataFile],
        [text.dataSha256, t.dataSha256],
        [text.rows, t.rows, '#,##0'],
        [text.events, t.events, '#,##0'],
        [text.censored, t.censored ?? text.notGiven, '#,##0'],
        [text.period, t.dateRange ? `${t.dateRange.from} – ${t.dateRange.to}${t.dateColumn ? ` (${t.dateColumn})` : ''}` : text.notGiven],
        [text.split, t.split],
        [text.seed, t.seed],
        [text.l2, t.l2],
        [text.iterations, `${t.iterations} / ${yesNo(t.converged)}`],
        [text.logLik, `${formatNumberDa(t.logLik, 2)} (${formatNumberDa(t.nullLogLik, 2)})`],
        [text.aic, t.aic, '0.00'],
        [text.warnings, t.warnings.length > 0 ? t.warnings.join('; ') : text.noWarnings],
        [text.trained, text.trainedWith(t.trainedAt, t.packageVersion, t.nodeVersion)],
        [text.command, t.command],
      ],
    ],
    [
      text.validationSection,
      v === null
        ? [[text.validation, text.notValidated]]
        : [
            [text.validationType, text.validationKinds[v.kind]],
            [text.description, v.description],
            [text.rowsAndEvents, `${formatNumberDa(v.rows)} / ${formatNumberDa(v.events)}`],
            [text.unscorable, v.unscorable, '#,##0'],
            [text.auc, v.auc, '0.0000'],
            [text.brier, v.brier, '0.0000'],
            [text.logLoss, v.logLoss, '0.0000'],
            [text.meanPredicted, v.meanPredicted, '0.00%'],
            [text.observedRate, v.observedRate, '0.00%'],
          ],
    ],
  ];
  for (const [title, facts] of sections) {
    ws.getCell(row, 1).value = title;
    styleSection(ws.getCell(row++, 1));
    for (const [label, value, format] of facts) {
      ws.getCell(row, 1).value = label;
      const cell = ws.getCell(row, 2);
      cell.value = value ?? text.notGiven;
      cell.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
      if (format && typeof value === 'number') cell.numFmt = format;
      if (typeof value === 'string') fitRowHeight(ws.getRow(row), value, valueWidth);
      ws.getCell(row, 1).alignment = { vertical: 'top' };
      row++;
    }
    row++;
  }
  ws.getCell(row, 1).value = text.usageHeading;
  styleSection(ws.getCell(row++, 1));
  usageStepsDa(artifact.cutoff.probability).forEach((step, i) => {
    ws.getCell(row, 1).value = `${i + 1}.`;
    ws.getCell(row, 1).alignment = { horizontal: 'right', vertical: 'top' };
    ws.getCell(row, 2).value = step;
    ws.getCell(row, 2).alignment = { wrapText: true, vertical: 'top' };
    fitRowHeight(ws.getRow(row), step, valueWidth);
    row++;
  });
  row++;
  ws.getCell(row, 1).value = text.importantHeading;
  styleSection(ws.getCell(row++, 1));
  ws.getCell(row, 2).value = PDF_TEXT_DA.statement;
  styleNote(ws.getCell(row, 2));
  ws.getCell(row, 2).font = { bold: true };
  fitRowHeight(ws.getRow(row), PDF_TEXT_DA.statement, valueWidth * 0.9);
  ws.pageSetup = { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 };
  await protectSheet(ws);
}
