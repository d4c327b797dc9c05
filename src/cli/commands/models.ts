/**
 * `ledighedsprofil publish | activate | rollback | shadow`: the model life cycle against a running
 * service, as an operator runs it. Each command is one request to the service's API (POST /v1/models …)
 * with an admin key of a client without a fund; the service validates, records and audits, and every
 * instance follows. The commands only carry the request and report the answer.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError } from '../../data/inputError.js';
import { parseArtifact } from '../../model/artifact/artifactFile.js';
import { ExitCode } from '../exitCodes.js';
import { CliError, runCommand } from '../runCommand.js';

interface ServiceOptions {
  url: string;
  keyFile?: string;
}

/** How long one request may take before the command gives up. */
const REQUEST_TIMEOUT_MS = 30_000;

/** The API key: --key-file (first line), else LEDIGHEDSPROFIL_API_KEY. */
async function apiKey(o: ServiceOptions): Promise<string> {
  if (o.keyFile !== undefined) {
    let text: string;
    try {
      text = await readFile(o.keyFile, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputError({ file: o.keyFile }, code === 'ENOENT' ? 'key file not found' : `cannot read the key file (${code})`);
    }
    const key = text.split(/\r?\n/)[0].trim();
    if (key === '') throw new InputError({ file: o.keyFile, line: 1 }, 'the key file is empty');
    return key;
  }
  const key = process.env.LEDIGHEDSPROFIL_API_KEY?.trim();
  if (!key) throw new CliError('no API key: give --key-file FILE or set LEDIGHEDSPROFIL_API_KEY (an admin key of a client without a fund)');
  return key;
}

function baseUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CliError(`--url: not a URL: "${url}" (e.g. http://127.0.0.1:3000)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new CliError(`--url: must be http:// or https://, got ${u.protocol}`);
  return u;
}

/** Sends one JSON request; a refusal becomes a CliError with the service's problem detail and field errors. */
async function call(o: ServiceOptions, path: string, body: string): Promise<Record<string, unknown>> {
  const url = new URL(path, baseUrl(o.url));
  const key = await apiKey(o);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    const c = (err as { cause?: { code?: string; message?: string } }).cause;
    const cause = c?.code ?? c?.message ?? (err as Error).message;
    throw new CliError(`the service at ${url.origin} did not answer (${cause}); is it running?`, ExitCode.unavailable);
  }
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's error page, say): reported by status below.
  }
  if (!res.ok) {
    const errors = Array.isArray(json.errors) ? (json.errors as { field: string; reason: string }[]) : [];
    const detail = typeof json.detail === 'string' ? json.detail : text.slice(0, 200);
    const lines = [`the service refused (${res.status}${typeof json.title === 'string' ? ` ${json.title}` : ''}): ${detail}`];
    for (const e of errors) lines.push(`  ${e.field}: ${e.reason}`);
    throw new CliError(lines.join('\n'), res.status >= 500 || res.status === 429 ? ExitCode.unavailable : ExitCode.invalidInput);
  }
  return json;
}

function printState(r: Record<string, unknown>): void {
  const e = r.event as { id: string; action: string; modelVersion: string | null };
  process.stdout.write(
    `${e.action} recorded (event ${e.id}): active ${String(r.active)}, shadow ${r.shadow === null ? 'none' : String(r.shadow)}\n` +
      'every instance serves it within about a second\n',
  );
}

const reasonOption = ['--reason <text>', 'why (recorded with the event and in the audit log; no personal data)'] as const;

function withService(cmd: Command): Command {
  return cmd
    .requiredOption('--url <url>', 'the service, e.g. http://127.0.0.1:3000')
    .option('--key-file <file>', 'file whose first line is the API key (default: the LEDIGHEDSPROFIL_API_KEY variable)');
}

/** Registers publish, activate, rollback and shadow. */
export function registerModelLifecycleCommands(program: Command): void {
  withService(
    program
      .command('publish')
      .summary('publish a model artifact to a running service (every instance can then load it)')
      .description(
        'Sends the artifact to POST /v1/models. The file is checked here first (format, schema, checksum) and again\n' +
          'by the service. Publishing does not activate it: see activate and shadow.\n' +
          'Exit codes: 0 published (or published before, unchanged), 2 bad usage, 3 invalid file or refused by the\n' +
          'service (the reason is printed), 6 the service did not answer.',
      ),
  )
    .requiredOption('--model <file>', 'the model artifact (JSON, as train writes it)')
    .action(
      runCommand(async (o: ServiceOptions & { model: string }) => {
        let text: string;
        try {
          text = await readFile(o.model, 'utf8');
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          throw new InputError({ file: o.model }, code === 'ENOENT' ? 'model file not found' : `cannot read the model file (${code})`);
        }
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (err) {
          throw new InputError({ file: o.model }, `not valid JSON: ${(err as Error).message}`);
        }
        parseArtifact(json, o.model);
        const r = await call(o, '/v1/models', text);
        const warnings = (r.warnings as string[] | undefined) ?? [];
        process.stdout.write(
          `published ${String(r.version)} (checksum ${String(r.checksum).slice(0, 12)}…)${r.simulatedData ? ', trained on SIMULATED data' : ''}\n` +
            warnings.map((w) => `warning: ${w}\n`).join(''),
        );
      }),
    );

  withService(program.command('activate').summary('make a model version the active one on every instance of a running service'))
    .requiredOption('--version <version>', 'a published (or MODEL_DIR) model version')
    .requiredOption(...reasonOption)
    .action(
      runCommand(async (o: ServiceOptions & { version: string; reason: string }) => {
        printState(await call(o, '/v1/models/active', JSON.stringify({ version: o.version, reason: o.reason })));
      }),
    );

  withService(program.command('rollback').summary('make the version active before the current activation active again'))
    .requiredOption(...reasonOption)
    .action(
      runCommand(async (o: ServiceOptions & { reason: string }) => {
        printState(await call(o, '/v1/models/active/rollback', JSON.stringify({ reason: o.reason })));
      }),
    );

  withService(
    program
      .command('shadow')
      .summary('start or stop a shadow model: it scores every new screening beside the active one, never shown')
      .argument('<action>', 'start or stop'),
  )
    .option('--version <version>', 'the candidate version (with start)')
    .requiredOption(...reasonOption)
    .action(
      runCommand(async (action: string, o: ServiceOptions & { version?: string; reason: string }) => {
        if (action === 'start') {
          if (o.version === undefined) throw new CliError('shadow start: --version is required');
          printState(await call(o, '/v1/models/shadow', JSON.stringify({ version: o.version, reason: o.reason })));
        } else if (action === 'stop') {
          if (o.version !== undefined) throw new CliError('shadow stop: takes no --version');
          printState(await call(o, '/v1/models/shadow/stop', JSON.stringify({ reason: o.reason })));
        } else {
          throw new CliError(`shadow: the action must be start or stop, got "${action}"`);
        }
      }),
    );
}
