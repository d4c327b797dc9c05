/** The fund's logo for the PDF's header: a PNG or JPEG, checked once when the service starts. */
import PDFDocument from 'pdfkit';

/** The largest logo accepted, in bytes: a header logo needs far less, and every PDF embeds it. */
export const MAX_LOGO_BYTES = 512 * 1024;

/** Why the bytes cannot be the logo, or null when they can: size, PNG/JPEG signature, and pdfkit able to read the image. */
export function logoProblem(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'the file is empty';
  if (bytes.length > MAX_LOGO_BYTES) return `the file has ${bytes.length} bytes; at most ${MAX_LOGO_BYTES} are accepted`;
  const b = Buffer.from(bytes);
  const png = b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
  if (!png && !jpeg) return 'not a PNG or JPEG file';
  try {
    // pdfkit reads the image as it will when drawing it; a corrupt file fails here, at start, not in a
    // PDF request. openImage is pdfkit's public method, missing from @types/pdfkit.
    const doc = new PDFDocument() as unknown as { openImage(src: Buffer): { width: number; height: number } };
    const image = doc.openImage(b);
    if (!(image.width > 0 && image.height > 0)) return 'the image has no size';
  } catch (err) {
    return `the image cannot be read (${(err as Error).message})`;
  }
  return null;
}
