import type { Command } from 'commander';
import { readCsv } from '../../data/csvRecords.js';
import { InputError, InputErrors } from '../../data/inputError.js';
import { createCitizenKeysOf, type CprSecrets } from '../../privacy/citizenKeyRing.js';
import { maskCprsInText } from '../../privacy/cprInText.js';
import { toNewOutcomes } from '../../service/outcomes/outcomeRecord.js';
import { outcomeBatchItemSchema } from '../../service/schemas/outcome.js';
import { acceptsBatchItem } from '../../service/schemas/outcomeCheck.js';
import {
  DatabaseUnavailableError,
  OutcomeConflictError,
  OutcomePeriodNotFoundError,
  PersonalDataError,
  StorageError,
} from '../../storage/errors.js';
import { FOLLOW_UP_STATUSES } from '../../storage/records.js';
import type { OutcomeItem, RecordedOutcome } from '../../storage/repository.js';
import { ExitCode } from '../exitCodes.js';
import { inputFileSize } from '../inputFileSize.js';
import { fundOption } from '../optionParsers.js';
import { CliError, runCommand } from '../runCommand.js';
import { openServiceRepository, serviceConfigFor } from '../serviceStorage.js';

/** The client id the command's rows and audit entries carry. */
const CLIENT = 'ledighedsprofil-outcomes';

/** At most this many bad rows are listed; the rest are counted. */
const MAX_LISTED = 20;

/** The CSV columns and the API field each one is. */
const COLUMNS = {
  cpr: 'cpr',
  benefit_period_start: 'benefitPeriodStart',
  status_week_13: 'statusWeek13',
  status_week_26: 'statusWeek26',
  long_term: 'longTerm',
  weekly_hours: 'weeklyHours',
  hours_through_week: 'hoursThroughWeek',
  correction: 'correction',
  correction_reason: 'correctionReason',
} as const;
type Column = keyof typeof COLUMNS;
const COLUMN_OF_FIELD = Object.fromEntries(Object.entries(COLUMNS).map(([c, f]) => [f, c])) as Record<string, Column>;

/** One data row of the file: the API record it becomes, and where it was. */
interface Row {
  line: number;
  body: Record<string, unknown>;
}

/** `0`/`1` (or empty) as a boolean; anything else is left for the schema to refuse. */
function flag(text: string): boolean | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (t === '1' || t.toLowerCase() === 'true') return true;
  if (t === '0' || t.toLowerCase() === 'false') return false;
  return t;
}

/**
 * `weekly_hours` as written: `YYYYWW:hours` pairs separated by `;` (`202602:37;202603:18.5`), the way a
 * register extract's weeks fit one row per benefit period. Returns the weeks, or the reason it is not that.
 */
function parseWeeklyHours(text: string): { week: string; hours: string }[] | string {
  const t = text.trim();
  if (t === '') return [];
  const out: { week: string; hours: string }[] = [];
  const pairs = t.split(';');
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i].trim();
    if (p === '' && i === pairs.length - 1) continue;
    const colon = p.indexOf(':');
    if (colon < 0) return `entry ${i + 1} is not YYYYWW:hours (weeks are written 202602:37;202603:18.5)`;
    out.push({ week: p.slice(0, colon), hours: p.slice(colon + 1) });
  }
  return out;
}

