import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/data/csvRecords.js';
import { InputError } from '../../src/data/inputError.js';
import { tempDir, tempFile } from '../model/helpers.js';

async function readAll(file: string, required: string[] = []) {
  const rows: { line: number; values: Record<string, string> }[] = [];
  for await (const r of readCsv(file, { required })) rows.push({ line: r.line, values: r.values });
  return rows;
}

async function errorOf(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('readCsv', () => {
  it('gives each row the line an editor shows, across blank lines and quoted line breaks', async () => {
    const file = tempFile('a.csv', '\uFEFFid,note\n1,plain\n\n2,"two\nlines"\n3,"with ""quotes"", comma"\n');
    const rows = await readAll(file);
    expect(rows).toEqual([
      { line: 2, values: { id: '1', note: 'plain' } },
      { line: 4, values: { id: '2', note: 'two\nlines' } },
      { line: 6, values: { id: '3', note: 'with "quotes", comma' } },
    ]);
  });

  it('handles CRLF line endings and a file without a final newline', async () => {
    const rows = await readAll(tempFile('b.csv', 'a,b\r\n1,2\r\n3,4'));
    expect(rows.map((r) => [r.line, r.values.b])).toEqual([
      [2, '2'],
      [3, '4'],
    ]);
  });

  it('names the line of a row with the wrong number of fields', async () => {
    const file = tempFile('c.csv', 'a,b,c\n1,2,3\n4,5\n');
    const err = await errorOf(readAll(file));
    expect(err.location).toEqual({ file, line: 3 });
    expect(err.reason).toBe('malformed CSV: expected 3 fields as in the header, found 2');
  });

  it('reports missing, empty and duplicate header columns on line 1', async () => {
    const f1 = tempFile('d.csv', 'a,b\n1,2\n');
    expect((await errorOf(readAll(f1, ['a', 'c', 'd']))).message).toBe(`${f1}:1: missing required columns "c", "d" (found: a, b)`);
    const f2 = tempFile('e.csv', 'a,,c\n1,2,3\n');
    expect((await errorOf(readAll(f2))).message).toBe(`${f2}:1:2: empty column name in the header`);
    const f3 = tempFile('f.csv', 'a,b,a\n1,2,3\n');
    expect((await errorOf(readAll(f3))).message).toBe(`${f3}:1:3: column "a" appears twice in the header`);
  });

  it('turns a missing file, a directory and an empty file into clear errors instead of hanging', async () => {
    expect((await errorOf(readAll('/nonexistent/x.csv'))).reason).toBe('file not found');
    expect((await errorOf(readAll(tempDir()))).reason).toBe('is a directory, not a CSV file');
    expect((await errorOf(readAll(tempFile('g.csv', '')))).reason).toBe('the file is empty: expected a header line');
  });

  it('streams a large file with flat memory use (back-pressure)', async () => {
    const n = 200_000;
    const file = tempFile('big.csv', 'i,x\n' + Array.from({ length: n }, (_, i) => `${i},${i % 7}`).join('\n') + '\n');
    let count = 0;
    let last = -1;
    for await (const r of readCsv(file)) {
      expect(Number(r.fields[0])).toBe(last + 1);
      last = Number(r.fields[0]);
      count++;
    }
    expect(count).toBe(n);
  });
});
