import type { Command } from 'commander';
import { configFromEnv, ConfigError, type ServiceConfig } from '../../service/config.js';
import { apiKeysConfigSchema, generateApiKey } from '../../service/security/apiKeys.js';
import { generateCprSecret } from '../../privacy/citizenKey.js';
import { CliError, runCommand } from '../runCommand.js';
import { ExitCode } from '../exitCodes.js';

/** Registers the service's commands: `serve` and `apikey`. */
export function registerServiceCommands(program: Command): void {
  registerServeCommand(program);
  registerApiKeyCommand(program);
}

/** Registers `ledighedsprofil serve`: the screening service, configured by environment variables. */
function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .summary('run the screening service (REST API)')
    .description(
      'Serves the REST API (Swagger UI at /docs) with the configuration from the environment:\n' +
        '  NODE_ENV, PORT, HOST, DATABASE_URL (sqlite:PATH or postgres://…), DATABASE_SCHEMA, DATABASE_POOL_SIZE,\n' +
        '  MODEL_DIR, ACTIVE_MODEL_VERSION, CPR_HMAC_SECRET, CPR_HMAC_SECRET_ID, CPR_HMAC_SECRET_PREVIOUS(_ID),\n' +
        '  DATA_ENCRYPTION_KEYS or DATA_ENCRYPTION_KEYS_FILE, API_KEYS or API_KEYS_FILE, LOG_LEVEL, RATE_LIMIT_MAX,\n' +
        '  RATE_LIMIT_WINDOW_SECONDS, RATE_LIMIT_AUTH_FAILURES, SCORE_MEMBERS_PER_MINUTE, RATE_LIMIT_REDIS_URL,\n' +
        '  RATE_LIMIT_REDIS_PREFIX, BODY_LIMIT_BYTES, SCORE_BATCH_LIMIT, SCREENING_POLICY_FILE, TRUST_PROXY,\n' +
        '  RETENTION_SCREENING_MONTHS, RETENTION_AUDIT_YEARS, RETENTION_INTERVAL_HOURS\n' +
        '  (each with its default in .env.example).\n' +
        'Outside NODE_ENV=production, a missing secret or key list falls back to public development values.',
    )
    .option('--port <n>', 'overrides PORT')
    .option('--host <host>', 'overrides HOST')
    .action(
      runCommand(async (o: { port?: string; host?: string }) => {
        let config: ServiceConfig;
        try {
          config = configFromEnv({ ...process.env, ...(o.port ? { PORT: o.port } : {}), ...(o.host ? { HOST: o.host } : {}) });
        } catch (err) {
          if (err instanceof ConfigError) throw new CliError(err.message, ExitCode.invalidInput);
          throw err;
        }
        try {
          // Loaded only when serving: Fastify and its plugins would slow every other command's start.
          const { startService } = await import('../../service/start.js');
          await startService(config);
        } catch (err) {
          // A model folder, policy file or database the service cannot use is configuration, not a bug.
          throw new CliError(`cannot start the service: ${(err as Error).message}`, ExitCode.invalidInput);
        }
        // The server keeps the process alive; the action returns while it listens.
      }),
    );
}

/** Registers `ledighedsprofil apikey`: a new API key and the hash to configure, or a new CPR secret. */
function registerApiKeyCommand(program: Command): void {
  program
    .command('apikey')
    .summary('print a new API key and its SHA-256 hash for API_KEYS')
    .description(
      'Prints a new random API key (give it to the client once) and the configuration entry that holds only its\n' +
        'hash. With --cpr-secret, prints a new CPR_HMAC_SECRET instead.',
    )
    .option('--id <client>', 'client id for the configuration entry', 'fagsystem')
    .option(
      '--roles <list>',
      'comma-separated roles: screening:create, screening:read, screening:assess, admin',
      'screening:create,screening:read,screening:assess',
    )
    .option(
      '--fund <number>',
      "the a-kasse number of the client's fund (1–4 digits, no leading zeros); without it the client may not act on citizens or screenings",
    )
    .option('--cpr-secret', 'print a new CPR hashing secret instead')
    .action(
      runCommand(async (o: { id: string; roles: string; fund?: string; cprSecret?: boolean }) => {
        if (o.cprSecret) {
          process.stdout.write(`CPR_HMAC_SECRET=${generateCprSecret()}\n`);
          return;
        }
        const roles = o.roles
          .split(',')
          .map((r) => r.trim())
          .filter((r) => r !== '');
        const { key, keyHash } = generateApiKey();
        const entry = { id: o.id, keyHash, roles, ...(o.fund !== undefined && { fund: o.fund }) };
        const check = apiKeysConfigSchema.safeParse([entry]);
        if (!check.success)
          throw new CliError(
            `invalid --id, --roles or --fund: ${check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          );
        process.stdout.write(`key:   ${key}\nhash:  ${keyHash}\nentry: ${JSON.stringify(entry)}\n`);
      }),
    );
}
