/** The caseworker's correction: an empty form to fill in by hand, or the correction recorded. */
import { PDF_TEXT_DA, targetGroupLabelDa } from '../../../i18n/da.js';
import { BOLD, COLOR, ITALIC, LEFT, line, paragraph, REGULAR, RIGHT, sectionHeading, WIDTH, type Doc } from '../layout.js';
import type { ValidScreeningPdfView } from '../view.js';

const COMMENT_LINES = 3;
const COMMENT_STEP = 11;
const HANDWRITING_LINES = 3;
const HANDWRITING_STEP = 15;

/** Height of the correction region: a filled-in correction and an empty form differ. */
export function correctionHeight(v: ValidScreeningPdfView): number {
  const body = v.correction ? COMMENT_LINES * COMMENT_STEP + 10 : HANDWRITING_LINES * HANDWRITING_STEP + 6;
  return 17 + 15 + body + 11;
}

/** The correction form: target-group boxes and comment lines to fill in, or the recorded correction (its comment already CPR-masked). */
export function drawCorrection(doc: Doc, v: ValidScreeningPdfView, top: number): void {
  let y = sectionHeading(doc, PDF_TEXT_DA.correctionHeading, top);
  const c = v.correction;
  const labelWidth = 112;

  // Target-group boxes: empty to fill in by hand, or the recorded correction ticked.
  line(doc, `${PDF_TEXT_DA.correctedGroup}:`, LEFT, y + 1, labelWidth, { size: 8, color: COLOR.muted });
  const chosen = c ? (c.correctedSubgroup ?? String(c.correctedTargetGroup)) : null;
  let x = LEFT + labelWidth;
  for (const option of ['1', '2', '2a', '2b']) {
    doc
      .save()
      .rect(x, y + 1, 8, 8)
      .lineWidth(0.8)
      .strokeColor(COLOR.ink)
      .stroke()
      .restore();
    if (option === chosen) {
      doc
        .save()
        .moveTo(x + 1.5, y + 2.5)
        .lineTo(x + 6.5, y + 7.5)
        .moveTo(x + 6.5, y + 2.5)
        .lineTo(x + 1.5, y + 7.5)
        .lineWidth(1.3)
        .strokeColor(COLOR.brand)
        .stroke()
        .restore();
    }
    line(doc, targetGroupLabelDa(option === '1' ? 1 : 2, option.length === 2 ? (option as '2a' | '2b') : null), x + 12, y + 1, 62, {
      font: option === chosen ? BOLD : REGULAR,
      size: 8.5,
      color: COLOR.ink,
    });
    x += 74;
  }
  line(doc, PDF_TEXT_DA.statisticalGroup(targetGroupLabelDa(v.targetGroup, v.subgroup)), x, y + 1.5, RIGHT - x, {
    size: 7.5,
    color: COLOR.muted,
    align: 'right',
  });
  y += 15;

  line(doc, `${PDF_TEXT_DA.comment}:`, LEFT, y, labelWidth, { size: 8, color: COLOR.muted });
  const commentX = LEFT + labelWidth;
  const commentWidth = RIGHT - commentX;
  if (c) {
    const given = c.comment !== null && c.comment.trim() !== '';
    const r = paragraph(doc, given ? c.comment!.trim() : PDF_TEXT_DA.noComment, commentX, y, commentWidth, COMMENT_LINES, {
      font: given ? REGULAR : ITALIC,
      size: 8.3,
      color: given ? COLOR.ink : COLOR.muted,
      lineGap: COMMENT_STEP - 8.3 * 1.156,
    });
    if (r.truncated)
      line(doc, PDF_TEXT_DA.commentTruncated, commentX, y + COMMENT_LINES * COMMENT_STEP, commentWidth, {
        font: ITALIC,
        size: 7,
        color: COLOR.raise,
      });
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
