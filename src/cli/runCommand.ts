import { InputError, InputErrors } from '../data/inputError.js';
import { ExitCode } from './exitCodes.js';

/** An error whose message is meant for the user as it stands, with the exit code to end on. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = ExitCode.usage) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/**
 * Runs a command's action and turns every failure into a one-line message on stderr and an exit code,
 * so that no input can make the CLI print a stack trace (set LEDIGHEDSPROFIL_DEBUG=1 to see one).
 */
export function runCommand<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (err) {
      process.exitCode = reportError(err);
    }
  };
}

/** Prints an error for a person and returns the exit code that classifies it. */
export function reportError(err: unknown): number {
  const debug = process.env.LEDIGHEDSPROFIL_DEBUG === '1';
  if (err instanceof InputError || err instanceof InputErrors) {
    process.stderr.write(`error: ${err.message}\n`);
    return ExitCode.invalidInput;
  }
  if (err instanceof CliError) {
    process.stderr.write(`error: ${err.message}\n`);
    return err.exitCode;
  }
  const withCode = err as { exitCode?: unknown };
  if (err instanceof Error && typeof withCode.exitCode === 'number') {
    process.stderr.write(`error: ${err.message}\n`);
    return withCode.exitCode;
  }
  process.stderr.write(
    `internal error: ${err instanceof Error ? err.message : String(err)}\n` +
      (debug && err instanceof Error ? `${err.stack}\n` : 'Run with LEDIGHEDSPROFIL_DEBUG=1 for details, and please report it.\n'),
  );
  return ExitCode.internal;
}
