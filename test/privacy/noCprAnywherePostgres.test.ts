/**
 * The privacy promise checked end to end on PostgreSQL (SQLite and the search's own tests:
 * noCprAnywhere.test.ts): a few hundred seeded, generated, valid CPR numbers through every operation
 * of the real service on its own schema; every response, the log, the metrics and the schema's table,
 * index and TOAST files on disk after CHECKPOINT (found through data_directory and
 * pg_relation_filepath; the tests run as root on the server's machine) searched for every number sent.
 */
import { describe, it } from 'vitest';
import { databaseKinds } from '../service/helpers.js';
import { eraseAndSearch, postgresFilesProblem, runAndSearch } from './noCprAnywhereRun.js';

const SEED = 20_261_203;
const kinds = databaseKinds().filter((k) => k === 'postgres');
const filesProblem = kinds.length ? await postgresFilesProblem() : undefined;
if (filesProblem !== undefined) {
  if (process.env.CI) throw new Error(filesProblem);
  console.warn(`Skipping the search of PostgreSQL's files: ${filesProblem}`);
}
const runnable = filesProblem === undefined ? kinds : [];

describe.each(runnable)('no CPR number anywhere after a run (%s)', (kind) => {
  it('finds none of 150 numbers sent in any response, the log, the metrics or the table and index files', async () => {
    await runAndSearch(kind, 150, SEED);
  }, 120_000);
});

describe.each(runnable)("an erased member's comment is nowhere in the database files (%s)", (kind) => {
  it('finds the sentence in no table or index file after CHECKPOINT', async () => {
    await eraseAndSearch(kind, SEED + 10);
  });
});
