import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import Papa from 'papaparse';
import { storedMemberInputSchema } from '../../screening/member/memberSchema.js';
import { MODEL_COLUMN_SOURCES, toModelRecord, type ModelColumn } from '../../screening/member/modelInput.js';
import { DatabaseUnavailableError, StorageError } from '../../storage/errors.js';
import type { ExportedPeriod } from '../../storage/repository.js';
import { ExitCode } from '../exitCodes.js';
import { fundOption } from '../optionParsers.js';
import { CliError, runCommand } from '../runCommand.js';
import { openServiceRepository, serviceConfigFor } from '../serviceStorage.js';

/** The client id of the export's audit entries. */
const CLIENT = 'ledighedsprofil-export-screenings';

/** The model's input columns, in the order the simulator writes them (`train`'s default specification reads these names). */
const INPUT_COLUMNS = Object.keys(MODEL_COLUMN_SOURCES) as ModelColumn[];

/** The columns before and after the inputs. */
const HEAD = ['spell_id', 'spell_start', 'fund_id', 'citizen_key', 'screening_id', 'screening_date', 'occasion'] as const;
const TAIL = [
  'model_version',
  'probability',
  'target_group',
  'outcome_state',
  'long_term',
  'long_term_source',
  'label_code',
  'hours_52w',
] as const;

/** A model input as CSV text: booleans 0/1, lists `;`-separated (the multiselect separator), unknown empty. */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (Array.isArray(v)) return v.join(';');
  return String(v);
}

/** One period's row, or null when its stored input is not the shape this version reads (counted and reported). */
function rowOf(p: ExportedPeriod): Record<string, string> | null {
  const s = p.screening;
  const input = storedMemberInputSchema.safeParse(s.input);
  if (!input.success) return null;
  const model = toModelRecord(input.data);
  const o = p.outcome;
  const row: Record<string, string> = {
    // The period's first screening stands for the period: its id is the spell's id.
    spell_id: s.id,
    spell_start: s.benefitPeriodStart ?? '',
    fund_id: s.fundId,
    citizen_key: s.citizenKey,
    screening_id: s.id,
    screening_date: s.screeningDate,
    occasion: s.occasion,
  };
  for (const c of INPUT_COLUMNS) row[c] = cell(model[c]);
  Object.assign(row, {
    model_version: s.modelVersion,
    probability: String(s.probability),
    target_group: String(s.targetGroup),
    outcome_state: o === null ? 'none' : o.longTermState,
    long_term: o?.longTermState === 'known' ? (o.longTerm ? '1' : '0') : '',
    long_term_source: o?.longTermSource ?? '',
    label_code: o?.labelCode ?? '',
    hours_52w: o?.benefitHours === null || o?.benefitHours === undefined ? '' : String(o.benefitHours),
  });
  return row;
}

interface ExportOptions {
  out: string;
  fund?: string;
  database?: string;
  schema?: string;
  all?: boolean;
}

/** Registers `ledighedsprofil export-screenings`: live screenings with their outcomes, for retraining. */
export function registerExportScreeningsCommand(program: Command): void {
  program
    .command('export-screenings')
    .summary('write one row per benefit period: the inputs of its first screening and its known outcome, for train')
    .description(
      'Reads the service database (configuration from the environment as the service reads it; --database\n' +
        'overrides DATABASE_URL) and writes one CSV row per (fund, citizen, benefit period): the model inputs of the\n' +
        "period's first screening, opened from the sealed store, with the model version, probability and target\n" +
        'group it got, and the current outcome. The member is named only by the pseudonymous citizen key (never a\n' +
        "CPR number). `train --data FILE` reads the file as it is: the inputs carry the default specification's\n" +
        'column names, long_term is 0/1, spell_start is the first day (for --split-column spell_start).\n' +
        'Only periods with a known 52-week outcome are written unless --all is given; a pending outcome (52 weeks\n' +
        'not over), one not given and a period without outcome have an empty long_term then, which train refuses.\n' +
        'The export is audited (screening.export, one entry per fund, with counts). Exit codes: 0 written,\n' +
        '2 bad usage, 3 unusable configuration or database, 6 the database did not answer.',
    )
    .requiredOption('--out <file>', 'the CSV to write')
    .option('--fund <number>', 'only this fund (default: every fund)', fundOption)
    .option('--all', 'also write periods whose 52-week outcome is not known (long_term empty)')
    .option('--database <url>', 'sqlite:PATH, a file path, or postgres://… (default: DATABASE_URL)')
    .option('--schema <name>', 'PostgreSQL schema of the tables (default: DATABASE_SCHEMA)')
    .action(runCommand(async (o: ExportOptions) => exportScreenings(o)));
}

async function exportScreenings(o: ExportOptions): Promise<void> {
  const config = serviceConfigFor(o.database, o.schema);
  const repo = await openServiceRepository(config);
  let periods: ExportedPeriod[];
  try {
    periods = await repo.exportScreenings({ fundId: o.fund ?? null, clientId: CLIENT });
  } catch (err) {
    if (err instanceof DatabaseUnavailableError) throw new CliError(err.message, ExitCode.unavailable);
    if (err instanceof StorageError) throw new CliError(err.message, ExitCode.invalidInput);
    throw err;
  } finally {
    await repo.close();
  }
  const rows: Record<string, string>[] = [];
  let unreadable = 0;
  let unlabelled = 0;
  for (const p of periods) {
    if (!o.all && p.outcome?.longTermState !== 'known') {
      unlabelled++;
      continue;
    }
    const r = rowOf(p);
    if (r === null) unreadable++;
    else rows.push(r);
  }
  const columns = [...HEAD, ...INPUT_COLUMNS, ...TAIL];
  // Written beside the target and renamed, so a failed run leaves no half-written file.
  const temp = `${o.out}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${Papa.unparse({ fields: columns, data: rows.map((r) => columns.map((c) => r[c])) }, { newline: '\n' })}\n`);
    renameSync(temp, o.out);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new CliError(`--out ${o.out}: cannot write the file (${(err as Error).message})`, ExitCode.invalidInput);
  }
  const known = rows.filter((r) => r.long_term !== '').length;
  process.stdout.write(
    `export-screenings: ${rows.length} benefit periods → ${o.out} (known outcome: ${known}, long-term: ${rows.filter((r) => r.long_term === '1').length})\n` +
      (unlabelled > 0
        ? `  left out: ${unlabelled} without a known 52-week outcome (pending, not given or none; --all writes them)\n`
        : '') +
      (unreadable > 0 ? `  left out: ${unreadable} whose stored input is not the member shape this version reads\n` : ''),
  );
}
