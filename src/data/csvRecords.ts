import { createReadStream } from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import { InputError } from './inputError.js';

/** One data row of a CSV file with its position, so that errors can point at it. */
export interface CsvRecord {
  /** 1-based line number of the row in the file (the header is line 1). */
  line: number;
  /** Field values by column name, exactly as written (no trimming, no type conversion). */
  values: Record<string, string>;
}

export interface CsvHeader {
  columns: string[];
  /** 1-based column position of each name, for error messages. */
  position: Map<string, number>;
}

/** Options for {@link readCsv}. */
export interface ReadCsvOptions {
  /** Columns that must be present in the header; a missing one is an error on line 1. */
  required?: readonly string[];
  /** Called once with the header before the first row. */
  onHeader?: (header: CsvHeader) => void;
  /** Called with the number of bytes read so far, for progress bars. */
  onBytes?: (bytes: number) => void;
}

/**
 * Streams the rows of a comma-separated file with a header line. The header is checked for empty and
 * duplicate names and for required columns; malformed CSV (an unclosed quote, a row with the wrong
 * number of fields) becomes an {@link InputError} naming the line.
 */
export async function* readCsv(file: string, options: ReadCsvOptions = {}): AsyncGenerator<CsvRecord> {
  const stream = createReadStream(file);
  let bytes = 0;
  if (options.onBytes) {
    const report = options.onBytes;
    stream.on('data', (chunk) => {
      bytes += chunk.length;
      report(bytes);
    });
  }
  const parser = stream.pipe(
    parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: false }),
  );
  let header: CsvHeader | undefined;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = item;
      if (!header) {
        header = checkHeader(file, record, options.required ?? []);
        options.onHeader?.(header);
        continue;
      }
      const values: Record<string, string> = {};
      for (let i = 0; i < header.columns.length; i++) values[header.columns[i]] = record[i];
      yield { line: info.lines, values };
    }
  } catch (err) {
    stream.destroy();
    if (err instanceof CsvError) throw csvErrorToInputError(file, err);
    if (isNodeError(err) && err.code === 'ENOENT') throw new InputError({ file }, 'file not found');
    if (isNodeError(err) && err.code === 'EISDIR') throw new InputError({ file }, 'is a directory, not a CSV file');
    throw err;
  }
  if (!header) throw new InputError({ file, line: 1 }, 'the file is empty: expected a header line');
}

function checkHeader(file: string, record: string[], required: readonly string[]): CsvHeader {
  const position = new Map<string, number>();
  record.forEach((raw, i) => {
    const name = raw.trim();
    if (name === '') throw new InputError({ file, line: 1, column: i + 1 }, 'empty column name in the header');
    if (position.has(name)) throw new InputError({ file, line: 1, column: i + 1 }, `column "${name}" appears twice in the header`);
    position.set(name, i + 1);
  });
  const missing = required.filter((c) => !position.has(c));
  if (missing.length > 0) {
    throw new InputError(
      { file, line: 1 },
      `missing required ${missing.length === 1 ? 'column' : 'columns'} ${missing.map((m) => `"${m}"`).join(', ')} (found: ${[...position.keys()].join(', ')})`,
    );
  }
  return { columns: record.map((c) => c.trim()), position };
}

function csvErrorToInputError(file: string, err: CsvError): InputError {
  const e = err as CsvError & { lines?: number; column?: number | string };
  const column = typeof e.column === 'number' ? e.column + 1 : undefined;
  // csv-parse messages end with "at line N": the location is given separately, so drop the suffix.
  const reason = err.message.replace(/^Invalid Record Length: /, '').replace(/:? ?at line \d+\.?$/, '');
  return new InputError({ file, line: e.lines, column }, `malformed CSV (${err.code}): ${reason}`);
}

function isNodeError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && 'code' in err;
}
