/**
 * The page's fonts: DejaVu Sans Condensed from the npm package dejavu-fonts-ttf (Bitstream Vera
 * licence, node_modules/dejavu-fonts-ttf/LICENSE), embedded as subsets so the PDF shows the same
 * everywhere and can be PDF/A. It covers Danish, all of Latin Extended, Greek and Cyrillic; a
 * character it has no glyph for (Chinese, emoji) is drawn as U+FFFD "�", which the font has, rather
 * than as an empty box, and the text extracted from the PDF says "�" too.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const file = (name: string) => require.resolve(`dejavu-fonts-ttf/ttf/${name}`);

/** Font names registered on every document, and the TTF each is read from. */
export const FONT_FILES = {
  Regular: file('DejaVuSansCondensed.ttf'),
  Bold: file('DejaVuSansCondensed-Bold.ttf'),
  Italic: file('DejaVuSansCondensed-Oblique.ttf'),
} as const;

/** The licence the fonts are shipped under. */
export const FONT_LICENCE_FILE = require.resolve('dejavu-fonts-ttf/LICENSE');

/** What a character outside the font is drawn as. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** The part of a fontkit font that pdfkit keeps on the current font (pdfkit's types do not declare it). */
interface CurrentFont {
  _font?: { font?: { hasGlyphForCodePoint(codePoint: number): boolean } };
}

/**
 * The text as the current font can draw it: tabs and odd spaces as spaces, control characters
 * dropped, and a character without a glyph as its base letter when that has one (a rare precomposed
 * accent), else U+FFFD.
 */
export function drawableText(doc: PDFKit.PDFDocument, text: string): string {
  const font = (doc as unknown as CurrentFont)._font?.font;
  if (!font) throw new Error('drawableText needs a font set on the document');
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const c = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (ch === '\t' || (c >= 0x2000 && c <= 0x200a) || c === 0x202f) out += ' ';
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c === 0x200b || c === 0xfeff) continue;
    else if (font.hasGlyphForCodePoint(c)) out += ch;
    else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += base !== '' && [...base].every((b) => font.hasGlyphForCodePoint(b.codePointAt(0)!)) ? base : REPLACEMENT_CHARACTER;
    }
  }
  return out;
}

/** A font as fontkit parses it; pdfkit takes such an object wherever it takes a font file. */
interface ParsedFont {
  layout(text: string): unknown;
}

// fontkit ships no type declarations; only `create` is used.
const fontkit = require('fontkit') as { create(data: Buffer): ParsedFont };

let parsed: Record<keyof typeof FONT_FILES, ParsedFont> | undefined;

/**
 * The three faces parsed once per process. Parsing DejaVu's tables (cmap, GSUB, GPOS, kern) is most of
 * a page's rendering time when each document opens the files anew (about 0.5 s against 0.1 s); the
 * parsed fonts are only read afterwards, and each document still embeds its own subset.
 */
export function parsedFonts(): Record<keyof typeof FONT_FILES, ParsedFont> {
  parsed ??= {
    Regular: fontkit.create(readFileSync(FONT_FILES.Regular)),
    Bold: fontkit.create(readFileSync(FONT_FILES.Bold)),
    Italic: fontkit.create(readFileSync(FONT_FILES.Italic)),
  };
  return parsed;
}

/** Registers the three faces under the names layout.ts draws with, and sets the regular one. */
export function registerFonts(doc: PDFKit.PDFDocument, names: { regular: string; bold: string; italic: string }): void {
  const f = parsedFonts() as unknown as Record<keyof typeof FONT_FILES, Buffer>; // pdfkit's types know only files and buffers
  doc.registerFont(names.regular, f.Regular);
  doc.registerFont(names.bold, f.Bold);
  doc.registerFont(names.italic, f.Italic);
  doc.font(names.regular);
}
