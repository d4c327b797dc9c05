import { type Command, Option } from 'commander';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { readTrainingTable } from '../../model/training/trainingTable.js';
import { sha256File } from '../../data/sha256File.js';
import { readLabelSummary } from '../../data/labelSummaryFile.js';
import { readFeatureSpec } from '../../model/spec/readSpec.js';
import { genericSpec } from '../../model/spec/genericSpec.js';
import type { FeatureSpec } from '../../model/spec/featureSpec.js';
import { trainModel, type CutoffRule } from '../../model/training/trainModel.js';
import type { SplitRule } from '../../model/training/splitRows.js';
import { writeArtifact } from '../../model/artifact/artifactFile.js';
import { COEFFICIENT_CSV_COLUMNS, coefficientCsvRecord } from '../../model/coefficientTable.js';
import { formatSummary } from '../../model/formatSummary.js';
import { CliError, runCommand } from '../runCommand.js';
import { inputFileSize } from '../inputFileSize.js';
import { ExitCode } from '../exitCodes.js';
import { dateOption, integerOption, listOption, numberOption } from '../optionParsers.js';
import { startProgress } from '../progress.js';
import { packageVersion } from '../../model/artifact/packageVersion.js';

interface TrainCliOptions {
  data: string;
  out: string;
  spec?: string;
  outcome?: string;
  numeric?: string[];
  categorical?: string[];
  boolean?: string[];
  reference: string[];
  weight?: string;
  holdout?: number;
  seed?: number;
  splitColumn?: string;
  splitAt?: string;
  l2: number;
  includeSensitive?: boolean;
  excludeSensitive?: boolean;
  cutoff?: number;
  flagShare?: number;
  coefCsv?: string;
  modelVersion?: string;
  description?: string;
  simulated: boolean;
  censored?: number;
  labelSummary?: string;
  dateColumn?: string;
  maxIterations: number;
  tolerance: number;
  allowNonconvergence: boolean;
  quiet: boolean;
}

