/** The factors region: what raises and what lowers the member's risk, in words, with the odds ratios in a footnote. */
import { factorWeightDa, PDF_TEXT_DA } from '../../../i18n/da.js';
import { formatOddsRatioDa } from '../../../i18n/format.js';
import type { Factor } from '../../factors.js';
import { BOLD, COLOR, GUTTER, ITALIC, LEFT, line, paragraph, sectionHeading, textWidth, useStyle, WIDTH, type Doc } from '../layout.js';
import type { ValidScreeningPdfView } from '../view.js';

/** Height of a text wrapped to a width at 8 pt. */
function textHeight(doc: Doc, text: string, width: number): number {
  return doc.heightOfString(useStyle(doc, text, { size: 8 }), { width });
}

/** The raising and lowering factors in two columns, each with its weight in plain Danish; returns the region's bottom. */
export function drawFactors(doc: Doc, v: ValidScreeningPdfView, top: number): number {
  let y = sectionHeading(doc, PDF_TEXT_DA.factorsHeading, top);
  const colWidth = (WIDTH - GUTTER) / 2;
  const raising = v.factors.filter((f) => f.direction === 'raises');
  const lowering = v.factors.filter((f) => f.direction === 'lowers');
  const rows = Math.max(raising.length, lowering.length, 1);
  // What a factor is compared with may take two lines; a row is as tall as the taller of its pair.
  const comparedWidth = colWidth - 7;
  const comparedLines = (f: Factor | undefined) =>
    f ? Math.min(2, Math.round(textHeight(doc, f.comparedWith, comparedWidth) / textHeight(doc, 'X', comparedWidth))) : 1;
  // A label too long to have its weight beside it gets the weight on a line of its own.
  const weightBelow = (f: Factor | undefined) =>
    f !== undefined &&
    textWidth(doc, f.label, { font: BOLD, size: 8.5 }) + textWidth(doc, ` ${factorWeightDa(f.oddsRatio)}`, { font: BOLD, size: 8 }) + 2 >
      colWidth - 7;
  const rowLines = (f: Factor | undefined) => comparedLines(f) + (weightBelow(f) ? 1 : 0);
  const rowHeights = Array.from({ length: rows }, (_, i) => 12 + 9.4 * Math.max(rowLines(raising[i]), rowLines(lowering[i])));
  const rowTop = (i: number) => y + 16 + rowHeights.slice(0, i).reduce((a, b) => a + b, 0);
  const columns: [string, Factor[], string][] = [
    [PDF_TEXT_DA.raising, raising, COLOR.raise],
    [PDF_TEXT_DA.lowering, lowering, COLOR.lower],
  ];
  columns.forEach(([title, factors, color], c) => {
    const x = LEFT + c * (colWidth + GUTTER);
    line(doc, title, x, y, colWidth, { font: BOLD, size: 8.5, color });
    doc.rect(x, y + 11.5, colWidth, 0.8).fill(color);
    if (factors.length === 0) line(doc, PDF_TEXT_DA.noFactors, x, y + 16, colWidth, { font: ITALIC, size: 8, color: COLOR.muted });
    factors.forEach((f, i) => {
      const ry = rowTop(i);
      doc.rect(x, ry + 1, 2.5, rowHeights[i] - 4).fill(color);
      // The label and its weight in words on the first line, what it is compared with below.
      const below = weightBelow(f);
      const lw = below ? colWidth - 7 : textWidth(doc, f.label, { font: BOLD, size: 8.5 }) + 1;
      line(doc, f.label, x + 7, ry, lw, { font: BOLD, size: 8.5, color: COLOR.ink });
      const weight = factorWeightDa(f.oddsRatio);
      if (below) line(doc, weight, x + 7, ry + 10, colWidth - 7, { font: BOLD, size: 8, color });
      else line(doc, ` ${weight}`, x + 7 + lw, ry + 0.5, colWidth - 7 - lw, { font: BOLD, size: 8, color });
      paragraph(doc, f.comparedWith, x + 7, ry + (below ? 20 : 10.5), comparedWidth, 2, { size: 8, color: COLOR.muted });
    });
  });
  y = rowTop(rows) + 1;
  // The odds ratios for whoever wants the numbers, in the columns' order.
  const ratios = (fs: Factor[]) => fs.map((f) => formatOddsRatioDa(f.oddsRatio)).join(', ');
  const listed = [
    raising.length ? `${PDF_TEXT_DA.raising.toLowerCase()} ${ratios(raising)}` : '',
    lowering.length ? `${PDF_TEXT_DA.lowering.toLowerCase()} ${ratios(lowering)}` : '',
  ].filter((t) => t !== '');
  const note = paragraph(doc, PDF_TEXT_DA.factorsFootnote(listed.join('; ') || '–'), LEFT, y, WIDTH, 3, {
    font: ITALIC,
    size: 8,
    color: COLOR.muted,
  });
  return y + note.height;
}
