import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { ASSESSMENT_REASONS_DA, MEMBER_SUMMARY_DA, PDF_TEXT_DA } from '../../src/i18n/da.js';
import { formatPercentDa } from '../../src/i18n/format.js';
import { currentResult } from '../../src/screening/currentResult.js';
import { FONT_LICENCE_FILE } from '../../src/screening/pdf/fonts.js';
import { useStyle } from '../../src/screening/pdf/layout.js';
import { logoProblem } from '../../src/screening/pdf/logo.js';
import { renderScreeningPdf } from '../../src/screening/pdf/renderScreeningPdf.js';
import { pdfViewFromOutcome } from '../../src/screening/pdf/buildView.js';
import type { ScreeningPdfView } from '../../src/screening/pdf/view.js';
import { DEFAULT_SCREENING_POLICY, parseScreeningPolicy } from '../../src/screening/policy.js';
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
    timing: { occasion: 'first_interview', screeningDate: '2026-11-23', benefitPeriodStart: '2026-11-09' },
    fund: { name: 'Testfagenes A-kasse' },
    correction: {
      correctedTargetGroup: 2,
      correctedSubgroup: '2a',
      reason: 'andet',
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

const logoFile = new URL('../fixtures/branding/logo.png', import.meta.url).pathname;

/** A member in 2a corrected to 2b (with an earlier assessment), and the fund's full branding. */
function correctedView(): ScreeningPdfView {
  const m = memberInput({ jobGoalWithinTradeAreas: true }, { q10HasBarriers: true, q10Barriers: ['fysisk_helbred'] });
  const outcome = screenMemberInput(scorer, m);
  const correction = {
    correctedTargetGroup: 2 as const,
    correctedSubgroup: '2b' as const,
    reason: 'oensker_brancheskift' as const,
    comment: 'Ønsker brancheskift',
    caseworkerId: 'sb.jensen',
    createdAt: '2026-11-24T09:15:00.000Z',
  };
  const current = currentResult(outcome, m, correction, DEFAULT_SCREENING_POLICY);
  return pdfViewFromOutcome(outcome, {
    maskedCpr: '010170-XXXX',
    screenedAt: '2026-11-23T13:05:00.000Z',
    member: m,
    fund: { name: 'Testfagenes A-kasse', contact: 'Tlf. 70 10 20 30 · kontakt@testfag.dk', logo: readFileSync(logoFile) },
    correction,
    current,
    earlierCorrections: [
      {
        correctedTargetGroup: 2,
        correctedSubgroup: '2a',
        reason: 'enig_i_vurderingen',
        caseworkerId: 'sb.hansen',
        createdAt: '2026-11-23T14:00:00.000Z',
      },
    ],
  });
}

/** A PDF written to a temporary file, for poppler's tools. */
function tempPdf(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'screening-pdf-')), 'p.pdf');
  writeFileSync(file, pdf);
  return file;
}

