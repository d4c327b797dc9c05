import { CASEWORKER_DA, CASEWORKER_FACTS_DA, MODEL_CARD_SECTIONS } from '../../i18n/modelCard.js';
import { formatDateDa, formatNumberDa, formatPercentDa } from '../../i18n/format.js';
import type { ModelCardDocument } from './modelCardDocument.js';
import { esc, facts } from './format.js';

/** A share as a Danish percentage with one decimal, "16,4 %". */
function pctDa(x: number | null): string {
  return x === null ? '—' : `${formatNumberDa(100 * x, 1)} %`;
}

/**
 * The one page for caseworkers, in Danish: what the number is, that they decide and how to override,
 * and how often the model is right at the cut-off (from --data, else the training share flagged).
 */
export function caseworkerPage(doc: ModelCardDocument): string {
  const h = MODEL_CARD_SECTIONS.caseworker;
  const v = doc.validation;
  const accuracy = v
    ? CASEWORKER_DA.accuracy(pctDa(v.atCutoff.precision.value), pctDa(v.atCutoff.recall.value), pctDa(v.atCutoff.share_flagged.value))
    : CASEWORKER_DA.accuracyWithoutData(pctDa(doc.cutoff.shareFlaggedInTraining));
  const range = doc.training.dateRange;
  const F = CASEWORKER_FACTS_DA;
  return `<section id="s-caseworker" class="caseworker" lang="da" aria-labelledby="h-caseworker">
<h2 id="h-caseworker">${esc(h.da)}</h2>
${facts([
  [F.version, `<code>${esc(doc.model.version)}</code>`],
  [F.trained, esc(formatDateDa(doc.model.createdAt))],
  [F.period, range ? `${esc(range.from)} – ${esc(range.to)}` : '—'],
  [F.cutoff, esc(formatPercentDa(doc.cutoff.probability))],
  [F.data, doc.model.simulatedData ? `<strong class="warn">${esc(F.simulated)}</strong>` : esc(F.register)],
])}
${doc.model.simulatedData ? `<p class="simulated-inline"><strong>${esc(CASEWORKER_DA.simulated)}</strong></p>` : ''}
<p>${esc(CASEWORKER_DA.what)}</p>
<p>${esc(CASEWORKER_DA.cutoff(formatPercentDa(doc.cutoff.probability)))}</p>
<div class="callout"><p><strong>${esc(CASEWORKER_DA.youDecide)}</strong></p>
<p>${esc(CASEWORKER_DA.automationBias)}</p>
<p>${esc(CASEWORKER_DA.override)}</p></div>
<h3>${esc(CASEWORKER_DA.accuracyHeading)}</h3>
<p>${esc(accuracy)}</p>
<p>${esc(CASEWORKER_DA.notFor)}</p>
<p>${esc(CASEWORKER_DA.questions)}</p>
</section>`;
}
