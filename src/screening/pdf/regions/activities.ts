/**
 * The activities region: the suggestions, each with its reasons in full (wrapped, never cut), fitted
 * into whatever room the page leaves them. When the caseworker's assessment changed the group, the
 * activities for the corrected group come first, with the member summary for that group under them,
 * and the statistical result's stand beside them.
 */
import { MEMBER_SUMMARY_DA, PDF_TEXT_DA, targetGroupLabelDa } from '../../../i18n/da.js';
import type { SuggestedActivity } from '../../rules.js';
import { BOLD, COLOR, GUTTER, ITALIC, LEFT, line, paragraph, sectionHeading, useStyle, WIDTH, type Doc } from '../layout.js';
import type { ValidScreeningPdfView } from '../view.js';

const TITLE_STEP = 10.5;
const TEXT_SIZE = 8;
const MAX_REASON_LINES = 4;
const MAX_DESCRIPTION_LINES = 4;
const ITEM_GAP = 4;
const MORE_HEIGHT = 11;

interface Column {
  x: number;
  width: number;
}

/** Height of a wrapped text at the activities' small size. */
function textHeight(doc: Doc, text: string, width: number): number {
  return doc.heightOfString(useStyle(doc, text, { size: TEXT_SIZE }), { width });
}

/** Height of one activity: its title, its reasons and, when `withDescription`, its description. */
function itemHeight(doc: Doc, a: SuggestedActivity, width: number, withDescription: boolean): number {
  const w = width - 11;
  const lineHeight = textHeight(doc, 'X', w);
  const reasons = Math.min(textHeight(doc, a.reasons.join('; '), w), MAX_REASON_LINES * lineHeight + 0.01);
  const description = withDescription ? Math.min(textHeight(doc, a.description, w), MAX_DESCRIPTION_LINES * lineHeight + 0.01) : 0;
  return TITLE_STEP + reasons + description + ITEM_GAP;
}

/** Where each activity goes, column by column from the top; the ones that do not fit are left out. */
function place(doc: Doc, items: readonly SuggestedActivity[], columns: Column[], top: number, bottoms: number[], rich: boolean) {
  const placed: { a: SuggestedActivity; x: number; y: number; width: number }[] = [];
  let c = 0;
  let y = top;
  for (const a of items) {
    const h = itemHeight(doc, a, columns[c].width, rich);
    while (c < columns.length && y + h > bottoms[c]) {
      c++;
      y = top;
    }
    if (c >= columns.length) break;
    placed.push({ a, x: columns[c].x, y, width: columns[c].width });
    y += h;
  }
  return { placed, end: { column: Math.min(c, columns.length - 1), y } };
}

/** Draws a list of activities into the columns between `top` and `bottom`, with a note for any left out; returns where the last column's text ends. */
function drawList(doc: Doc, items: readonly SuggestedActivity[], columns: Column[], top: number, bottom: number): number {
  if (items.length === 0) {
    line(doc, PDF_TEXT_DA.noActivities, columns[0].x, top, columns[0].width, { font: ITALIC, size: 8, color: COLOR.muted });
    return top + MORE_HEIGHT;
  }
  const full = columns.map(() => bottom);
  // Descriptions only when every activity fits with its description; else title and reasons alone.
  const rich = place(doc, items, columns, top, full, true);
  let layout = rich.placed.length === items.length ? rich : place(doc, items, columns, top, full, false);
  const overflow = layout.placed.length < items.length;
  if (overflow) {
    // Room for the note in the last column.
    layout = place(
      doc,
      items,
      columns,
      top,
      columns.map((_, i) => (i === columns.length - 1 ? bottom - MORE_HEIGHT : bottom)),
      false,
    );
  }
  const withDescription = layout === rich;
  if (layout.placed.length === 0) {
    // Not even one fits: the count and where to find them.
    line(doc, PDF_TEXT_DA.activitiesElsewhere(items.length), columns[0].x, top, columns[0].width, {
      font: ITALIC,
      size: 8,
      color: COLOR.muted,
    });
    return top + MORE_HEIGHT;
  }
  for (const { a, x, y, width } of layout.placed) {
    doc
      .save()
      .rect(x, y + 1.5, 7, 7)
      .lineWidth(0.7)
      .strokeColor(COLOR.brand)
      .stroke()
      .restore();
    line(doc, a.title, x + 11, y, width - 11, { font: BOLD, size: 8.5, color: COLOR.ink });
    const r = paragraph(doc, a.reasons.join('; '), x + 11, y + TITLE_STEP, width - 11, MAX_REASON_LINES, {
      size: TEXT_SIZE,
      color: COLOR.muted,
    });
    if (withDescription)
      paragraph(doc, a.description, x + 11, y + TITLE_STEP + r.height, width - 11, MAX_DESCRIPTION_LINES, {
        size: TEXT_SIZE,
        color: COLOR.ink,
      });
  }
  const lastColumn = columns[columns.length - 1];
  const end = layout.placed
    .filter((p) => p.x === lastColumn.x)
    .reduce((m, p) => Math.max(m, p.y + itemHeight(doc, p.a, p.width, withDescription)), top);
  if (overflow) {
    const last = columns[columns.length - 1];
    const lastY = layout.placed
      .filter((p) => p.x === last.x)
      .reduce((m, p) => Math.max(m, p.y + itemHeight(doc, p.a, p.width, false)), top);
    line(
      doc,
      PDF_TEXT_DA.moreActivities(items.length - layout.placed.length),
      last.x + 11,
      Math.min(lastY, bottom - MORE_HEIGHT),
      last.width - 11,
      {
        font: ITALIC,
        size: 8,
        color: COLOR.muted,
      },
    );
    return Math.min(lastY, bottom - MORE_HEIGHT) + MORE_HEIGHT;
  }
  return end;
}

