import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { readTrainingTable } from '../../model/training/trainingTable.js';
import { sha256File } from '../../data/sha256File.js';
import { readArtifact } from '../../model/artifact/artifactFile.js';
import { htmlToPdf } from '../../report/calibrationReport/pdf.js';
import { chromiumForPdf } from '../chromiumForPdf.js';
import { buildReportDocument, columnsToKeep } from '../../report/calibrationReport/reportDocument.js';
import { ExitCode } from '../exitCodes.js';
import { integerOption } from '../optionParsers.js';
import { packageVersion } from '../../model/artifact/packageVersion.js';
import { startProgress } from '../progress.js';
import { CliError, runCommand } from '../runCommand.js';
import { inputFileSize } from '../inputFileSize.js';

interface ReportOptions {
  model: string;
  data: string;
  out: string;
  json?: string;
  pdf?: string;
  bootstrap: number;
  bandResamples: number;
  seed: number;
  cutoffs?: number[];
  external: boolean;
}

/** Registers `ledighedsprofil report`: the calibration, cut-off and fairness report of a model on labelled data. */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .summary('calibration report: discrimination, calibration, cut-off and fairness, as one HTML file')
    .description(
      'Scores labelled data with a model and writes one self-contained HTML report (charts as inline SVG, no\n' +
        "scripts, nothing fetched from the network) for the analyst and the fund's management: the model and its\n" +
        'coefficients; discrimination (ROC, AUC with DeLong CI, score distribution); calibration (reliability\n' +
        "diagram with lowess curve and bootstrap band, val.prob's figures); the consequences of the målgruppe\n" +
        'cut-off; and calibration and error rates per group for every sensitive attribute, age band and region.\n\n' +
        'Which rows are evaluated: when the data is the training file and the model was trained with a hold-out\n' +
        "split, or the data has the column of the model's temporal split, the split is reproduced and the main\n" +
        'figures are on the validation rows (the fitting rows give the apparent figures); when the data is the\n' +
        "training file and all its rows were fitted, the figures are in-sample and Harrell's bootstrap corrects\n" +
        'them for optimism (--bootstrap); any other data is external validation.',
    )
    .requiredOption('--model <file>', 'the model artifact (JSON)')
    .requiredOption('--data <file>', "labelled data, CSV with the outcome column and the specification's columns")
    .requiredOption('--out <file>', 'where to write the HTML report')
    .option('--json <file>', "also write every figure as JSON (val.prob figures under the calibrate command's keys)")
    .option('--pdf <file>', 'also print the report to PDF with headless Chromium (must be installed)')
    .option('--bootstrap <B>', 'resamples for the optimism correction of an in-sample report (0: none)', integerOption(0), 40)
    .option('--band-resamples <B>', "bootstrap resamples for the calibration curve's confidence band (0: no band)", integerOption(0), 50)
    .option('--seed <n>', 'seed of both bootstraps', integerOption(0), 1)
    .option(
      '--cutoffs <list>',
      "cut-offs to tabulate, comma-separated probabilities (default: steps of 0.025 over the range of the predictions); the model's own is always added",
      cutoffList,
    )
    .option('--external', 'treat the data as external validation even if it is the training file', false)
    .addHelpText(
      'after',
      '\nExample:\n' +
        '  $ ledighedsprofil report --model models/sim-2026.12-1.json --data labelled.csv --out report.html --json report.json\n' +
        '\nJSON: format, schemaVersion, generatedAt, model {version, simulatedData, training, cutoff, specification,\n' +
        "coefficients}, data, evaluation {kind, description, rows}, overall and apparent (the calibrate command's\n" +
        'keys), optimism, calibration_curve {deciles, band}, roc, score_histogram, cutoff_table {chosen, rows},\n' +
        'fairness {attributes [{attribute, in_model, groups, gaps, statements}], summary}, notes.\n' +
        'Exit codes: 0 written; 2 bad usage or --pdf without Chromium; 3 invalid model or data; 5 written, but some\n' +
        'rows could not be scored (they are counted in the report).\n',
    )
    .action(runCommand(report));
}

function cutoffList(value: string): number[] {
  const items = value.split(',').map((s) => Number(s.trim()));
  if (items.some((c) => !(c > 0 && c < 1)))
    throw new InvalidArgumentError(`expected probabilities strictly between 0 and 1, comma-separated, got "${value}"`);
  return items;
}

async function report(o: ReportOptions): Promise<void> {
  const chromium = chromiumForPdf(o.pdf);
  const artifact = await readArtifact(o.model);
  const size = await inputFileSize('--data', o.data);

  const reading = startProgress('reading', size, 'bytes');
  const table = await readTrainingTable(o.data, artifact.encoding.spec, {
    keep: columnsToKeep(artifact),
    onBytes: (b) => reading.update(b),
  });
  reading.stop();
  const dataSha256 = await sha256File(o.data);

  const doc = buildReportDocument(artifact, table, {
    dataFile: basename(o.data),
    dataSha256,
    bootstrap: o.bootstrap,
    bandResamples: o.bandResamples,
    seed: o.seed,
    cutoffs: o.cutoffs,
    forceExternal: o.external,
    packageVersion,
    onStage: (stage, total) => startProgress(stage, total, 'resamples'),
  });
  // Vega is loaded only for this command, so that the other commands start quickly.
  const { renderReportHtml } = await import('../../report/calibrationReport/html.js');
  const html = await renderReportHtml(doc);
  await write(o.out, html);
  if (o.json) await write(o.json, JSON.stringify(doc, null, 2) + '\n');
  if (o.pdf) await htmlToPdf(o.out, o.pdf, chromium);

  const kind = {
    holdout: 'held-out rows',
    temporal: 'temporal validation rows',
    'in-sample': 'in-sample rows',
    external: 'external validation rows',
  }[doc.evaluation.kind];
  process.stderr.write(
    [
      `report on model ${artifact.version} written to ${o.out}${artifact.simulatedData ? ' (model trained on SIMULATED data)' : ''}`,
      `  main figures on ${doc.evaluation.rows} ${kind}: AUC ${fmt(doc.overall.auc)}, calibration slope ${fmt(doc.overall.calibration_slope)}, Brier ${fmt(doc.overall.brier)}`,
      o.json ? `  figures as JSON in ${o.json}` : '',
      o.pdf ? `  PDF in ${o.pdf}` : '',
      doc.data.unscorable > 0 ? `  ${doc.data.unscorable} rows could not be scored and are left out (see the report's notes)` : '',
    ]
      .filter(Boolean)
      .join('\n') + '\n',
  );
  if (doc.data.unscorable > 0) process.exitCode = ExitCode.partial;
}

async function write(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (err) {
    throw new CliError(`cannot write ${file}: ${(err as Error).message}`, ExitCode.usage);
  }
}

function fmt(x: number | null): string {
  return x === null ? 'NA' : x.toFixed(4);
}
