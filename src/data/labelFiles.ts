/**
 * Labels the spells of a CSV file from a CSV file of weekly dagpenge hours, streaming both: the spells
 * file is read once to learn the ids and first days, the hours file once to sum each spell's window,
 * and the spells file a second time to write every row out with its label, so that no row but the
 * current one is ever held in memory. Outputs are written to temporary files beside their targets and
 * renamed only when the run succeeds, so a failed run leaves nothing half-written.
 */
import { createWriteStream, existsSync, openSync, renameSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { dirname, resolve } from 'node:path';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { readCsv, type CsvHeader } from './csvRecords.js';
import { InputError, InputErrors } from './inputError.js';
import { formatMicroHours } from './decimalHours.js';
import { yearWeekOfWeekIndex } from './isoWeek.js';
import {
  ExclusionCause,
  LabelTable,
  SpellStatus,
  WINDOW_WEEKS,
  isCensored,
  longTermCode,
  parseWeekField,
  type FieldProblem,
} from './labels.js';

/** What to do with invalid rows: stop before writing anything, or skip them (and what they invalidate). */
export type InvalidRowPolicy = 'stop' | 'skip';

/** Accepted names of the hours file's columns, first the canonical one (matched ignoring case). */
export const HOURS_COLUMN_ALIASES = {
  spell_id: ['spell_id'],
  year_week: ['year_week', 'aarugenr'],
  hours: ['hours', 'dptimer'],
} as const;

/** Columns the label adds to each spell; a spells file that already has them loses its own. */
export const LABEL_COLUMNS = ['hours_52w', 'long_term'] as const;

/** Columns added to each row of the censored-spells file. */
export const CENSORED_COLUMNS = ['first_week', 'window_end_week'] as const;

/** Columns of the rejects file. */
export const REJECT_COLUMNS = ['file', 'line', 'column', 'field', 'spell_id', 'value', 'reason'] as const;

/** Options for {@link labelFiles}. */
export interface LabelFilesOptions {
  spells: string;
  hours: string;
  out: string;
  /** The data's last ISO week `YYYYWW`; by default the latest week in the hours file. */
  lastWeek?: string;
  onInvalid?: InvalidRowPolicy;
  /** File for the invalid rows and excluded spells, with reasons. */
  rejects?: string;
  /** File for the censored spells (their 52 weeks are not over). */
  censoredOut?: string;
  /** How many problems an error or warning lists before "… and N more" (default 20). */
  maxShown?: number;
  /** Warnings for a person (dropped columns, skipped rows); the summary is returned, not printed. */
  warn?: (message: string) => void;
  /** Starts a progress indicator over `total` bytes of a file being read. */
  progress?: (label: string, totalBytes: number) => { update(bytes: number): void; stop(): void };
}

/** What a run did, for the summary on stderr and for tests. */
export interface LabelSummary {
  spellRows: number;
  labelled: number;
  longTerm: number;
  censored: number;
  /** Spells rows that are invalid themselves (bad date, empty or duplicate id). */
  invalidSpellRows: number;
  /** Hours rows that are invalid (bad number, week, unknown id, duplicate week). */
  invalidHoursRows: number;
  /** Valid spells left unlabelled because an hours row of theirs is invalid or their id is repeated. */
  excludedSpells: number;
  hoursRows: number;
  hoursOutsideWindow: number;
  hoursOfRejectedSpells: number;
  /** Hours values given with more than six decimals, rounded half-up to six before summing. */
  roundedHours: number;
  /** Labelled spells with no hours row at all (labelled from zero hours). */
  labelledWithoutHours: number;
  /** Labelled spells whose window starts before the first week of the hours file. */
  labelledBeforeData: number;
  /** The last week used for censoring (`YYYYWW`) and where it came from. */
  lastWeek: number;
  lastWeekFrom: 'data' | 'option';
  /** First and last week seen in the hours file (`YYYYWW`), if any. */
  dataFirstWeek?: number;
  dataLastWeek?: number;
  /** Columns of the spells file replaced by the computed ones. */
  replacedColumns: string[];
  /** Labelled spells whose own `long_term` value differs from the computed one (when it had one). */
  longTermDisagreements?: number;
}

interface Target {
  path: string;
  temp: string;
  stream: WriteStream;
  /** Rows not yet written: they go to the file as one CSV chunk, a batch at a time. */
  pending: (readonly string[])[];
  /** A write error (disk full), raised at the next flush rather than as an unhandled event. */
  error?: Error;
}

/**
 * Computes the labels and writes the labelled spells (and, if asked, the censored spells and rejects).
 * With `onInvalid: 'stop'` (the default) any invalid row makes it throw {@link InputErrors} listing
 * them, with no output written except the rejects file; with `'skip'` invalid rows are skipped and
 * recorded, and spells that an invalid hours row belongs to are excluded rather than labelled.
 */
export async function labelFiles(options: LabelFilesOptions): Promise<LabelSummary> {
  const policy = options.onInvalid ?? 'stop';
  const maxShown = options.maxShown ?? 20;
  const warn = options.warn ?? (() => {});
  const pathProblem = outputPathProblem(options);
  if (pathProblem) throw new InputError({ file: options.out }, pathProblem);
  inputSize(options.spells);
  inputSize(options.hours);
  const lastWeekOption = options.lastWeek === undefined ? undefined : parseWeekField(options.lastWeek);
  if (typeof lastWeekOption === 'string') throw new InputError({ file: '--last-week' }, lastWeekOption);

  const table = new LabelTable();
  const shown: InputError[] = [];
  let problemCount = 0;
  let invalidSpellRows = 0;
  let invalidHoursRows = 0;
  const targets: Target[] = [];
  const rejects = options.rejects ? openTarget(options.rejects, targets) : undefined;
  if (rejects) await writeRow(rejects, REJECT_COLUMNS);

  const record = async (
    file: string,
    header: CsvHeader,
    line: number,
    spellId: string,
    values: Record<string, string>,
    columnOf: (f: FieldProblem['field']) => string,
    problems: FieldProblem[],
  ) => {
    for (const p of problems) {
      problemCount++;
      const column = columnOf(p.field);
      const position = header.position.get(column);
      if (shown.length < maxShown) shown.push(new InputError({ file, line, column: position, field: column }, p.reason));
      if (rejects)
        await writeRow(rejects, [
          file,
          String(line),
          position === undefined ? '' : String(position),
          column,
          spellId,
          values[column] ?? '',
          p.reason,
        ]);
    }
  };

  try {
    // Pass 1: the spells.
    let spellsHeader: CsvHeader | undefined;
    const spellColumn = (f: FieldProblem['field']) => f;
    await eachRow(
      options.spells,
      ['spell_id', 'spell_start'],
      options,
      'spells',
      (h) => (spellsHeader = h),
      (line, v) => {
        const problems = table.addSpell(v.spell_id, v.spell_start, line);
        if (!problems) return;
        invalidSpellRows++;
        return record(options.spells, spellsHeader!, line, v.spell_id, v, spellColumn, problems);
      },
    );
    const carried = spellsHeader!.columns.filter((c) => !(LABEL_COLUMNS as readonly string[]).includes(c));
    const replacedColumns = spellsHeader!.columns.filter((c) => (LABEL_COLUMNS as readonly string[]).includes(c));
    if (replacedColumns.length > 0) {
      warn(
        `${options.spells} already has ${replacedColumns.map((c) => `"${c}"`).join(' and ')}: ` +
          'replaced by the values computed from the hours file' +
          (replacedColumns.includes('long_term') ? ' (spells where the two differ are counted in the summary)' : ''),
      );
    }

    // Pass 2: the hours.
    let hoursHeader: CsvHeader | undefined;
    let names = { spell_id: 'spell_id', year_week: 'year_week', hours: 'hours' };
    const hoursColumn = (f: FieldProblem['field']) => names[f as keyof typeof names] ?? f;
    await eachRow(
      options.hours,
      [],
      options,
      'hours',
      (h) => {
        hoursHeader = h;
        names = resolveHoursColumns(options.hours, h);
      },
      (line, v) => {
        const id = v[names.spell_id];
        const problems = table.addHours(id, v[names.year_week], v[names.hours], line);
        if (!problems) return;
        invalidHoursRows++;
        return record(options.hours, hoursHeader!, line, id, v, hoursColumn, problems);
      },
    );

    const dataLastWeek = table.lastWeekSeen;
    const dataFirstWeek = table.firstWeekSeen;
    const lastWeek = lastWeekOption ?? dataLastWeek;
    if (lastWeek === undefined) {
      throw new InputError(
        { file: options.hours },
        "no valid year_week in the file, so the data's last week is unknown: give --last-week YYYYWW",
      );
    }
    if (lastWeekOption !== undefined && dataLastWeek !== undefined && lastWeekOption > dataLastWeek) {
      warn(
        `--last-week ${yearWeekOfWeekIndex(lastWeekOption)} is after the last week in ${options.hours} ` +
          `(${yearWeekOfWeekIndex(dataLastWeek)}): the weeks in between count as 0 hours for the spells whose window reaches them`,
      );
    }

    if (problemCount > 0 && policy === 'stop') {
      if (rejects) await commit(targets.filter((t) => t === rejects));
      throw new InputErrors(shown, problemCount);
    }

    // Pass 3: the spells again, written out with their labels.
    const out = openTarget(options.out, targets);
    await writeRow(out, [...carried, ...LABEL_COLUMNS]);
    const censoredOut = options.censoredOut ? openTarget(options.censoredOut, targets) : undefined;
    if (censoredOut) await writeRow(censoredOut, [...carried, ...CENSORED_COLUMNS]);
    const compareLongTerm = replacedColumns.includes('long_term');
    let labelled = 0;
    let longTerm = 0;
    let censored = 0;
    let excludedSpells = 0;
    let labelledWithoutHours = 0;
    let labelledBeforeData = 0;
    let disagreements = 0;
    let rowsSeen = 0;
    const excludedShown: string[] = [];
    await eachRow(
      options.spells,
      ['spell_id', 'spell_start'],
      options,
      'writing',
      () => {},
      async (line, v) => {
        rowsSeen++;
        const id = v.spell_id.trim();
        if (id === '') return; // rejected in pass 1
        const i = table.indexOf(id);
        if (i === undefined || rowsSeen > table.counts.spellRows) throw changedFile(options.spells, line);
        if (table.lineOf(i) !== line) return; // a repeated id: the later row was rejected in pass 1
        const status = table.statusOf(i);
        if (status === SpellStatus.rejected) return;
        if (status === SpellStatus.excluded) {
          excludedSpells++;
          const reason = exclusionReason(table, i, options);
          if (excludedShown.length < maxShown) excludedShown.push(`${options.spells}:${line}: spell_id "${id}": ${reason}`);
          if (rejects) await writeRow(rejects, [options.spells, String(line), '', '', v.spell_id, '', reason]);
          return;
        }
        const startWeek = table.startWeekOf(i);
        const row = carried.map((c) => v[c]);
        if (isCensored(startWeek, lastWeek)) {
          censored++;
          if (censoredOut)
            await writeRow(censoredOut, [
              ...row,
              String(yearWeekOfWeekIndex(startWeek)),
              String(yearWeekOfWeekIndex(startWeek + WINDOW_WEEKS - 1)),
            ]);
          return;
        }
        const sum = table.sumOf(i);
        const code = longTermCode(sum);
        labelled++;
        if (code === '1') longTerm++;
        if (table.hoursRowsOf(i) === 0) labelledWithoutHours++;
        if (dataFirstWeek !== undefined && startWeek < dataFirstWeek) labelledBeforeData++;
        if (compareLongTerm && v.long_term.trim() !== code) disagreements++;
        await writeRow(out, [...row, formatMicroHours(sum), code]);
      },
    );
    if (rowsSeen !== table.counts.spellRows) throw changedFile(options.spells, rowsSeen + 1);

    if (policy === 'skip' && !rejects && (problemCount > 0 || excludedSpells > 0)) {
      const listed = [...shown.map((e) => e.message), ...excludedShown].slice(0, maxShown);
      const total = problemCount + excludedSpells;
      warn(
        `skipped (no --rejects file to list them in):\n` +
          listed.map((m) => '  ' + m).join('\n') +
          (total > listed.length ? `\n  … and ${total - listed.length} more` : ''),
      );
    }
    await commit(targets);
    return {
      spellRows: table.counts.spellRows,
      labelled,
      longTerm,
      censored,
      invalidSpellRows,
      invalidHoursRows,
      excludedSpells,
      hoursRows: table.counts.hoursRows,
      hoursOutsideWindow: table.counts.hoursOutsideWindow,
      hoursOfRejectedSpells: table.counts.hoursOfRejectedSpells,
      roundedHours: table.roundedHours,
      labelledWithoutHours,
      labelledBeforeData,
      lastWeek: yearWeekOfWeekIndex(lastWeek),
      lastWeekFrom: lastWeekOption === undefined ? 'data' : 'option',
      dataFirstWeek: dataFirstWeek === undefined ? undefined : yearWeekOfWeekIndex(dataFirstWeek),
      dataLastWeek: dataLastWeek === undefined ? undefined : yearWeekOfWeekIndex(dataLastWeek),
      replacedColumns,
      longTermDisagreements: compareLongTerm ? disagreements : undefined,
    };
  } catch (err) {
    // A malformed file ends the run; the row problems found before it are still worth showing.
    if (err instanceof InputError && problemCount > 0) {
      throw new InputErrors([...shown.slice(0, maxShown - 1), err], problemCount + 1);
    }
    throw err;
  } finally {
    for (const t of targets) {
      if (!t.stream.closed) t.stream.destroy();
      rmSync(t.temp, { force: true });
    }
  }
}

function exclusionReason(table: LabelTable, i: number, options: LabelFilesOptions): string {
  const { cause, line, badHoursRows } = table.exclusionOf(i);
  if (cause === ExclusionCause.duplicateId)
    return `spell excluded, not labelled: its spell_id is repeated on line ${line}, so its hours cannot be told apart`;
  return (
    `spell excluded, not labelled from partial data: ${badHoursRows} invalid hours ${badHoursRows === 1 ? 'row' : 'rows'} ` +
    `in ${options.hours} (first on line ${line})`
  );
}

function changedFile(file: string, line: number): InputError {
  return new InputError({ file, line }, 'the file changed while it was being labelled (its rows differ from the first reading): run again');
}

/** Finds the hours file's columns under their names or aliases (case-insensitive). */
function resolveHoursColumns(file: string, header: CsvHeader): { spell_id: string; year_week: string; hours: string } {
  const resolved: Record<string, string> = {};
  const missing: string[] = [];
  for (const [canonical, aliases] of Object.entries(HOURS_COLUMN_ALIASES)) {
    const found = header.columns.filter((c) => (aliases as readonly string[]).includes(c.toLowerCase()));
    if (found.length > 1) {
      throw new InputError(
        { file, line: 1, column: header.position.get(found[1]) },
        `columns ${found.map((c) => `"${c}"`).join(' and ')} both give ${canonical}: keep one`,
      );
    }
    if (found.length === 0)
      missing.push(
        aliases.length > 1
          ? `"${canonical}" (or ${aliases
              .slice(1)
              .map((a) => `"${a.toUpperCase()}"`)
              .join(', ')})`
          : `"${canonical}"`,
      );
    else resolved[canonical] = found[0];
  }
  if (missing.length > 0) {
    throw new InputError(
      { file, line: 1 },
      `missing required ${missing.length === 1 ? 'column' : 'columns'} ${missing.join(', ')} (found: ${header.columns.join(', ')})`,
    );
  }
  return resolved as { spell_id: string; year_week: string; hours: string };
}

/** Why the output paths cannot be used (one overwrites an input or another, or its directory is missing), or undefined. */
export function outputPathProblem(
  options: Pick<LabelFilesOptions, 'spells' | 'hours' | 'out' | 'rejects' | 'censoredOut'>,
): string | undefined {
  const taken = new Map([
    [resolve(options.spells), '--spells'],
    [resolve(options.hours), '--hours'],
  ]);
  for (const [flag, path] of [
    ['--out', options.out],
    ['--rejects', options.rejects],
    ['--censored-out', options.censoredOut],
  ] as const) {
    if (path === undefined) continue;
    const full = resolve(path);
    const clash = taken.get(full);
    if (clash) return `${flag} ${path} is the same file as ${clash}`;
    if (!existsSync(dirname(full))) return `${flag} ${path}: the directory ${dirname(full)} does not exist`;
    taken.set(full, flag);
  }
  return undefined;
}

/**
 * The size of an input file, or an InputError when it cannot be read. Checked here because readCsv
 * pipes the file stream into the parser, and a pipe does not pass an open error on: a missing file
 * would surface as an uncaught exception and a parser that never ends.
 */
function inputSize(file: string): number {
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError({ file }, 'is a directory, not a CSV file');
    return st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError({ file }, code === 'ENOENT' ? 'file not found' : `cannot read: ${(err as Error).message}`);
  }
}