/** Registers `ledighedsprofil train`; `argv` is the run's command line (without `node` and the script), recorded in the artifact. */
export function registerTrainCommand(program: Command, argv: readonly string[]): void {
  program
    .command('train')
    .summary('fit the logistic regression and write a model artifact')
    .description(
      'Fits a logistic regression by IRLS (as R glm) and writes the model as one JSON artifact.\n\n' +
        'With a feature specification:\n' +
        '  ledighedsprofil train --data labelled.csv --spec training/default-spec.json --out models/m.json --holdout 0.2 --seed 1\n' +
        'Generic form, for data without a specification (like glm(y ~ a + b + x, binomial)):\n' +
        '  ledighedsprofil train --data any.csv --outcome y --numeric a,b --categorical x --reference x=level --out model.json\n\n' +
        "Prints the coefficient table as R's summary(glm) does. Exit codes: 0 written, 2 bad usage,\n" +
        '3 invalid data or specification (every bad value listed with file:line:column), 4 the fit failed\n' +
        'or did not converge (nothing written unless --allow-nonconvergence).',
    )
    .addHelpText(
      'after',
      '\nCase weights (--weight, or the specification\'s "weight"): the log-likelihood printed and stored is\n' +
        'the weighted one, Σ wᵢ·[yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)] = −deviance/2, and AIC = deviance + 2·(number\n' +
        "of coefficients). For integer weights these are R's logLik and AIC. For non-integer weights R's\n" +
        'binomial AIC rounds the weights (dbinom(round(w·y), round(w), p), warning "non-integer #successes"),\n' +
        "so R's AIC and logLik differ from these; the coefficients, standard errors and deviances agree.\n",
    )
    .requiredOption('--data <file>', 'training data, CSV with a header line')
    .requiredOption('--out <file>', 'where to write the model artifact (JSON)')
    .option('--spec <file>', 'feature specification (JSON, see training/default-spec.json)')
    .option('--outcome <column>', 'generic form: the 0/1 outcome column')
    .option('--numeric <columns>', 'generic form: numeric predictors, comma-separated', listOption)
    .option('--categorical <columns>', 'generic form: categorical predictors, comma-separated', listOption)
    .option('--boolean <columns>', 'generic form: 0/1 predictors, comma-separated', listOption)
    .option(
      '--reference <column=level>',
      'generic form: reference level of a categorical predictor (repeatable); default: first in sorted order, as R',
      collect,
      [],
    )
    .option('--weight <column>', 'generic form: column of case weights')
    .option(
      '--holdout <fraction>',
      'hold out this fraction of rows, drawn at random, for validation',
      numberOption(0, 1, { low: true, high: true }),
    )
    .option('--seed <n>', 'seed of the random hold-out (default 1)', integerOption(0))
    .option('--split-column <column>', 'temporal validation: the date (YYYY-MM-DD) or number column to split on')
    .option('--split-at <value>', 'temporal validation: rows before this value fit the model, the rest validate it')
    .option('--l2 <lambda>', 'ridge penalty λ on all coefficients but the intercept', numberOption(0, Number.MAX_VALUE), 0)
    .addOption(
      new Option('--include-sensitive', 'put features marked sensitive (gender, origin) in the model').conflicts('excludeSensitive'),
    )
    .addOption(new Option('--exclude-sensitive', 'leave features marked sensitive out of the model (kept for the audit)'))
    .addOption(
      new Option('--cutoff <probability>', 'målgruppe 2 when the probability is at least this (default 0.25)')
        .argParser(numberOption(0, 1, { low: true, high: true }))
        .conflicts('flagShare'),
    )
    .option(
      '--flag-share <share>',
      'instead of --cutoff: choose the cut-off that puts this share of training members in målgruppe 2',
      numberOption(0, 1, { low: true, high: true }),
    )
    .option('--coef-csv <file>', 'also write the coefficient table as CSV (term,estimate,std_error,z,p_value,ci_low,ci_high,odds_ratio)')
    .option(
      '--model-version <name>',
      "the model version recorded with every screening (default: the --out file's name without .json and the UTC date of training, e.g. model-2026-12-01)",
    )
    .option('--description <text>', 'a sentence describing the model')
    .option('--simulated', 'the data is the simulated cohort: the model is labelled as simulated wherever it is shown', false)
    .option('--label-summary <file>', 'the JSON written by `label --summary-json` for --data: records its censored spells')
    .option('--censored <n>', 'number of censored spells left out by the labelling, when there is no --label-summary', integerOption(0))
    .option('--date-column <column>', "column whose range is recorded as the data's date range (default: spell_start when present)")
    .option('--max-iterations <n>', 'IRLS iteration limit (R: glm.control maxit)', integerOption(1), 25)
    .option(
      '--tolerance <eps>',
      'convergence when the relative deviance change is below this (R: glm.control epsilon)',
      numberOption(0, 1, { low: true }),
      1e-8,
    )
    .option('--allow-nonconvergence', 'write the model even if the fit did not converge', false)
    .option('--quiet', 'do not print the coefficient table', false)
    .action(runCommand(async (opts: TrainCliOptions) => train(opts, argv)));
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function train(o: TrainCliOptions, argv: readonly string[]): Promise<void> {
  const spec = await resolveSpec(o);
  const split = resolveSplit(o);
  const now = new Date();
  const version = o.modelVersion ?? defaultModelVersion(o.out, now);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(version)) {
    throw new CliError(`the model version "${version}" may contain only letters, digits, ".", "_" and "-" (set it with --model-version)`);
  }
  const size = await inputFileSize('--data', o.data);
  const dateColumn = o.dateColumn ?? 'spell_start';
  const keep = [...new Set([dateColumn, ...(split.kind === 'temporal' ? [split.column] : [])])];

  const reading = startProgress('reading', size, 'bytes');
  const table = await readTrainingTable(o.data, spec, { keep, onBytes: (b) => reading.update(b) });
  reading.stop();
  if (o.dateColumn && !table.extra.has(o.dateColumn))
    throw new CliError(`--date-column ${o.dateColumn}: no such column in ${o.data}`, ExitCode.invalidInput);
  if (split.kind === 'temporal' && !table.extra.has(split.column)) {
    throw new CliError(`--split-column ${split.column}: no such column in ${o.data}`, ExitCode.invalidInput);
  }
  const dataSha256 = await sha256File(o.data);
  if (o.labelSummary && o.censored !== undefined) throw new CliError('give either --label-summary or --censored, not both');
  const censored = o.labelSummary ? (await readLabelSummary(o.labelSummary, dataSha256)).censored : (o.censored ?? null);
  const cutoff: CutoffRule = o.flagShare !== undefined ? { flagShare: o.flagShare } : { probability: o.cutoff ?? 0.25 };
  const fitting = startProgress('fitting', o.maxIterations, 'iterations');
  const command = ['ledighedsprofil', ...argv].join(' ');
  const trained = trainModel(table, spec, {
    split,
    l2: o.l2,
    includeSensitive: o.includeSensitive ? true : o.excludeSensitive ? false : undefined,
    cutoff,
    version,
    description: o.description ?? defaultDescription(spec, o.simulated),
    simulatedData: o.simulated,
    dataFile: basename(o.data),
    dataSha256,
    censored,
    dateColumn: table.extra.has(dateColumn) ? dateColumn : null,
    command,
    packageVersion,
    maxIterations: o.maxIterations,
    tolerance: o.tolerance,
    onIteration: (i) => fitting.update(i),
    now: () => now,
  });
  fitting.stop();
  const { artifact, fit } = trained;

  if (!o.quiet) {
    process.stdout.write(
      formatSummary(trained.coefficients, {
        call: command,
        references: trained.references,
        nullDeviance: fit.nullDeviance,
        deviance: fit.deviance,
        n: fit.n,
        rank: fit.rank,
        events: fit.events,
        logLik: fit.logLik,
        iterations: fit.iterations,
        converged: fit.converged,
        l2: o.l2,
        warnings: fit.warnings,
      }),
    );
  }
  if (!fit.converged && !o.allowNonconvergence) {
    throw new CliError(
      `the fit did not converge in ${o.maxIterations} iterations; nothing was written (raise --max-iterations, add --l2, or pass --allow-nonconvergence)`,
      ExitCode.fitFailed,
    );
  }
  await writeArtifact(o.out, artifact);
  if (o.coefCsv) {
    await writeFile(o.coefCsv, stringify([[...COEFFICIENT_CSV_COLUMNS], ...trained.coefficients.map(coefficientCsvRecord)]));
  }
  const v = artifact.validation;
  const lines = [
    // "model version …", not "model …": a version named after its file ("model") would read "model model".
    `model version ${artifact.version} written to ${o.out}${artifact.simulatedData ? ' (trained on SIMULATED data)' : ''}`,
    `  fitted on ${fit.n} rows, ${fit.events} events; ${trained.splitDescription}`,
    auditOnlyLine(trained.encoding.auditOnly),
    `  cut-off: probability ≥ ${artifact.cutoff.probability.toPrecision(4)} → målgruppe 2 (${(artifact.cutoff.shareFlaggedInTraining * 100).toFixed(1)} % of training members)`,
    v
      ? `  validation (${v.kind}): ${v.rows} rows, AUC ${fmt(v.auc)}, Brier ${fmt(v.brier)}, log loss ${fmt(v.logLoss)}${v.unscorable > 0 ? `, ${v.unscorable} rows not scorable (levels unseen in training)` : ''}`
      : '',
  ].filter(Boolean);
  process.stderr.write(lines.join('\n') + '\n');
}

