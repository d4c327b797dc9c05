import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The LibreOffice binary on the PATH, or undefined when it is not installed. */
export function findSoffice(): string | undefined {
  for (const name of ['soffice', 'libreoffice']) {
    const r = spawnSync(name, ['--version'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return name;
  }
  return undefined;
}

/**
 * Converts files with one headless LibreOffice run (one start-up for all of them, which is most of the
 * cost) into `outDir`, e.g. to xlsx so that every formula is calculated and its result stored, or to
 * pdf. A private user profile keeps the run independent of any LibreOffice the user has open.
 */
export function convertWithLibreOffice(soffice: string, files: string[], format: string, outDir: string): void {
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  try {
    const r = spawnSync(
      soffice,
      [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--norestore',
        '--convert-to',
        format,
        '--outdir',
        outDir,
        ...files,
      ],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    if (r.status !== 0) throw new Error(`soffice failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
