import { type Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { databaseFromUrl } from '../../service/config.js';
import { DatabaseUnavailableError, StorageError } from '../../storage/errors.js';
import { openRepository, type StorageConfig } from '../../storage/openRepository.js';
import type { RetentionResult } from '../../storage/repository.js';
import { auditMonthsFromYears } from '../../storage/retentionPolicy.js';
import { ExitCode } from '../exitCodes.js';
import { integerOption } from '../optionParsers.js';
import { CliError, runCommand } from '../runCommand.js';

interface RetentionCommandOptions {
  database?: string;
  schema?: string;
  screeningMonths?: number;
  auditYears?: number;
  dryRun?: boolean;
  now?: Date;
  batchSize?: number;
}

/** Parses --audit-years: at least 0.5, in whole months. */
function auditYearsOption(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(n))
    throw new InvalidArgumentError(`expected a number of years, got "${value}"`);
  try {
    auditMonthsFromYears(n);
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}, got "${value}"`);
  }
  return n;
}

/** Parses --now: an ISO date (its UTC midnight) or an ISO time with Z or an offset. */
function instantOption(value: string): Date {
  const v = value.trim();
  const iso = z.iso.date().safeParse(v).success ? `${v}T00:00:00Z` : v;
  if (!z.iso.datetime({ offset: true }).safeParse(iso).success) {
    throw new InvalidArgumentError(`expected an ISO date or time such as 2026-01-31 or 2026-01-31T02:00:00Z, got "${value}"`);
  }
  return new Date(iso);
}

/** Registers `ledighedsprofil retention`: the service's retention job, once, for cron. */
export function registerRetentionCommand(program: Command): void {
  program
    .command('retention')
    .summary('delete screenings and audit entries past their retention period')
    .description(
      'Deletes, in batches of one transaction each, what the retention rules no longer keep, and records the run\n' +
        '(counts and cut-offs, no personal data) in the audit log. The same job the service runs every\n' +
        'RETENTION_INTERVAL_HOURS when RETENTION_SCREENING_MONTHS or RETENTION_AUDIT_YEARS is set; this command is for cron.\n' +
        '  screenings (with their assessments, and the outcomes of their benefit period): N whole months after their benefit period ended, which is 52 weeks\n' +
        '    after its first day, or the latest screening of the period if later; without a known first day,\n' +
        '    the screening date. Days are Danish calendar days.\n' +
        '  audit entries: older than M years (at least 0.5: AI Act Art. 26(6)); the database itself refuses to\n' +
        '    delete one younger than 184 days.\n' +
        'Exit codes: 0 done (or skipped: another instance is running it), 2 bad usage, 3 refused by the database\n' +
        'or an unusable database setting, 6 the database did not answer (nothing half-done; run it again).',
    )
    .option('--database <url>', 'sqlite:PATH, a file path, or postgres://… (default: DATABASE_URL)')
    .option('--schema <name>', 'PostgreSQL schema of the tables (default: DATABASE_SCHEMA)')
    .option('--screening-months <n>', 'delete screenings N whole months after their benefit period ended', integerOption(0))
    .option('--audit-years <m>', 'delete audit entries older than M years (at least 0.5, in whole months)', auditYearsOption)
    .option('--dry-run', 'count what would be deleted; delete and record nothing')
    .option('--now <iso>', 'the time to compute the cut-offs from (default: now)', instantOption)
    .option('--batch-size <n>', 'rows per transaction', integerOption(1), 500)
    .action(runCommand(async (o: RetentionCommandOptions) => retention(o)));
}

async function retention(o: RetentionCommandOptions): Promise<void> {
  if (o.screeningMonths === undefined && o.auditYears === undefined) {
    throw new CliError('nothing to do: give --screening-months, --audit-years or both', ExitCode.usage);
  }
  const url = o.database ?? process.env.DATABASE_URL;
  if (url === undefined || url.trim() === '') throw new CliError('--database: required (or set DATABASE_URL)', ExitCode.usage);
  let config: StorageConfig;
  try {
    config = databaseFromUrl(url, process.cwd());
  } catch {
    // The URL may hold a password: it is not repeated.
    throw new CliError('--database: expected sqlite:PATH, file:PATH, a file path or postgres://…', ExitCode.usage);
  }
  const schema = o.schema ?? process.env.DATABASE_SCHEMA;
  if (config.kind === 'postgres' && schema) config = { ...config, schema };
  const at = o.now;
  const policy = {
    screeningMonths: o.screeningMonths ?? null,
    auditMonths: o.auditYears === undefined ? null : auditMonthsFromYears(o.auditYears),
  };

  let result: RetentionResult;
  try {
    const repo = await openRepository(config, at === undefined ? {} : { now: () => new Date(at.getTime()) });
    try {
      result = await repo.applyRetention(policy, { dryRun: o.dryRun === true, batchSize: o.batchSize, clientId: 'cli' });
    } finally {
      await repo.close();
    }
  } catch (err) {
    if (err instanceof DatabaseUnavailableError) throw new CliError(err.message, ExitCode.unavailable);
    if (err instanceof StorageError) throw new CliError(err.message, ExitCode.invalidInput);
    throw err;
  }
  process.stdout.write(describeResult(result, at ?? null));
}

const n = (x: number) => x.toLocaleString('en-US');

/** What a run did, for a person and for cron's mail. */
function describeResult(r: RetentionResult, at: Date | null): string {
  if (r.status === 'busy') return 'retention: skipped, another instance is running it\n';
  const verb = r.dryRun ? 'would delete' : 'deleted';
  const head = r.dryRun ? 'retention dry run (nothing deleted)' : `retention run ${r.runId}`;
  const lines = [`${head}${at === null ? '' : ` as of ${at.toISOString()}`}`];
  const c = r.cutoffs;
  lines.push(
    c.screeningEndedBy === null
      ? '  screenings:    kept (no --screening-months)'
      : `  screenings:    ${verb} ${n(r.screenings)} with ${n(r.assessments)} assessments${
          r.outcomes > 0 ? ` and ${n(r.outcomes)} outcome revisions` : ''
        } (benefit periods ended on or before ${c.screeningEndedBy})`,
  );
  lines.push(
    c.auditBefore === null
      ? '  audit entries: kept (no --audit-years)'
      : `  audit entries: ${verb} ${n(r.auditEntries)} (written before ${c.auditBefore})`,
  );
  return lines.join('\n') + '\n';
}
