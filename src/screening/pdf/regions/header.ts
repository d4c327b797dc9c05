/** The page's header and, for a model trained on simulated data, the notice that says so. */
import { OCCASION_LABELS_DA, PDF_TEXT_DA } from '../../../i18n/da.js';
import { formatDateDa, formatDateTimeDa } from '../../../i18n/format.js';
import { BOLD, COLOR, LEFT, line, REGULAR, WIDTH, type Doc } from '../layout.js';
import type { ValidScreeningPdfView } from '../view.js';
import { toWinAnsi } from '../winAnsi.js';

/** Title, fund, confidentiality note and the CPR / date / model / policy fields; returns the region's bottom. */
export function drawHeader(doc: Doc, v: ValidScreeningPdfView, top: number): number {
  line(doc, PDF_TEXT_DA.title, LEFT, top, WIDTH * 0.6, { font: BOLD, size: 17, color: COLOR.brand });
  line(doc, PDF_TEXT_DA.subtitle, LEFT, top + 20, WIDTH * 0.62, { size: 8.5, color: COLOR.muted });
  if (v.fundName)
    line(doc, v.fundName, LEFT + WIDTH * 0.6, top + 3, WIDTH * 0.4, { font: BOLD, size: 10, color: COLOR.ink, align: 'right' });
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
  y += 22;
  if (v.timing === null) return y;
  const t = v.timing;
  const start = t.benefitPeriodStart === null ? PDF_TEXT_DA.benefitPeriodUnknown : formatDateDa(t.benefitPeriodStart);
  const timing =
    `${PDF_TEXT_DA.occasion}: ${OCCASION_LABELS_DA[t.occasion]}   ·   ${PDF_TEXT_DA.screeningDate}: ${formatDateDa(t.screeningDate)}` +
    `   ·   ${PDF_TEXT_DA.benefitPeriodStart}: ${start}`;
  line(doc, timing, LEFT, y, WIDTH, { size: 8, color: COLOR.ink });
  return y + 12;
}

/** The warning that the model was trained on simulated data; returns its bottom. */
export function drawSimulatedNotice(doc: Doc, v: ValidScreeningPdfView, top: number): number {
  const pad = 5;
  const textWidth = WIDTH - 2 * pad - 4;
  const heading = toWinAnsi(PDF_TEXT_DA.simulatedHeading) + ' ';
  const text = toWinAnsi(PDF_TEXT_DA.simulatedText(v.modelVersion));
  doc.font(BOLD).fontSize(8);
  const h = doc.heightOfString(heading + text, { width: textWidth }) + 2 * pad;
  doc.rect(LEFT, top, WIDTH, h).fill(COLOR.warnFill);
  doc.rect(LEFT, top, 4, h).fill(COLOR.warnLine);
  doc
    .font(BOLD)
    .fontSize(8)
    .fillColor(COLOR.warnLine)
    .text(heading, LEFT + pad + 4, top + pad, { width: textWidth, continued: true });
  doc.font(REGULAR).fillColor(COLOR.ink).text(text);
  return top + h;
}
