/** The header: title, the fund's name, contact and logo, confidentiality, the screening's identity and when it happened. */
import { OCCASION_LABELS_DA, PDF_TEXT_DA } from '../../../i18n/da.js';
import { formatDateDa, formatDateTimeDa } from '../../../i18n/format.js';
import { BOLD, COLOR, LEFT, line, paragraph, REGULAR, RIGHT, useStyle, WIDTH, type Doc } from '../layout.js';
import type { ValidScreeningPdfView } from '../view.js';

const LOGO_BOX = { width: 90, height: 30 };

/** Title, fund, confidentiality note and the CPR / date / model / policy fields; returns the region's bottom. */
export function drawHeader(doc: Doc, v: ValidScreeningPdfView, top: number): number {
  line(doc, PDF_TEXT_DA.title, LEFT, top, WIDTH * 0.48, { font: BOLD, size: 17, color: COLOR.brand });
  line(doc, PDF_TEXT_DA.subtitle, LEFT, top + 21, WIDTH * 0.48, { size: 8.5, color: COLOR.muted });
  line(doc, PDF_TEXT_DA.confidential, LEFT, top + 32, WIDTH * 0.48, { size: 8, color: COLOR.raise });

  // The fund's block at the right: the logo at the edge, name and contact beside it.
  let textRight = RIGHT;
  if (v.fund.logo) {
    doc.image(Buffer.from(v.fund.logo), RIGHT - LOGO_BOX.width, top, { fit: [LOGO_BOX.width, LOGO_BOX.height], align: 'right' });
    textRight = RIGHT - LOGO_BOX.width - 8;
  }
  const blockLeft = LEFT + WIDTH * 0.5;
  if (v.fund.name) line(doc, v.fund.name, blockLeft, top + 2, textRight - blockLeft, { font: BOLD, size: 10, align: 'right' });
  if (v.fund.contact)
    paragraph(doc, v.fund.contact, blockLeft, top + 15, textRight - blockLeft, 2, { size: 8, color: COLOR.muted, align: 'right' });

  let y = top + 44;
  doc.rect(LEFT, y, WIDTH, 2).fill(COLOR.brand);
  y += 6;
  const fields: [string, string][] = [
    [PDF_TEXT_DA.cpr, v.maskedCpr],
    [PDF_TEXT_DA.screenedAt, formatDateTimeDa(v.screenedAt)],
    [PDF_TEXT_DA.modelVersion, v.modelVersion],
    [PDF_TEXT_DA.policyVersion, v.policyVersion ?? '–'],
  ];
  const widths = [0.18, 0.32, 0.25, 0.25].map((f) => f * WIDTH);
  let x = LEFT;
  fields.forEach(([label, value], i) => {
    line(doc, label.toUpperCase(), x, y, widths[i] - 8, { size: 8, color: COLOR.muted });
    line(doc, value, x, y + 10, widths[i] - 8, { font: BOLD, size: 9.5, color: COLOR.ink });
    x += widths[i];
  });
  y += 23;
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
  const heading = useStyle(doc, PDF_TEXT_DA.simulatedHeading, { font: BOLD, size: 8 }) + ' ';
  const text = useStyle(doc, PDF_TEXT_DA.simulatedText(v.modelVersion), { font: BOLD, size: 8 });
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
