/**
 * The caseworker's one-page PDF of a screening (A4, Danish). Everything is placed at absolute
 * positions within fixed regions and every variable text is cut to its region with "…", so the page
 * cannot overflow onto a second one whatever the comment or the number of factors and activities;
 * the correction form and the statement sit at fixed places at the bottom. The fonts are embedded
 * (fonts.ts) and the file is PDF/A-2b (pdfkit writes the XMP metadata and the sRGB output intent), so
 * it can be archived with the case. Output is byte-for-byte deterministic for the same view: the
 * PDF's creation date is the screening's (or printing) time, not the clock.
 * The geometry and text helpers are in layout.ts, each region of the page in regions/, and the view
 * (the member already formatted) is built by buildView.ts.
 */
import { PDF_TEXT_DA } from '../../i18n/da.js';
import { maskCprsInText } from '../../privacy/cprInText.js';
import { openPdfDocument } from './document.js';
import { SECTION_GAP, TOP, type Doc } from './layout.js';
import { drawActivities } from './regions/activities.js';
import { correctionHeight, drawCorrection, type CorrectionFit } from './regions/correction.js';
import { drawFactors } from './regions/factors.js';
import { drawFooter } from './regions/footer.js';
import { drawHeader, drawSimulatedNotice } from './regions/header.js';
import { drawAnswersAndCharacteristics } from './regions/member.js';
import { drawResult } from './regions/result.js';
import { screeningPdfViewSchema, type ScreeningPdfView, type ValidScreeningPdfView } from './view.js';

/** Renders the caseworker's one-page PDF of a screening. */
export async function renderScreeningPdf(input: ScreeningPdfView): Promise<Buffer> {
  const view = screeningPdfViewSchema.parse(input);
  // A CPR number typed into the comment must not reach paper: masked once, before any region draws it.
  if (view.correction?.comment) view.correction.comment = maskCprsInText(view.correction.comment);
  const { doc, finish } = openPdfDocument(
    {
      title: `${PDF_TEXT_DA.title} ${view.maskedCpr}`,
      subject: PDF_TEXT_DA.pdfSubject,
      author: view.fund.name ?? PDF_TEXT_DA.title,
      creationDate: new Date(view.printedAt ?? view.screenedAt),
    },
    'the screening PDF',
  );
  drawPage(doc, view);
  return finish();
}

/** Room the activities need for a heading, a sub-heading, one suggestion per column and the note of the others. */
const MIN_ACTIVITIES_HEIGHT = 72;

/** Lays the regions out top-down, and the bottom ones from the page's end upwards. */
function drawPage(doc: Doc, v: ValidScreeningPdfView): void {
  let y = drawHeader(doc, v, TOP);
  if (v.simulatedData) y = drawSimulatedNotice(doc, v, y + 6);
  y = drawResult(doc, v, y + SECTION_GAP);
  y = drawFactors(doc, v, y + SECTION_GAP);
  y = drawAnswersAndCharacteristics(doc, v, y + SECTION_GAP);
  // The bottom is laid out from the page's end upwards, so the form and the statement are always in
  // place; the activities get the space in between.
  const statementTop = drawFooter(doc, v);
  // A full page (many factors, barriers, a long history) shortens the assessment's comment and history
  // so the activities keep room for at least one suggestion per column.
  const room = (fit: CorrectionFit) => statementTop - SECTION_GAP - correctionHeight(doc, v, fit) - (y + SECTION_GAP);
  const fit: CorrectionFit = room('full') >= MIN_ACTIVITIES_HEIGHT ? 'full' : 'compact';
  const correctionTop = statementTop - SECTION_GAP - correctionHeight(doc, v, fit);
  drawCorrection(doc, v, correctionTop, fit);
  drawActivities(doc, v, y + SECTION_GAP, correctionTop - SECTION_GAP);
}
