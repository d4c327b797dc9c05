import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { InputError } from './inputError.js';

export interface CsvHeader {
  columns: string[];
  /** 1-based column position of each name, for error messages. */
  position: Map<string, number>;
}

/** One data row of a CSV file with its position, so that errors can point at it. */
export class CsvRecord {
  private cached?: Record<string, string>;

  constructor(
    /** 1-based line number where the row starts (the header is line 1). */
    readonly line: number,
    /** Field values in column order, exactly as written (no trimming, no type conversion). */
    readonly fields: string[],
    readonly header: CsvHeader,
  ) {}

  /** Field values by column name (built on first use: hot loops should use `fields` and `index`). */
  get values(): Record<string, string> {
    if (!this.cached) {
      const v: Record<string, string> = {};
      const cols = this.header.columns;
      for (let i = 0; i < cols.length; i++) v[cols[i]] = this.fields[i];
      this.cached = v;
    }
    return this.cached;
  }

  /** The value of a column by name (undefined when the file has no such column). */
  get(column: string): string | undefined {
    const p = this.header.position.get(column);
    return p === undefined ? undefined : this.fields[p - 1];
  }
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

/** Rows buffered before the file stream is paused, so memory stays flat however large the file. */
const HIGH_WATER = 4096;

/**
 * Streams the rows of a comma-separated file with a header line (RFC 4180 quoting). Parsing is
 * papaparse's, about five times faster than csv-parse on a million spells. The header is checked for
 * empty and duplicate names and for required columns; a row with the wrong number of fields (which is
 * also how an unclosed quote shows) becomes an {@link InputError} naming its line. Blank lines are skipped
 * but counted, so line numbers match what an editor shows.
 */
export async function* readCsv(file: string, options: ReadCsvOptions = {}): AsyncGenerator<CsvRecord> {
  const stream = createReadStream(file);
  let bytes = 0;
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, {}) as unknown as NodeJS.ReadWriteStream;
  const queue: string[][] = [];
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  stream.on('data', (chunk) => {
    bytes += chunk.length;
    options.onBytes?.(bytes);
  });
  stream.on('error', (err) => {
    failure = err;
    notify();
  });
  parser.on('data', (row: string[]) => {
    queue.push(row);
    if (queue.length >= HIGH_WATER) stream.pause();
    notify();
  });
  parser.on('end', () => {
    done = true;
    notify();
  });
  parser.on('error', (err) => {
    failure = err;
    notify();
  });
  stream.pipe(parser);

  let header: CsvHeader | undefined;
  let line = 1;
  try {
    for (;;) {
      if (queue.length === 0) {
        if (failure) throw failure;
        if (done) break;
        stream.resume();
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const batch = queue.splice(0, queue.length);
      for (const row of batch) {
        const start = line;
        // A quoted field may span lines: advance by the newlines inside the row's fields.
        for (const f of row) if (f.length > 0 && f.indexOf('\n') >= 0) line += f.split('\n').length - 1;
        line++;
        if (row.length === 1 && row[0] === '') continue; // blank line
        if (!header) {
          header = checkHeader(file, row, options.required ?? []);
          options.onHeader?.(header);
          continue;
        }
        if (row.length !== header.columns.length) {
          const hint = row.length < header.columns.length && row[row.length - 1]?.includes('\n') ? ' (an unclosed quote?)' : '';
          throw new InputError(
            { file, line: start },
            `malformed CSV: expected ${header.columns.length} fields as in the header, found ${row.length}${hint}`,
          );
        }
        yield new CsvRecord(start, row, header);
      }
    }
  } catch (err) {
    if (isNodeError(err) && err.code === 'ENOENT') throw new InputError({ file }, 'file not found');
    if (isNodeError(err) && err.code === 'EISDIR') throw new InputError({ file }, 'is a directory, not a CSV file');
    if (isNodeError(err) && err.code === 'EACCES') throw new InputError({ file }, 'permission denied');
    throw err;
  } finally {
    stream.destroy();
  }
  if (!header) throw new InputError({ file, line: 1 }, 'the file is empty: expected a header line');
}

function checkHeader(file: string, record: string[], required: readonly string[]): CsvHeader {
  const position = new Map<string, number>();
  // A UTF-8 byte-order mark (Excel writes one) is not part of the first name.
  const columns = record.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim());
  columns.forEach((name, i) => {
    if (name === '') throw new InputError({ file, line: 1, column: i + 1 }, 'empty column name in the header');
    if (position.has(name)) throw new InputError({ file, line: 1, column: i + 1 }, `column "${name}" appears twice in the header`);
    position.set(name, i + 1);
  });
  const missing = required.filter((c) => !position.has(c));
  if (missing.length > 0) {
    throw new InputError(
      { file, line: 1 },
      `missing required ${missing.length === 1 ? 'column' : 'columns'} ${missing.map((m) => `"${m}"`).join(', ')} (found: ${columns.join(', ')})`,
    );
  }
  return { columns, position };
}

function isNodeError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && 'code' in err;
}
