/** The workbook's few styles, shared by its sheets so that inputs, headings and warnings look alike everywhere. */
import type ExcelJS from 'exceljs';
import { SHEET_NAMES_DA } from '../../i18n/daSpreadsheet.js';

const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const thin: ExcelJS.Border = { style: 'thin', color: { argb: 'FF9E9E9E' } };

/** Sheet names, as the tests and cross-sheet formulas refer to them. */
export const SHEET = SHEET_NAMES_DA;

/** A sheet's title. */
export function styleTitle(cell: ExcelJS.Cell): void {
  cell.font = { bold: true, size: 15 };
}

/** A section heading. */
export function styleSection(cell: ExcelJS.Cell): void {
  cell.font = { bold: true, size: 12, color: { argb: 'FF1F3864' } };
}

/** The header cells of a table. */
export function styleHeader(row: ExcelJS.Row, columns: number): void {
  for (let c = 1; c <= columns; c++) {
    const cell = row.getCell(c);
    cell.font = { bold: true };
    cell.fill = fill('FFD9E1F2');
    cell.border = { bottom: thin };
    cell.alignment = { vertical: 'top', wrapText: true };
  }
}

/** A cell the person types into: yellow, framed and unlocked, so it stays editable on a protected sheet. */
export function styleInput(cell: ExcelJS.Cell): void {
  cell.fill = fill('FFFFF2CC');
  cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  cell.protection = { locked: false };
}

/** A cell computed by a formula: grey text background, locked. */
export function styleFormula(cell: ExcelJS.Cell): void {
  cell.fill = fill('FFF2F2F2');
}

/** A result the person should look at first. */
export function styleResult(cell: ExcelJS.Cell): void {
  cell.font = { bold: true, size: 13 };
  cell.fill = fill('FFE2EFDA');
  cell.border = { top: thin, left: thin, bottom: thin, right: thin };
}

/** The simulated-data warning: white on red, across the given columns of its row. */
export function styleWarning(sheet: ExcelJS.Worksheet, row: number, columns: number): void {
  sheet.mergeCells(row, 1, row, columns);
  const cell = sheet.getCell(row, 1);
  cell.font = { bold: true, size: 12, color: { argb: 'FFFFFFFF' } };
  cell.fill = fill('FFC00000');
  cell.alignment = { vertical: 'middle', wrapText: true };
}

/** Small grey explanatory text. */
export function styleNote(cell: ExcelJS.Cell): void {
  cell.font = { italic: true, size: 9, color: { argb: 'FF595959' } };
  cell.alignment = { vertical: 'top', wrapText: true };
}

/** Protects a sheet without a password: formulas cannot be overwritten by mistake, inputs stay editable. */
export async function protectSheet(sheet: ExcelJS.Worksheet): Promise<void> {
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
}

/**
 * Makes a row tall enough for a text wrapped in a column `width` characters wide. LibreOffice does not
 * grow rows to fit wrapped text when it opens an .xlsx, so the height is estimated here.
 */
export function fitRowHeight(row: ExcelJS.Row, text: string, width: number, lineHeight = 15): void {
  // A column width counts "0" digits; ordinary text runs about 1.2 characters to the digit.
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / (width * 1.2))), 0);
  if (lines > 1) row.height = Math.max(row.height ?? 0, lines * lineHeight);
}
