/** The page's bottom: the statement that the score supports, not replaces, the caseworker, and the footer line. */
import { PDF_TEXT_DA } from '../../../i18n/da.js';
import { BOLD, BOTTOM, COLOR, LEFT, line, RIGHT, useStyle, WIDTH, type Doc } from '../layout.js';
import type { ValidScreeningPdfView } from '../view.js';

/** Draws the statement and the footer line at the bottom; returns the statement's top. */
export function drawFooter(doc: Doc, v: ValidScreeningPdfView): number {
  const footerY = BOTTOM - 9;
  const parts: string[] = [PDF_TEXT_DA.title];
  if (v.screeningId) parts.push(`${PDF_TEXT_DA.screeningId} ${v.screeningId}`);
  parts.push(`${PDF_TEXT_DA.modelVersion.toLowerCase()} ${v.modelVersion}`);
  if (v.printedAt) parts.push(PDF_TEXT_DA.printed(v.printedAt));
  line(doc, parts.join(' · '), LEFT, footerY, WIDTH - 60, { size: 8, color: COLOR.muted });
  line(doc, PDF_TEXT_DA.page, RIGHT - 60, footerY, 60, { size: 8, color: COLOR.muted, align: 'right' });

  const pad = 6;
  const textWidth = WIDTH - 2 * pad - 4;
  const text = useStyle(doc, PDF_TEXT_DA.statement, { font: BOLD, size: 8.5, color: COLOR.brand });
  const h = doc.heightOfString(text, { width: textWidth }) + 2 * pad;
  const top = footerY - 6 - h;
  doc.rect(LEFT, top, WIDTH, h).fill(COLOR.brandLight);
  doc.rect(LEFT, top, 4, h).fill(COLOR.brand);
  useStyle(doc, '', { font: BOLD, size: 8.5, color: COLOR.brand });
  doc.text(text, LEFT + pad + 4, top + pad, { width: textWidth });
  return top;
}
