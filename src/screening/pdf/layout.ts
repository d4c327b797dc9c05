/**
 * The page's layout primitives: A4 geometry, colours, fonts, and the text helpers every region draws
 * with. Every text is made drawable with the embedded font (fonts.ts) and bounded to its box (cut
 * with "…"), so no region can push the page onto a second one. No text is smaller than MIN_SIZE.
 */
import { drawableText } from './fonts.js';

/** A4 in points, and the margins and gaps every region keeps to. */
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const LEFT = 42;
export const RIGHT = PAGE_WIDTH - 42;
export const WIDTH = RIGHT - LEFT;
export const TOP = 34;
export const BOTTOM = PAGE_HEIGHT - 28;
export const GUTTER = 18;
export const SECTION_GAP = 9;

/** The smallest font size on the page, in points: small print must still be readable. */
export const MIN_SIZE = 8;

/** The page's palette; `muted` is the lightest colour text has (contrast above 6:1 on white). */
export const COLOR = {
  ink: '#1b1f23',
  muted: '#4f5963',
  faint: '#8a949e',
  rule: '#c9d1d9',
  brand: '#1f3a5f',
  brandLight: '#eaf0f6',
  raise: '#a3322b',
  lower: '#2f6f48',
  warnFill: '#fff3df',
  warnLine: '#c27400',
  zone1: '#e3efe6',
  zone2: '#f5e1de',
  barEmpty: '#eef1f4',
};

/** The embedded faces, by the names fonts.ts registers them under. */
export const REGULAR = 'Regular';
export const BOLD = 'Bold';
export const ITALIC = 'Italic';

/** The PDFKit document a region draws on. */
export type Doc = PDFKit.PDFDocument;

/** Font, size, colour and alignment of a text. */
export interface TextStyle {
  font?: string;
  size?: number;
  color?: string;
  align?: 'left' | 'right' | 'center';
}

/** A section's upper-case title over a rule; returns where its content starts. */
export function sectionHeading(doc: Doc, title: string, y: number, x = LEFT, width = WIDTH): number {
  line(doc, title.toUpperCase(), x, y, width, { font: BOLD, size: 8.5, color: COLOR.brand });
  doc.rect(x, y + 11.5, width, 0.6).fill(COLOR.rule);
  return y + 17;
}

/** Sets font, size and colour, refusing a size under MIN_SIZE; returns the text made drawable in that font. */
export function useStyle(doc: Doc, raw: string, style: TextStyle = {}): string {
  const size = style.size ?? 9;
  if (size < MIN_SIZE) throw new RangeError(`font size ${size} is under the page's minimum of ${MIN_SIZE} pt`);
  doc
    .font(style.font ?? REGULAR)
    .fontSize(size)
    .fillColor(style.color ?? COLOR.ink);
  return drawableText(doc, raw);
}

/** Width of a text in a style. */
export function textWidth(doc: Doc, raw: string, style: TextStyle = {}): number {
  return doc.widthOfString(useStyle(doc, raw, style));
}

/** One line of text cut with "…" to the width; returns whether it was cut. */
export function line(doc: Doc, raw: string, x: number, y: number, width: number, style: TextStyle = {}): boolean {
  const text = useStyle(doc, raw, style).replace(/\s*\n\s*/g, ' ');
  let shown = text;
  if (doc.widthOfString(text) > width) {
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (doc.widthOfString(text.slice(0, mid).trimEnd() + '…') <= width) lo = mid;
      else hi = mid - 1;
    }
    shown = text.slice(0, lo).trimEnd() + '…';
  }
  doc.text(shown, x, y, { width, align: style.align ?? 'left', lineBreak: false });
  return shown !== text;
}

/** Wrapped text of at most `maxLines` lines, cut with "…" when longer; returns its height and whether it was cut. */
export function paragraph(
  doc: Doc,
  raw: string,
  x: number,
  y: number,
  width: number,
  maxLines: number,
  style: TextStyle & { lineGap?: number } = {},
): { height: number; truncated: boolean } {
  const text = useStyle(doc, raw, style);
  const options = { width, lineGap: style.lineGap ?? 0, align: style.align ?? 'left' };
  const maxHeight = doc.heightOfString(Array.from({ length: maxLines }, () => 'X').join('\n'), options) + 0.01;
  let shown = text;
  if (doc.heightOfString(text, options) > maxHeight) {
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (doc.heightOfString(text.slice(0, mid).trimEnd() + '…', options) <= maxHeight) lo = mid;
      else hi = mid - 1;
    }
    shown = text.slice(0, lo).trimEnd() + '…';
  }
  doc.text(shown, x, y, options);
  return { height: doc.heightOfString(shown, options), truncated: shown !== text };
}
