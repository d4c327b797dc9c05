/**
 * Errors the repository raises on purpose. Their messages name fields and rules, never values, because
 * values here may be personal data.
 */
import type { z } from 'zod';

/** Base class, so the service can map every deliberate storage error to a client error. */
export class StorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input to a repository operation failed validation. */
export class StorageValidationError extends StorageError {
  readonly issues: { path: string; message: string }[];

  constructor(what: string, issues: { path: string; message: string }[]) {
    super(`invalid ${what}: ` + issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '));
    this.issues = issues;
  }

  /** Builds the error from a zod error; zod's messages do not repeat the offending values. */
  static fromZod(what: string, error: z.ZodError): StorageValidationError {
    return new StorageValidationError(
      what,
      error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
}

/** Text bound for storage contains what looks like a CPR number in clear. */
export class PersonalDataError extends StorageError {
  readonly field: string;

  constructor(field: string) {
    super(`${field} contains what looks like a CPR number; CPR numbers are never stored in clear`);
    this.field = field;
  }
}

/** An assessment names a screening that does not exist (or was erased). */
export class ScreeningNotFoundError extends StorageError {
  readonly screeningId: string;

  constructor(screeningId: string) {
    super(`screening ${screeningId} does not exist`);
    this.screeningId = screeningId;
  }
}

/** An Idempotency-Key was reused by the same client for a different request. */
export class IdempotencyConflictError extends StorageError {
  constructor(what: 'screening' | 'assessment' | 'outcome') {
    super(`this Idempotency-Key was already used for a different ${what} request by this client`);
  }
}

/**
 * A create is retried with the Idempotency-Key of a screening that has since been erased (GDPR): the
 * erasure stands, so the retry is refused rather than bringing the screening back. A new key makes a new screening.
 */
export class ErasedRequestError extends StorageError {
  constructor() {
    super('the screening this Idempotency-Key created has been erased; a new Idempotency-Key creates a new screening');
  }
}

/** A row read back from the database does not have the shape this version wrote. */
export class CorruptRecordError extends StorageError {
  constructor(table: string, issues: string) {
    super(`stored ${table} row is not valid: ${issues}`);
  }
}

/** The database's applied migrations disagree with this version's migration files. */
export class MigrationMismatchError extends StorageError {}

/**
 * The database did not answer or refused the work for now (connection lost or refused, server
 * restarting, SQLite locked by another connection). Nothing of the operation was committed, unless the
 * connection was lost while its COMMIT was under way; either way the same request may be retried, and
 * with the same idempotency key it then finds what was stored, if anything.
 */
export class DatabaseUnavailableError extends StorageError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`the database is unavailable: ${reason}`);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** An outcome names a (citizen, benefit period) of which the fund has no screening; `index` is its position in the batch. */
export class OutcomePeriodNotFoundError extends StorageError {
  readonly index: number;

  constructor(index: number) {
    super('the fund has no screening of this citizen with this benefit period start');
    this.index = index;
  }
}

/**
 * An outcome differs from the period's current one in what was already known, and is not sent as a
 * correction; `index` is its position in the batch. Nothing of the batch was stored.
 */
export class OutcomeConflictError extends StorageError {
  readonly index: number;

  constructor(index: number) {
    super('the period already has a different outcome; send it with correction: true and a correctionReason to replace it');
    this.index = index;
  }
}