/** Every font size a PDF's content streams set (the Tf operator), the streams inflated. */
function textSizes(pdf: Buffer): number[] {
  const raw = pdf.toString('latin1');
  const sizes: number[] = [];
  for (const m of raw.matchAll(/\/Filter \/FlateDecode[^>]*>>\s*stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = raw.indexOf('endstream', start);
    let text: string;
    try {
      text = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const t of text.matchAll(/\/F\d+ ([\d.]+) Tf/g)) sizes.push(Number(t[1]));
  }
  return sizes;
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
      'sim-2026.12-1',
      '23. november 2026 kl. 14.05',
      'Anledning: Første samtale (CV-samtalen) · Screeningsdato: 23. november 2026 · Dagpengeperiode fra: 9. november 2026',
      'Målgruppe 2b',
      'BEMÆRK: Simulerede data.',
      'Henvisning til jobcentret: Ja',
      'Forventer job om mere end 6 måneder',
      '55-59 år',
      'Der går mere end 6 måneder',
      'Mit psykiske helbred',
      PDF_TEXT_DA.activitiesElsewhere(view.activities.length),
      'Sagsbehandlerens vurdering'.toUpperCase(),
      'Registreret af sb.jensen den 24. november 2026 kl. 10.15',
      PDF_TEXT_DA.commentTruncated,
      'Dette er et statistisk estimat. Det understøtter – men erstatter ikke – sagsbehandlerens faglige vurdering.',
    ]) {
      expect(text).toContain(expected);
    }
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

  it.runIf(hasPoppler)('draws Greek and Latin Extended from the embedded font; characters outside it become U+FFFD', async () => {
    const view = {
      ...lowView(),
      correction: {
        correctedTargetGroup: 1 as const,
        reason: 'sprog' as const,
        comment: 'Ω ą ł ő 中文 Łódź ≥ 3 timer – “OK” æøå ÆØÅ',
        caseworkerId: 'Zoë',
        createdAt: '2026-07-03T10:00:00Z',
      },
    };
    const text = pdfText(await renderScreeningPdf(view));
    expect(text).toContain('Ω ą ł ő \uFFFD\uFFFD Łódź ≥ 3 timer – “OK” æøå ÆØÅ');
    expect(text).toContain('Registreret af Zoë');
  });

  it.runIf(hasPoppler)('embeds every font (DejaVu Sans Condensed subsets), with its licence beside it', async () => {
    const fonts = execFileSync('pdffonts', [tempPdf(await renderScreeningPdf(maxView()))], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .slice(2);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const f of fonts) {
      expect(f).toMatch(/^[A-Z]{6}\+DejaVuSansCondensed/);
      expect(f).toMatch(/\byes\s+yes\s+yes\b/);
    }
    expect(readFileSync(FONT_LICENCE_FILE, 'utf8')).toContain('Bitstream');
  });

  it.runIf(hasPoppler)('is PDF/A-2b: the identification in the XMP metadata and an sRGB output intent', async () => {
    const pdf = await renderScreeningPdf(maxView());
    const meta = execFileSync('pdfinfo', ['-meta', tempPdf(pdf)], { encoding: 'utf8' });
    expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(meta).toContain('<rdf:li>Testfagenes A-kasse</rdf:li>');
    expect(pdf.toString('latin1')).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(pdf.toString('latin1')).toContain('/S /GTS_PDFA1');
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  });

  it('sets no text under 8 pt, and the layout refuses to', async () => {
    for (const view of [maxView(), lowView(), correctedView()]) {
      const sizes = textSizes(await renderScreeningPdf(view));
      expect(sizes.length).toBeGreaterThan(50);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(8);
    }
    const doc = new PDFDocument();
    expect(() => useStyle(doc, 'x', { size: 7 })).toThrow(/under the page's minimum of 8 pt/);
  });

  it.runIf(hasPoppler)('prints question 10 as answered: yes with no barrier ticked is yes', async () => {
    const yes = memberInput({}, { q10HasBarriers: true, q10Barriers: [] });
    const no = memberInput({}, { q10HasBarriers: false, q10Barriers: [] });
    const render = (m: typeof yes) =>
      renderScreeningPdf(
        pdfViewFromOutcome(screenMemberInput(scorer, m), { maskedCpr: '120393-XXXX', screenedAt: '2026-07-02T08:30:00Z', member: m }),
      );
    expect(pdfText(await render(yes))).toContain(PDF_TEXT_DA.q10YesNoneTicked);
    expect(pdfText(await render(no))).not.toContain(PDF_TEXT_DA.q10YesNoneTicked);
  });

  it.runIf(hasPoppler)(
    'shows the probability with its 95 % interval, and the factors in words with the odds ratios in a footnote',
    async () => {
      const view = correctedView();
      const text = pdfText(await renderScreeningPdf(view));
      const i = view.probabilityInterval!;
      expect(i.lower).toBeLessThan(view.probability);
      expect(text).toContain(PDF_TEXT_DA.interval(formatPercentDa(i.lower), formatPercentDa(i.upper)));
      expect(text).toContain('øger risikoen meget');
      expect(text).toMatch(/mindsker risikoen (meget|noget|lidt)/);
      expect(text).toContain('Oddsfaktorer: trækker sandsynligheden op ×');
      expect(text).not.toContain('Odds-faktor');
      // A screening stored before the interval says so instead of inventing one.
      expect(pdfText(await renderScreeningPdf({ ...view, probabilityInterval: null }))).toContain(PDF_TEXT_DA.intervalUnknown);
    },
  );

  it.runIf(hasPoppler)("prints each shown activity's reasons in full", async () => {
    const view = lowView();
    const text = pdfText(await renderScreeningPdf(view));
    for (const a of view.activities) expect(text, a.title).toContain(a.reasons.join('; '));
    const corrected = correctedView();
    const ctext = pdfText(await renderScreeningPdf(corrected));
    const age = corrected.current!.activities.find((a) => a.reasons.some((r) => r.includes('år og mere')));
    if (age) expect(ctext).toContain(age.reasons.join('; '));
  });

  it.runIf(hasPoppler)(
    "shows the corrected group's activities beside the statistical ones, the reason and the earlier assessments",
    async () => {
      const view = correctedView();
      const text = pdfText(await renderScreeningPdf(view));
      expect(text).toContain('Efter vurderingen (Målgruppe 2b)');
      expect(text).toContain('Efter den statistiske screening (Målgruppe 2a)');
      // Brancheskift guidance is for 2b: suggested after the correction, not by the statistical result.
      expect(view.activities.map((a) => a.code)).not.toContain('brancheskift_vejledning');
      expect(text).toContain('Vejledning om brancheskift');
      expect(text).toContain(`Begrundelse: ${ASSESSMENT_REASONS_DA.oensker_brancheskift}`);
      expect(text).toContain('Tidligere vurderinger:');
      expect(text).toContain(`Målgruppe 2a (${ASSESSMENT_REASONS_DA.enig_i_vurderingen}) – sb.hansen`);
    },
  );

  it.runIf(hasPoppler)(
    "prints the corrected group's referral and member summary, the statistical result's referral and activities beside them",
    async () => {
      // Personal or social barriers refer a member to the job centre only in målgruppe 2 (the default rule):
      // a member in målgruppe 1 corrected to 2 is referred after the correction, not by the statistical result.
      const base = lowRiskMemberInput();
      const m = { ...base, questionnaire: { ...base.questionnaire, q10HasBarriers: true, q10Barriers: ['personlige_sociale' as const] } };
      const outcome = screenMemberInput(scorer, m);
      expect(outcome.targetGroup).toBe(1);
      expect(outcome.jobCentreReferral).toBe(false);
      const correction = {
        correctedTargetGroup: 2 as const,
        correctedSubgroup: '2a' as const,
        reason: 'kendskab_til_helbred' as const,
        caseworkerId: 'sb.jensen',
        createdAt: '2026-11-24T09:15:00.000Z',
      };
      const current = currentResult(outcome, m, correction, DEFAULT_SCREENING_POLICY);
      expect(current.jobCentreReferral).toBe(true);
      const view = pdfViewFromOutcome(outcome, {
        maskedCpr: '120393-XXXX',
        screenedAt: '2026-11-23T13:05:00.000Z',
        member: m,
        correction,
        current,
      });
      const pdf = await renderScreeningPdf(view);
      const text = pdfText(pdf);
      expect(text).toContain('Henvisning til jobcentret: Nej');
      const reasons = current.referralReasons.map((r) => r.reason).join('; ');
      expect(text).toContain(`${PDF_TEXT_DA.referralCurrent('Målgruppe 2a')}: Ja – ${reasons}`);
      expect(text).toContain(PDF_TEXT_DA.memberSummaryCurrent('Målgruppe 2a'));
      // The fixed opening sentence is left off the caseworker's copy; the group's own lines are printed.
      expect(text).not.toContain(MEMBER_SUMMARY_DA.intro);
      // The summary's first activity, in the member's words, and the statistical activities beside it.
      expect(text).toContain(current.activities[0].memberText.slice(0, 40).replace(/\s+/g, ' '));
      expect(text).toContain(PDF_TEXT_DA.activitiesStatistical('Målgruppe 1'));
      expect(text).toContain(PDF_TEXT_DA.activitiesCurrent('Målgruppe 2a'));
      expect(Math.min(...textSizes(pdf))).toBeGreaterThanOrEqual(8);
      expect(execFileSync('pdfinfo', [tempPdf(pdf)], { encoding: 'utf8' })).toMatch(/Pages:\s+1\b/);
      // Without a correction neither line is printed.
      const plain = pdfText(await renderScreeningPdf(lowView()));
      expect(plain).not.toContain('efter vurderingen');
      expect(plain).not.toContain(PDF_TEXT_DA.memberSummaryCurrent('Målgruppe 1'));
    },
  );

  it.runIf(hasPoppler)("puts the fund's name, contact and logo in the header", async () => {
    const pdf = await renderScreeningPdf(correctedView());
    const text = pdfText(pdf);
    expect(text).toContain('Testfagenes A-kasse');
    expect(text).toContain('Tlf. 70 10 20 30');
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
    expect((await renderScreeningPdf(lowView())).toString('latin1')).not.toMatch(/\/Subtype \/Image/);
  });
});

describe('logoProblem', () => {
  it('accepts a PNG and refuses what is not a readable PNG or JPEG, or too large', () => {
    expect(logoProblem(readFileSync(logoFile))).toBeNull();
    expect(logoProblem(Buffer.from('GIF89a'))).toMatch(/not a PNG or JPEG/);
    expect(logoProblem(Buffer.alloc(0))).toMatch(/empty/);
    expect(logoProblem(Buffer.concat([readFileSync(logoFile).subarray(0, 20)]))).toMatch(/cannot be read/);
    expect(logoProblem(Buffer.alloc(600 * 1024, 0xff))).toMatch(/at most/);
  });
});
