import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { InputError, InputErrors } from '../../data/inputError.js';
import { createCitizenKeysOf } from '../../privacy/citizenKeyRing.js';
import { parseCpr } from '../../privacy/cprNumber.js';
import { generateKeyText } from '../../privacy/keyRing.js';
import { serviceConfigFor } from '../serviceStorage.js';
import { openRepository } from '../../storage/openRepository.js';
import { ExitCode } from '../exitCodes.js';
import { inputFileSize } from '../inputFileSize.js';
import { CliError, runCommand } from '../runCommand.js';

/** The client id the command's audit entries carry. */
const OPERATOR = 'ledighedsprofil-rekey';

/** At most this many bad rows are listed; the rest are counted. */
const MAX_LISTED = 20;

/**
 * The CPR numbers of a member-register file: one a line (DDMMYY-SSSS or DDMMYYSSSS), a first line `cpr`
 * as header allowed, blank lines and lines starting with # skipped. Every bad row is reported as
 * file:line:column with the reason, never with its content, and nothing is done unless all are valid.
 */
export function parseCprFile(file: string, text: string): string[] {
  const out: string[] = [];
  const errors: InputError[] = [];
  let bad = 0;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || (i === 0 && /^cpr$/i.test(line))) return;
    const r = parseCpr(line);
    if (r.ok) out.push(r.cpr);
    else {
      bad++;
      const column = raw.length - raw.trimStart().length + 1;
      if (errors.length < MAX_LISTED) errors.push(new InputError({ file, line: i + 1, column, field: 'cpr' }, r.message));
    }
  });
  if (bad > 0) throw new InputErrors(errors, bad);
  return out;
}

/** Registers `ledighedsprofil rekey`: re-wrap data keys under the current KEK and move citizen keys to the current CPR secret. */
export function registerRekeyCommand(program: Command): void {
  program
    .command('rekey')
    .summary('rotate keys: re-wrap data keys under the current key, move citizen keys to the current CPR secret')
    .description(
      'Uses the service configuration from the environment (DATABASE_URL, DATABASE_SCHEMA, DATA_ENCRYPTION_KEYS or\n' +
        'DATA_ENCRYPTION_KEYS_FILE, CPR_HMAC_SECRET, CPR_HMAC_SECRET_ID, CPR_HMAC_SECRET_PREVIOUS, CPR_HMAC_SECRET_PREVIOUS_ID).\n' +
        '\n' +
        'Rotating the data encryption key: add a new key to DATA_ENCRYPTION_KEYS (--new-key prints one), make it\n' +
        'current, restart the service, run rekey. Every citizen data key still wrapped under another key is re-wrapped\n' +
        'under the current one (screenings and assessments are not touched); when rekey reports every data key under\n' +
        'the current key, remove the old keys from the ring.\n' +
        '\n' +
        'Rotating the CPR hashing secret: set CPR_HMAC_SECRET to the new secret with a new CPR_HMAC_SECRET_ID and the\n' +
        'old one as CPR_HMAC_SECRET_PREVIOUS(_ID). A keyed hash cannot be recomputed without the CPR number, so stored\n' +
        'keys move when a citizen is next looked up, or here from --cpr-file, the fund member register: one CPR number\n' +
        'a line (a first line "cpr" and lines starting with # are skipped). rekey reports how many stored citizen keys\n' +
        'are under each secret id; when none is left under the previous one, remove CPR_HMAC_SECRET_PREVIOUS(_ID).\n' +
        'A bad line stops the run before anything is moved (file:line:column: cpr: reason, exit 3).',
    )
    .option('--cpr-file <file>', 'CPR numbers whose stored keys to move to the current CPR secret')
    .option('--new-key', 'print a new random data encryption key (base64) for DATA_ENCRYPTION_KEYS and exit')
    .action(
      runCommand(async (o: { cprFile?: string; newKey?: boolean }) => {
        if (o.newKey) {
          process.stdout.write(`${generateKeyText()}\n`);
          return;
        }
        const config = serviceConfigFor(undefined, undefined);
        let cprs: string[] = [];
        if (o.cprFile !== undefined) {
          await inputFileSize('--cpr-file', o.cprFile);
          cprs = parseCprFile(o.cprFile, await readFile(o.cprFile, 'utf8'));
          if (config.cprSecrets.previous === null) {
            process.stderr.write(
              'note: no CPR_HMAC_SECRET_PREVIOUS is configured; only keys stored before secret ids existed are labelled\n',
            );
          }
        }
        const repo = await openRepository(config.database, { dataKeys: config.dataKeys, citizenKeyId: config.cprSecrets.current.id }).catch(
          (err: unknown) => {
            throw new CliError(`cannot open the database: ${(err as Error).message}`, ExitCode.invalidInput);
          },
        );
        try {
          const w = await repo.keys.rewrapDataKeys();
          const out = process.stdout;
          out.write(`data keys re-wrapped under ${config.dataKeys.currentId}: ${w.rewrapped}\n`);
          out.write(`data keys by wrapping key: ${formatCounts(w.byKek)}\n`);
          const others = Object.entries(w.byKek).filter(([id]) => id !== config.dataKeys.currentId);
          if (others.length === 0)
            out.write(`every data key is under ${config.dataKeys.currentId}; keys other than it may leave the ring\n`);

          if (cprs.length > 0) {
            const keysOf = createCitizenKeysOf(config.cprSecrets);
            let moved = 0;
            let citizens = 0;
            for (const cpr of cprs) {
              const k = keysOf(cpr);
              const r = await repo.keys.moveCitizenKey({ current: k.current, previous: k.previous }, { clientId: OPERATOR });
              moved += r.moved + r.labelled;
              if (r.moved + r.labelled > 0) citizens++;
            }
            out.write(`CPR numbers read: ${cprs.length}; citizens whose stored keys moved or were labelled: ${citizens} (${moved} rows)\n`);
          }
          const census = await repo.keys.citizenKeyCensus();
          out.write(`stored citizen keys by CPR secret id: ${formatCounts(census, '(before secret ids)')}\n`);
          const current = config.cprSecrets.current.id;
          const left = Object.entries(census)
            .filter(([id]) => id !== current)
            .reduce((n, [, c]) => n + c, 0);
          const previous = config.cprSecrets.previous?.id;
          out.write(
            left === 0
              ? `every stored citizen key is under ${current}${previous ? `; CPR_HMAC_SECRET_PREVIOUS (${previous}) may be removed` : ''}\n`
              : `stored citizen keys not under ${current}: ${left}; keep CPR_HMAC_SECRET_PREVIOUS until this is 0\n`,
          );
        } finally {
          await repo.close();
        }
      }),
    );
}

function formatCounts(c: Record<string, number>, empty = ''): string {
  const parts = Object.entries(c).map(([id, n]) => `${id === '' ? empty : id} ${n}`);
  return parts.length ? parts.join(', ') : 'none';
}
