/**
 * The caseworker's one-page PDF of a screening (A4, Danish). Everything is placed at absolute
 * positions within fixed regions and every variable text is cut to its region with "…", so the page
 * cannot overflow onto a second one whatever the comment or the number of factors and activities;
 * the correction form and the statement sit at fixed places at the bottom. The built-in Helvetica
 * (WinAnsi) draws æøå; other characters go through toWinAnsi. Output is byte-for-byte deterministic
 * for the same view: the PDF's creation date is the screening's (or printing) time, not the clock.
 */
import PDFDocument from 'pdfkit';
import { CODE_LABELS_DA, FEATURE_NAMES_DA, numericValueDa, PDF_TEXT_DA, TARGET_GROUP_DESCRIPTIONS_DA, targetGroupLabelDa } from '../../i18n/da.js';
import { formatDateTimeDa, formatOddsRatioDa, formatPercentDa } from '../../i18n/format.js';
import { isMissing, parseBoolean, parseNumber } from '../../model/encoding/parseValue.js';
import { maskCprsInText } from '../../privacy/cprInText.js';
import type { Factor } from '../factors.js';
import { parseBarriers } from '../memberFacts.js';
import { screeningPdfViewSchema, type ScreeningPdfView, type ValidScreeningPdfView } from './view.js';
import { toWinAnsi } from './winAnsi.js';

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const LEFT = 42;
const RIGHT = PAGE_WIDTH - 42;
const WIDTH = RIGHT - LEFT;
const TOP = 34;
const BOTTOM = PAGE_HEIGHT - 28;
const GUTTER = 18;
const SECTION_GAP = 9;

const COLOR = {
  ink: '#1b1f23',
  muted: '#5a6570',
  faint: '#8a949e',
  rule: '#c9d1d9',
  brand: '#1f3a5f',
  brandLight: '#eaf0f6',
  raise: '#a3322b',
  lower: '#2f6f48',
  warnFill: '#fff3df',
  warnLine: '#c27400',
  zone1: '#e3efe6',
  zone2: '#f5e1de',
  barEmpty: '#eef1f4',
};

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';

type Doc = PDFKit.PDFDocument;

interface TextStyle {
  font?: string;
  size?: number;
  color?: string;
  align?: 'left' | 'right' | 'center';
}