/** Registers `ledighedsprofil outcomes`: a register extract's outcomes, stored all or nothing. */
export function registerOutcomesCommand(program: Command): void {
  program
    .command('outcomes')
    .summary("record a register extract's outcomes of benefit periods (all or nothing)")
    .description(
      'Reads one row per benefit period and stores its outcome as the service does (POST /v1/outcomes/batch),\n' +
        'in one transaction: a bad row stops the run and nothing is stored. CPR numbers become citizen keys with\n' +
        'the configured CPR_HMAC_SECRET (CPR_HMAC_SECRET_PREVIOUS too, during a rotation), exactly as in the service;\n' +
        'the service configuration is read from the environment (DATA_ENCRYPTION_KEYS, …), --database overrides\n' +
        'DATABASE_URL. Every record is audited, with one outcome.batch entry for the run.\n' +
        '\n' +
        'Columns (header line; only cpr and benefit_period_start are required, others may be left out or empty):\n' +
        '  cpr                   the member, DDMMYYSSSS or DDMMYY-SSSS (never printed)\n' +
        '  benefit_period_start  first day of the benefit period, YYYY-MM-DD: a period the fund has screened\n' +
        `  status_week_13        follow-up status at 13 weeks: ${FOLLOW_UP_STATUSES.join(', ')}\n` +
        '  status_week_26        the same at 26 weeks\n' +
        '  long_term             the 52-week outcome as given: 1 (at least 80 % of 52 weeks on dagpenge) or 0\n' +
        '  weekly_hours          or the weekly dagpenge hours as YYYYWW:hours pairs separated by ";"\n' +
        '                        (202602:37;202603:18.5); the outcome is computed as `label` computes it:\n' +
        '                        ≥ 1,539.2 hours in the 52 weeks from the ISO week of the first day\n' +
        '  hours_through_week    the last week the extract covers, YYYYWW (default: the last week in the file,\n' +
        '                        as `label` takes the last week of its hours file); a window not over by then\n' +
        '                        is stored as pending, not as a label\n' +
        '  correction            1 to replace a different outcome already recorded (the history is kept)\n' +
        '  correction_reason     why (needed with correction; must not contain CPR numbers)\n' +
        'A row equal to the current outcome is unchanged (nothing stored); one that adds to it (a status, a pending\n' +
        'outcome now known) is a new revision; one changing what was known without correction stops the run.\n' +
        'Exit codes: 0 stored, 2 bad usage, 3 invalid rows or refused records (file:line:column: field: reason),\n' +
        '6 the database did not answer (nothing stored; run it again).',
    )
    .requiredOption('--file <file>', 'the outcomes CSV')
    .requiredOption('--fund <number>', 'the a-kasse number of the fund whose periods these are', fundOption)
    .option('--database <url>', 'sqlite:PATH, a file path, or postgres://… (default: DATABASE_URL)')
    .option('--schema <name>', 'PostgreSQL schema of the tables (default: DATABASE_SCHEMA)')
    .action(runCommand(async (o: { file: string; fund: string; database?: string; schema?: string }) => recordOutcomes(o)));
}

/** The stored records of an extract, each with its line, and where each column is; throws listing every bad row. */
interface Extract {
  items: OutcomeItem[];
  lines: number[];
  through: string | undefined;
  position: Map<string, number>;
}

async function recordOutcomes(o: { file: string; fund: string; database?: string; schema?: string }): Promise<void> {
  const config = serviceConfigFor(o.database, o.schema);
  await inputFileSize('--file', o.file);
  // Read in a function of its own: the rows as read (a year of week objects each) are garbage once it
  // returns, instead of staying reachable, and scanned by every collection, through the transaction.
  const { items, lines, through, position } = await readExtract(o.file, config.cprSecrets);

  const repo = await openServiceRepository(config);
  let recorded: RecordedOutcome[];
  try {
    recorded = await repo.recordOutcomes(items, { clientId: CLIENT, fundId: o.fund }, { batch: true });
  } catch (err) {
    const at = (i: number, column: Column, reason: string) =>
      new InputErrors([new InputError({ file: o.file, line: lines[i], column: position.get(column), field: column }, reason)]);
    if (err instanceof OutcomePeriodNotFoundError)
      throw at(
        err.index,
        'benefit_period_start',
        `fund ${o.fund} has no screening of this member with this benefit period start; nothing was stored`,
      );
    if (err instanceof OutcomeConflictError) throw at(err.index, 'benefit_period_start', `${err.message}; nothing was stored`);
    if (err instanceof PersonalDataError) {
      const i = Number(err.field.split('.')[0]);
      throw at(i, 'correction_reason', 'contains what looks like a CPR number; nothing was stored');
    }
    if (err instanceof DatabaseUnavailableError) throw new CliError(`${err.message}; nothing was stored`, ExitCode.unavailable);
    if (err instanceof StorageError) throw new CliError(err.message, ExitCode.invalidInput);
    throw err;
  } finally {
    await repo.close();
  }
  const count = (s: RecordedOutcome['status']) => recorded.filter((r) => r.status === s).length;
  const pending = recorded.filter((r) => r.outcome.longTermState === 'pending').length;
  process.stdout.write(
    `outcomes: ${recorded.length} records from ${o.file} stored for fund ${o.fund}: ` +
      `${count('created')} new periods, ${count('updated')} updated, ${count('corrected')} corrected, ${count('unchanged')} unchanged` +
      ` (52 weeks not over: ${pending}${through === undefined ? '' : `; hours judged through week ${through} unless a row says otherwise`})\n`,
  );
}

