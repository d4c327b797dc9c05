import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The error when no headless Chromium can be found, with how to install one. */
export class ChromiumMissingError extends Error {
  constructor(tried: readonly string[]) {
    super(
      `--pdf needs headless Chromium, and none was found (tried ${tried.join(', ')}). Install it (Debian/Ubuntu: ` +
        `"apt-get install -y chromium") or point LEDIGHEDSPROFIL_CHROMIUM at the browser's executable; nothing was written.`,
    );
    this.name = 'ChromiumMissingError';
  }
}

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium executable: $LEDIGHEDSPROFIL_CHROMIUM when set, else the usual Debian and Ubuntu paths. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = env.LEDIGHEDSPROFIL_CHROMIUM ? [env.LEDIGHEDSPROFIL_CHROMIUM] : CANDIDATES;
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // try the next one
    }
  }
  throw new ChromiumMissingError(candidates);
}

/**
 * Prints an HTML file to PDF with headless Chromium. The browser gets a throw-away profile and every
 * background service switched off, so it neither touches the user's profile nor goes on the network
 * (the report references nothing outside itself anyway).
 */
export async function htmlToPdf(htmlFile: string, pdfFile: string, chromium = findChromium()): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'ledighedsprofil-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    `--user-data-dir=${profile}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${resolve(pdfFile)}`,
    pathToFileURL(resolve(htmlFile)).href,
  ];
  try {
    await new Promise<void>((done, fail) => {
      execFile(chromium, args, { timeout: 180_000, maxBuffer: 1 << 24 }, (err, _stdout, stderr) => {
        if (err)
          fail(
            new Error(
              `Chromium could not print the PDF: ${err.message.split('\n')[0]}${stderr ? ` (${stderr.trim().split('\n').slice(-1)[0]})` : ''}`,
            ),
          );
        else done();
      });
    });
    if (statSync(pdfFile, { throwIfNoEntry: false })?.size === undefined) throw new Error(`Chromium finished but wrote no ${pdfFile}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
