import { stat } from 'node:fs/promises';
import { ExitCode } from './exitCodes.js';
import { CliError } from './runCommand.js';

/**
 * The size of the input file an option names, for the progress bar. Only ENOENT means "file not found";
 * any other failure to stat the file (EACCES, ELOOP, ENOTDIR…) is reported with its own code, and an
 * error that is not the file system's propagates unchanged.
 */
export async function inputFileSize(option: string, file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${option} ${file}: file not found`, ExitCode.invalidInput);
    if (typeof code === 'string')
      throw new CliError(`${option} ${file}: cannot read the file (${(err as Error).message})`, ExitCode.invalidInput);
    throw err;
  }
}
