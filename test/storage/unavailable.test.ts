import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError } from '../../src/storage/errors.js';
import { classifyDatabaseError, unavailableReason } from '../../src/storage/unavailable.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('classifying database errors', () => {
  it('treats lost, refused and shutting-down PostgreSQL connections as unavailable', () => {
    for (const e of [
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      withCode('read ECONNRESET', 'ECONNRESET'),
      withCode('terminating connection due to administrator command', '57P01'),
      withCode('the database system is starting up', '57P03'),
      withCode('connection failure', '08006'),
      new Error('Connection terminated unexpectedly'),
    ]) {
      expect(unavailableReason(e), e.message).toBeDefined();
      expect(classifyDatabaseError(e)).toBeInstanceOf(DatabaseUnavailableError);
    }
  });

  it('treats SQLite busy and locked as unavailable', () => {
    expect(classifyDatabaseError(withCode('database is locked', 'SQLITE_BUSY'))).toBeInstanceOf(DatabaseUnavailableError);
    expect(classifyDatabaseError(withCode('database table is locked', 'SQLITE_LOCKED'))).toBeInstanceOf(DatabaseUnavailableError);
  });

  it('leaves statement errors as they are', () => {
    const unique = withCode('duplicate key value violates unique constraint', '23505');
    expect(classifyDatabaseError(unique)).toBe(unique);
    const constraint = withCode('CHECK constraint failed', 'SQLITE_CONSTRAINT_CHECK');
    expect(classifyDatabaseError(constraint)).toBe(constraint);
    expect(classifyDatabaseError('not an error')).toBe('not an error');
  });
});
