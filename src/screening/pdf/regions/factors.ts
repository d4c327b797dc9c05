/** The factors region: what raises and what lowers the member's score, against which baseline. */
import { PDF_TEXT_DA } from '../../../i18n/da.js';
import { formatOddsRatioDa } from '../../../i18n/format.js';
import type { Factor } from '../../factors.js';
import { BOLD, COLOR, GUTTER, ITALIC, LEFT, line, paragraph, sectionHeading, WIDTH, type Doc } from '../layout.js';
import type { ValidScreeningPdfView } from '../view.js';

/** The raising and lowering factors in two columns with their odds ratios; returns the region's bottom. */
export function drawFactors(doc: Doc, v: ValidScreeningPdfView, top: number): number {
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
      line(doc, formatOddsRatioDa(f.oddsRatio), x + colWidth - oddsWidth, ry + 2, oddsWidth, {
        font: BOLD,
        size: 9,
        color,
        align: 'right',
      });
    });
  });
  y += 17 + rows * rowHeight;
  const note = paragraph(doc, PDF_TEXT_DA.factorsNote, LEFT, y, WIDTH, 2, { font: ITALIC, size: 6.8, color: COLOR.faint });
  return y + note.height;
}
