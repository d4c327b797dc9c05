/**
 * The member's one-page letter (A4, plain Danish), in the same PDF/A-2b document as the caseworker's
 * page (pdf/document.ts) and with the same bounded text helpers (pdf/layout.ts). The fixed texts are
 * measured first, so the variable lists (activities, factors) get exactly the room that is left and
 * are cut with a closing line rather than running onto a second page.
 */
import { MEMBER_LETTER_DA as T } from '../../i18n/daMemberLetter.js';
import { formatDateDa } from '../../i18n/format.js';
import { openPdfDocument } from '../pdf/document.js';
import { BOLD, BOTTOM, COLOR, LEFT, line, paragraph, TOP, useStyle, WIDTH, type Doc, type TextStyle } from '../pdf/layout.js';
import { memberLetterViewSchema, type MemberLetterView } from './view.js';

const BODY: TextStyle & { lineGap: number } = { size: 9.5, lineGap: 1 };
const HEADING: TextStyle = { font: BOLD, size: 11, color: COLOR.brand };
const HEADING_HEIGHT = 15;
const GAP = 8;
/** An activity or factor line: at most two lines of body text. */
const ITEM_LINES = 2;
const INDENT = 12;

/** Renders the member's one-page letter, in the summary or the explanation form. */
export async function renderMemberLetter(input: MemberLetterView): Promise<Buffer> {
  const v = memberLetterViewSchema.parse(input);
  const { doc, finish } = openPdfDocument(
    {
      title: `${T.title[v.form]} ${v.maskedCpr}`,
      subject: T.pdfSubject,
      author: v.fund.name ?? T.defaultSender,
      creationDate: new Date(v.screenedAt),
    },
    "the member's letter",
  );
  drawLetter(doc, v);
  return finish();
}

/** Height of a wrapped body text without drawing it. */
function textHeight(doc: Doc, text: string, width = WIDTH, style: TextStyle & { lineGap?: number } = BODY): number {
  return doc.heightOfString(useStyle(doc, text, style), { width, lineGap: style.lineGap ?? 0 });
}

/** A section: its heading and wrapped paragraphs; returns where the next starts. */
function section(doc: Doc, heading: string, texts: readonly string[], y: number): number {
  line(doc, heading, LEFT, y, WIDTH, HEADING);
  let at = y + HEADING_HEIGHT;
  for (const t of texts) at += paragraph(doc, t, LEFT, at, WIDTH, 6, BODY).height + 3;
  return at + GAP - 3;
}

/** Height `section` will take. */
function sectionHeight(doc: Doc, texts: readonly string[]): number {
  return HEADING_HEIGHT + texts.reduce((s, t) => s + textHeight(doc, t) + 3, 0) + GAP - 3;
}

/**
 * Bulleted items, each at most `lines` lines, while they fit above `limit` (leaving room for `more`'s
 * line when some do not); returns the bottom and how many were left out.
 */
function bullets(
  doc: Doc,
  items: readonly string[],
  y: number,
  limit: number,
  options: { x?: number; width?: number; lines?: number } = {},
): { bottom: number; left: number } {
  const { x = LEFT, width = WIDTH, lines = ITEM_LINES } = options;
  const oneLine = textHeight(doc, 'X', width - INDENT);
  let at = y;
  let shown = 0;
  for (const [i, item] of items.entries()) {
    const h = Math.min(textHeight(doc, item, width - INDENT), itemHeight(doc, width, lines));
    const reserve = i < items.length - 1 ? oneLine + 2 : 0;
    if (at + h + reserve > limit) break;
    line(doc, T.bullet.trim(), x, at, INDENT, BODY);
    at += paragraph(doc, item, x + INDENT, at, width - INDENT, lines, BODY).height + 2;
    shown++;
  }
  return { bottom: at, left: items.length - shown };
}

/** The most an item of `lines` lines can take. */
function itemHeight(doc: Doc, width: number, lines = ITEM_LINES): number {
  return textHeight(doc, Array.from({ length: lines }, () => 'X').join('\n'), width - INDENT);
}

