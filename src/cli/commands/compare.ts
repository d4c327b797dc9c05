import type { Command } from 'commander';
import { stat, writeFile } from 'node:fs/promises';
import { readCsv, type CsvHeader } from '../../data/csvRecords.js';
import { InputError, InputErrors } from '../../data/inputError.js';
import { readArtifact } from '../../model/artifact/artifactFile.js';
import { compareModels, type ModelComparison } from '../../report/modelComparison/compareModels.js';
import { formatComparison } from '../../report/modelComparison/formatComparison.js';
import { comparisonHtml } from '../../report/modelComparison/comparisonHtml.js';
import { ExitCode } from '../exitCodes.js';
import { CliError, runCommand } from '../runCommand.js';

interface CompareOptions {
  model: string[];
  data: string;
  outcome?: string;
  out?: string;
  json?: string;
}

/** Invalid rows listed in full before the rest are only counted. */
const MAX_LISTED_ERRORS = 20;

/** Registers `compare`: two model artifacts on the same validation rows, before one replaces the other. */
export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .summary("compare two models on the same rows: AUC with DeLong's paired test, calibration, målgruppe changes")
    .description(
      'Scores every row of a validation file with two model artifacts (A, then B) and compares them on the rows both ' +
        "can score: the AUC of each with its DeLong 95 % interval and DeLong's test for two correlated ROC curves " +
        '(as pROC::roc.test), the Brier score, the calibration intercept and slope (rms::val.prob), the share in ' +
        "målgruppe 2 at each model's own cut-off, and the members who change målgruppe. Prints a table; --json " +
        'writes the figures, --out a self-contained HTML page.',
    )
    .requiredOption('--model <file>', 'model artifact (JSON); give it twice, A first and then B', collect, [])
    .requiredOption('--data <file>', 'validation CSV with the input columns of both models and the observed outcome')
    .option('--outcome <column>', "the 0/1 outcome column (default: the outcome of model A's specification)")
    .option('--out <file>', 'write the comparison as an HTML page')
    .option('--json <file>', 'write the figures as JSON')
    .addHelpText(
      'after',
      '\nExample:\n' +
        '  $ ledighedsprofil compare --model models/a.json --model models/b.json --data validation.csv --out compare.html --json compare.json\n' +
        '\nDifferences are A − B. Rows either model cannot score are left out of every figure and counted.\n' +
        'Exit codes: 0 compared; 2 wrong usage (not exactly two --model); 3 invalid model or data (an outcome other than 0/1).\n',
    )
    .action(runCommand(compare));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function compare(o: CompareOptions): Promise<void> {
  if (o.model.length !== 2) throw new CliError(`give --model exactly twice (A and B), got ${o.model.length}`, ExitCode.usage);
  const [a, b] = await Promise.all(o.model.map((file) => readArtifact(file)));
  const outcome = o.outcome ?? a.encoding.spec.outcome;
  if ((await stat(o.data).catch(() => undefined))?.isFile() !== true) throw new InputError({ file: o.data }, 'file not found');

  const builder = compareModels(a, b);
  const errors: InputError[] = [];
  let invalid = 0;
  let header: CsvHeader | undefined;
  for await (const record of readCsv(o.data, { required: [outcome], onHeader: (h) => (header = h) })) {
    const text = record.get(outcome)!.trim();
    if (text !== '0' && text !== '1') {
      invalid++;
      if (errors.length < MAX_LISTED_ERRORS) {
        errors.push(
          new InputError(
            { file: o.data, line: record.line, column: header?.position.get(outcome), field: outcome },
            `outcome must be 0 or 1, got "${text}"`,
          ),
        );
      }
      continue;
    }
    if (invalid === 0) builder.add(record.values, text === '1' ? 1 : 0);
  }
  if (invalid > 0) throw new InputErrors(errors, invalid);
  let comparison: ModelComparison;
  try {
    comparison = builder.finish();
  } catch (err) {
    if (err instanceof RangeError) throw new InputError({ file: o.data }, err.message);
    throw err;
  }
  process.stdout.write(formatComparison(comparison, o.data, outcome));
  const document = { input: { model_a: o.model[0], model_b: o.model[1], data: o.data, outcome }, ...comparison };
  await writeOutput(o.json, JSON.stringify(document, null, 2) + '\n');
  await writeOutput(o.out, comparisonHtml(comparison, o.data, outcome));
}

async function writeOutput(file: string | undefined, text: string): Promise<void> {
  if (!file) return;
  try {
    await writeFile(file, text);
  } catch (err) {
    throw new CliError(`cannot write ${file}: ${(err as Error).message}`, ExitCode.usage);
  }
}
