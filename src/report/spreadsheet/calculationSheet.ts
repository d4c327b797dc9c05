/**
 * The "Beregning" sheet: the member's characteristics in yellow input cells (drop-downs and range checks),
 * each input's value as the model uses it, then every term's value, coefficient and contribution, the
 * linear predictor, the probability and the målgruppe, all live formulas. The result is repeated at the
 * top, where a person looks first. Drop-down lists sit in columns G:H of the same sheet, because a
 * validation list on another sheet is not read by every spreadsheet program.
 */
import type ExcelJS from 'exceljs';
import { DISCO_CODE_COLUMN } from '../../data/discoCode.js';
import type { ModelArtifact } from '../../model/artifact/artifactSchema.js';
import { featureColumn } from '../../model/spec/featureSpec.js';
import { MISSING_LEVEL, OTHER_LEVEL, type FittedFeature } from '../../model/encoding/encoding.js';
import { PDF_TEXT_DA, TARGET_GROUP_DESCRIPTIONS_DA } from '../../i18n/da.js';
import { CALCULATION_SHEET_DA, INPUT_TEXT_DA } from '../../i18n/daSpreadsheet.js';
import { excelText, isDiscoCode, isMissing, sheetRef } from './excelSyntax.js';
import { featureLabel, levelLabel, termLabel, unitOf } from './labels.js';
import { inputValues, NO, YES, type InputValue } from './memberInputs.js';
import { modelValueFormula, termFormula, type FormulaCells, type TermDescription } from './termFormulas.js';
import { CUTOFF_CELL, estimateCell } from './coefficientSheet.js';
import {
  SHEET,
  fitRowHeight,
  protectSheet,
  styleFormula,
  styleHeader,
  styleInput,
  styleNote,
  styleResult,
  styleSection,
  styleTitle,
  styleWarning,
} from './styles.js';

/** One input cell: a feature's, or one option's of a multi-select feature. */
export interface InputCell {
  feature: string;
  /** The input column the scorer reads. */
  column: string;
  option?: string;
  /** The cell the person types into. */
  address: string;
  /** The cell showing the value as the model uses it. */
  valueAddress: string;
}

/** Where the calculation sheet put things, for whoever fills in or reads the cells (the tests do both). */
export interface CalculationLayout {
  inputs: InputCell[];
  /** The drop-down list range of each categorical feature, e.g. "$G$14:$G$19". */
  lists: Record<string, string>;
  terms: { term: string; value: string; coefficient: string; contribution: string }[];
  linearPredictor: string;
  probability: string;
  targetGroup: string;
  /** The cell saying "OK" when every input can be used, "Udfyld felterne" when one is missing or invalid. */
  control: string;
}

const COLUMNS = { label: 1, value: 2, meaning: 3, model: 4, name: 5, listCode: 7, listText: 8 } as const;
const RESULT_ROW = 6;
const INPUT_HEADER_ROW = 12;
const MEANING_WIDTH = 56;