/** Renders the caseworker's one-page PDF of a screening. */
export async function renderScreeningPdf(input: ScreeningPdfView): Promise<Buffer> {
  const view = screeningPdfViewSchema.parse(input);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    bufferPages: true,
    info: {
      Title: toWinAnsi(`${PDF_TEXT_DA.title} ${view.maskedCpr}`),
      Subject: toWinAnsi(PDF_TEXT_DA.pdfSubject),
      Author: toWinAnsi(view.fundName ?? PDF_TEXT_DA.title),
      Creator: 'ledighedsprofil',
      Producer: 'ledighedsprofil (PDFKit)',
      CreationDate: new Date(view.printedAt ?? view.screenedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  drawPage(doc, view);

  if (doc.bufferedPageRange().count !== 1) throw new Error('the screening PDF ran over one page; a region is not bounded');
  doc.end();
  return done;
}

function drawPage(doc: Doc, v: ValidScreeningPdfView): void {
  let y = drawHeader(doc, v, TOP);
  if (v.simulatedData) y = drawSimulatedNotice(doc, v, y + 6);
  y = drawResult(doc, v, y + SECTION_GAP);
  y = drawFactors(doc, v, y + SECTION_GAP);
  y = drawAnswersAndCharacteristics(doc, v, y + SECTION_GAP);
  // The bottom is laid out from the page's end upwards, so the form and the statement are always in
  // place; the activities get the space in between.
  const statementTop = drawFooter(doc, v);
  const correctionTop = statementTop - SECTION_GAP - correctionHeight(v);
  drawCorrection(doc, v, correctionTop);
  drawActivities(doc, v, y + SECTION_GAP, correctionTop - SECTION_GAP);
}

// ---------------------------------------------------------------------------------------------------
// Regions

function drawHeader(doc: Doc, v: ValidScreeningPdfView, top: number): number {
  line(doc, PDF_TEXT_DA.title, LEFT, top, WIDTH * 0.6, { font: BOLD, size: 17, color: COLOR.brand });
  line(doc, PDF_TEXT_DA.subtitle, LEFT, top + 20, WIDTH * 0.62, { size: 8.5, color: COLOR.muted });
  if (v.fundName) line(doc, v.fundName, LEFT + WIDTH * 0.6, top + 3, WIDTH * 0.4, { font: BOLD, size: 10, color: COLOR.ink, align: 'right' });
  line(doc, PDF_TEXT_DA.confidential, LEFT + WIDTH * 0.5, top + 20.5, WIDTH * 0.5, { size: 8, color: COLOR.raise, align: 'right' });
  let y = top + 34;
  doc.rect(LEFT, y, WIDTH, 2).fill(COLOR.brand);
  y += 7;
  const fields: [string, string][] = [
    [PDF_TEXT_DA.cpr, v.maskedCpr],
    [PDF_TEXT_DA.screenedAt, formatDateTimeDa(v.screenedAt)],
    [PDF_TEXT_DA.modelVersion, v.modelVersion],
    [PDF_TEXT_DA.policyVersion, v.policyVersion ?? '–'],
  ];
  const widths = [0.18, 0.32, 0.25, 0.25].map((f) => f * WIDTH);
  let x = LEFT;
  fields.forEach(([label, value], i) => {
    line(doc, label.toUpperCase(), x, y, widths[i] - 8, { size: 6.5, color: COLOR.faint });
    line(doc, value, x, y + 9, widths[i] - 8, { font: BOLD, size: 9.5, color: COLOR.ink });
    x += widths[i];
  });
  return y + 22;
}

function drawSimulatedNotice(doc: Doc, v: ValidScreeningPdfView, top: number): number {
  const pad = 5;
  const textWidth = WIDTH - 2 * pad - 4;
  const heading = toWinAnsi(PDF_TEXT_DA.simulatedHeading) + ' ';
  const text = toWinAnsi(PDF_TEXT_DA.simulatedText(v.modelVersion));
  doc.font(BOLD).fontSize(8);
  const h = doc.heightOfString(heading + text, { width: textWidth }) + 2 * pad;
  doc.rect(LEFT, top, WIDTH, h).fill(COLOR.warnFill);
  doc.rect(LEFT, top, 4, h).fill(COLOR.warnLine);
  doc.font(BOLD).fontSize(8).fillColor(COLOR.warnLine).text(heading, LEFT + pad + 4, top + pad, { width: textWidth, continued: true });
  doc.font(REGULAR).fillColor(COLOR.ink).text(text);
  return top + h;
}

function drawResult(doc: Doc, v: ValidScreeningPdfView, top: number): number {
  let y = sectionHeading(doc, PDF_TEXT_DA.resultHeading, top);
  const leftWidth = 165;
  line(doc, PDF_TEXT_DA.statisticalGroupLabel, LEFT, y, leftWidth, { size: 8, color: COLOR.muted });
  line(doc, targetGroupLabelDa(v.targetGroup, v.subgroup), LEFT, y + 11, leftWidth, { font: BOLD, size: 19, color: COLOR.brand });
  const description = TARGET_GROUP_DESCRIPTIONS_DA[v.subgroup ?? (String(v.targetGroup) as '1' | '2')];
  const d = paragraph(doc, description, LEFT, y + 33, leftWidth, 2, { size: 7.5, color: COLOR.muted });

  const bx = LEFT + leftWidth + GUTTER;
  const bw = RIGHT - bx;
  const label = PDF_TEXT_DA.probability + ' ';
  doc.font(REGULAR).fontSize(8.5);
  const lw = doc.widthOfString(toWinAnsi(label));
  line(doc, label, bx, y + 2, lw, { size: 8.5, color: COLOR.muted });
  line(doc, formatPercentDa(v.probability), bx + lw, y - 1, bw - lw, { font: BOLD, size: 13, color: COLOR.ink });
  drawBar(doc, bx, y + 29, bw, v.probability, v.cutoff);
  line(doc, PDF_TEXT_DA.probabilityNote, bx, y + 56, bw, { font: ITALIC, size: 6.8, color: COLOR.faint });
  y = Math.max(y + 33 + d.height, y + 64) + 4;

  const referralLabel = `${PDF_TEXT_DA.referral}: `;
  doc.font(BOLD).fontSize(8.5);
  const rw = doc.widthOfString(toWinAnsi(referralLabel));
  line(doc, referralLabel, LEFT, y, rw, { font: BOLD, size: 8.5, color: COLOR.ink });
  const referral = v.jobCentreReferral
    ? [PDF_TEXT_DA.referralYes, v.referralReasons.map((r) => r.reason).join('; ')].filter((t) => t !== '').join(' – ')
    : PDF_TEXT_DA.referralNo;
  const r = paragraph(doc, referral, LEFT + rw, y, WIDTH - rw, 2, {
    font: v.jobCentreReferral ? BOLD : REGULAR,
    size: 8.5,
    color: v.jobCentreReferral ? COLOR.raise : COLOR.ink,
  });
  return y + r.height;
}

/** The 0–100 % bar: the two target-group zones, the cut-off and the member's score. */
function drawBar(doc: Doc, x: number, y: number, w: number, p: number, cutoff: number): void {
  const h = 13;
  const cx = x + cutoff * w;
  const px = x + Math.min(Math.max(p, 0), 1) * w;
  doc.rect(x, y, cx - x, h).fill(COLOR.zone1);
  doc.rect(cx, y, x + w - cx, h).fill(COLOR.zone2);
  doc.save().rect(x, y, w, h).lineWidth(0.5).strokeColor(COLOR.rule).stroke().restore();
  // Zone names inside the bar where they fit, at whichever end of the zone the marker leaves free.
  for (const [name, from, to] of [
    [PDF_TEXT_DA.zone1, x, cx],
    [PDF_TEXT_DA.zone2, cx, x + w],
  ] as const) {
    doc.font(REGULAR).fontSize(6.5);
    const nw = doc.widthOfString(toWinAnsi(name));
    const free = (lx: number) => px < lx - 4 || px > lx + nw + 4;
    const lx = [from + 4, to - 4 - nw].find((c) => c >= from + 2 && c + nw <= to - 2 && free(c));
    if (lx !== undefined) line(doc, name, lx, y + 3.8, nw + 1, { size: 6.5, color: COLOR.muted });
  }

  doc.save().moveTo(cx, y - 3).lineTo(cx, y + h + 1).lineWidth(1.2).dash(2, { space: 1.5 }).strokeColor(COLOR.raise).stroke().undash().restore();
  doc.save().rect(px - 1, y - 2, 2, h + 4).fill(COLOR.ink).restore();
  doc.save().polygon([px - 4.5, y - 9], [px + 4.5, y - 9], [px, y - 2]).fill(COLOR.ink).restore();
  const memberLabel = `${PDF_TEXT_DA.memberMarker}: ${formatPercentDa(p)}`;
  doc.font(BOLD).fontSize(7.5);
  const mw = doc.widthOfString(toWinAnsi(memberLabel));
  const mx = Math.min(Math.max(px - mw / 2, x), x + w - mw);
  line(doc, memberLabel, mx, y - 19, mw + 1, { font: BOLD, size: 7.5, color: COLOR.ink });

  const cutLabel = PDF_TEXT_DA.cutoff(cutoff);
  doc.font(BOLD).fontSize(6.5);
  const cw = doc.widthOfString(toWinAnsi(cutLabel));
  // Beside the cut-off line rather than across it: to its right, or to its left near the bar's end.
  const clx = cx + 3 + cw <= x + w ? cx + 3 : cx - 3 - cw;
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const tx = x + t * w;
    doc.save().moveTo(tx, y + h).lineTo(tx, y + h + 2).lineWidth(0.5).strokeColor(COLOR.faint).stroke().restore();
    const text = `${t * 100} %`;
    const align = t === 0 ? 'left' : t === 1 ? 'right' : 'center';
    const lx = align === 'left' ? tx : align === 'right' ? tx - 30 : tx - 15;
    const tw = doc.font(REGULAR).fontSize(6.5).widthOfString(text);
    const tl = align === 'left' ? tx : align === 'right' ? tx - tw : tx - tw / 2;
    // A tick label under the cut-off label would be unreadable.
    if (tl + tw + 3 > clx && tl < clx + cw + 3) continue;
    line(doc, text, lx, y + h + 4, 30, { size: 6.5, color: COLOR.faint, align });
  }
  line(doc, cutLabel, clx, y + h + 4, cw + 1, { font: BOLD, size: 6.5, color: COLOR.raise });
}

function drawFactors(doc: Doc, v: ValidScreeningPdfView, top: number): number {
  let y = sectionHeading(doc, PDF_TEXT_DA.factorsHeading, top);
  const colWidth = (WIDTH - GUTTER) / 2;
  const raising = v.factors.filter((f) => f.direction === 'raises');
  const lowering = v.factors.filter((f) => f.direction === 'lowers');
  const rows = Math.max(raising.length, lowering.length, 1);
  const rowHeight = 18;
  const oddsWidth = 38;
  const columns: [string, Factor[], string][] = [
    [PDF_TEXT_DA.raising, raising, COLOR.raise],
    [PDF_TEXT_DA.lowering, lowering, COLOR.lower],
  ];
  columns.forEach(([title, factors, color], c) => {
    const x = LEFT + c * (colWidth + GUTTER);
    line(doc, title, x, y, colWidth - 50, { font: BOLD, size: 8.5, color });
    line(doc, PDF_TEXT_DA.oddsRatio, x + colWidth - 60, y + 1.5, 60, { size: 6.5, color: COLOR.faint, align: 'right' });
    doc.rect(x, y + 11, colWidth, 0.8).fill(color);
    if (factors.length === 0) line(doc, PDF_TEXT_DA.noFactors, x, y + 16, colWidth, { font: ITALIC, size: 8, color: COLOR.muted });
    factors.forEach((f, i) => {
      const ry = y + 16 + i * rowHeight;
      doc.rect(x, ry + 1, 2.5, 13.5).fill(color);
      line(doc, f.label, x + 7, ry, colWidth - 7 - oddsWidth, { font: BOLD, size: 8.2, color: COLOR.ink });
      line(doc, f.comparedWith, x + 7, ry + 9.4, colWidth - 7 - oddsWidth, { size: 6.5, color: COLOR.muted });
      line(doc, formatOddsRatioDa(f.oddsRatio), x + colWidth - oddsWidth, ry + 2, oddsWidth, { font: BOLD, size: 9, color, align: 'right' });
    });
  });
  y += 17 + rows * rowHeight;
  const note = paragraph(doc, PDF_TEXT_DA.factorsNote, LEFT, y, WIDTH, 2, { font: ITALIC, size: 6.8, color: COLOR.faint });
  return y + note.height;
}

function drawAnswersAndCharacteristics(doc: Doc, v: ValidScreeningPdfView, top: number): number {
  const leftWidth = 215;
  const rx = LEFT + leftWidth + GUTTER;
  const rightWidth = RIGHT - rx;
  sectionHeading(doc, PDF_TEXT_DA.answersHeading, top, LEFT, leftWidth);
  const y0 = sectionHeading(doc, PDF_TEXT_DA.characteristicsHeading, top, rx, rightWidth);

  // Questionnaire answers.
  let y = y0;
  y += paragraph(doc, PDF_TEXT_DA.q2Question, LEFT, y, leftWidth, 2, { size: 7, color: COLOR.muted }).height + 1.5;
  const q2 = v.member.q2_job_expectation;
  const q2Text = isMissing(q2) ? PDF_TEXT_DA.notAnswered : (CODE_LABELS_DA.q2 as Record<string, string>)[String(q2).trim()] ?? String(q2);
  y += paragraph(doc, q2Text, LEFT, y, leftWidth, 2, { font: BOLD, size: 8.5, color: COLOR.ink }).height + 6;
  y += paragraph(doc, PDF_TEXT_DA.q10Question, LEFT, y, leftWidth, 2, { size: 7, color: COLOR.muted }).height + 1.5;
  let barriers: string[];
  try {
    barriers = parseBarriers(v.member.q10_barriers).map((b) => CODE_LABELS_DA.q10[b]);
  } catch {
    barriers = [String(v.member.q10_barriers)];
  }
  if (barriers.length === 0) {
    line(doc, PDF_TEXT_DA.q10None, LEFT, y, leftWidth, { font: BOLD, size: 8.5, color: COLOR.ink });
    y += 11;
  } else if (barriers.length <= 5) {
    line(doc, `${PDF_TEXT_DA.yes}:`, LEFT, y, leftWidth, { font: BOLD, size: 8.5, color: COLOR.ink });
    y += 11;
    for (const b of barriers) {
      line(doc, `•  ${b}`, LEFT + 4, y, leftWidth - 4, { size: 8.3, color: COLOR.ink });
      y += 10.3;
    }
  } else {
    // Many barriers as one wrapped list keep the column as tall as the characteristics beside it.
    y += paragraph(doc, `${PDF_TEXT_DA.yes}: ${barriers.join(' • ')}`, LEFT, y, leftWidth, 6, { size: 8.3, color: COLOR.ink, lineGap: 1 }).height;
  }
  const leftBottom = y;

  // Key characteristics.
  y = y0;
  const labelWidth = 112;
  for (const [label, value] of characteristics(v.member)) {
    line(doc, label, rx, y, labelWidth - 6, { size: 7.5, color: COLOR.muted });
    line(doc, value, rx + labelWidth, y - 0.5, rightWidth - labelWidth, { size: 8.3, color: COLOR.ink });
    doc.rect(rx, y + 9, rightWidth, 0.3).fill(COLOR.rule);
    y += 10.1;
  }
  return Math.max(leftBottom, y);
}

/** The member's characteristics shown on the page. Gender and origin are left out: they are not needed for the interview. */
function characteristics(member: Readonly<Record<string, unknown>>): [string, string][] {
  const yesNo = (raw: unknown) => {
    if (isMissing(raw)) return PDF_TEXT_DA.unknown;
    try {
      return parseBoolean(raw) === 1 ? PDF_TEXT_DA.yes : PDF_TEXT_DA.no;
    } catch {
      return String(raw);
    }
  };
  const num = (feature: string) => (raw: unknown) => {
    if (isMissing(raw)) return PDF_TEXT_DA.unknown;
    try {
      return numericValueDa(feature, parseNumber(raw));
    } catch {
      return String(raw);
    }
  };
  const code = (table: Readonly<Record<string, string>>) => (raw: unknown) =>
    isMissing(raw) ? PDF_TEXT_DA.unknown : table[String(raw).trim()] ?? String(raw);
  const disco = (raw: unknown) => {
    if (isMissing(raw)) return PDF_TEXT_DA.unknown;
    const c = String(raw).trim();
    const group = (CODE_LABELS_DA.disco as Record<string, string>)[c.charAt(0)];
    return group ? `${c} – ${group}` : c;
  };
  const rows: [string, string, (raw: unknown) => string][] = [
    ['age', FEATURE_NAMES_DA.age, num('age')],
    ['education', FEATURE_NAMES_DA.education, code(CODE_LABELS_DA.education)],
    ['experience_years', FEATURE_NAMES_DA.experience_years, num('experience_years')],
    ['prior_dagpenge_hours', FEATURE_NAMES_DA.prior_dagpenge_hours, num('prior_dagpenge_hours')],
    ['earlier_spells', FEATURE_NAMES_DA.earlier_spells, num('earlier_spells')],
    ['from_sickness_benefit', FEATURE_NAMES_DA.from_sickness_benefit, yesNo],
    ['dimittend', FEATURE_NAMES_DA.dimittend, yesNo],
    ['disco_code', FEATURE_NAMES_DA.disco_major, disco],
    ['industry', FEATURE_NAMES_DA.industry, code(CODE_LABELS_DA.industry)],
    ['region', FEATURE_NAMES_DA.region, code(CODE_LABELS_DA.region)],
    ['previous_income', FEATURE_NAMES_DA.previous_income, num('previous_income')],
    ['children_at_home', FEATURE_NAMES_DA.children_at_home, yesNo],
  ];
  return rows.map(([column, label, show]) => [label, show(member[column])]);
}

/**
 * The suggested activities in two columns, between `top` and `bottom`: title and reason on two lines
 * when they fit, else one compact line each, else as many as fit and a note that there are more.
 */
function drawActivities(doc: Doc, v: ValidScreeningPdfView, top: number, bottom: number): void {
  const y = sectionHeading(doc, PDF_TEXT_DA.activitiesHeading, top);
  const colWidth = (WIDTH - GUTTER) / 2;
  if (v.activities.length === 0) {
    line(doc, PDF_TEXT_DA.noActivities, LEFT, y, WIDTH, { font: ITALIC, size: 8, color: COLOR.muted });
    return;
  }
  const perColumnNeeded = Math.ceil(v.activities.length / 2);
  const mode = perColumnNeeded * 38 <= bottom - y ? 'rich' : perColumnNeeded * 20 <= bottom - y ? 'roomy' : 'compact';
  const rowHeight = { rich: 38, roomy: 20, compact: 10.5 }[mode];
  const rows = Math.max(1, Math.floor((bottom - y) / rowHeight));
  const overflow = v.activities.length > rows * 2;
  const shown = overflow ? v.activities.slice(0, rows * 2 - 1) : v.activities;
  const perColumn = Math.ceil((shown.length + (overflow ? 1 : 0)) / 2);
  const at = (i: number) => ({ x: LEFT + Math.floor(i / perColumn) * (colWidth + GUTTER), y: y + (i % perColumn) * rowHeight });
  shown.forEach((a, i) => {
    const p = at(i);
    doc.save().rect(p.x, p.y + 1.2, 6.5, 6.5).lineWidth(0.7).strokeColor(COLOR.brand).stroke().restore();
    const reasons = a.reasons.join('; ');
    if (mode !== 'compact') {
      line(doc, a.title, p.x + 11, p.y, colWidth - 11, { font: BOLD, size: 8.3, color: COLOR.ink });
      line(doc, reasons, p.x + 11, p.y + 9.8, colWidth - 11, { size: 6.6, color: COLOR.muted });
      if (mode === 'rich') paragraph(doc, a.description, p.x + 11, p.y + 18.5, colWidth - 11, 2, { size: 6.8, color: COLOR.ink });
    } else {
      doc.font(BOLD).fontSize(8);
      const title = toWinAnsi(a.title);
      const tw = Math.min(doc.widthOfString(title), colWidth - 11);
      line(doc, title, p.x + 11, p.y, tw + 0.5, { font: BOLD, size: 8, color: COLOR.ink });
      if (tw + 40 < colWidth - 11) line(doc, ` – ${reasons}`, p.x + 11 + tw, p.y + 0.8, colWidth - 11 - tw, { size: 6.6, color: COLOR.muted });
    }
  });
  if (overflow) {
    const p = at(shown.length);
    line(doc, PDF_TEXT_DA.moreActivities(v.activities.length - shown.length), p.x + 11, p.y, colWidth - 11, { font: ITALIC, size: 8, color: COLOR.muted });
  }
}

const COMMENT_LINES = 3;
const COMMENT_STEP = 11;
const HANDWRITING_LINES = 3;
const HANDWRITING_STEP = 15;

/** Height of the correction region: a filled-in correction and an empty form differ. */
function correctionHeight(v: ValidScreeningPdfView): number {
  const body = v.correction ? COMMENT_LINES * COMMENT_STEP + 10 : HANDWRITING_LINES * HANDWRITING_STEP + 6;
  return 17 + 15 + body + 11;
}

function drawCorrection(doc: Doc, v: ValidScreeningPdfView, top: number): void {
  let y = sectionHeading(doc, PDF_TEXT_DA.correctionHeading, top);
  const c = v.correction;
  const labelWidth = 112;

  // Target-group boxes: empty to fill in by hand, or the recorded correction ticked.
  line(doc, `${PDF_TEXT_DA.correctedGroup}:`, LEFT, y + 1, labelWidth, { size: 8, color: COLOR.muted });
  const chosen = c ? (c.correctedSubgroup ?? String(c.correctedTargetGroup)) : null;
  let x = LEFT + labelWidth;
  for (const option of ['1', '2', '2a', '2b']) {
    doc.save().rect(x, y + 1, 8, 8).lineWidth(0.8).strokeColor(COLOR.ink).stroke().restore();
    if (option === chosen) {
      doc.save().moveTo(x + 1.5, y + 2.5).lineTo(x + 6.5, y + 7.5).moveTo(x + 6.5, y + 2.5).lineTo(x + 1.5, y + 7.5).lineWidth(1.3).strokeColor(COLOR.brand).stroke().restore();
    }
    line(doc, targetGroupLabelDa(option === '1' ? 1 : 2, option.length === 2 ? (option as '2a' | '2b') : null), x + 12, y + 1, 62, {
      font: option === chosen ? BOLD : REGULAR,
      size: 8.5,
      color: COLOR.ink,
    });
    x += 74;
  }
  line(doc, PDF_TEXT_DA.statisticalGroup(targetGroupLabelDa(v.targetGroup, v.subgroup)), x, y + 1.5, RIGHT - x, { size: 7.5, color: COLOR.muted, align: 'right' });
  y += 15;

  line(doc, `${PDF_TEXT_DA.comment}:`, LEFT, y, labelWidth, { size: 8, color: COLOR.muted });
  const commentX = LEFT + labelWidth;
  const commentWidth = RIGHT - commentX;
  if (c) {
    const given = c.comment !== null && c.comment.trim() !== '';
    const r = paragraph(doc, given ? maskCprsInText(c.comment!.trim()) : PDF_TEXT_DA.noComment, commentX, y, commentWidth, COMMENT_LINES, {
      font: given ? REGULAR : ITALIC,
      size: 8.3,
      color: given ? COLOR.ink : COLOR.muted,
      lineGap: COMMENT_STEP - 8.3 * 1.156,
    });
    if (r.truncated) line(doc, PDF_TEXT_DA.commentTruncated, commentX, y + COMMENT_LINES * COMMENT_STEP, commentWidth, { font: ITALIC, size: 7, color: COLOR.raise });
    y += COMMENT_LINES * COMMENT_STEP + 10;
    line(doc, PDF_TEXT_DA.registeredBy(c.caseworkerId, c.createdAt), LEFT, y, WIDTH, { size: 8, color: COLOR.ink });
  } else {
    for (let i = 1; i <= HANDWRITING_LINES; i++) doc.rect(commentX, y + i * HANDWRITING_STEP - 3, commentWidth, 0.5).fill(COLOR.faint);
    y += HANDWRITING_LINES * HANDWRITING_STEP + 6;
    line(doc, `${PDF_TEXT_DA.caseworker}:`, LEFT, y, labelWidth, { size: 8, color: COLOR.muted });
    doc.rect(LEFT + labelWidth, y + 9, 190, 0.5).fill(COLOR.faint);
    line(doc, `${PDF_TEXT_DA.date}:`, LEFT + labelWidth + 210, y, 40, { size: 8, color: COLOR.muted });
    doc.rect(LEFT + labelWidth + 236, y + 9, RIGHT - (LEFT + labelWidth + 236), 0.5).fill(COLOR.faint);
  }
}

/** Draws the statement and the footer line at the bottom; returns the statement's top. */
function drawFooter(doc: Doc, v: ValidScreeningPdfView): number {
  const footerY = BOTTOM - 8;
  const parts: string[] = [PDF_TEXT_DA.title];
  if (v.screeningId) parts.push(`${PDF_TEXT_DA.screeningId} ${v.screeningId}`);
  parts.push(`${PDF_TEXT_DA.modelVersion.toLowerCase()} ${v.modelVersion}`);
  if (v.printedAt) parts.push(PDF_TEXT_DA.printed(v.printedAt));
  line(doc, parts.join(' · '), LEFT, footerY, WIDTH - 60, { size: 6.5, color: COLOR.faint });
  line(doc, PDF_TEXT_DA.page, RIGHT - 60, footerY, 60, { size: 6.5, color: COLOR.faint, align: 'right' });

  const pad = 7;
  const textWidth = WIDTH - 2 * pad - 4;
  const text = toWinAnsi(PDF_TEXT_DA.statement);
  doc.font(BOLD).fontSize(8.3);
  const h = doc.heightOfString(text, { width: textWidth }) + 2 * pad;
  const top = footerY - 7 - h;
  doc.rect(LEFT, top, WIDTH, h).fill(COLOR.brandLight);
  doc.rect(LEFT, top, 4, h).fill(COLOR.brand);
  doc.font(BOLD).fontSize(8.3).fillColor(COLOR.brand).text(text, LEFT + pad + 4, top + pad, { width: textWidth });
  return top;
}

// ---------------------------------------------------------------------------------------------------
// Text helpers: everything is sanitised to WinAnsi and bounded to its box

function sectionHeading(doc: Doc, title: string, y: number, x = LEFT, width = WIDTH): number {
  line(doc, title.toUpperCase(), x, y, width, { font: BOLD, size: 8.5, color: COLOR.brand });
  doc.rect(x, y + 11, width, 0.6).fill(COLOR.rule);
  return y + 17;
}

/** One line of text cut with "…" to the width; returns whether it was cut. */
function line(doc: Doc, raw: string, x: number, y: number, width: number, style: TextStyle = {}): boolean {
  doc.font(style.font ?? REGULAR).fontSize(style.size ?? 9).fillColor(style.color ?? COLOR.ink);
  const text = toWinAnsi(raw).replace(/\s*\n\s*/g, ' ');
  let shown = text;
  if (doc.widthOfString(text) > width) {
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (doc.widthOfString(text.slice(0, mid).trimEnd() + '…') <= width) lo = mid;
      else hi = mid - 1;
    }
    shown = text.slice(0, lo).trimEnd() + '…';
  }
  doc.text(shown, x, y, { width, align: style.align ?? 'left', lineBreak: false });
  return shown !== text;
}

/** Wrapped text of at most `maxLines` lines, cut with "…" when longer; returns its height and whether it was cut. */
function paragraph(
  doc: Doc,
  raw: string,
  x: number,
  y: number,
  width: number,
  maxLines: number,
  style: TextStyle & { lineGap?: number } = {},
): { height: number; truncated: boolean } {
  doc.font(style.font ?? REGULAR).fontSize(style.size ?? 9).fillColor(style.color ?? COLOR.ink);
  const options = { width, lineGap: style.lineGap ?? 0 };
  const text = toWinAnsi(raw);
  const maxHeight = doc.heightOfString(Array.from({ length: maxLines }, () => 'X').join('\n'), options) + 0.01;
  let shown = text;
  if (doc.heightOfString(text, options) > maxHeight) {
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (doc.heightOfString(text.slice(0, mid).trimEnd() + '…', options) <= maxHeight) lo = mid;
      else hi = mid - 1;
    }
    shown = text.slice(0, lo).trimEnd() + '…';
  }
  doc.text(shown, x, y, options);
  return { height: doc.heightOfString(shown, options), truncated: shown !== text };
}
