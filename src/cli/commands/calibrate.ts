import { accessSync, constants, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readCsv, type CsvHeader } from '../../data/csvRecords.js';
import { InputError, InputErrors } from '../../data/inputError.js';
import { inTheLargeWords, slopeWords } from '../../i18n/calibrationReport.js';
import { formatKeepingSign } from '../../i18n/format.js';
import { CALIBRATION_BANDS } from '../../stats/calibrationReading.js';
import { valProb, type ValProbMetrics } from '../../stats/valProb.js';
import { ExitCode } from '../exitCodes.js';
import { startProgress } from '../progress.js';
import { CliError, runCommand } from '../runCommand.js';

interface CalibrateOptions {
  predictions: string;
  outcome: string;
  probability: string;
  json?: string;
}

/** Invalid rows listed in full before the rest are only counted. */
const MAX_LISTED_ERRORS = 20;

/** Registers `calibrate`: rms::val.prob's validation metrics for any file of predictions and outcomes. */
export function registerCalibrateCommand(program: Command): void {
  program
    .command('calibrate')
    .summary('discrimination and calibration of predicted probabilities (R rms::val.prob definitions)')
    .description(
      "Computes, for predicted probabilities against observed 0/1 outcomes, the statistics of R's " +
        'rms::val.prob with its definitions (C, Dxy, Nagelkerke R², D, U, Q, Brier, calibration intercept and ' +
        "slope, Emax, E90, Eavg, Spiegelhalter's z), the AUC with a DeLong 95 % interval, the log loss, " +
        'calibration-in-the-large and the expected calibration error over deciles. Prints a table; with --json ' +
        'also writes every figure to a file.',
    )
    .requiredOption('--predictions <file>', 'CSV file with a header line and one row per prediction')
    .requiredOption('--outcome <column>', 'column holding the observed outcome: 0 or 1')
    .requiredOption('--probability <column>', 'column holding the predicted probability of outcome 1: a number in [0, 1]')
    .option('--json <file>', 'write the metrics as JSON to this file')
    .addHelpText(
      'after',
      '\nExample:\n' +
        '  $ ledighedsprofil calibrate --predictions scored.csv --outcome long_term --probability p --json metrics.json\n' +
        '\nJSON keys: n, events, c_statistic, dxy, r2_nagelkerke, discrimination_d, discrimination_chisq,\n' +
        'unreliability_u, unreliability_chisq, unreliability_p, quality_q, brier, calibration_intercept,\n' +
        'calibration_slope, calibration_in_the_large, emax, e90, eavg, spiegelhalter_z, spiegelhalter_p, auc,\n' +
        'auc_se, auc_ci_low, auc_ci_high, log_loss, ece_deciles, excluded_from_logistic,\n' +
        'calibration_intercept_se, calibration_intercept_ci_low, calibration_intercept_ci_high, calibration_slope_se,\n' +
        'calibration_slope_ci_low, calibration_slope_ci_high, calibration_in_the_large_se,\n' +
        'calibration_in_the_large_ci_low, calibration_in_the_large_ci_high, calibration_slope_reading,\n' +
        'calibration_in_the_large_reading, warnings.\n' +
        '\nC (c_statistic, auc) and Dxy are the exact Mann–Whitney figures over all pairs, equal to\n' +
        "Hmisc::somers2; val.prob's own C and Dxy first round the predictions to steps of 1/5000, so on\n" +
        'continuous predictions they differ from these in about the sixth decimal.\n' +
        '\nThe intervals are Wald 95 % intervals: intercept and slope from the recalibration glm(y ~ lp, binomial),\n' +
        'calibration-in-the-large from glm(y ~ offset(lp), binomial), lp = qlogis(p). The readings follow from\n' +
        'them: a slope whose interval contains 1 "fits"; otherwise "somewhat_too_spread" (below 1) or\n' +
        `"somewhat_too_narrow" (above 1) within ${CALIBRATION_BANDS.slope} of 1, "much_too_…" beyond. Calibration-in-the-large likewise\n` +
        `against 0 with a band of ${CALIBRATION_BANDS.inTheLarge}: "…_too_low" above 0 (risk underestimated), "…_too_high" below.\n` +
        'unreliability_u is negative when the recalibration χ² is below its expectation of 2; it is printed with\n' +
        'its sign.\n' +
        'A figure that the data do not define (for example the AUC when every outcome is 0) is null, and\n' +
        '"warnings" says why. Predictions of exactly 0 or 1 are left out of the figures that need their logit,\n' +
        'as val.prob does. Rows with an outcome other than 0/1 or a probability outside [0, 1] are reported\n' +
        'with file, line and column, and nothing is computed (exit code 3).\n',
    )
    .action(runCommand(calibrate));
}