/** Header, sections top-down; the rights and contact are measured first so they always fit at the end. */
function drawLetter(doc: Doc, v: MemberLetterView): void {
  const sender = v.fund.name ?? T.defaultSender;
  line(doc, sender, LEFT, TOP, WIDTH * 0.6, { font: BOLD, size: 12, color: COLOR.brand });
  if (v.fund.contact) paragraph(doc, v.fund.contact, LEFT, TOP + 16, WIDTH * 0.6, 2, { size: 9, color: COLOR.muted });
  line(doc, `${T.cpr} ${v.maskedCpr}`, LEFT + WIDTH * 0.6, TOP + 2, WIDTH * 0.4, { size: 9, align: 'right' });
  line(doc, `${T.date} ${formatDateDa(v.screenedAt)}`, LEFT + WIDTH * 0.6, TOP + 14, WIDTH * 0.4, { size: 9, align: 'right' });
  let y = TOP + 42;
  doc.rect(LEFT, y, WIDTH, 1.5).fill(COLOR.brand);
  y += 12;
  line(doc, T.title[v.form], LEFT, y, WIDTH, { font: BOLD, size: 16, color: COLOR.ink });
  y += 26;
  line(doc, T.greeting, LEFT, y, WIDTH, BODY);
  y += 16;
  const intro = [T.intro(formatDateDa(v.screenedAt))];
  if (v.form === 'explanation') intro.push(T.explanationIntro);
  for (const t of intro) y += paragraph(doc, t, LEFT, y, WIDTH, 4, BODY).height + 3;
  y += GAP;

  // Registered: the general sentence, then the two answers as label: value lines.
  y = section(doc, T.registeredHeading, [T.registeredText], y) - GAP + 3;
  const barriers = v.q10Barriers.length === 0 ? T.q10None : v.q10Barriers.join(', ');
  for (const [label, value] of [
    [T.q2, v.q2Answer],
    [T.q10, barriers],
  ] as const) {
    y += paragraph(doc, `${label}: ${value}`, LEFT + INDENT, y, WIDTH - INDENT, 2, BODY).height + 2;
  }
  y += GAP;

  const decides = [T.decides];
  const how = [T.how];
  const rights = [...T.rights, T.ask];
  const contact = v.fund.contact ? `${T.contact}: ${sender}, ${v.fund.contact}` : `${T.contact}: ${sender}`;
  const tail = sectionHeight(doc, decides) + sectionHeight(doc, how) + sectionHeight(doc, rights) + textHeight(doc, contact);
  const factorRows = v.form === 'explanation' ? factorsHeight(doc, v) : 0;
  const supportLimit = BOTTOM - tail - factorRows - GAP;

  // Support: the activities while they fit, else the general line.
  line(doc, T.supportHeading, LEFT, y, WIDTH, HEADING);
  y += HEADING_HEIGHT;
  if (v.activities.length === 0) y += paragraph(doc, T.noActivities, LEFT, y, WIDTH, 3, BODY).height + 3;
  else {
    const shown = bullets(doc, v.activities, y, supportLimit - textHeight(doc, T.why) - 3);
    y = shown.bottom;
    // Never silently: a member told of some offers is told there are more.
    if (shown.left > 0) y += paragraph(doc, T.moreActivities, LEFT + INDENT, y, WIDTH - INDENT, 1, BODY).height + 2;
  }
  y += paragraph(doc, T.why, LEFT, y, WIDTH, 4, BODY).height + GAP;

  y = section(doc, T.decidesHeading, decides, y);
  y = section(doc, T.howHeading, how, y);
  if (v.form === 'explanation') y = drawFactors(doc, v, y);
  y = section(doc, T.rightsHeading, rights, y);
  paragraph(doc, contact, LEFT, y, WIDTH, 3, { ...BODY, font: BOLD });
}

/** The main factors shown each way, one line each, in two columns: those that spoke for more support and those for less. */
const MAX_FACTORS = 3;

/** Height the factors' section takes. */
function factorsHeight(doc: Doc, v: MemberLetterView): number {
  const half = (WIDTH - 18) / 2;
  const rows = Math.max(
    1,
    ...(['raises', 'lowers'] as const).map((d) => Math.min(MAX_FACTORS, v.factors.filter((f) => f.direction === d).length)),
  );
  return HEADING_HEIGHT + textHeight(doc, T.factorsIntro) + 3 + 14 + rows * (itemHeight(doc, half, 1) + 2) + GAP;
}

/** The factors in plain words, no number: the label and which way it pointed. */
function drawFactors(doc: Doc, v: MemberLetterView, y: number): number {
  const bottom = y + factorsHeight(doc, v);
  line(doc, T.factorsHeading, LEFT, y, WIDTH, HEADING);
  let at = y + HEADING_HEIGHT;
  at += paragraph(doc, T.factorsIntro, LEFT, at, WIDTH, 3, BODY).height + 3;
  if (v.factors.length === 0) {
    paragraph(doc, T.noFactors, LEFT, at, WIDTH, 2, BODY);
    return bottom;
  }
  const half = (WIDTH - 18) / 2;
  const columns = [
    { title: T.factorsMore, direction: 'raises', x: LEFT },
    { title: T.factorsLess, direction: 'lowers', x: LEFT + half + 18 },
  ] as const;
  for (const c of columns) {
    line(doc, c.title, c.x, at, half, { ...BODY, font: BOLD });
    const labels = v.factors.filter((f) => f.direction === c.direction).map((f) => f.label);
    if (labels.length === 0) line(doc, T.factorsNone, c.x + INDENT, at + 14, half - INDENT, BODY);
    else bullets(doc, labels.slice(0, MAX_FACTORS), at + 14, bottom, { x: c.x, width: half, lines: 1 });
  }
  return bottom;
}
