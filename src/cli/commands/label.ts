import { type Command, InvalidArgumentError, Option } from 'commander';
import { labelFiles, outputPathProblem, type LabelSummary } from '../../data/labelFiles.js';
import { writeLabelSummary } from '../../data/labelSummaryFile.js';
import { parseWeekField } from '../../data/labels.js';
import { InputErrors } from '../../data/inputError.js';
import { startProgress } from '../progress.js';
import { CliError, runCommand } from '../runCommand.js';

interface LabelOptions {
  spells: string;
  hours: string;
  out: string;
  lastWeek?: string;
  onInvalid: 'stop' | 'skip';
  rejects?: string;
  censoredOut?: string;
  summaryJson?: string;
}

const DETAILS = `
Label: a spell is long-term (long_term = 1) when the dagpenge hours paid in the 52 ISO weeks starting
with the week that contains spell_start sum to at least 0.8 × 52 × 37 = 1,539.2 hours. A start on any
weekday counts from the Monday of its week. Weeks with no row in the hours file count as 0 hours (no
benefit paid that week); rows for weeks outside the 52 are read, checked and not counted.

Input:
  spells  spell_id, spell_start (YYYY-MM-DD) and any other columns, carried through unchanged.
          A long_term or hours_52w column already there is replaced by the computed one, with a
          warning; where the old long_term differs from the computed one, the summary counts it.
  hours   spell_id, year_week (ISO year-week YYYYWW; alias AARUGENR) and hours (0–37, a decimal point,
          any number of decimals; alias DPTIMER). Aliases match in any case. Rows may come in any order.
          Spell ids are matched after trimming surrounding spaces.
Hours are summed exactly in millionths of an hour, so 1,539.2 is long-term and 1,539.1 is not, with no
floating-point rounding; a value with more than 6 decimals is rounded half-up to 6 and counted.

Censoring: the data's last week is --last-week or else the latest year_week in the hours file. A spell
whose 52nd week is after it is censored: not labelled, not in --out, counted (and listed in
--censored-out with its first and last window week).

Invalid rows: in spells, an empty or repeated spell_id or a spell_start that is not a calendar date; in
hours, an empty or unknown spell_id, a year_week that is not YYYYWW or names a week the year lacks (53
in a 52-week year), hours that are not a number in 0–37, a week given twice for a spell (within its 52
weeks). With --on-invalid stop (the default) the run lists them all (the first 20 on stderr, every one
in --rejects if given), writes no output and exits with 3. With --on-invalid skip the invalid rows are
left out and written to --rejects (file, line, column, field, spell_id, value, reason), their number
is given on stderr, and a spell with any invalid hours row, or whose id is repeated, is excluded
rather than labelled from partial data (also listed in --rejects); the hours rows of a spell whose own
row is invalid are ignored and counted. Malformed CSV (an unclosed quote, a wrong number of fields)
always stops the run.

Exit codes: 0 written; 2 wrong usage (including an output that would overwrite an input); 3 invalid
input (nothing written but --rejects).`;

/** Registers `label`: computes long-term-unemployment labels from weekly dagpenge hours. */
export function registerLabelCommand(program: Command): void {
  program
    .command('label')
    .description('label benefit spells long-term or not from weekly dagpenge hours (≥ 1,539.2 of 1,924 hours in 52 weeks)')
    .requiredOption('--spells <file>', 'spells CSV: spell_id, spell_start (YYYY-MM-DD) and the characteristics to carry through')
    .requiredOption('--hours <file>', 'weekly hours CSV: spell_id, year_week (YYYYWW), hours (0–37)')
    .requiredOption('--out <file>', 'labelled spells CSV: the spells columns plus hours_52w and long_term')
    .option('--last-week <YYYYWW>', "the data's last ISO week (default: the latest year_week in --hours)", yearWeekOption)
    .addOption(
      new Option('--on-invalid <policy>', 'invalid rows: stop (list them, write nothing) or skip (leave them out, record them)')
        .choices(['stop', 'skip'])
        .default('stop'),
    )
    .option('--rejects <file>', 'CSV of the invalid rows and excluded spells, with the reason for each')
    .option('--censored-out <file>', 'CSV of the censored spells (52 weeks not over by the last week)')
    .option('--summary-json <file>', 'also write the summary as JSON, with the SHA-256 of --out (train --label-summary reads it)')
    .addHelpText('after', DETAILS)
    .action(
      runCommand(async (opts: LabelOptions) => {
        const pathProblem = outputPathProblem(opts);
        if (pathProblem) throw new CliError(pathProblem);
        const warn = (message: string) => process.stderr.write(`warning: ${message}\n`);
        let summary: LabelSummary;
        try {
          summary = await labelFiles({
            spells: opts.spells,
            hours: opts.hours,
            out: opts.out,
            lastWeek: opts.lastWeek,
            onInvalid: opts.onInvalid,
            rejects: opts.rejects,
            censoredOut: opts.censoredOut,
            warn,
            progress: megabyteProgress,
          });
        } catch (err) {
          if (err instanceof InputErrors) {
            const where = opts.rejects ? `all of them are listed in ${opts.rejects}` : 'add --rejects FILE to list all of them';
            err.message += `\nNothing was written (${where}; --on-invalid skip leaves them out instead).`;
          }
          throw err;
        }
        process.stderr.write(formatSummary(summary, opts));
        if (opts.summaryJson) await writeLabelSummary(opts.summaryJson, summary, opts.out);
      }),
    );
}

