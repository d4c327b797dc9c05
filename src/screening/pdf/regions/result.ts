/** The result region: target group, probability with its uncertainty against the cut-off, referral (and the corrected group's after a correction). */
import { PDF_TEXT_DA, TARGET_GROUP_DESCRIPTIONS_DA, targetGroupLabelDa } from '../../../i18n/da.js';
import { formatPercentDa } from '../../../i18n/format.js';
import {
  BOLD,
  COLOR,
  GUTTER,
  ITALIC,
  LEFT,
  line,
  paragraph,
  REGULAR,
  RIGHT,
  sectionHeading,
  textWidth,
  WIDTH,
  type Doc,
} from '../layout.js';
import type { ValidScreeningPdfView } from '../view.js';

/** The statistical target group, the probability and its interval on the bar, and the job-centre referral; returns the region's bottom. */
export function drawResult(doc: Doc, v: ValidScreeningPdfView, top: number): number {
  let y = sectionHeading(doc, PDF_TEXT_DA.resultHeading, top);
  const leftWidth = 165;
  line(doc, PDF_TEXT_DA.statisticalGroupLabel, LEFT, y, leftWidth, { size: 8, color: COLOR.muted });
  line(doc, targetGroupLabelDa(v.targetGroup, v.subgroup), LEFT, y + 11, leftWidth, { font: BOLD, size: 19, color: COLOR.brand });
  const description = TARGET_GROUP_DESCRIPTIONS_DA[v.subgroup ?? (String(v.targetGroup) as '1' | '2')];
  const d = paragraph(doc, description, LEFT, y + 35, leftWidth, 3, { size: 8, color: COLOR.muted });

  const bx = LEFT + leftWidth + GUTTER;
  const bw = RIGHT - bx;
  const label = PDF_TEXT_DA.probability + ' ';
  const lw = textWidth(doc, label, { size: 8.5 });
  line(doc, label, bx, y + 2, lw, { size: 8.5, color: COLOR.muted });
  line(doc, formatPercentDa(v.probability), bx + lw, y - 1, bw - lw, { font: BOLD, size: 13, color: COLOR.ink });
  const interval = v.probabilityInterval;
  line(
    doc,
    interval ? PDF_TEXT_DA.interval(formatPercentDa(interval.lower), formatPercentDa(interval.upper)) : PDF_TEXT_DA.intervalUnknown,
    bx,
    y + 14,
    bw,
    { size: 8, color: COLOR.muted },
  );
  drawBar(doc, bx, y + 33, bw, v.probability, v.cutoff, interval);
  line(doc, PDF_TEXT_DA.probabilityNote, bx, y + 60, bw, { font: ITALIC, size: 8, color: COLOR.muted });
  y = Math.max(y + 35 + d.height, y + 70) + 4;

  y = referralLine(doc, PDF_TEXT_DA.referral, v, y);
  // After a correction of the group the referral in force is the corrected group's, which the policy may decide otherwise.
  if (v.current)
    y = referralLine(doc, PDF_TEXT_DA.referralCurrent(targetGroupLabelDa(v.current.targetGroup, v.current.subgroup)), v.current, y + 2);
  return y;
}

/** One referral line, "<label>: Ja – <reasons>" or "<label>: Nej"; returns its bottom. */
function referralLine(
  doc: Doc,
  label: string,
  r: { jobCentreReferral: boolean; referralReasons: readonly { reason: string }[] },
  y: number,
): number {
  const labelText = `${label}: `;
  const rw = textWidth(doc, labelText, { font: BOLD, size: 8.5 });
  line(doc, labelText, LEFT, y, rw, { font: BOLD, size: 8.5, color: COLOR.ink });
  const referral = r.jobCentreReferral
    ? [PDF_TEXT_DA.referralYes, r.referralReasons.map((x) => x.reason).join('; ')].filter((t) => t !== '').join(' – ')
    : PDF_TEXT_DA.referralNo;
  const p = paragraph(doc, referral, LEFT + rw, y, WIDTH - rw, 2, {
    font: r.jobCentreReferral ? BOLD : REGULAR,
    size: 8.5,
    color: r.jobCentreReferral ? COLOR.raise : COLOR.ink,
  });
  return y + p.height;
}

/** The 0–100 % bar: the two target-group zones, the cut-off, the member's score (its number is printed above the bar) and its interval. */
function drawBar(
  doc: Doc,
  x: number,
  y: number,
  w: number,
  p: number,
  cutoff: number,
  interval: ValidScreeningPdfView['probabilityInterval'],
): void {
  const h = 13;
  const at = (q: number) => x + Math.min(Math.max(q, 0), 1) * w;
  const cx = at(cutoff);
  const px = at(p);
  doc.rect(x, y, cx - x, h).fill(COLOR.zone1);
  doc.rect(cx, y, x + w - cx, h).fill(COLOR.zone2);
  doc.save().rect(x, y, w, h).lineWidth(0.5).strokeColor(COLOR.rule).stroke().restore();
  // Zone names inside the bar where they fit, at whichever end of the zone the marker and interval leave free.
  const busy = interval ? [at(interval.lower) - 2, at(interval.upper) + 2] : [px - 2, px + 2];
  for (const [name, from, to] of [
    [PDF_TEXT_DA.zone1, x, cx],
    [PDF_TEXT_DA.zone2, cx, x + w],
  ] as const) {
    const nw = textWidth(doc, name, { size: 8 });
    const free = (lx: number) => lx + nw + 3 < busy[0] || lx - 3 > busy[1];
    const lx = [from + 4, to - 4 - nw].find((c) => c >= from + 2 && c + nw <= to - 2 && free(c));
    if (lx !== undefined) line(doc, name, lx, y + 3, nw + 1, { size: 8, color: COLOR.muted });
  }
  if (interval) {
    // The 95 % interval as a whisker through the bar's middle.
    const lx = at(interval.lower);
    const ux = at(interval.upper);
    doc
      .save()
      .moveTo(lx, y + h / 2)
      .lineTo(ux, y + h / 2)
      .moveTo(lx, y + 3)
      .lineTo(lx, y + h - 3)
      .moveTo(ux, y + 3)
      .lineTo(ux, y + h - 3)
      .lineWidth(1.2)
      .strokeColor(COLOR.ink)
      .stroke()
      .restore();
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

  const cutLabel = PDF_TEXT_DA.cutoff(cutoff);
  const cw = textWidth(doc, cutLabel, { font: BOLD, size: 8 });
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
    const tw = textWidth(doc, text, { size: 8 });
    const tl = align === 'left' ? tx : align === 'right' ? tx - tw : tx - tw / 2;
    // A tick label under the cut-off label would be unreadable.
    if (tl + tw + 3 > clx && tl < clx + cw + 3) continue;
    line(doc, text, lx, y + h + 3, 30, { size: 8, color: COLOR.muted, align });
  }
  line(doc, cutLabel, clx, y + h + 3, cw + 1, { font: BOLD, size: 8, color: COLOR.raise });
}
