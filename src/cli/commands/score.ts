import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import { readCsv, type CsvHeader } from '../../data/csvRecords.js';
import { InputError } from '../../data/inputError.js';
import { readArtifact } from '../../model/artifact/artifactFile.js';
import { createScorer } from '../../model/scorer.js';
import { runCommand } from '../runCommand.js';
import { inputFileSize } from '../inputFileSize.js';
import { ExitCode } from '../exitCodes.js';
import { startProgress } from '../progress.js';

/** Columns the score command appends to every row. */
export const SCORE_COLUMNS = ['linear_predictor', 'probability', 'target_group', 'score_error'] as const;

/** Registers `ledighedsprofil score`. */
export function registerScoreCommand(program: Command): void {
  program
    .command('score')
    .summary('append predicted probabilities to every row of a CSV file')
    .description(
      'Scores each row with a model artifact and writes the rows with four columns appended:\n' +
        '  linear_predictor, probability (of long-term unemployment), target_group (målgruppe 1 or 2 by the\n' +
        "  model's cut-off) and score_error.\n" +
        'A row that cannot be scored (a missing or invalid value, a level the model never saw) is still\n' +
        'written, with the first three columns empty and the reason in score_error, and listed on stderr.\n' +
        'Exit codes: 0 every row scored, 5 written but some rows not scored, 3 invalid model or file.',
    )
    .requiredOption('--model <file>', 'model artifact (JSON) written by `train`')
    .requiredOption('--data <file>', "CSV with the model's input columns (other columns are carried through)")
    .requiredOption('--out <file>', 'where to write the scored rows (CSV)')
    .action(runCommand(async (o: { model: string; data: string; out: string }) => score(o)));
}

async function score(o: { model: string; data: string; out: string }): Promise<void> {
  const artifact = await readArtifact(o.model);
  const scorer = createScorer(artifact);
  const size = await inputFileSize('--data', o.data);
  const progress = startProgress('scoring', size, 'bytes');
  const output = createWriteStream(o.out);
  const csv = stringify();
  csv.pipe(output);
  let header: CsvHeader | undefined;
  let rows = 0;
  let failed = 0;
  const shown: string[] = [];
  const write = async (record: string[]) => {
    if (!csv.write(record)) await once(csv, 'drain');
  };
  for await (const { line, values } of readCsv(o.data, { onBytes: (b) => progress.update(b), onHeader: (h) => (header = h) })) {
    if (rows === 0) {
      const clash = SCORE_COLUMNS.filter((c) => header!.position.has(c));
      if (clash.length > 0)
        throw new InputError(
          { file: o.data, line: 1, column: header!.position.get(clash[0]) },
          `the file already has a column "${clash[0]}", which score would overwrite`,
        );
      await write([...header!.columns, ...SCORE_COLUMNS]);
    }
    rows++;
    const result = scorer.score(values);
    const fields = header!.columns.map((c) => values[c]);
    if (result.ok) {
      await write([
        ...fields,
        String(result.linearPredictor),
        String(result.probability),
        String(scorer.targetGroup(result.probability)),
        '',
      ]);
    } else {
      failed++;
      const reason = result.problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
      if (shown.length < 20) {
        const first = result.problems[0];
        shown.push(new InputError({ file: o.data, line, column: header!.position.get(first.field) }, reason).message);
      }
      await write([...fields, '', '', '', reason]);
    }
  }
  if (rows === 0 && header) await write([...header.columns, ...SCORE_COLUMNS]);
  csv.end();
  await once(output, 'finish');
  progress.stop();
  process.stderr.write(
    `scored ${rows - failed} of ${rows} rows with model ${artifact.version}${artifact.simulatedData ? ' (trained on SIMULATED data)' : ''}; written to ${o.out}\n`,
  );
  if (failed > 0) {
    process.stderr.write(
      `${failed} row(s) could not be scored (marked in score_error):\n${shown.map((s) => '  ' + s).join('\n')}${failed > shown.length ? `\n  … and ${failed - shown.length} more` : ''}\n`,
    );
    process.exitCode = ExitCode.partial;
  }
}