async function eachRow(
  file: string,
  required: readonly string[],
  options: LabelFilesOptions,
  label: string,
  onHeader: (h: CsvHeader) => void,
  onRow: (line: number, values: Record<string, string>) => Promise<void> | void,
): Promise<void> {
  const size = inputSize(file);
  const bar = options.progress?.(label, size);
  try {
    for await (const { line, values } of readCsv(file, { required, onHeader, onBytes: bar && ((b) => bar.update(b)) })) {
      // Most rows finish synchronously; awaiting only real promises saves a microtask per row.
      const pending = onRow(line, values);
      if (pending) await pending;
    }
  } finally {
    bar?.stop();
  }
}

function openTarget(path: string, targets: Target[]): Target {
  const temp = `${path}.partial-${process.pid}`;
  // Opened synchronously so that a missing permission is reported here, as an ordinary error.
  let fd: number;
  try {
    fd = openSync(temp, 'w');
  } catch (err) {
    throw new InputError({ file: path }, `cannot write: ${(err as Error).message}`);
  }
  const target: Target = { path, temp, stream: createWriteStream(temp, { fd }), pending: [] };
  target.stream.on('error', (err) => (target.error = err));
  targets.push(target);
  return target;
}

/** Rows written to a file in one chunk: large enough that the per-chunk cost vanishes, small enough to hold. */
const FLUSH_ROWS = 1024;

/** Appends one CSV row; csv-stringify quotes a field only when it must, so values are written as read. */
async function writeRow(target: Target, fields: readonly string[]): Promise<void> {
  target.pending.push(fields);
  if (target.pending.length >= FLUSH_ROWS) await flush(target);
}

async function flush(target: Target): Promise<void> {
  if (target.error) throw target.error;
  if (target.pending.length === 0) return;
  const ok = target.stream.write(stringify(target.pending));
  target.pending = [];
  if (!ok) await once(target.stream, 'drain');
}

/** Flushes and closes the targets, then moves each temporary file onto its final name. */
async function commit(targets: Target[]): Promise<void> {
  for (const t of targets) {
    await flush(t);
    t.stream.end();
    await finished(t.stream);
  }
  for (const t of targets) renameSync(t.temp, t.path);
}
