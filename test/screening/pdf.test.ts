import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDF_TEXT_DA } from '../../src/i18n/da.js';
import { renderScreeningPdf } from '../../src/screening/pdf/renderScreeningPdf.js';
import { pdfViewFromOutcome } from '../../src/screening/pdf/buildView.js';
import type { ScreeningPdfView } from '../../src/screening/pdf/view.js';
import { isWinAnsi, toWinAnsi } from '../../src/screening/pdf/winAnsi.js';
import { parseScreeningPolicy } from '../../src/screening/policy.js';
import { screenMemberInput } from '../../src/screening/screeningResult.js';
import { bundledScorer, lowRiskMemberInput, memberInput } from './helpers.js';

const scorer = bundledScorer();
const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
// CI installs poppler-utils (.ci/run): there a missing pdftotext must fail the suite, not skip it.
if (!hasPoppler && process.env.CI) throw new Error('pdftotext (poppler-utils) is required when CI is set');
if (!hasPoppler) console.warn('pdftotext not found: the PDF text checks are skipped (apt-get install poppler-utils)');

/** Everything at its maximum: 5 factors each way, every barrier, every activity, a long comment with a CPR number in it. */
function maxView(): ScreeningPdfView {
  const m = memberInput(
    { dimittend: true, discoCode: '2221', previousIncome: 900000, jobGoalWithinTradeAreas: false },
    {
      q10Barriers: [
        'fysisk_helbred',
        'psykisk_helbred',
        'personlige_sociale',
        'oekonomi',
        'misbrug',
        'laese_skrive_regne',
        'it',
        'sprog',
        'andet',
      ],
    },
  );
  const policy = parseScreeningPolicy({ version: 'test-max', factors: { count: 5, minAbsContribution: 0 } });
  const outcome = screenMemberInput(scorer, m, policy);
  const comment = 'Medlemmet ønsker at skifte fag på grund af ryggen; CPR 0101701234 blev nævnt. '.repeat(20) + 'SLUTORD';
  return pdfViewFromOutcome(outcome, {
    maskedCpr: '010170-XXXX',
    screenedAt: '2026-11-23T13:05:00.000Z',
    member: m,
    screeningId: '6f1c2d3e-1111-4222-8333-944455556666',
    fundName: 'Testfagenes A-kasse',
    timing: { occasion: 'first_interview', screeningDate: '2026-11-23', benefitPeriodStart: '2026-11-09' },
    correction: {
      correctedTargetGroup: 2,
      correctedSubgroup: '2a',
      comment,
      caseworkerId: 'sb.jensen',
      createdAt: '2026-11-24T09:15:00.000Z',
    },
  });
}

function lowView(): ScreeningPdfView {
  const m = lowRiskMemberInput();
  return pdfViewFromOutcome(screenMemberInput(scorer, m), { maskedCpr: '120393-XXXX', screenedAt: '2026-07-02T08:30:00.000Z', member: m });
}

/** Text of a PDF via poppler's pdftotext, whitespace collapsed. */
function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'screening-pdf-')), 'p.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