/** Fills the calculation sheet for a member (the values pre-filled in the input cells) and protects it. */
export async function fillCalculationSheet(
  ws: ExcelJS.Worksheet,
  artifact: ModelArtifact,
  terms: readonly TermDescription[],
  member: Readonly<Record<string, unknown>>,
  simulatedWarning: string | null,
): Promise<CalculationLayout> {
  ws.columns = [
    { width: 60 },
    { width: 22 },
    { width: MEANING_WIDTH },
    { width: 20 },
    { width: 42 },
    { width: 3 },
    { width: 26 },
    { width: 50 },
  ];
  const features = artifact.encoding.features;

  // Rows are planned first: term formulas refer to input rows, and the result at the top to rows below.
  const inputs: InputCell[] = [];
  const rowPlan: (
    | { kind: 'input'; ff: FittedFeature; optionIndex?: number; cell: InputCell }
    | { kind: 'group'; ff: FittedFeature; row: number }
  )[] = [];
  let row = INPUT_HEADER_ROW + 1;
  for (const ff of features) {
    const column = featureColumn(ff.spec);
    const options = ff.spec.type === 'multiselect' ? ff.spec.options : null;
    if (options) rowPlan.push({ kind: 'group', ff, row: row++ });
    for (const [optionIndex, option] of (options ?? [undefined]).entries()) {
      const cell: InputCell = { feature: ff.spec.name, column, option, address: `B${row}`, valueAddress: `D${row}` };
      inputs.push(cell);
      rowPlan.push({ kind: 'input', ff, optionIndex: options ? optionIndex : undefined, cell });
      row++;
    }
  }
  const termHeaderRow = row + 3;
  const firstTermRow = termHeaderRow + 1;
  const lastTermRow = firstTermRow + terms.length - 1;
  const lpRow = lastTermRow + 1;
  const [pRow, cutoffRow, groupRow] = [lpRow + 1, lpRow + 2, lpRow + 3];
  const cutoffRef = sheetRef(SHEET.coefficients, CUTOFF_CELL);

  // Title and result.
  ws.getCell('A1').value = CALCULATION_SHEET_DA.title;
  styleTitle(ws.getCell('A1'));
  ws.getCell('A2').value = CALCULATION_SHEET_DA.modelLine(artifact.version, artifact.createdAt);
  if (simulatedWarning) {
    ws.getCell('A3').value = simulatedWarning;
    styleWarning(ws, 3, 5);
    ws.getRow(3).height = 34;
  }
  ws.getCell('A5').value = CALCULATION_SHEET_DA.resultHeading;
  styleSection(ws.getCell('A5'));
  const result: [string, string, string | null, string][] = [
    [CALCULATION_SHEET_DA.probability, `B${pRow}`, null, '0.0%'],
    [
      CALCULATION_SHEET_DA.targetGroup,
      `B${groupRow}`,
      `IF(ISERROR(B${groupRow}),"",IF(B${groupRow}=2,${excelText(TARGET_GROUP_DESCRIPTIONS_DA['2'])},${excelText(TARGET_GROUP_DESCRIPTIONS_DA['1'])}))`,
      '0',
    ],
    [
      CALCULATION_SHEET_DA.control,
      `IF(ISERROR(B${pRow}),${excelText(CALCULATION_SHEET_DA.controlIncomplete)},${excelText(CALCULATION_SHEET_DA.controlOk)})`,
      `IF(ISERROR(B${pRow}),${excelText(CALCULATION_SHEET_DA.controlIncompleteMeaning)},${excelText(CALCULATION_SHEET_DA.controlOkMeaning)})`,
      'General',
    ],
  ];
  result.forEach(([label, formula, meaning, format], i) => {
    const r = ws.getRow(RESULT_ROW + i);
    r.getCell(1).value = label;
    r.getCell(1).font = { bold: true };
    r.getCell(2).value = { formula };
    r.getCell(2).numFmt = format;
    styleResult(r.getCell(2));
    if (meaning) r.getCell(3).value = { formula: meaning };
  });
  ws.getCell(`C${RESULT_ROW}`).value = CALCULATION_SHEET_DA.cutoffMeaning(artifact.cutoff.probability);
  ws.getCell('A9').value = PDF_TEXT_DA.statement;
  styleNote(ws.getCell('A9'));
  ws.getCell('A9').font = { italic: true, size: 10 };
  ws.mergeCells('A9:E9');
  ws.getRow(9).height = 28;

  // Inputs.
  ws.getCell(`A${INPUT_HEADER_ROW - 1}`).value = CALCULATION_SHEET_DA.inputsHeading;
  styleSection(ws.getCell(`A${INPUT_HEADER_ROW - 1}`));
  ws.getCell(`C${INPUT_HEADER_ROW - 1}`).value = CALCULATION_SHEET_DA.inputsNote;
  styleNote(ws.getCell(`C${INPUT_HEADER_ROW - 1}`));
  setHeader(ws.getRow(INPUT_HEADER_ROW), CALCULATION_SHEET_DA.inputHeaders);

  const lists = writeLists(ws, features);
  for (const plan of rowPlan) {
    if (plan.kind === 'group') {
      const r = ws.getRow(plan.row);
      r.getCell(COLUMNS.label).value = featureLabel(plan.ff);
      r.getCell(COLUMNS.label).font = { bold: true };
      r.getCell(COLUMNS.meaning).value = CALCULATION_SHEET_DA.optionsMeaning;
      r.getCell(COLUMNS.name).value = featureColumn(plan.ff.spec);
      continue;
    }
    writeInputRow(ws, plan.ff, plan.cell, plan.optionIndex, lists[plan.ff.spec.name], member);
  }

  // Terms.
  ws.getCell(`A${termHeaderRow - 1}`).value = CALCULATION_SHEET_DA.termsHeading;
  styleSection(ws.getCell(`A${termHeaderRow - 1}`));
  ws.getCell(`C${termHeaderRow - 1}`).value = CALCULATION_SHEET_DA.termsNote;
  styleNote(ws.getCell(`C${termHeaderRow - 1}`));
  setHeader(ws.getRow(termHeaderRow), CALCULATION_SHEET_DA.termHeaders);
  const valueCell = new Map<string, string[]>();
  for (const c of inputs) valueCell.set(c.feature, [...(valueCell.get(c.feature) ?? []), c.valueAddress]);
  const cells: FormulaCells = {
    value: (feature, optionIndex) => valueCell.get(feature)![optionIndex ?? 0],
    input: (feature) => inputs.find((c) => c.feature === feature)!.address,
    term: (j) => `B${firstTermRow + j}`,
  };
  const termCells = terms.map((d, j) => {
    const n = firstTermRow + j;
    const r = ws.getRow(n);
    r.getCell(1).value = termLabel(d, terms);
    r.getCell(2).value = { formula: termFormula(d, cells) };
    const estimate = sheetRef(SHEET.coefficients, estimateCell(j));
    // An aliased term (R's NA) enters the prediction as 0, as in the scorer.
    r.getCell(3).value = { formula: `IF(ISNUMBER(${estimate}),${estimate},0)` };
    r.getCell(4).value = { formula: `B${n}*C${n}` };
    r.getCell(5).value = d.term;
    for (const c of [2, 3, 4]) styleFormula(r.getCell(c));
    r.getCell(3).numFmt = '0.0000';
    r.getCell(4).numFmt = '0.0000';
    return { term: d.term, value: `B${n}`, coefficient: `C${n}`, contribution: `D${n}` };
  });
  const totals: [number, string, string, string, string][] = [
    [
      lpRow,
      CALCULATION_SHEET_DA.linearPredictor,
      `SUM(D${firstTermRow}:D${lastTermRow})`,
      '0.000000',
      CALCULATION_SHEET_DA.linearPredictorExplanation,
    ],
    [pRow, CALCULATION_SHEET_DA.probability, `1/(1+EXP(-B${lpRow}))`, '0.0000%', CALCULATION_SHEET_DA.probabilityExplanation],
    [cutoffRow, CALCULATION_SHEET_DA.cutoff, cutoffRef, '0.0%', CALCULATION_SHEET_DA.cutoffExplanation],
    [groupRow, CALCULATION_SHEET_DA.targetGroup, `IF(B${pRow}>=${cutoffRef},2,1)`, '0', CALCULATION_SHEET_DA.targetGroupExplanation],
  ];
  for (const [n, label, formula, format, explanation] of totals) {
    const r = ws.getRow(n);
    r.getCell(1).value = label;
    r.getCell(1).font = { bold: true };
    r.getCell(2).value = { formula };
    r.getCell(2).numFmt = format;
    styleResult(r.getCell(2));
    r.getCell(3).value = explanation;
  }

  // Technical names follow right-aligned numbers; the indent keeps the two apart.
  ws.getColumn(COLUMNS.name).eachCell((c) => (c.alignment = { ...c.alignment, indent: 1 }));
  ws.pageSetup = {
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    paperSize: 9,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  // exceljs puts a "$" before each column letter itself; the rows need theirs to make the range absolute.
  ws.pageSetup.printArea = `A$1:E$${groupRow}`;
  await protectSheet(ws);
  return {
    inputs,
    lists,
    terms: termCells,
    linearPredictor: `B${lpRow}`,
    probability: `B${pRow}`,
    targetGroup: `B${groupRow}`,
    control: `B${RESULT_ROW + 2}`,
  };
}

function setHeader(row: ExcelJS.Row, titles: readonly string[]): void {
  titles.forEach((t, i) => (row.getCell(i + 1).value = t));
  styleHeader(row, titles.length);
}

/** Writes each categorical feature's modelled levels (code and Danish text) in G:H and returns the code ranges. */
function writeLists(ws: ExcelJS.Worksheet, features: readonly FittedFeature[]): Record<string, string> {
  const lists: Record<string, string> = {};
  let row = INPUT_HEADER_ROW;
  ws.getCell(row - 1, COLUMNS.listCode).value = CALCULATION_SHEET_DA.listsHeading;
  styleSection(ws.getCell(row - 1, COLUMNS.listCode));
  setListHeader(ws.getRow(row++));
  for (const ff of features) {
    if (ff.spec.type !== 'categorical') continue;
    ws.getCell(row, COLUMNS.listCode).value = featureLabel(ff);
    ws.getCell(row++, COLUMNS.listCode).font = { bold: true };
    const first = row;
    for (const level of ff.levels ?? []) {
      ws.getCell(row, COLUMNS.listCode).value = level;
      ws.getCell(row, COLUMNS.listText).value =
        levelLabel(ff, level) + (level === ff.reference ? CALCULATION_SHEET_DA.referenceSuffix : '');
      row++;
    }
    lists[ff.spec.name] = `$G$${first}:$G$${row - 1}`;
    row++;
  }
  return lists;
}

function setListHeader(row: ExcelJS.Row): void {
  row.getCell(COLUMNS.listCode).value = CALCULATION_SHEET_DA.listCode;
  row.getCell(COLUMNS.listText).value = CALCULATION_SHEET_DA.listMeaning;
  for (const c of [COLUMNS.listCode, COLUMNS.listText]) {
    row.getCell(c).font = { bold: true };
    row.getCell(c).border = { bottom: { style: 'thin' } };
  }
}

/** Whether the feature reads the data format's DISCO-08 column, whose input takes whole codes. */
function isDiscoFeature(ff: FittedFeature): boolean {
  return ff.spec.type === 'categorical' && featureColumn(ff.spec) === DISCO_CODE_COLUMN;
}

/** The hint shown next to an input and in its validation prompt. */
function inputHint(ff: FittedFeature): string {
  const f = ff.spec;
  const unknown = ff.missingTerm ? INPUT_TEXT_DA.blankIsUnknown : '';
  switch (f.type) {
    case 'multiselect':
      return INPUT_TEXT_DA.option;
    case 'boolean':
      return INPUT_TEXT_DA.boolean + unknown;
    case 'categorical': {
      if (isDiscoFeature(ff)) return INPUT_TEXT_DA.discoCode(f.prefix ?? 4) + unknown;
      let hint = f.prefix !== undefined ? INPUT_TEXT_DA.pickOrTypeCode(f.prefix) : INPUT_TEXT_DA.pick;
      if ((ff.levels ?? []).includes(OTHER_LEVEL)) hint += INPUT_TEXT_DA.otherValuesCount(OTHER_LEVEL);
      return hint + unknown;
    }
    case 'numeric':
      return INPUT_TEXT_DA.number(f.min, f.max, unitOf(ff)) + unknown;
  }
}

function writeInputRow(
  ws: ExcelJS.Worksheet,
  ff: FittedFeature,
  cell: InputCell,
  optionIndex: number | undefined,
  list: string | undefined,
  member: Readonly<Record<string, unknown>>,
): void {
  const f = ff.spec;
  const n = Number(cell.address.slice(1));
  const r = ws.getRow(n);
  const label = r.getCell(COLUMNS.label);
  label.value = cell.option !== undefined ? levelLabel(ff, cell.option) : featureLabel(ff);
  if (cell.option !== undefined) label.alignment = { indent: 2 };

  const input = r.getCell(COLUMNS.value);
  const values: InputValue[] = inputValues(ff, member[cell.column]);
  const value = values[optionIndex ?? 0];
  input.value = value;
  styleInput(input);
  const hint = inputHint(ff);
  const prompt = {
    showInputMessage: true,
    promptTitle: featureLabel(ff).slice(0, 32),
    prompt: hint.slice(0, 255),
    showErrorMessage: true,
    allowBlank: true,
  };
  if (isDiscoFeature(ff)) {
    // A whole DISCO-08 code, not a pick from the list of major groups (which stays beside it to explain
    // them): the rule the scorer applies, so "210" is refused rather than read as major group 2.
    input.numFmt = '@';
    input.dataValidation = {
      type: 'custom',
      formulae: [isDiscoCode(cell.address)],
      ...prompt,
      errorStyle: 'stop',
      errorTitle: INPUT_TEXT_DA.invalidDiscoTitle,
      error: hint.slice(0, 255),
    };
  } else if (f.type === 'categorical') {
    // Text format keeps a code such as "5" or "0101" the text it is; Excel would otherwise turn it into
    // a number, which no longer matches the list.
    input.numFmt = '@';
    const open = f.prefix !== undefined || (ff.levels ?? []).includes(OTHER_LEVEL);
    input.dataValidation = {
      type: 'list',
      formulae: [list!],
      ...prompt,
      errorStyle: open ? 'warning' : 'stop',
      errorTitle: INPUT_TEXT_DA.unknownValueTitle,
      error: open ? INPUT_TEXT_DA.notOnList(hint) : INPUT_TEXT_DA.pickFromList,
    };
  } else if (f.type === 'numeric') {
    const [min, max] = [f.min ?? -9.99e307, f.max ?? 9.99e307];
    input.dataValidation = {
      type: 'decimal',
      operator: 'between',
      formulae: [min, max],
      ...prompt,
      errorStyle: 'stop',
      errorTitle: INPUT_TEXT_DA.invalidNumberTitle,
      error: hint,
    };
  } else {
    input.dataValidation = {
      type: 'list',
      formulae: [`"${YES},${NO}"`],
      ...prompt,
      errorStyle: 'stop',
      errorTitle: INPUT_TEXT_DA.yesOrNoTitle,
      error: INPUT_TEXT_DA.pickYesOrNo,
    };
  }

  const model = r.getCell(COLUMNS.model);
  model.value = { formula: modelValueFormula(ff, cell.address) };
  styleFormula(model);
  model.alignment = { horizontal: 'right' };

  const meaning = r.getCell(COLUMNS.meaning);
  const d = cell.valueAddress;
  const invalidText = INPUT_TEXT_DA.missingOrInvalid(
    isDiscoFeature(ff)
      ? INPUT_TEXT_DA.writeDiscoLower
      : f.type === 'categorical'
        ? INPUT_TEXT_DA.pickFromListLower
        : f.type === 'numeric'
          ? hint.replace(/;.*/, '')
          : INPUT_TEXT_DA.pickYesOrNoLower,
  );
  const invalid = excelText(invalidText);
  fitRowHeight(r, invalidText, MEANING_WIDTH);
  if (f.type === 'categorical') {
    const codes = list!;
    const texts = codes.replace(/\$G/g, '$H');
    const offset = Number(/\d+/.exec(codes)![0]) - 1;
    // The position by EXACT, not MATCH, which would confuse levels that differ only in case ("B", "b").
    const position = `SUMPRODUCT(--EXACT(${codes},${d}),ROW(${codes})-${offset})`;
    meaning.value = {
      formula: `IF(ISERROR(${d}),${invalid},IF(EXACT(${d},${excelText(MISSING_LEVEL)}),${excelText(levelLabel(ff, MISSING_LEVEL))},INDEX(${texts},${position})))`,
    };
  } else if (f.type === 'numeric' && ff.missingTerm && ff.fill !== undefined) {
    const fillText = INPUT_TEXT_DA.unknownFilled(ff.fill);
    fitRowHeight(r, fillText, MEANING_WIDTH);
    const fill = excelText(fillText);
    meaning.value = { formula: `IF(ISERROR(${d}),${invalid},IF(${isMissing(cell.address)},${fill},${excelText(hint)}))` };
  } else {
    meaning.value = { formula: `IF(ISERROR(${d}),${invalid},${excelText(hint)})` };
  }
  meaning.alignment = { wrapText: true, vertical: 'top' };
  r.getCell(COLUMNS.name).value =
    cell.option !== undefined ? `${cell.column}: ${cell.option}` : cell.column === f.name ? f.name : `${cell.column} (${f.name})`;
}
