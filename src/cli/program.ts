import { Command, CommanderError } from 'commander';
import { ExitCode } from './exitCodes.js';
import { packageVersion } from '../model/artifact/packageVersion.js';
import { reportError } from './runCommand.js';
import { registerLabelCommand } from './commands/label.js';
import { registerSimulateCommand } from './commands/simulate.js';
import { registerTrainCommand } from './commands/train.js';
import { registerScoreCommand } from './commands/score.js';
import { registerCalibrateCommand } from './commands/calibrate.js';
import { registerReportCommand } from './commands/report.js';
import { registerExportCommand } from './commands/export.js';
import { registerServiceCommands } from './commands/serve.js';
import { registerCompareCommand } from './commands/compare.js';
import { registerRekeyCommand } from './commands/rekey.js';
import { registerRetentionCommand } from './commands/retention.js';
import { registerModelCardCommand } from './commands/modelCard.js';
import { registerModelLifecycleCommands } from './commands/models.js';
import { registerOutcomesCommand } from './commands/outcomes.js';
import { registerExportScreeningsCommand } from './commands/exportScreenings.js';
import { registerMonitorCommand } from './commands/monitor.js';

/**
 * Builds the `ledighedsprofil` command tree for one run with `argv` (without `node` and the script), which
 * `train` records in the artifact as the command that made it; exported so tests can run commands in-process.
 */
export function buildProgram(argv: readonly string[]): Command {
  const program = new Command('ledighedsprofil')
    .description(
      'Risk of long-term unemployment (≥ 80 % of 52 weeks on dagpenge) for newly unemployed a-kasse members:\n' +
        'simulate a cohort, label spells from weekly hours, train and score a logistic regression.',
    )
    .version(packageVersion)
    // Program options only before the command name: activate and shadow take a --version of their own (the model's).
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ showGlobalOptions: true })
    .exitOverride();
  registerSimulateCommand(program);
  registerLabelCommand(program);
  registerTrainCommand(program, argv);
  registerScoreCommand(program);
  registerCalibrateCommand(program);
  registerReportCommand(program);
  registerExportCommand(program);
  registerCompareCommand(program);
  registerModelCardCommand(program);
  registerServiceCommands(program);
  registerRekeyCommand(program);
  registerRetentionCommand(program);
  registerModelLifecycleCommands(program);
  registerOutcomesCommand(program);
  registerExportScreeningsCommand(program);
  registerMonitorCommand(program);
  for (const cmd of program.commands) cmd.exitOverride().showHelpAfterError('(run with --help for usage)');
  return program;
}

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  process.exitCode = undefined;
  try {
    await buildProgram(argv).parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are requested output, not failures.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return ExitCode.ok;
      return ExitCode.usage;
    }
    return reportError(err);
  }
  return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
}