/** Reads, checks and keys the extract's rows and builds their records (see {@link Extract}). */
async function readExtract(file: string, cprSecrets: CprSecrets): Promise<Extract> {
  const rows: Row[] = [];
  const errors: InputError[] = [];
  let bad = 0;
  let position = new Map<string, number>();
  const problem = (line: number, column: Column, reason: string) => {
    bad++;
    if (errors.length < MAX_LISTED)
      errors.push(new InputError({ file, line, column: position.get(column), field: column }, maskCprsInText(reason)));
  };
  for await (const record of readCsv(file, {
    required: ['cpr', 'benefit_period_start'],
    onHeader: (h) => (position = h.position),
  })) {
    const v = (c: Column) => record.get(c) ?? '';
    const body: Record<string, unknown> = { cpr: v('cpr').trim(), benefitPeriodStart: v('benefit_period_start').trim() };
    for (const c of ['status_week_13', 'status_week_26', 'hours_through_week', 'correction_reason'] as const) {
      if (v(c).trim() !== '') body[COLUMNS[c]] = v(c).trim();
    }
    for (const c of ['long_term', 'correction'] as const) {
      const f = flag(v(c));
      if (f !== undefined) body[COLUMNS[c]] = f;
    }
    if (v('weekly_hours').trim() !== '') {
      const weeks = parseWeeklyHours(v('weekly_hours'));
      if (typeof weeks === 'string') {
        problem(record.line, 'weekly_hours', weeks);
        continue;
      }
      body.weeklyHours = weeks;
    }
    rows.push({ line: record.line, body });
  }
  if (rows.length === 0 && bad === 0) throw new InputError({ file }, 'no data rows');

  // The rows are this command's own: a row the check accepts is used as built (see acceptsBatchItem).
  const parsed = rows.map((r) => ({
    r,
    p: acceptsBatchItem(r.body) ? { success: true as const, data: r.body } : outcomeBatchItemSchema.safeParse(r.body),
  }));
  for (const { r, p } of parsed) {
    if (p.success) continue;
    for (const issue of p.error.issues) {
      const column = COLUMN_OF_FIELD[String(issue.path[0] ?? 'cpr')] ?? 'cpr';
      const where = issue.path.length > 1 ? `${issue.path.slice(1).join('.')}: ` : '';
      problem(r.line, column, `${where}${issue.message}`);
    }
  }
  const valid = parsed.flatMap(({ r, p }) => (p.success ? [{ line: r.line, record: p.data }] : []));
  const keysOf = createCitizenKeysOf(cprSecrets);
  const keys = valid.map((v) => keysOf(v.record.cpr));
  const records = valid.map((v) => v.record);
  const { results: builds, through } = toNewOutcomes(
    keys.map((k) => k.current),
    records,
  );
  const items: OutcomeItem[] = [];
  const lines: number[] = [];
  for (let i = 0; i < valid.length; i++) {
    const { line } = valid[i];
    const k = keys[i];
    const built = builds[i];
    if (!built.ok) {
      for (const e of built.errors) {
        const m = /^weeklyHours\.(\d+)\.(week|hours)$/.exec(e.field);
        if (m) problem(line, 'weekly_hours', `entry ${Number(m[1]) + 1}: ${m[2]}: ${e.reason}`);
        else problem(line, COLUMN_OF_FIELD[e.field] ?? 'weekly_hours', e.reason);
      }
      continue;
    }
    items.push({ outcome: built.outcome, previousCitizenKey: k.previous });
    lines.push(line);
  }
  if (bad > 0) throw new InputErrors(errors, bad);
  return { items, lines, through, position };
}
