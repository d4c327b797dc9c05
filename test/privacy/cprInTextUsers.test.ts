/**
 * The logger, the storage guard and the PDF hold the same texts to be CPR numbers: each is run over the
 * shared examples, so none of them can drift back to a definition of its own.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { renderScreeningPdf } from '../../src/screening/pdf/renderScreeningPdf.js';
import { pdfViewFromOutcome } from '../../src/screening/pdf/buildView.js';
import { screenMemberInput } from '../../src/screening/screeningResult.js';
import { createLogger } from '../../src/service/logging.js';
import { starRequestIdSchema } from '../../src/service/routes/star/schemas.js';
import { PersonalDataError } from '../../src/storage/errors.js';
import { assertNoCpr } from '../../src/storage/personalDataGuard.js';
import { bundledScorer, lowRiskMemberInput } from '../screening/helpers.js';
import { HOLDS_CPR, HOLDS_NO_CPR } from './cprExamples.js';

const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
if (!hasPoppler && process.env.CI) throw new Error('pdftotext (poppler-utils) is required when CI is set');

/** The message of one log line written through the service's logger (and its last-line filter). */
function logged(text: string): string {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  createLogger('info', stream).info(text);
  expect(lines).toHaveLength(1);
  return (JSON.parse(lines[0]) as { msg: string }).msg;
}

/** Whether the storage guard refuses the text as a caseworker's comment. */
function refusedByStorage(text: string): boolean {
  try {
    assertNoCpr({ comment: text });
    return false;
  } catch (err) {
    expect(err).toBeInstanceOf(PersonalDataError);
    return true;
  }
}

/** The text of a screening PDF whose correction carries `comment`, all whitespace removed (lines may wrap anywhere). */
async function printed(comment: string): Promise<string> {
  const m = lowRiskMemberInput();
  const view = pdfViewFromOutcome(screenMemberInput(bundledScorer(), m), {
    maskedCpr: '120393-XXXX',
    screenedAt: '2026-07-02T08:30:00.000Z',
    member: m,
    correction: { correctedTargetGroup: 1, comment, caseworkerId: 'sb', createdAt: '2026-07-03T10:00:00Z' },
  });
  const file = join(mkdtempSync(join(tmpdir(), 'cpr-pdf-')), 'p.pdf');
  writeFileSync(file, await renderScreeningPdf(view));
  return squeeze(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
}

const squeeze = (s: string) => s.replace(/\s+/g, '');
const tenDigits = (s: string) => s.replace(/\D/g, '').match(/\d{10}/g) ?? [];

describe('one definition of a CPR number in text, across its users', () => {
  it.each(HOLDS_CPR)('the logger masks it: $why', ({ text, masked }) => {
    expect(logged(text)).toBe(masked);
  });

  it.each(HOLDS_NO_CPR)('the logger leaves it: $why', ({ text }) => {
    expect(logged(text)).toBe(text);
  });

  it.each(HOLDS_CPR)('the storage guard refuses it: $why', ({ text }) => {
    expect(refusedByStorage(text)).toBe(true);
  });

  it.each(HOLDS_NO_CPR)('the storage guard lets it pass: $why', ({ text }) => {
    expect(refusedByStorage(text)).toBe(false);
  });

  // The STAR layer's request id is logged, echoed and stored: one that holds a CPR number is refused.
  it.each(HOLDS_CPR)('the STAR request id refuses it: $why', ({ text }) => {
    expect(starRequestIdSchema.safeParse(text).success).toBe(false);
  });

  it.each(HOLDS_NO_CPR.filter(({ text }) => /^[\x21-\x7e]{1,46}$/.test(text)))('the STAR request id takes it: $why', ({ text }) => {
    expect(starRequestIdSchema.safeParse(text).success).toBe(true);
  });

  it.runIf(hasPoppler).each(HOLDS_CPR)('the PDF prints it masked: $why', async ({ text, masked }) => {
    const page = await printed(text);
    expect(page).toContain(squeeze(masked));
    for (const digits of tenDigits(text)) expect(page).not.toContain(digits);
  });

  it.runIf(hasPoppler).each(HOLDS_NO_CPR)('the PDF prints it as it is: $why', async ({ text }) => {
    expect(await printed(text)).toContain(squeeze(text));
  });
});
