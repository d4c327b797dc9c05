/** The caseworker's assessment: an empty form to fill in by hand, or the assessment recorded with its reason and the earlier ones. */
import { ASSESSMENT_REASONS_DA, PDF_TEXT_DA, targetGroupLabelDa } from '../../../i18n/da.js';
import { formatDateTimeDa } from '../../../i18n/format.js';
import { ASSESSMENT_REASONS } from '../../assessmentReason.js';
import {
  BOLD,
  COLOR,
  ITALIC,
  LEFT,
  line,
  paragraph,
  REGULAR,
  RIGHT,
  sectionHeading,
  textWidth,
  useStyle,
  WIDTH,
  type Doc,
} from '../layout.js';
import type { ValidScreeningPdfView } from '../view.js';

/** How much of the assessment the page has room for: `compact` when the page is full. */
export type CorrectionFit = 'full' | 'compact';

const commentMax = (fit: CorrectionFit) => (fit === 'full' ? 3 : 2);
const historyMax = (fit: CorrectionFit) => (fit === 'full' ? 3 : 0);
const COMMENT_STEP = 11;
const HANDWRITING_LINES = 3;
const HANDWRITING_STEP = 15;
const HISTORY_STEP = 10.5;
const LABEL_WIDTH = 118;

/** How many earlier assessments are listed, and whether a line says there are more. */
function historyShown(
  v: ValidScreeningPdfView,
  fit: CorrectionFit,
): { entries: ValidScreeningPdfView['earlierCorrections']; more: number } {
  const earlier = [...v.earlierCorrections].reverse();
  const max = historyMax(fit);
  if (earlier.length <= max) return { entries: earlier, more: 0 };
  // Compact: no list, only the count on the line of the current assessment.
  if (max === 0) return { entries: [], more: earlier.length };
  return { entries: earlier.slice(0, max - 1), more: earlier.length - (max - 1) };
}

/** Lines the recorded comment takes, at most COMMENT_LINES, plus one for the note when it is cut. */
function commentLines(doc: Doc, v: ValidScreeningPdfView, fit: CorrectionFit): number {
  const COMMENT_LINES = commentMax(fit);
  const comment = v.correction?.comment?.trim() || PDF_TEXT_DA.noComment;
  const text = useStyle(doc, comment, { size: 8.5 });
  const lines = Math.ceil(doc.heightOfString(text, { width: RIGHT - LEFT - LABEL_WIDTH }) / doc.heightOfString('X') - 0.01);
  return lines > COMMENT_LINES ? COMMENT_LINES + 1 : Math.max(lines, 1);
}

/** Height of the correction region: a recorded assessment (its comment's length, its history) and an empty form differ. */
export function correctionHeight(doc: Doc, v: ValidScreeningPdfView, fit: CorrectionFit): number {
  const body = v.correction ? commentLines(doc, v, fit) * COMMENT_STEP + 3 : HANDWRITING_LINES * HANDWRITING_STEP + 6;
  const h = historyShown(v, fit);
  const history = h.entries.length ? 13 + (h.entries.length + (h.more ? 1 : 0)) * HISTORY_STEP : 0;
  return 17 + 15 + 14 + body + 11 + history;
}

/** A check box, ticked or not, at (x, y). */
function box(doc: Doc, x: number, y: number, ticked: boolean): void {
  doc.save().rect(x, y, 8, 8).lineWidth(0.8).strokeColor(COLOR.ink).stroke().restore();
  if (!ticked) return;
  doc
    .save()
    .moveTo(x + 1.5, y + 1.5)
    .lineTo(x + 6.5, y + 6.5)
    .moveTo(x + 6.5, y + 1.5)
    .lineTo(x + 1.5, y + 6.5)
    .lineWidth(1.3)
    .strokeColor(COLOR.brand)
    .stroke()
    .restore();
}

const groupLabel = (g: 1 | 2, s: '2a' | '2b' | null) => targetGroupLabelDa(g, s);
const reasonLabel = (r: string | null) => (r === null ? PDF_TEXT_DA.noReason : (ASSESSMENT_REASONS_DA[r] ?? r));

