/**
 * The privacy promise checked end to end on a SQLite file (PostgreSQL: noCprAnywherePostgres.test.ts):
 * a few hundred seeded, generated, valid CPR numbers go through every operation of the real service and
 * through the places they must not go (old URL forms, free text, keys); then every response (status,
 * headers, body bytes, each PDF's text as pdftotext reads it), the whole log, the metrics text and the
 * database's file, -wal and -shm are searched for every number sent, as DDMMYYSSSS, DDMMYY-SSSS and
 * DDMMYY SSSS, and none may be found. See noCprAnywhereRun.ts for the run.
 */
import { describe, expect, it } from 'vitest';
import { isValidCpr } from '../../src/privacy/cprNumber.js';
import { cprSpellings, findCprs, findPhrase, generatedCprs, hasPdftotext } from '../support/personalDataSearch.js';
import { chooser } from '../support/seeded.js';
import { eraseAndSearch, runAndSearch } from './noCprAnywhereRun.js';

if (!hasPdftotext && process.env.CI) throw new Error('pdftotext (poppler-utils) is required when CI is set');

const SEED = 20_261_202;

describe('the search itself', () => {
  it('finds each spelling of a number sent, in bytes and text, and nothing else', () => {
    const findings = findCprs(
      [
        { where: 'a', content: Buffer.from('x 070761-4286 y 2902964321z 290296 4321') },
        { where: 'b', content: 'no 070761-XXXX, nor 0707614287, but 07076142861 holds it' },
      ],
      ['0707614286', '2902964321'],
    );
    expect(findings.map((f) => `${f.where}:${f.found}`)).toEqual(['a:070761-4286', 'a:2902964321', 'a:290296 4321', 'b:0707614286']);
    expect(cprSpellings('0707614286')).toEqual(['0707614286', '070761-4286', '070761 4286']);
    expect(findPhrase([{ where: 'c', content: Buffer.from('før Ønsker brancheskift efter') }], 'Ønsker brancheskift')).toHaveLength(1);
  });

  it('generates distinct, valid, seeded CPR numbers', () => {
    const a = generatedCprs(chooser(1), 500);
    expect(new Set(a).size).toBe(500);
    expect(a.every((c) => isValidCpr(c))).toBe(true);
    expect(generatedCprs(chooser(1), 500)).toEqual(a);
  });
});

describe('no CPR number anywhere after a run (sqlite)', () => {
  it('finds none of 300 numbers sent in any response, the log, the metrics or the file, -wal and -shm', async () => {
    await runAndSearch('sqlite', 300, SEED);
  }, 120_000);
});

describe("an erased member's comment is nowhere in the database files (sqlite)", () => {
  it('finds the sentence neither in the file, -wal and -shm with the app open, nor in the file after close', async () => {
    await eraseAndSearch('sqlite', SEED + 10);
  });
});