/** The suggested activities between `top` and `bottom`: one list in two columns, or the corrected group's beside the statistical ones. */
export function drawActivities(doc: Doc, v: ValidScreeningPdfView, top: number, bottom: number): void {
  const y = sectionHeading(doc, PDF_TEXT_DA.activitiesHeading, top);
  const colWidth = (WIDTH - GUTTER) / 2;
  const left: Column = { x: LEFT, width: colWidth };
  const right: Column = { x: LEFT + colWidth + GUTTER, width: colWidth };
  if (!v.current) {
    drawList(doc, v.activities, [left, right], y, bottom);
    return;
  }
  const current = PDF_TEXT_DA.activitiesCurrent(targetGroupLabelDa(v.current.targetGroup, v.current.subgroup));
  const statistical = PDF_TEXT_DA.activitiesStatistical(targetGroupLabelDa(v.targetGroup, v.subgroup));
  line(doc, current, left.x, y, left.width, { font: BOLD, size: 8.5, color: COLOR.brand });
  line(doc, statistical, right.x, y, right.width, { font: BOLD, size: 8.5, color: COLOR.muted });
  // What the correction changes comes first in each list, so it is on the page even when the rest is not.
  const differing = (list: readonly SuggestedActivity[], other: readonly SuggestedActivity[]) => {
    const codes = new Set(other.map((a) => a.code));
    return [...list.filter((a) => !codes.has(a.code)), ...list.filter((a) => codes.has(a.code))];
  };
  drawCurrentColumn(doc, v.current, differing(v.current.activities, v.activities), left, y + 13, bottom);
  drawList(doc, differing(v.activities, v.current.activities), [right], y + 13, bottom);
}

const SUMMARY_HEADING_STEP = 11;
/** Space between the corrected group's activities and its member summary. */
const SUMMARY_GAP = 3;
/** The member summary keeps its heading and this many lines under the corrected group's activities, when the first activity leaves room. */
const SUMMARY_MIN_LINES = 2;

/**
 * The member summary as the caseworker's copy prints it: its group-specific lines. The fixed opening
 * and closing sentences (MEMBER_SUMMARY_DA, the same for every member) are left off, since the page has
 * little room and they tell the caseworker nothing.
 */
function summaryBody(summary: string): string {
  const fixed = new Set<string>([MEMBER_SUMMARY_DA.intro, MEMBER_SUMMARY_DA.closing]);
  return summary
    .split('\n')
    .filter((l) => !fixed.has(l))
    .join('\n');
}

/**
 * The corrected group's activities and, under them, its member summary in one column: the list first
 * (its first activity always, the rest leaving room for the summary's heading and two lines), then the
 * summary in whatever is left, shortened with "…" when it does not fit (the case system holds the full
 * text), or a pointer to the case system when not one line fits.
 */
function drawCurrentColumn(
  doc: Doc,
  current: NonNullable<ValidScreeningPdfView['current']>,
  items: readonly SuggestedActivity[],
  column: Column,
  top: number,
  bottom: number,
): void {
  const body = summaryBody(current.memberSummary);
  const lineHeight = textHeight(doc, 'X', column.width);
  const reserve = SUMMARY_GAP + SUMMARY_HEADING_STEP + SUMMARY_MIN_LINES * lineHeight;
  // The corrected group's first activity comes before the summary: it is what the correction changes.
  // (With more to come, the list's note of the others needs its line under it too.)
  const first = items.length > 0 ? itemHeight(doc, items[0], column.width, false) + (items.length > 1 ? MORE_HEIGHT : 0) : MORE_HEIGHT;
  const listEnd = drawList(doc, items, [column], top, Math.min(bottom, Math.max(bottom - reserve, top + first)));
  const group = targetGroupLabelDa(current.targetGroup, current.subgroup);
  const heading = PDF_TEXT_DA.memberSummaryCurrent(group);
  const y = listEnd + SUMMARY_GAP;
  const lines = Math.floor((bottom - y - SUMMARY_HEADING_STEP) / lineHeight);
  if (lines < 1) {
    // No room for a line of it: say where it is, on one line if even that fits.
    if (bottom - listEnd >= SUMMARY_HEADING_STEP)
      line(doc, `${heading}: ${PDF_TEXT_DA.memberSummaryElsewhere}`, column.x, listEnd, column.width, {
        font: ITALIC,
        size: 8,
        color: COLOR.muted,
      });
    return;
  }
  line(doc, heading, column.x, y, column.width, { font: BOLD, size: 8.5, color: COLOR.brand });
  paragraph(doc, body, column.x, y + SUMMARY_HEADING_STEP, column.width, lines, { size: TEXT_SIZE, color: COLOR.ink });
}
