import { type Command, Option } from 'commander';
import { NO_DA, SHEET_NAMES_DA, YES_DA } from '../../i18n/daSpreadsheet.js';
import { readArtifact } from '../../model/artifact/artifactFile.js';
import { CliError, runCommand } from '../runCommand.js';
import { ExitCode } from '../exitCodes.js';

interface ExportOptions {
  model: string;
  format: string;
  out: string;
}

/** Registers `ledighedsprofil export`. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .summary('export a model as a spreadsheet whose formulas compute the score')
    .description(
      'Writes the model as an Excel workbook (.xlsx) that opens in Excel and LibreOffice:\n' +
        `  ${SHEET_NAMES_DA.calculation.padEnd(15)}type or pick a member's characteristics in the yellow cells; live formulas compute\n` +
        '                 every term, the linear predictor, the probability and the målgruppe, the same\n' +
        '                 numbers as `score` and the service give for that member;\n' +
        `  ${SHEET_NAMES_DA.coefficients.padEnd(15)}the coefficient table of \`train --coef-csv\`, reference levels and the cut-off;\n` +
        `  ${SHEET_NAMES_DA.about.padEnd(15)}version, training data, validation metrics and how to use the workbook.\n` +
        `Booleans and the options of multi-select questions are answered ${YES_DA}/${NO_DA}. Sheets are protected\n` +
        'without a password so that formulas are not overwritten by mistake.\n' +
        'Exit codes: 0 written, 2 bad usage (e.g. a format other than xlsx), 3 invalid model file.',
    )
    .requiredOption('--model <file>', 'model artifact (JSON) written by `train`')
    .addOption(new Option('--format <format>', 'output format').default('xlsx'))
    .requiredOption('--out <file>', 'where to write the workbook')
    .action(runCommand(async (o: ExportOptions) => exportModel(o)));
}

async function exportModel(o: ExportOptions): Promise<void> {
  if (o.format !== 'xlsx') throw new CliError(`--format ${o.format}: not supported; the only format is xlsx`, ExitCode.usage);
  const artifact = await readArtifact(o.model);
  try {
    // exceljs is loaded only for this command, so that the other commands start quickly.
    const { writeModelWorkbook } = await import('../../report/spreadsheet/modelWorkbook.js');
    await writeModelWorkbook(artifact, o.out);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOTDIR')
      throw new CliError(`--out ${o.out}: cannot write the file (${code})`, ExitCode.usage);
    throw err;
  }
  process.stderr.write(
    `wrote ${o.out}: workbook of model ${artifact.version}${artifact.simulatedData ? ' (trained on SIMULATED data)' : ''}\n`,
  );
}