describe('renderScreeningPdf', () => {
  it('writes a one-page PDF, identical for the same screening', async () => {
    for (const view of [maxView(), lowView()]) {
      const pdf = await renderScreeningPdf(view);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pageCount(pdf)).toBe(1);
      expect((await renderScreeningPdf(view)).equals(pdf)).toBe(true);
    }
  });

  it('refuses a CPR number that is not masked', async () => {
    await expect(renderScreeningPdf({ ...lowView(), maskedCpr: '0101701234' })).rejects.toThrow(/masked/);
    await expect(renderScreeningPdf({ ...lowView(), maskedCpr: '010170-1234' })).rejects.toThrow(/masked/);
  });

  it.runIf(hasPoppler)('shows result, factors, answers, activities, model, date, notice, correction and statement', async () => {
    const view = maxView();
    const text = pdfText(await renderScreeningPdf(view));
    for (const expected of [
      'Ledighedsprofil',
      '010170-XXXX',
      'sim-2026.11-1',
      '23. november 2026 kl. 14.05',
      'Anledning: Første samtale (CV-samtalen) · Screeningsdato: 23. november 2026 · Dagpengeperiode fra: 9. november 2026',
      'Målgruppe 2b',
      'BEMÆRK: Simulerede data.',
      'Henvisning til jobcentret: Ja',
      'Forventer job om mere end 6 måneder',
      '55-59 år',
      'Der går mere end 6 måneder',
      'Mit psykiske helbred',
      'Læse-, stave- eller regneproblemer',
      'FVU-forløb (op til 60 timer)',
      'Henvisning til jobcentret',
      'Trainee-forløb for dimittender',
      'Sagsbehandlerens vurdering'.toUpperCase(),
      'Registreret af sb.jensen den 24. november 2026 kl. 10.15',
      PDF_TEXT_DA.commentTruncated,
      'Dette er et statistisk estimat. Det understøtter – men erstatter ikke – sagsbehandlerens faglige vurdering.',
    ]) {
      expect(text).toContain(expected);
    }
    for (const a of view.activities) expect(text, a.title).toContain(a.title);
    for (const f of view.factors) expect(text, f.label).toContain(f.label);
    expect(text).not.toContain('SLUTORD');
  });

  it.runIf(hasPoppler)('never prints the full CPR number, not even from a comment', async () => {
    const text = pdfText(await renderScreeningPdf(maxView()));
    expect(text).not.toMatch(/0101701234|010170-1234/);
    expect(text).toContain('010170-XXXX');
  });

  it.runIf(hasPoppler)('leaves labelled empty fields for the correction when there is none', async () => {
    const text = pdfText(await renderScreeningPdf(lowView()));
    for (const label of [
      'Målgruppe efter vurdering:',
      'Kommentar:',
      'Sagsbehandler:',
      'Dato:',
      'Målgruppe 1',
      'Målgruppe 2a',
      'Målgruppe 2b',
      '(statistisk: Målgruppe 1)',
    ]) {
      expect(text).toContain(label);
    }
    expect(text).toContain('Henvisning til jobcentret: Nej');
    expect(text).toContain('Jobformidling og jobmatch');
  });

  it.runIf(hasPoppler)('says nothing about simulated data for a model trained on register data', async () => {
    const text = pdfText(await renderScreeningPdf({ ...lowView(), simulatedData: false }));
    expect(text).not.toContain('Simulerede data');
  });

  it.runIf(hasPoppler)('draws characters outside the font as look-alikes instead of garbage', async () => {
    const view = {
      ...lowView(),
      correction: {
        correctedTargetGroup: 1 as const,
        comment: 'Łódź ≥ 3 timer – “OK” 😀 æøå ÆØÅ',
        caseworkerId: 'Zoë',
        createdAt: '2026-07-03T10:00:00Z',
      },
    };
    const text = pdfText(await renderScreeningPdf(view));
    expect(text).toContain('Lódz >= 3 timer – “OK” ? æøå ÆØÅ');
    expect(text).toContain('Registreret af Zoë');
  });
});

describe('toWinAnsi', () => {
  it('keeps Danish letters and WinAnsi punctuation, replaces the rest', () => {
    expect(toWinAnsi('æøå ÆØÅ é ü – — … • € „“')).toBe('æøå ÆØÅ é ü – — … • € „“');
    expect(toWinAnsi('Łódź ≥ 2 − 1 ✓')).toBe('Lódz >= 2 - 1 x');
    expect(toWinAnsi('a\tb\r\nc\u0007')).toBe('a b\nc');
    expect(toWinAnsi('漢字')).toBe('??');
    expect([...toWinAnsi('Ωmega 😀')].every(isWinAnsi)).toBe(true);
  });
});
