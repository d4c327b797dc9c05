/**
 * Opens an A4 Danish PDF/A-2b document with the embedded fonts registered, shared by the caseworker's
 * page and the member's letter so both are archivable the same way. pdfkit writes the XMP metadata
 * and the sRGB output intent; the creation date is the caller's (the screening's), not the clock, so
 * the output is byte-for-byte deterministic.
 */
import PDFDocument from 'pdfkit';
import { parsedFonts, registerFonts } from './fonts.js';
import { BOLD, ITALIC, REGULAR, type Doc } from './layout.js';

/** The document's metadata. */
export interface DocumentInfo {
  title: string;
  subject: string;
  author: string;
  creationDate: Date;
}

/**
 * A text for the document's metadata: pdfkit writes it unescaped into the XMP packet as well as the
 * info dictionary, and PDF/A wants both to agree, so the XML-special characters are avoided in both.
 */
function metadataText(text: string): string {
  return text.replace(/&/g, 'og').replace(/[<>"]/g, '');
}

/** An open one-page document and `finish`, which ends it and resolves to its bytes (refusing a second page). */
export function openPdfDocument(info: DocumentInfo, what: string): { doc: Doc; finish: () => Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    bufferPages: true,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'da-DK',
    // The parsed face, not a file: pdfkit would otherwise open Helvetica or parse the file anew.
    font: parsedFonts().Regular as unknown as string,
    info: {
      Title: metadataText(info.title),
      Subject: metadataText(info.subject),
      Author: metadataText(info.author),
      Creator: 'ledighedsprofil',
      Producer: 'ledighedsprofil (PDFKit)',
      CreationDate: info.creationDate,
    },
  });
  registerFonts(doc, { regular: REGULAR, bold: BOLD, italic: ITALIC });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const finish = () => {
    if (doc.bufferedPageRange().count !== 1) throw new Error(`${what} ran over one page; a region is not bounded`);
    doc.end();
    return done;
  };
  return { doc, finish };
}
