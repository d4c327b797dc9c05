/** The result region: target group, probability against the cut-off, referral. */
import { PDF_TEXT_DA, TARGET_GROUP_DESCRIPTIONS_DA, targetGroupLabelDa } from '../../../i18n/da.js';
import { formatPercentDa } from '../../../i18n/format.js';
import { BOLD, COLOR, GUTTER, ITALIC, LEFT, line, paragraph, REGULAR, RIGHT, sectionHeading, WIDTH, type Doc } from '../layout.js';
import type { ValidScreeningPdfView } from '../view.js';
import { toWinAnsi } from '../winAnsi.js';

/** The statistical target group, the probability bar and the job-centre referral; returns the region's bottom. */
export function drawResult(doc: Doc, v: ValidScreeningPdfView, top: number): number {
  let y = sectionHeading(doc, PDF_TEXT_DA.resultHeading, top);
  const leftWidth = 165;
  line(doc, PDF_TEXT_DA.statisticalGroupLabel, LEFT, y, leftWidth, { size: 8, color: COLOR.muted });
  line(doc, targetGroupLabelDa(v.targetGroup, v.subgroup), LEFT, y + 11, leftWidth, { font: BOLD, size: 19, color: COLOR.brand });
  const description = TARGET_GROUP_DESCRIPTIONS_DA[v.subgroup ?? (String(v.targetGroup) as '1' | '2')];
  const d = paragraph(doc, description, LEFT, y + 33, leftWidth, 2, { size: 7.5, color: COLOR.muted });

  const bx = LEFT + leftWidth + GUTTER;
  const bw = RIGHT - bx;
  const label = PDF_TEXT_DA.probability + ' ';
  doc.font(REGULAR).fontSize(8.5);
  const lw = doc.widthOfString(toWinAnsi(label));
  line(doc, label, bx, y + 2, lw, { size: 8.5, color: COLOR.muted });
  line(doc, formatPercentDa(v.probability), bx + lw, y - 1, bw - lw, { font: BOLD, size: 13, color: COLOR.ink });
  drawBar(doc, bx, y + 29, bw, v.probability, v.cutoff);
  line(doc, PDF_TEXT_DA.probabilityNote, bx, y + 56, bw, { font: ITALIC, size: 6.8, color: COLOR.faint });
  y = Math.max(y + 33 + d.height, y + 64) + 4;

  const referralLabel = `${PDF_TEXT_DA.referral}: `;
  doc.font(BOLD).fontSize(8.5);
  const rw = doc.widthOfString(toWinAnsi(referralLabel));
  line(doc, referralLabel, LEFT, y, rw, { font: BOLD, size: 8.5, color: COLOR.ink });
  const referral = v.jobCentreReferral
    ? [PDF_TEXT_DA.referralYes, v.referralReasons.map((r) => r.reason).join('; ')].filter((t) => t !== '').join(' – ')
    : PDF_TEXT_DA.referralNo;
  const r = paragraph(doc, referral, LEFT + rw, y, WIDTH - rw, 2, {
    font: v.jobCentreReferral ? BOLD : REGULAR,
    size: 8.5,
    color: v.jobCentreReferral ? COLOR.raise : COLOR.ink,
  });
  return y + r.height;
}

/** The 0–100 % bar: the two target-group zones, the cut-off and the member's score. */
function drawBar(doc: Doc, x: number, y: number, w: number, p: number, cutoff: number): void {
  const h = 13;
  const cx = x + cutoff * w;
  const px = x + Math.min(Math.max(p, 0), 1) * w;
  doc.rect(x, y, cx - x, h).fill(COLOR.zone1);
  doc.rect(cx, y, x + w - cx, h).fill(COLOR.zone2);
  doc.save().rect(x, y, w, h).lineWidth(0.5).strokeColor(COLOR.rule).stroke().restore();
  // Zone names inside the bar where they fit, at whichever end of the zone the marker leaves free.
  for (const [name, from, to] of [
    [PDF_TEXT_DA.zone1, x, cx],
    [PDF_TEXT_DA.zone2, cx, x + w],
  ] as const) {
    doc.font(REGULAR).fontSize(6.5);
    const nw = doc.widthOfString(toWinAnsi(name));
    const free = (lx: number) => px < lx - 4 || px > lx + nw + 4;
    const lx = [from + 4, to - 4 - nw].find((c) => c >= from + 2 && c + nw <= to - 2 && free(c));
    if (lx !== undefined) line(doc, name, lx, y + 3.8, nw + 1, { size: 6.5, color: COLOR.muted });
  }

  doc
    .save()
    .moveTo(cx, y - 3)
    .lineTo(cx, y + h + 1)
    .lineWidth(1.2)
    .dash(2, { space: 1.5 })
    .strokeColor(COLOR.raise)
    .stroke()
    .undash()
    .restore();
  doc
    .save()
    .rect(px - 1, y - 2, 2, h + 4)
    .fill(COLOR.ink)
    .restore();
  doc
    .save()
    .polygon([px - 4.5, y - 9], [px + 4.5, y - 9], [px, y - 2])
    .fill(COLOR.ink)
    .restore();
  const memberLabel = `${PDF_TEXT_DA.memberMarker}: ${formatPercentDa(p)}`;
  doc.font(BOLD).fontSize(7.5);
  const mw = doc.widthOfString(toWinAnsi(memberLabel));
  const mx = Math.min(Math.max(px - mw / 2, x), x + w - mw);
  line(doc, memberLabel, mx, y - 19, mw + 1, { font: BOLD, size: 7.5, color: COLOR.ink });

  const cutLabel = PDF_TEXT_DA.cutoff(cutoff);
  doc.font(BOLD).fontSize(6.5);
  const cw = doc.widthOfString(toWinAnsi(cutLabel));
  // Beside the cut-off line rather than across it: to its right, or to its left near the bar's end.
  const clx = cx + 3 + cw <= x + w ? cx + 3 : cx - 3 - cw;
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    const tx = x + t * w;
    doc
      .save()
      .moveTo(tx, y + h)
      .lineTo(tx, y + h + 2)
      .lineWidth(0.5)
      .strokeColor(COLOR.faint)
      .stroke()
      .restore();
    const text = `${t * 100} %`;
    const align = t === 0 ? 'left' : t === 1 ? 'right' : 'center';
    const lx = align === 'left' ? tx : align === 'right' ? tx - 30 : tx - 15;
    const tw = doc.font(REGULAR).fontSize(6.5).widthOfString(text);
    const tl = align === 'left' ? tx : align === 'right' ? tx - tw : tx - tw / 2;
    // A tick label under the cut-off label would be unreadable.
    if (tl + tw + 3 > clx && tl < clx + cw + 3) continue;
    line(doc, text, lx, y + h + 4, 30, { size: 6.5, color: COLOR.faint, align });
  }
  line(doc, cutLabel, clx, y + h + 4, cw + 1, { font: BOLD, size: 6.5, color: COLOR.raise });
}
