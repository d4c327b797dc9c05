import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { labelFiles } from '../../src/data/labelFiles.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'label-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** RFC 4180 as the label files have always been written: quoted only when a field holds `"`, `,`, CR or LF. */
const csvLine = (fields: string[]) => fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',') + '\n';

const NOTES = [
  'plain',
  'Jensen, A',
  'say "hi"',
  'two\nlines',
  'carriage\rreturn',
  'crlf\r\nend',
  '',
  ' spaced ',
  '=1+1',
  '-3',
  'ø æ å',
  '"',
  ',',
];

describe('labelFiles writes its CSV files byte for byte as before', () => {
  it('quotes only the fields that need it, across many write batches', async () => {
    // More rows than one write batch holds, so rows on both sides of a batch boundary are compared.
    const n = 2_500;
    const spells = Array.from({ length: n }, (_, i) => [`s${i}`, '2021-01-04', NOTES[i % NOTES.length]]);
    const spellsFile = join(dir, 'spells.csv');
    writeFileSync(spellsFile, csvLine(['spell_id', 'spell_start', 'note']) + spells.map(csvLine).join(''));
    const hoursFile = join(dir, 'hours.csv');
    writeFileSync(hoursFile, 'spell_id,year_week,hours\ns0,202101,37\n');
    const out = join(dir, 'out.csv');

    const summary = await labelFiles({ spells: spellsFile, hours: hoursFile, out, lastWeek: '202152' });

    expect(summary.labelled).toBe(n);
    const expected =
      csvLine(['spell_id', 'spell_start', 'note', 'hours_52w', 'long_term']) +
      spells.map(([id, start, note], i) => csvLine([id, start, note, i === 0 ? '37' : '0', '0'])).join('');
    const written = readFileSync(out, 'utf8');
    expect(written).toBe(expected);
    expect((parse(written, { columns: true }) as { note: string }[]).map((r) => r.note)).toEqual(spells.map((s) => s[2]));
  });
});