/** The form: target-group boxes, reason and comment to fill in, or the recorded assessment (its comment already CPR-masked) and the earlier ones. */
export function drawCorrection(doc: Doc, v: ValidScreeningPdfView, top: number, fit: CorrectionFit): void {
  const COMMENT_LINES = commentMax(fit);
  let y = sectionHeading(doc, PDF_TEXT_DA.correctionHeading, top);
  const c = v.correction;

  line(doc, `${PDF_TEXT_DA.correctedGroup}:`, LEFT, y + 1, LABEL_WIDTH, { size: 8, color: COLOR.muted });
  const chosen = c ? (c.correctedSubgroup ?? String(c.correctedTargetGroup)) : null;
  let x = LEFT + LABEL_WIDTH;
  for (const option of ['1', '2', '2a', '2b']) {
    box(doc, x, y + 1.5, option === chosen);
    line(doc, groupLabel(option === '1' ? 1 : 2, option.length === 2 ? (option as '2a' | '2b') : null), x + 12, y + 1, 62, {
      font: option === chosen ? BOLD : REGULAR,
      size: 8.5,
      color: COLOR.ink,
    });
    x += 74;
  }
  line(doc, PDF_TEXT_DA.statisticalGroup(groupLabel(v.targetGroup, v.subgroup)), x, y + 1.5, RIGHT - x, {
    size: 8,
    color: COLOR.muted,
    align: 'right',
  });
  y += 15;

  line(doc, `${PDF_TEXT_DA.reason}:`, LEFT, y, LABEL_WIDTH, { size: 8, color: COLOR.muted });
  if (c) {
    line(doc, reasonLabel(c.reason), LEFT + LABEL_WIDTH, y - 0.5, RIGHT - LEFT - LABEL_WIDTH, {
      font: c.reason ? BOLD : ITALIC,
      size: 8.5,
      color: c.reason ? COLOR.ink : COLOR.muted,
    });
  } else {
    // The fixed list as boxes to tick, spaced to fill the line.
    // The form's labels without the parenthesis ("Andet (se kommentar)"): the comment lines are just below.
    const labels = ASSESSMENT_REASONS.map((r) => reasonLabel(r).replace(/\s*\(.*\)$/, ''));
    const widths = labels.map((l) => textWidth(doc, l, { size: 8 }) + 11);
    // The list starts right after its label rather than at the column of the other fields, so all six fit on one line.
    const start = LEFT + textWidth(doc, `${PDF_TEXT_DA.reason}:`, { size: 8 }) + 10;
    const gap = Math.max(3, (RIGHT - start - widths.reduce((a, b) => a + b, 0)) / (labels.length - 1));
    let rx = start;
    labels.forEach((l, i) => {
      box(doc, rx, y + 0.5, false);
      line(doc, l, rx + 11, y, Math.max(0, Math.min(widths[i], RIGHT - rx - 11)), { size: 8, color: COLOR.ink });
      rx += widths[i] + gap;
    });
  }
  y += 14;

  line(doc, `${PDF_TEXT_DA.comment}:`, LEFT, y, LABEL_WIDTH, { size: 8, color: COLOR.muted });
  const commentX = LEFT + LABEL_WIDTH;
  const commentWidth = RIGHT - commentX;
  if (c) {
    const given = c.comment !== null && c.comment.trim() !== '';
    const r = paragraph(doc, given ? c.comment!.trim() : PDF_TEXT_DA.noComment, commentX, y, commentWidth, COMMENT_LINES, {
      font: given ? REGULAR : ITALIC,
      size: 8.5,
      color: given ? COLOR.ink : COLOR.muted,
      lineGap: COMMENT_STEP - 8.5 * 1.164,
    });
    if (r.truncated)
      line(doc, PDF_TEXT_DA.commentTruncated, commentX, y + COMMENT_LINES * COMMENT_STEP, commentWidth, {
        font: ITALIC,
        size: 8,
        color: COLOR.raise,
      });
    y += commentLines(doc, v, fit) * COMMENT_STEP + 3;
    const h = historyShown(v, fit);
    const registered = PDF_TEXT_DA.registeredBy(c.caseworkerId, c.createdAt);
    const countOnly = h.entries.length === 0 && h.more > 0 ? ` · ${PDF_TEXT_DA.historyCount(h.more)}` : '';
    line(doc, registered + countOnly, LEFT, y, WIDTH, { size: 8.5, color: COLOR.ink });
    y += 11;
    if (h.entries.length) {
      y += 2;
      line(doc, `${PDF_TEXT_DA.history}:`, LEFT, y, LABEL_WIDTH, { font: BOLD, size: 8, color: COLOR.muted });
      y += 11;
      for (const e of h.entries) {
        const text = PDF_TEXT_DA.historyEntry(
          formatDateTimeDa(e.createdAt),
          e.caseworkerId,
          groupLabel(e.correctedTargetGroup, e.correctedSubgroup),
          reasonLabel(e.reason),
        );
        line(doc, text, LEFT + 8, y, WIDTH - 8, { size: 8, color: COLOR.ink });
        y += HISTORY_STEP;
      }
      if (h.more) line(doc, PDF_TEXT_DA.moreHistory(h.more), LEFT + 8, y, WIDTH - 8, { font: ITALIC, size: 8, color: COLOR.muted });
    }
  } else {
    for (let i = 1; i <= HANDWRITING_LINES; i++) doc.rect(commentX, y + i * HANDWRITING_STEP - 3, commentWidth, 0.5).fill(COLOR.faint);
    y += HANDWRITING_LINES * HANDWRITING_STEP + 6;
    line(doc, `${PDF_TEXT_DA.caseworker}:`, LEFT, y, LABEL_WIDTH, { size: 8, color: COLOR.muted });
    doc.rect(LEFT + LABEL_WIDTH, y + 9, 190, 0.5).fill(COLOR.faint);
    line(doc, `${PDF_TEXT_DA.date}:`, LEFT + LABEL_WIDTH + 210, y, 40, { size: 8, color: COLOR.muted });
    doc.rect(LEFT + LABEL_WIDTH + 236, y + 9, RIGHT - (LEFT + LABEL_WIDTH + 236), 0.5).fill(COLOR.faint);
  }
}
