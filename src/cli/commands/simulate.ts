import { type Command, InvalidArgumentError, Option } from 'commander';
import { resolve } from 'node:path';
import { simulateCohort, type SimulateSummary } from '../../data/simulate/cohort.js';
import { DATA_WINDOW_END } from '../../data/simulate/hours.js';
import { GENERATOR_VERSION, formatTruthJson } from '../../data/simulate/truth.js';
import { OutputPathError, openChunkedFile, type ChunkedFile } from '../../data/simulate/writer.js';
import { SCENARIO_NAMES, type ScenarioName } from '../../data/simulate/scenario.js';
import { ExitCode } from '../exitCodes.js';
import { integerOption } from '../optionParsers.js';
import { startProgress } from '../progress.js';
import { CliError, runCommand } from '../runCommand.js';

interface SimulateCliOptions {
  n: number;
  seed: number;
  out: string;
  hoursOut?: string;
  truth?: string;
  scenario: ScenarioName;
}

const MAX_N = 100_000_000;
const lastWeek = `${DATA_WINDOW_END.year}${String(DATA_WINDOW_END.week).padStart(2, '0')}`;

const DETAILS = `
One row per new dagpenge benefit period, starting 2014-01-01 … 2017-12-31, for newly unemployed
a-kasse members. NOT real data: the data-generating process is described in training/SIMULATION.md
and its true coefficients are in training/simulation-truth.json (keyed by the term names of
training/default-spec.json with gender and origin included), so a fitted model can be checked
against them. The same --n and --seed give byte-identical files on any machine.

Output:
  --out        spell_id, spell_start, age, gender, experience_years, education,
               from_sickness_benefit, prior_dagpenge_hours, earlier_spells, municipality, region,
               origin, disco_code, industry, dimittend, previous_income, children_at_home,
               q2_job_expectation, q10_has_barriers, q10_barriers; and long_term (0/1) last,
               only when --hours-out is not given.
  --hours-out  spell_id, year_week (ISO YYYYWW), hours (0–37, at most one decimal): every week of
               the 52 from the week of spell_start (0 when no benefit was paid), then more weeks only
               while the spell goes on. The outcome is then left to \`label\`, as with register data:
               the 52 weeks of a long-term spell sum to at least 1,539.2 hours, of any other to less.
               The data end with ISO week ${lastWeek}: spells whose 52 weeks reach past it are censored.
  --truth      the true coefficients and the distributions drawn from, as JSON.
The spells are the same with and without --hours-out (hours come from a random stream of their own).
Files are written under a temporary name and renamed when complete.

Examples:
  $ ledighedsprofil simulate --n 100000 --seed 1 --out spells.csv
  $ ledighedsprofil simulate --n 100000 --seed 1 --out spells.csv --hours-out hours.csv
  $ ledighedsprofil label --spells spells.csv --hours hours.csv --out labelled.csv
  $ ledighedsprofil simulate --n 100000 --seed 2 --scenario recession --out recession.csv

Exit codes: 0 written; 2 wrong usage (a bad option, an output that cannot be written, the same file
named twice).`;

/** Registers `simulate`: writes a simulated cohort (and optionally its weekly hours and true coefficients). */
export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .summary('write a simulated cohort of benefit spells with known true coefficients')
    .description('write a simulated cohort of benefit spells (not real data) whose true coefficients are known')
    .requiredOption('--n <count>', `number of spells to simulate (1 … 100,000,000)`, countOption)
    .requiredOption('--seed <seed>', 'random seed, a whole number ≥ 0', integerOption(0))
    .requiredOption('--out <file>', 'spells CSV to write')
    .option('--hours-out <file>', 'also write weekly dagpenge hours to this CSV (the spells file then has no long_term column)')
    .option('--truth <file>', 'also write the true coefficients and distributions as JSON (as training/simulation-truth.json)')
    .addOption(
      new Option(
        '--scenario <name>',
        'the cohort: baseline, or recession (older, more from sickness benefit, higher base rate; for drift tests)',
      )
        .choices(SCENARIO_NAMES)
        .default('baseline'),
    )
    .addHelpText('after', DETAILS)
    .action(runCommand(simulateAction));
}

function countOption(value: string): number {
  const n = integerOption(1)(value);
  if (n > MAX_N) throw new InvalidArgumentError(`expected a whole number ≤ ${MAX_N}, got "${value}"`);
  return n;
}

async function simulateAction(opts: SimulateCliOptions): Promise<void> {
  const paths = [opts.out, opts.hoursOut, opts.truth].filter((p): p is string => p !== undefined).map((p) => resolve(p));
  if (new Set(paths).size !== paths.length) throw new CliError('--out, --hours-out and --truth must name different files', ExitCode.usage);

  // The truth file describes the baseline; a shifted cohort's truth is its description in SIMULATION.md.
  if (opts.truth && opts.scenario !== 'baseline')
    throw new CliError('--truth describes the baseline cohort only; leave it out with --scenario', ExitCode.usage);

  const started = process.hrtime.bigint();
  const progress = startProgress('simulating', opts.n, 'spells');
  let summary: SimulateSummary;
  let truth: ChunkedFile | undefined;
  try {
    // The truth file is opened first so that a bad --truth path fails before any spell is drawn.
    if (opts.truth) truth = await openChunkedFile(opts.truth);
    summary = await simulateCohort({
      n: opts.n,
      seed: opts.seed,
      spellsPath: opts.out,
      hoursPath: opts.hoursOut,
      scenario: opts.scenario,
      onProgress: (done) => progress.update(done),
    });
    if (truth) {
      await truth.write(formatTruthJson());
      await truth.commit();
    }
  } catch (err) {
    await truth?.discard();
    if (err instanceof OutputPathError) throw new CliError(err.message, ExitCode.usage);
    throw err;
  } finally {
    progress.stop();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  const pct = (k: number, of: number) => (of === 0 ? '–' : `${((100 * k) / of).toFixed(1)} %`);
  const uncensored = summary.n - summary.censored;
  const lines = [
    `simulated ${summary.n} spells (seed ${opts.seed}, generator version ${GENERATOR_VERSION}${opts.scenario === 'baseline' ? '' : `, scenario ${opts.scenario}`}) in ${seconds.toFixed(1)} s`,
    `long-term:  ${summary.longTerm} (${pct(summary.longTerm, summary.n)}); among the ${uncensored} spells not censored: ${summary.longTermUncensored} (${pct(summary.longTermUncensored, uncensored)})`,
    `censored:   ${summary.censored} (52 weeks not over by ISO week ${lastWeek})`,
    `spells:     ${opts.out}${opts.hoursOut ? ' (no long_term column: label it from the hours)' : ''}`,
  ];
  if (opts.hoursOut) lines.push(`hours:      ${opts.hoursOut} (${summary.hoursRows} rows)`);
  if (opts.truth) lines.push(`truth:      ${opts.truth}`);
  process.stdout.write(lines.join('\n') + '\n');
}
