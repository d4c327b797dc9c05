/**
 * The database and keys a command that works on the service's data needs: the service configuration
 * from the environment (the CPR secret turning CPR numbers into citizen keys exactly as the service does,
 * the data-encryption keys opening and sealing values), with `--database` / `--schema` overriding
 * DATABASE_URL / DATABASE_SCHEMA.
 */
import { configFromEnv, ConfigError, databaseFromUrl, type ServiceConfig } from '../service/config.js';
import { DatabaseUnavailableError } from '../storage/errors.js';
import { openRepository } from '../storage/openRepository.js';
import type { Repository } from '../storage/repository.js';
import { ExitCode } from './exitCodes.js';
import { CliError } from './runCommand.js';

/** The service configuration with the command's database, or a CliError naming what is wrong. */
export function serviceConfigFor(database: string | undefined, schema: string | undefined): ServiceConfig {
  if (database !== undefined) {
    try {
      databaseFromUrl(database, process.cwd());
    } catch {
      // The URL may hold a password: it is not repeated.
      throw new CliError('--database: expected sqlite:PATH, file:PATH, a file path or postgres://…', ExitCode.usage);
    }
  }
  let config: ServiceConfig;
  try {
    // --database stands in for DATABASE_URL, so a DATABASE_URL it replaces is not judged.
    config = configFromEnv(database === undefined ? process.env : { ...process.env, DATABASE_URL: database });
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message, ExitCode.invalidInput);
    throw err;
  }
  const s = schema ?? process.env.DATABASE_SCHEMA;
  if (config.database.kind === 'postgres' && s) config = { ...config, database: { ...config.database, schema: s } };
  return config;
}

/** Opens the repository of `config` with its data keys and CPR secret id. */
export async function openServiceRepository(config: ServiceConfig): Promise<Repository> {
  return openRepository(config.database, { dataKeys: config.dataKeys, citizenKeyId: config.cprSecrets.current.id }).catch(
    (err: unknown) => {
      const code = err instanceof DatabaseUnavailableError ? ExitCode.unavailable : ExitCode.invalidInput;
      throw new CliError(`cannot open the database: ${(err as Error).message}`, code);
    },
  );
}
