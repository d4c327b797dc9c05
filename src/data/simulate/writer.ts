import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * A text file written through a fixed buffer to a temporary name beside the target and renamed into
 * place only when complete, so that an interrupted or failed run never leaves a half-written file under
 * the name the user asked for. Encoding into one reused buffer (rather than joining strings) keeps the
 * garbage collector out of the way when a million spells stream through.
 */
export interface ChunkedFile {
  /** Appends text (UTF-8); returns a promise only when the buffer had to be written to disk. */
  write(text: string): Promise<void> | undefined;
  /** Flushes, closes and renames into place. */
  commit(): Promise<void>;
  /** Closes and removes the temporary file (after a failure). */
  discard(): Promise<void>;
}

const BUFFER_BYTES = 1 << 20;

/** Opens `path` for writing through a temporary file; fails early when the directory does not exist. */
export async function openChunkedFile(path: string): Promise<ChunkedFile> {
  const target = resolve(path);
  const dir = dirname(target);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new OutputPathError(path, `directory ${dir} does not exist`);
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new OutputPathError(path, 'is a directory');
  const temp = `${target}.partial-${process.pid}`;
  let handle: FileHandle;
  try {
    handle = await open(temp, 'w');
  } catch (err) {
    throw new OutputPathError(path, `cannot be written (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  let used = 0;
  let closed = false;

  const flush = async (): Promise<void> => {
    let offset = 0;
    while (offset < used) offset += (await handle.write(buffer, offset, used - offset)).bytesWritten;
    used = 0;
  };
  // Text that might not fit is written after a flush; text larger than the buffer goes out directly.
  const writeLarge = async (text: string): Promise<void> => {
    await flush();
    if (text.length * 3 <= BUFFER_BYTES) used = buffer.write(text, 0, 'utf8');
    else await handle.write(text);
  };

  return {
    write(text) {
      // A UTF-16 code unit takes at most 3 bytes in UTF-8, so this bound is safe without measuring.
      if (used + text.length * 3 <= BUFFER_BYTES) {
        used += buffer.write(text, used, 'utf8');
        return undefined;
      }
      return writeLarge(text);
    },
    async commit() {
      await flush();
      await handle.close();
      closed = true;
      await rename(temp, target);
    },
    async discard() {
      if (!closed) await handle.close().catch(() => undefined);
      closed = true;
      await rm(temp, { force: true });
    },
  };
}

/** An output path that cannot be written; the CLI reports it as a usage error. */
export class OutputPathError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'OutputPathError';
  }
}
