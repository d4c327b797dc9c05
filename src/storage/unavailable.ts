/**
 * Which driver errors mean "the database is unavailable for now" rather than "this statement is wrong":
 * those become DatabaseUnavailableError, which the service answers with 503 and Retry-After.
 */
import { DatabaseUnavailableError } from './errors.js';

/** Socket-level failures reaching or keeping the server. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs for a server going away or not accepting work: class 08 (connection exception),
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections.
 */
const POSTGRES_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** pg's own messages for a connection that ended under it (they carry no code). */
const PG_CONNECTION_MESSAGES = [
  /connection terminated/i,
  /connection (?:is )?closed/i,
  /client has encountered a connection error/i,
  /timeout exceeded when trying to connect/i,
];

/** SQLite's result codes for a database locked by another connection beyond the busy timeout. */
const SQLITE_CODES = /^SQLITE_(?:BUSY|LOCKED)(?:_|$)/;

/** Why `err` means the database is unavailable, or undefined when it is another kind of error. */
export function unavailableReason(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return `connection failed (${code})`;
    if (POSTGRES_STATES.has(code) || code.startsWith('08')) return `server not accepting work (${code})`;
    if (SQLITE_CODES.test(code)) return `database locked (${code})`;
  }
  if (PG_CONNECTION_MESSAGES.some((re) => re.test(err.message))) return 'connection lost';
  return undefined;
}

/** `err` as a DatabaseUnavailableError when it is one in substance; otherwise `err` unchanged. */
export function classifyDatabaseError(err: unknown): unknown {
  if (err instanceof DatabaseUnavailableError) return err;
  const reason = unavailableReason(err);
  return reason === undefined ? err : new DatabaseUnavailableError(reason, { cause: err });
}