async function calibrate(options: CalibrateOptions): Promise<void> {
  const { p, y } = await readPredictions(options.predictions, options.outcome, options.probability);
  const { metrics } = valProb(p, y);
  process.stdout.write(formatTable(options.predictions, metrics));
  if (options.json) {
    const document = {
      input: { predictions: options.predictions, outcome: options.outcome, probability: options.probability },
      ...metrics,
    };
    try {
      await writeFile(options.json, JSON.stringify(document, null, 2) + '\n');
    } catch (err) {
      throw new CliError(`cannot write ${options.json}: ${(err as Error).message}`, ExitCode.usage);
    }
  }
}

/** Reads and checks the two columns; every bad row is collected so the user can fix them at once. */
async function readPredictions(
  file: string,
  outcomeColumn: string,
  probabilityColumn: string,
): Promise<{ p: Float64Array; y: Uint8Array }> {
  let capacity = 1 << 16;
  let p = new Float64Array(capacity);
  let y = new Uint8Array(capacity);
  let n = 0;
  const errors: InputError[] = [];
  let invalid = 0;
  let header: CsvHeader | undefined;

  // Checked here because readCsv does not yet pass an open error of its stream through the CSV parser
  // (the iteration would wait forever while the error goes unhandled).
  let size: number;
  try {
    accessSync(file, constants.R_OK);
    const stats = statSync(file);
    if (stats.isDirectory()) throw new InputError({ file }, 'is a directory, not a CSV file');
    size = stats.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError({ file }, code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? (err as Error).message})`);
  }
  const progress = startProgress('Reading', Math.max(1, Math.ceil(size / 1e6)), 'MB');
  const fail = (line: number, column: string, reason: string) => {
    invalid++;
    if (errors.length < MAX_LISTED_ERRORS) {
      errors.push(new InputError({ file, line, column: header?.position.get(column), field: column }, reason));
    }
  };
  try {
    for await (const record of readCsv(file, {
      required: [outcomeColumn, probabilityColumn],
      onHeader: (h) => (header = h),
      onBytes: (bytes) => progress.update(Math.floor(bytes / 1e6)),
    })) {
      const outcomeText = record.values[outcomeColumn].trim();
      const probabilityText = record.values[probabilityColumn].trim();
      const outcome = Number(outcomeText);
      const probability = Number(probabilityText);
      if (outcomeText === '') fail(record.line, outcomeColumn, 'missing outcome (expected 0 or 1)');
      else if (outcome !== 0 && outcome !== 1) fail(record.line, outcomeColumn, `outcome must be 0 or 1, got "${outcomeText}"`);
      if (probabilityText === '') fail(record.line, probabilityColumn, 'missing probability (expected a number in [0, 1])');
      else if (Number.isNaN(probability)) fail(record.line, probabilityColumn, `probability must be a number, got "${probabilityText}"`);
      else if (!(probability >= 0 && probability <= 1)) {
        fail(record.line, probabilityColumn, `probability must be in [0, 1], got "${probabilityText}"`);
      }
      // After the first bad row nothing will be computed: keep checking, stop storing.
      if (invalid > 0) continue;
      if (n === capacity) {
        capacity *= 2;
        const grownP = new Float64Array(capacity);
        grownP.set(p);
        p = grownP;
        const grownY = new Uint8Array(capacity);
        grownY.set(y);
        y = grownY;
      }
      p[n] = probability;
      y[n] = outcome;
      n++;
    }
  } finally {
    progress.stop();
  }
  if (invalid > 0) throw new InputErrors(errors, invalid);
  if (n === 0) throw new InputError({ file, line: 1 }, 'no data rows: there is nothing to evaluate');
  return { p: p.subarray(0, n), y: y.subarray(0, n) };
}

/** The metrics as a table for a person, grouped as Harrell groups them. */
function formatTable(file: string, m: ValProbMetrics): string {
  const rows: Array<[string, string]> = [];
  const section = (title: string) => rows.push([title, '']);
  // The first figure of a row is right-aligned so that signs do not push the decimal points apart.
  const row = (label: string, value: string) => rows.push(['  ' + label, value.replace(/^\S+/, (first) => first.padStart(7))]);

  section('Discrimination');
  row(
    'C statistic (AUC)',
    num(m.c_statistic) +
      (m.auc_ci_low !== null ? `   95 % CI ${num(m.auc_ci_low)}–${num(m.auc_ci_high)} (DeLong), SE ${num(m.auc_se)}` : ''),
  );
  row("Somers' Dxy", num(m.dxy));
  row('Nagelkerke R²', num(m.r2_nagelkerke));
  row(
    'Discrimination index D',
    num(m.discrimination_d) + (m.discrimination_chisq !== null ? `   (χ² ${num(m.discrimination_chisq, 2)})` : ''),
  );
  section('Calibration');
  row('Intercept (slope estimated)', num(m.calibration_intercept) + ci(m.calibration_intercept_ci_low, m.calibration_intercept_ci_high));
  row('Slope', num(m.calibration_slope) + ci(m.calibration_slope_ci_low, m.calibration_slope_ci_high));
  const spread = slopeWords(m, 'en');
  if (spread !== null) rows.push(['', ` ${spread}`]);
  row(
    'Calibration-in-the-large',
    num(m.calibration_in_the_large) + ci(m.calibration_in_the_large_ci_low, m.calibration_in_the_large_ci_high),
  );
  const level = inTheLargeWords(m, 'en');
  if (level !== null) rows.push(['', ` ${level}`]);
  row('Emax / E90 / Eavg', `${num(m.emax)} / ${num(m.e90)} / ${num(m.eavg)}`);
  row('ECE over deciles', num(m.ece_deciles));
  row("Spiegelhalter's z", num(m.spiegelhalter_z) + (m.spiegelhalter_p !== null ? `   (p ${pValue(m.spiegelhalter_p)})` : ''));
  row(
    'Unreliability index U',
    (m.unreliability_u === null ? '—' : formatKeepingSign(m.unreliability_u, 4)) +
      (m.unreliability_chisq !== null ? `   (χ² ${num(m.unreliability_chisq, 2)}, p ${pValue(m.unreliability_p)})` : ''),
  );
  section('Overall accuracy');
  row('Brier score', num(m.brier));
  row('Log loss', num(m.log_loss));
  row('Quality index Q', num(m.quality_q));

  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  let out = `Validation of ${file}: n = ${m.n}, events = ${m.events} (${((100 * m.events) / m.n).toFixed(1)} %)\n\n`;
  for (const [label, value] of rows) out += value === '' ? `${label}\n` : `${label.padEnd(width)}${value}\n`;
  if (rows.some(([, value]) => value.includes('—'))) out += '(— : not defined for these data; see the notes.)\n';
  if (m.warnings.length > 0) out += '\nNotes:\n' + m.warnings.map((w) => `  - ${w}\n`).join('');
  return out;
}

function num(value: number | null, decimals = 4): string {
  if (value === null) return '—';
  // A value that rounds to zero prints without a sign: "-0.0000" reads like a finding.
  const s = value.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** "   95 % CI a–b (Wald)", or nothing when the interval is undefined. */
function ci(low: number | null, high: number | null): string {
  return low === null || high === null ? '' : `   95 % CI ${num(low)}–${num(high)} (Wald)`;
}

function pValue(value: number | null): string {
  if (value === null) return '—';
  return value < 0.001 ? '< 0.001' : '= ' + value.toFixed(3);
}
