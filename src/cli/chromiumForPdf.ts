import { ChromiumMissingError, findChromium } from '../report/calibrationReport/pdf.js';
import { ExitCode } from './exitCodes.js';
import { CliError } from './runCommand.js';

/**
 * The browser a `--pdf` option will print with, looked for before any work so that a missing one is a
 * usage error (exit 2) at once rather than after minutes of computing; undefined when no PDF is asked for.
 */
export function chromiumForPdf(pdf: string | undefined): string | undefined {
  if (!pdf) return undefined;
  try {
    return findChromium();
  } catch (err) {
    if (err instanceof ChromiumMissingError) throw new CliError(err.message, ExitCode.usage);
    throw err;
  }
}
