/**
 * The CPR hashing secrets with their ids: the current one, under which citizen keys are made and
 * stored, and optionally the previous one, still tried on lookups while stored keys move over to the
 * current secret (lazily, as citizens are next looked up, or by `ledighedsprofil rekey` from the fund's
 * member register: a keyed hash cannot be recomputed without the CPR number).
 */
import { citizenKey, MIN_CPR_SECRET_BYTES } from './citizenKey.js';
import { KEY_ID_PATTERN } from './sealedValue.js';

/** A CPR hashing secret and its id. */
export interface CprSecret {
  id: string;
  secret: Buffer;
}

/** The secrets in use: keys are made with `current`; `previous` is only looked up. */
export interface CprSecrets {
  current: CprSecret;
  previous: CprSecret | null;
}

/** The keys one CPR number has: the current one and, while a previous secret is configured, the previous one. */
export interface CitizenKeys {
  /** The key made with the current secret, the one everything is stored under. */
  current: string;
  /** The secret id of `current`. */
  currentId: string;
  /** The key made with the previous secret (null when none is configured). */
  previous: string | null;
  /** The previous secret's id (null when none). */
  previousId: string | null;
}

/** Checks ids and lengths; throws naming the rule, never a secret. */
export function checkCprSecrets(s: CprSecrets): void {
  for (const [what, x] of [['current', s.current] as const, ['previous', s.previous] as const]) {
    if (x === null) continue;
    if (!KEY_ID_PATTERN.test(x.id)) throw new Error(`${what} CPR secret id must be 1–64 letters, digits, _ or -`);
    if (x.secret.length < MIN_CPR_SECRET_BYTES) throw new Error(`${what} CPR secret must be at least ${MIN_CPR_SECRET_BYTES} bytes`);
  }
  if (s.previous !== null && s.previous.id === s.current.id) throw new Error('the previous CPR secret needs an id of its own');
  if (s.previous?.secret.equals(s.current.secret)) throw new Error('the previous CPR secret equals the current one');
}

/** A function giving every key of a CPR number under the configured secrets; throws CprError for an invalid number. */
export function createCitizenKeysOf(secrets: CprSecrets): (cpr: string) => CitizenKeys {
  checkCprSecrets(secrets);
  const current = { id: secrets.current.id, secret: Buffer.from(secrets.current.secret) };
  const previous = secrets.previous === null ? null : { id: secrets.previous.id, secret: Buffer.from(secrets.previous.secret) };
  return (cpr) => ({
    current: citizenKey(current.secret, cpr),
    currentId: current.id,
    previous: previous === null ? null : citizenKey(previous.secret, cpr),
    previousId: previous?.id ?? null,
  });
}
