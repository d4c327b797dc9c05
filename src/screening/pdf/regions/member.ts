/** The member region: the questionnaire answers and the characteristics, as buildView.ts formatted them. */
import { PDF_TEXT_DA } from '../../../i18n/da.js';
import { BOLD, COLOR, GUTTER, LEFT, line, paragraph, RIGHT, sectionHeading, type Doc } from '../layout.js';
import type { ValidScreeningPdfView } from '../view.js';

/** The Q2/Q10 answers beside the member's key characteristics; returns the taller column's bottom. */
export function drawAnswersAndCharacteristics(doc: Doc, v: ValidScreeningPdfView, top: number): number {
  const leftWidth = 215;
  const rx = LEFT + leftWidth + GUTTER;
  const rightWidth = RIGHT - rx;
  sectionHeading(doc, PDF_TEXT_DA.answersHeading, top, LEFT, leftWidth);
  const y0 = sectionHeading(doc, PDF_TEXT_DA.characteristicsHeading, top, rx, rightWidth);

  // Questionnaire answers.
  let y = y0;
  y += paragraph(doc, PDF_TEXT_DA.q2Question, LEFT, y, leftWidth, 2, { size: 8, color: COLOR.muted }).height + 1.5;
  y += paragraph(doc, v.member.q2Answer, LEFT, y, leftWidth, 2, { font: BOLD, size: 8.5, color: COLOR.ink }).height + 6;
  y += paragraph(doc, PDF_TEXT_DA.q10Question, LEFT, y, leftWidth, 2, { size: 8, color: COLOR.muted }).height + 1.5;
  const barriers = v.member.q10Barriers;
  if (barriers.length === 0) {
    // "Yes" with nothing ticked is still yes: the member said something makes it hard.
    const answer = v.member.q10HasBarriers ? PDF_TEXT_DA.q10YesNoneTicked : PDF_TEXT_DA.q10None;
    y += paragraph(doc, answer, LEFT, y, leftWidth, 2, { font: BOLD, size: 8.5, color: COLOR.ink }).height;
  } else if (barriers.length <= 5) {
    line(doc, `${PDF_TEXT_DA.yes}:`, LEFT, y, leftWidth, { font: BOLD, size: 8.5, color: COLOR.ink });
    y += 11;
    for (const b of barriers) {
      line(doc, `•  ${b}`, LEFT + 4, y, leftWidth - 4, { size: 8.5, color: COLOR.ink });
      y += 10.5;
    }
  } else {
    // Many barriers as one wrapped list keep the column as tall as the characteristics beside it.
    y += paragraph(doc, `${PDF_TEXT_DA.yes}: ${barriers.join(' • ')}`, LEFT, y, leftWidth, 6, {
      size: 8.5,
      color: COLOR.ink,
      lineGap: 0.5,
    }).height;
  }
  const leftBottom = y;

  // Key characteristics.
  y = y0;
  const labelWidth = 118;
  for (const { label, value } of v.member.characteristics) {
    line(doc, label, rx, y, labelWidth - 6, { size: 8, color: COLOR.muted });
    line(doc, value, rx + labelWidth, y - 0.5, rightWidth - labelWidth, { size: 8.5, color: COLOR.ink });
    doc.rect(rx, y + 9.7, rightWidth, 0.3).fill(COLOR.rule);
    y += 10.6;
  }
  return Math.max(leftBottom, y);
}