function yearWeekOption(value: string): string {
  const w = parseWeekField(value);
  if (typeof w === 'string') throw new InvalidArgumentError(w);
  return value.trim();
}

function megabyteProgress(label: string, totalBytes: number) {
  const bar = startProgress(label, Math.max(1, Math.ceil(totalBytes / 1e6)), 'MB');
  return { update: (bytes: number) => bar.update(Math.round(bytes / 1e6)), stop: () => bar.stop() };
}

const n = (x: number) => x.toLocaleString('en-US');
const pct = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)} %`);

/** The run's summary for stderr: what was read, labelled, censored and left out, and why. */
export function formatSummary(s: LabelSummary, opts: { out: string; rejects?: string; censoredOut?: string }): string {
  const lines = [
    `spells read:    ${n(s.spellRows)}`,
    `labelled:       ${n(s.labelled)} → ${opts.out} (long-term: ${n(s.longTerm)}, ${pct(s.longTerm, s.labelled)})`,
    `censored:       ${n(s.censored)} (52 weeks not over by ${s.lastWeek}, the last week ${s.lastWeekFrom === 'data' ? 'in the hours file' : 'given by --last-week'})` +
      (opts.censoredOut ? ` → ${opts.censoredOut}` : ''),
  ];
  const invalid = s.invalidSpellRows + s.invalidHoursRows;
  if (invalid > 0 || s.excludedSpells > 0) {
    lines.push(
      `invalid rows:   ${n(invalid)} skipped (${n(s.invalidSpellRows)} in spells, ${n(s.invalidHoursRows)} in hours)` +
        (opts.rejects ? ` → ${opts.rejects}` : ''),
      `excluded:       ${n(s.excludedSpells)} spells with invalid hours rows or a repeated id, not labelled`,
    );
    if (s.hoursOfRejectedSpells > 0) lines.push(`                ${n(s.hoursOfRejectedSpells)} hours rows of invalid spells ignored`);
  } else lines.push('invalid rows:   0');
  lines.push(
    `hours rows:     ${n(s.hoursRows)}` +
      (s.dataFirstWeek !== undefined ? ` (weeks ${s.dataFirstWeek}–${s.dataLastWeek})` : '') +
      `, ${n(s.hoursOutsideWindow)} outside their spell's 52 weeks (not counted)`,
  );
  const notes: string[] = [];
  if (s.roundedHours > 0)
    notes.push(`${n(s.roundedHours)} hours values had more than 6 decimals and were rounded half-up to 6 before summing`);
  if (s.labelledWithoutHours > 0)
    notes.push(
      `${n(s.labelledWithoutHours)} labelled spells have no hours rows at all (0 hours, long_term = 0): check that the spell ids match`,
    );
  if (s.labelledBeforeData > 0)
    notes.push(
      `${n(s.labelledBeforeData)} labelled spells start before the first week of the hours file (${s.dataFirstWeek}): their earlier weeks count as 0 hours`,
    );
  if (s.longTermDisagreements !== undefined)
    notes.push(`the spells file's own long_term differs from the computed one for ${n(s.longTermDisagreements)} labelled spells`);
  if (s.labelled === 0) notes.push('no spell could be labelled');
  return lines.join('\n') + '\n' + notes.map((m) => `note: ${m}\n`).join('');
}