/**
 * The version a model gets without --model-version: the output file's stem and the training date
 * (`model.json` → `model-2026-12-01`), so two models written to the same file name on different days
 * differ. A stem that already ends in a date is kept as it is.
 */
export function defaultModelVersion(out: string, now: Date): string {
  const stem = basename(out).replace(/\.json$/i, '');
  return /\d{4}-\d{2}-\d{2}$/.test(stem) ? stem : `${stem}-${now.toISOString().slice(0, 10)}`;
}

function auditOnlyLine(auditOnly: string[]): string {
  return auditOnly.length > 0 ? `  left out of the model as sensitive (kept for the audit): ${auditOnly.join(', ')}` : '';
}

function fmt(x: number | null): string {
  return x === null ? 'NA' : x.toFixed(4);
}

function defaultDescription(spec: FeatureSpec, simulated: boolean): string {
  return (
    `Logistic regression for long-term unemployment (≥ 80 % of 52 weeks on dagpenge), specification "${spec.name}"` +
    (simulated ? ', trained on simulated data — not for real decisions' : '')
  );
}

async function resolveSpec(o: TrainCliOptions): Promise<FeatureSpec> {
  const generic = o.outcome !== undefined || o.numeric || o.categorical || o.boolean || o.reference.length > 0 || o.weight;
  if (o.spec && generic) throw new CliError('give either --spec or the generic --outcome/--numeric/--categorical options, not both');
  if (o.spec) return readFeatureSpec(o.spec);
  if (!o.outcome) throw new CliError('give --spec FILE, or --outcome COLUMN with --numeric/--categorical/--boolean for the generic form');
  if (!o.numeric && !o.categorical && !o.boolean)
    throw new CliError('the generic form needs at least one of --numeric, --categorical, --boolean');
  const references: Record<string, string> = {};
  for (const r of o.reference) {
    const m = /^([^=]+)=(.+)$/.exec(r);
    if (!m) throw new CliError(`--reference "${r}": expected COLUMN=LEVEL`);
    references[m[1].trim()] = m[2].trim();
  }
  try {
    return genericSpec({
      outcome: o.outcome,
      numeric: o.numeric,
      categorical: o.categorical,
      boolean: o.boolean,
      references,
      weight: o.weight,
    });
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

function resolveSplit(o: TrainCliOptions): SplitRule {
  if (o.holdout !== undefined && (o.splitColumn || o.splitAt))
    throw new CliError('give either --holdout or --split-column/--split-at, not both');
  if (o.holdout !== undefined) return { kind: 'holdout', fraction: o.holdout, seed: o.seed ?? 1 };
  if (o.seed !== undefined) throw new CliError('--seed goes with --holdout');
  if (o.splitColumn || o.splitAt) {
    if (!o.splitColumn || !o.splitAt) throw new CliError('--split-column and --split-at go together');
    if (/^\d{4}-/.test(o.splitAt)) dateOption(o.splitAt);
    return { kind: 'temporal', column: o.splitColumn, at: o.splitAt };
  }
  return { kind: 'none' };
}
