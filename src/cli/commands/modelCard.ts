import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { sha256File } from '../../data/sha256File.js';
import { readArtifact } from '../../model/artifact/artifactFile.js';
import type { ModelArtifact } from '../../model/artifact/artifactSchema.js';
import { packageVersion } from '../../model/artifact/packageVersion.js';
import { readTrainingTable } from '../../model/training/trainingTable.js';
import { htmlToPdf } from '../../report/calibrationReport/pdf.js';
import { chromiumForPdf } from '../chromiumForPdf.js';
import { buildReportDocument, columnsToKeep, type ReportDocument } from '../../report/calibrationReport/reportDocument.js';
import { renderModelCardHtml } from '../../report/modelCard/html.js';
import { buildModelCard } from '../../report/modelCard/modelCardDocument.js';
import { ExitCode } from '../exitCodes.js';
import { inputFileSize } from '../inputFileSize.js';
import { startProgress } from '../progress.js';
import { CliError, runCommand } from '../runCommand.js';

interface ModelCardOptions {
  model: string;
  data?: string;
  out: string;
  json?: string;
  pdf?: string;
  previous: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Registers `ledighedsprofil model-card`: the AI Act's technical documentation and instructions for use of a model. */
export function registerModelCardCommand(program: Command): void {
  program
    .command('model-card')
    .summary('model card: technical documentation and instructions for use (AI Act Art. 11, 13, Annex IV), as HTML')
    .description(
      'Writes one self-contained HTML file (no scripts, nothing fetched) documenting a model artifact as the\n' +
        'AI Act asks of a high-risk system: a Danish summary page for caseworkers, then intended purpose and users,\n' +
        'what it must not be used for, the training data (rows, period, censored spells, simulated or real), the\n' +
        'predictors and how sensitive attributes are handled, performance with 95 % intervals, calibration, what\n' +
        'the målgruppe cut-off does (flagged, precision, recall), known limits, human oversight, logging and\n' +
        'monitoring, and the version history.\n\n' +
        'Without --data the performance section shows the held-out metrics stored in the artifact; with labelled\n' +
        "--data every figure (overall, at the cut-off and by group) is computed by the calibration report's code\n" +
        '(the same rows and numbers as `report` on that file). The artifact records only itself: earlier\n' +
        'versions for the version history are given with --previous, once per file.',
    )
    .requiredOption('--model <file>', 'the model artifact (JSON)')
    .option('--data <file>', 'labelled validation data (CSV) for the performance, cut-off and group figures')
    .requiredOption('--out <file>', 'where to write the HTML model card')
    .option('--pdf <file>', 'also print the card to PDF with headless Chromium (must be installed)')
    .option('--json <file>', "also write the card's content as JSON")
    .option('--previous <file>', 'an earlier model artifact for the version history (repeatable)', collect, [])
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ ledighedsprofil model-card --model models/sim-2026.12-1.json --out card.html\n' +
        '  $ ledighedsprofil model-card --model model.json --data labelled.csv --previous models/sim-2026.12-1.json \\\n' +
        '      --out card.html --pdf card.pdf\n' +
        '\nExit codes: 0 written; 2 bad usage, an unwritable output or --pdf without Chromium; 3 invalid model,\n' +
        'previous model or data (nothing is written); 5 written, but some rows of --data could not be scored.\n',
    )
    .action(runCommand(modelCard));
}

async function modelCard(o: ModelCardOptions): Promise<void> {
  const chromium = chromiumForPdf(o.pdf);
  const artifact = await readArtifact(o.model);
  const previous: ModelArtifact[] = [];
  for (const file of o.previous) previous.push(await readArtifact(file));

  let report: ReportDocument | undefined;
  if (o.data) {
    const size = await inputFileSize('--data', o.data);
    const reading = startProgress('reading', size, 'bytes');
    const table = await readTrainingTable(o.data, artifact.encoding.spec, {
      keep: columnsToKeep(artifact),
      onBytes: (b) => reading.update(b),
    });
    reading.stop();
    // The card shows no calibration curve and no optimism correction, so neither bootstrap is run.
    report = buildReportDocument(artifact, table, {
      dataFile: basename(o.data),
      dataSha256: await sha256File(o.data),
      bootstrap: 0,
      bandResamples: 0,
      seed: 1,
      packageVersion,
    });
  }
  let doc: ReturnType<typeof buildModelCard>;
  try {
    doc = buildModelCard(artifact, { packageVersion, report, previous });
  } catch (err) {
    if (err instanceof RangeError) throw new CliError(`--previous: ${err.message}`, ExitCode.invalidInput);
    throw err;
  }
  await write(o.out, renderModelCardHtml(doc));
  if (o.json) await write(o.json, JSON.stringify(doc, null, 2) + '\n');
  if (o.pdf) await htmlToPdf(o.out, o.pdf, chromium);

  process.stderr.write(
    [
      `model card of ${artifact.version} written to ${o.out}${artifact.simulatedData ? ' (model trained on SIMULATED data)' : ''}`,
      report
        ? `  performance on ${report.evaluation.rows} rows of ${basename(o.data!)} (${report.evaluation.kind})`
        : '  performance: the held-out metrics stored in the artifact (give --data for intervals and group figures)',
      `  version history: ${doc.versions.length} version${doc.versions.length === 1 ? '' : 's'}`,
      o.json ? `  content as JSON in ${o.json}` : '',
      o.pdf ? `  PDF in ${o.pdf}` : '',
    ]
      .filter(Boolean)
      .join('\n') + '\n',
  );
  if (report && report.data.unscorable > 0) process.exitCode = ExitCode.partial;
}

async function write(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (err) {
    throw new CliError(`cannot write ${file}: ${(err as Error).message}`, ExitCode.usage);
  }
}
