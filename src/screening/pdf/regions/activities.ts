/** The activities region: the suggestions fitted into whatever room the page leaves them. */
import { PDF_TEXT_DA } from '../../../i18n/da.js';
import { BOLD, COLOR, GUTTER, ITALIC, LEFT, line, paragraph, sectionHeading, WIDTH, type Doc } from '../layout.js';
import type { ValidScreeningPdfView } from '../view.js';
import { toWinAnsi } from '../winAnsi.js';

/**
 * The suggested activities in two columns, between `top` and `bottom`: title and reason on two lines
 * when they fit, else one compact line each, else as many as fit and a note that there are more.
 */
export function drawActivities(doc: Doc, v: ValidScreeningPdfView, top: number, bottom: number): void {
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
    doc
      .save()
      .rect(p.x, p.y + 1.2, 6.5, 6.5)
      .lineWidth(0.7)
      .strokeColor(COLOR.brand)
      .stroke()
      .restore();
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
      if (tw + 40 < colWidth - 11)
        line(doc, ` – ${reasons}`, p.x + 11 + tw, p.y + 0.8, colWidth - 11 - tw, { size: 6.6, color: COLOR.muted });
    }
  });
  if (overflow) {
    const p = at(shown.length);
    line(doc, PDF_TEXT_DA.moreActivities(v.activities.length - shown.length), p.x + 11, p.y, colWidth - 11, {
      font: ITALIC,
      size: 8,
      color: COLOR.muted,
    });
  }
}
