import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { readArtifact } from '../../model/artifact/artifactFile.js';
import type { ModelArtifact } from '../../model/artifact/artifactSchema.js';
import { monitoringAccumulator, MIN_CELL_COUNT, type MonitoringReport } from '../../monitoring/monitor.js';
import { monitoringHtml } from '../../monitoring/monitoringHtml.js';
import type { MonitoringSelection } from '../../monitoring/monitoringRow.js';
import { serviceConfigFor } from '../serviceStorage.js';
import { DatabaseUnavailableError, StorageError } from '../../storage/errors.js';
import { openRepository } from '../../storage/openRepository.js';
import { fundIdSchema } from '../../storage/records.js';
import { ExitCode } from '../exitCodes.js';
import { dateOption, integerOption } from '../optionParsers.js';
import { CliError, runCommand } from '../runCommand.js';

interface MonitorOptions {
  database?: string;
  schema?: string;
  out: string;
  json?: string;
  models?: string;
  from?: string;
  to?: string;
  fund?: string;
  asOf?: string;
  minCell: number;
}

/** Registers `monitor`: live calibration, overrides and drift per model version from the service's database. */
export function registerMonitorCommand(program: Command): void {
  program
    .command('monitor')
    .summary('live monitoring from the database: outcomes, calibration, overrides and drift per model version')
    .description(
      'Reads the stored screenings, corrections and outcomes and writes, per model version: screened benefit\n' +
        'periods, outcomes known and pending; on periods with a known 52-week outcome the figures of `calibrate`\n' +
        "(identical numbers) and the calibration report's figures per sensitive attribute, age band and region;\n" +
        'the share in målgruppe 2 by month; caseworker override rates; and the population stability index of\n' +
        'every input and of the score against the training distribution the artifact records.\n' +
        '\n' +
        'The unit is the benefit period; its first screening gives the prediction. An outcome counts only when it\n' +
        'is known and its 52 weeks are over by --as-of. No citizen key, CPR number or per-person row is written;\n' +
        `groups with fewer than --min-cell periods (default ${MIN_CELL_COUNT}) are suppressed. The data keys that open the\n` +
        'sealed member inputs come from DATA_ENCRYPTION_KEYS or DATA_ENCRYPTION_KEYS_FILE, as for the service.',
    )
    .option('--database <url>', 'sqlite:PATH, a file path, or postgres://… (default: DATABASE_URL)')
    .option('--schema <name>', 'PostgreSQL schema of the tables (default: DATABASE_SCHEMA)')
    .requiredOption('--out <file>', 'where to write the HTML page')
    .option('--json <file>', 'also write every figure as JSON (calibration under the calibrate command keys)')
    .option('--models <dir>', 'folder of model artifacts, for drift and groupings (default: MODEL_DIR, else the bundled models)')
    .option('--from <date>', 'first screening date (inclusive) of the periods monitored', dateOption)
    .option('--to <date>', 'last screening date (inclusive) of the periods monitored', dateOption)
    .option('--fund <number>', "one fund's periods only (default: every fund)")
    .option('--as-of <date>', 'the day whose completed 52 weeks count (default: today, UTC)', dateOption)
    .option('--min-cell <n>', 'smallest group whose figures are shown', integerOption(1), MIN_CELL_COUNT)
    .addHelpText(
      'after',
      '\nExample:\n  $ ledighedsprofil monitor --database sqlite:data/ledighedsprofil.sqlite --out monitor.html --json monitor.json\n',
    )
    .action(runCommand(monitor));
}

async function monitor(o: MonitorOptions): Promise<void> {
  const url = o.database ?? process.env.DATABASE_URL;
  if (url === undefined || url.trim() === '') throw new CliError('--database: required (or set DATABASE_URL)', ExitCode.usage);
  if (o.fund !== undefined && !fundIdSchema.safeParse(o.fund).success)
    throw new CliError(`--fund: expected the a-kasse number (1–4 digits without leading zeros), got "${o.fund}"`, ExitCode.usage);
  if (o.from !== undefined && o.to !== undefined && o.from > o.to) throw new CliError('--to: must not be before --from', ExitCode.usage);

  const config = serviceConfigFor(url, o.schema);
  const artifacts = await loadArtifacts(o.models ?? config.modelDir);
  const selection: MonitoringSelection = { fundId: o.fund ?? null, from: o.from, to: o.to };
  const asOf = o.asOf ?? new Date().toISOString().slice(0, 10);
  const acc = monitoringAccumulator({ asOf, artifacts, minCellCount: o.minCell });

  let report: MonitoringReport;
  try {
    const repo = await openRepository(config.database, { dataKeys: config.dataKeys });
    try {
      const periods = await repo.monitoring.scan(selection, (page) => {
        for (const row of page) acc.add(row);
      });
      // The pass opened the sealed inputs of every period it read: one aggregate entry, as the API writes.
      await repo.appendAudit({
        clientId: 'ledighedsprofil-monitor',
        fundId: selection.fundId,
        action: 'monitoring.read',
        outcome: 'success',
        detail: `monitor command: ${periods} periods, fund=${selection.fundId ?? 'all'} from=${o.from ?? ''} to=${o.to ?? ''}`,
      });
    } finally {
      await repo.close();
    }
    report = acc.finish(selection);
  } catch (err) {
    if (err instanceof DatabaseUnavailableError) throw new CliError(err.message, ExitCode.unavailable);
    if (err instanceof StorageError) throw new CliError(err.message, ExitCode.invalidInput);
    throw err;
  }
  const simulated = report.versions.some((v) => artifacts.get(v.model_version)?.simulatedData === true);
  await write(o.out, monitoringHtml(report, simulated));
  if (o.json) await write(o.json, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(summary(report, o.out));
}

async function loadArtifacts(dir: string): Promise<Map<string, ModelArtifact>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    throw new CliError(
      `--models ${dir}: cannot read the folder (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      ExitCode.invalidInput,
    );
  }
  const out = new Map<string, ModelArtifact>();
  for (const name of names) {
    try {
      const a = await readArtifact(join(dir, name));
      out.set(a.version, a);
    } catch (err) {
      throw new CliError(`model file ${(err as Error).message}`, ExitCode.invalidInput);
    }
  }
  return out;
}

async function write(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (err) {
    throw new CliError(`cannot write ${file}: ${(err as Error).message}`, ExitCode.usage);
  }
}

function summary(r: MonitoringReport, out: string): string {
  const lines = [`monitoring as of ${r.as_of}: ${r.screenings} benefit periods → ${out}`];
  for (const v of r.versions) {
    const c = v.calibration;
    const drift = v.drift.available ? `score PSI ${v.drift.score.psi?.toFixed(3) ?? '—'}` : 'drift unavailable';
    lines.push(
      `  ${v.model_version}: ${v.screenings} screened, ${v.outcomes_known} known, ${v.pending} pending` +
        (c === null ? '' : `; AUC ${c.auc?.toFixed(3) ?? '—'}, slope ${c.calibration_slope?.toFixed(3) ?? '—'}`) +
        `; ${drift}`,
    );
  }
  return lines.join('\n') + '\n';
}
