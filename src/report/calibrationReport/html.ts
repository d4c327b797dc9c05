import type { ValProbMetrics } from '../../stats/valProb.js';
import { escapeHtml, htmlPage } from '../htmlPage.js';
import { rocSpec, scoreDistributionSpec, reliabilitySpec, cutoffSpec, fairnessSpec, renderSvg } from './charts.js';
import { attributeName, type AttributeAudit } from './fairness.js';
import { OPTIMISM_METRICS } from '../../stats/bootstrapOptimism.js';
import { CALIBRATION_BANDS } from '../../stats/calibrationReading.js';
import type { ReportDocument } from './reportDocument.js';
import {
  inTheLargeWords,
  REPORT_HEADINGS,
  REPORT_TITLE,
  SIMULATED_WARNING,
  slopeWords,
  TARGET_GROUPS_DA,
} from '../../i18n/calibrationReport.js';
import { formatKeepingSign } from '../../i18n/format.js';

export { escapeHtml };

const esc = escapeHtml;
const dash = '—';
/** A number with fixed decimals; "—" when undefined; no sign on a value that rounds to zero. */
function num(x: number | null | undefined, decimals = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return dash;
  const s = x.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s.replace(/^-/, '−');
}
/** A 95 % interval as "0.896–0.992"; empty when undefined. */
function interval(low: number | null | undefined, high: number | null | undefined, decimals = 3): string {
  return low === null || low === undefined || high === null || high === undefined ? '' : `${num(low, decimals)} to ${num(high, decimals)}`;
}
function pct(x: number | null | undefined, decimals = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? dash : `${(100 * x).toFixed(decimals)} %`;
}
function int(x: number | null | undefined): string {
  return x === null || x === undefined ? dash : Math.round(x).toLocaleString('en-GB');
}
function pValue(x: number | null | undefined): string {
  if (x === null || x === undefined) return dash;
  return x < 0.001 ? '< 0.001' : x.toFixed(3);
}
function heading(key: keyof typeof REPORT_HEADINGS, id: string): string {
  const h = REPORT_HEADINGS[key];
  return `<h2 id="${id}">${esc(h.en)} <span class="da">· ${esc(h.da)}</span></h2>`;
}
function table(
  head: string[],
  rows: string[][],
  options: { className?: string; highlight?: (i: number) => boolean; numericFrom?: number } = {},
): string {
  const from = options.numericFrom ?? 1;
  const th = head.map((h, j) => `<th${j >= from ? ' class="n"' : ''}>${h}</th>`).join('');
  const body = rows
    .map(
      (r, i) =>
        `<tr${options.highlight?.(i) ? ' class="chosen"' : ''}>${r.map((c, j) => `<td${j >= from ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table${options.className ? ` class="${options.className}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
function facts(rows: [string, string][]): string {
  return `<table class="facts"><tbody>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('\n')}</tbody></table>`;
}
function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${caption}</figcaption></figure>`;
}

/**
 * The report as one self-contained HTML document: styles inline, charts as inline SVG rendered in Node
 * by Vega, no script and no reference to anything outside the file, so it opens offline, can be mailed
 * or archived as it is, and prints (or converts to PDF) with page breaks between sections.
 */
export async function renderReportHtml(doc: ReportDocument): Promise<string> {
  const [roc, scores, reliability, cutoff, ...fairnessCharts] = await Promise.all([
    renderSvg(rocSpec(doc), 'roc'),
    renderSvg(scoreDistributionSpec(doc), 'scores'),
    renderSvg(reliabilitySpec(doc), 'reliability'),
    renderSvg(cutoffSpec(doc), 'cutoff'),
    ...doc.fairness.attributes.map((a, i) => renderSvg(fairnessSpec(a), `fairness${i}`)),
  ]);
  const m = doc.model;
  const title = `${REPORT_TITLE.en} · ${REPORT_TITLE.da}: model ${m.version}`;
  const simulated = m.simulatedData
    ? `<div class="simulated" role="alert"><strong>${esc(SIMULATED_WARNING.en)}</strong><br><span lang="da">${esc(SIMULATED_WARNING.da)}</span></div>`
    : '';
  const body = [
    simulated,
    `<header><h1>${esc(title)}</h1><p class="meta">Data <code>${esc(doc.data.file)}</code> · generated ${esc(doc.generatedAt.slice(0, 19).replace('T', ' '))} UTC by ledighedsprofil ${esc(doc.packageVersion)}</p></header>`,
    toc(),
    summarySection(doc),
    modelSection(doc),
    discriminationSection(doc, roc, scores),
    calibrationSection(doc, reliability),
    cutoffSection(doc, cutoff),
    fairnessSection(doc, fairnessCharts),
    validationSection(doc),
    notesSection(doc),
    m.simulatedData
      ? `<div class="simulated-footer">${esc(SIMULATED_WARNING.en.split('.')[0])}: model ${esc(m.version)} — ${esc(SIMULATED_WARNING.da.split('.')[0].toLowerCase())}</div>`
      : '',
  ].join('\n');
  return htmlPage({ title, css: CSS, simulated: m.simulatedData, body });
}

function toc(): string {
  const items = (Object.keys(REPORT_HEADINGS) as (keyof typeof REPORT_HEADINGS)[]).map(
    (k, i) => `<li><a href="#s-${k}">${i + 1}. ${esc(REPORT_HEADINGS[k].en)}</a></li>`,
  );
  return `<nav class="toc"><ol>${items.join('')}</ol></nav>`;
}

function summarySection(doc: ReportDocument): string {
  const o = doc.overall;
  const chosen = doc.cutoff_table.rows.find((r) => r.cutoff === doc.cutoff_table.chosen)!;
  let meanPredicted = 0;
  for (const d of doc.calibration_curve.deciles) meanPredicted += d.mean_predicted * d.n;
  meanPredicted /= Math.max(1, o.n);
  const what = {
    holdout: 'held-out rows',
    temporal: 'later rows (temporal validation)',
    'in-sample': 'the rows the model was fitted on (in-sample)',
    external: 'external data',
  }[doc.evaluation.kind];
  const lines = [
    `Evaluated on ${int(o.n)} members in ${what}; ${pct(o.events / o.n)} of them became long-term unemployed (at least 80 % of the 52 weeks on dagpenge).`,
    `The model predicted ${pct(meanPredicted)} on average. It ranks members with an AUC of ${num(o.auc)}` +
      (o.auc_ci_low !== null ? ` (95 % CI ${num(o.auc_ci_low)}–${num(o.auc_ci_high)})` : '') +
      `: a member who became long-term unemployed had a higher predicted probability than one who did not in ${pct(o.auc, 0)} of pairs.`,
    `Calibration slope ${num(o.calibration_slope, 3)}${ciText(o.calibration_slope_ci_low, o.calibration_slope_ci_high)} (ideal 1)` +
      words(slopeWords(o, 'en')) +
      '.',
    `Calibration-in-the-large ${num(o.calibration_in_the_large, 3)}${ciText(o.calibration_in_the_large_ci_low, o.calibration_in_the_large_ci_high)} (the intercept with the slope held at 1; ideal 0)` +
      words(inTheLargeWords(o, 'en')) +
      '.',
    `At the cut-off ${doc.cutoff_table.chosen} (probability at or above it: ${TARGET_GROUPS_DA[2]}), ${pct(chosen.share_flagged)} of members are in ${TARGET_GROUPS_DA[2]}; ` +
      `${pct(chosen.precision)} of them became long-term unemployed, and they include ${pct(chosen.recall)} of all who did.`,
  ];
  if (doc.optimism) {
    const c = doc.optimism.figures.c_statistic;
    lines.push(
      `Corrected for optimism by the bootstrap, the AUC is ${num(c.corrected)} (apparent ${num(c.apparent)}) and the calibration slope ${num(doc.optimism.figures.calibration_slope.corrected, 2)}.`,
    );
  }
  return `<section id="s-summary">${heading('summary', 'summary')}
<p class="evaluation">${esc(doc.evaluation.description)}</p>
<ul class="summary">${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>
${doc.fairness.summary.length > 0 ? `<h3>Largest gaps between groups</h3><ul class="summary">${doc.fairness.summary.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>` : ''}
</section>`;
}

/** " (95 % CI a to b)", or nothing when the interval is undefined. */
function ciText(low: number | null, high: number | null): string {
  const i = interval(low, high);
  return i === '' ? '' : ` (95 % CI ${i})`;
}

/** ": words", or nothing when the figure has no reading. */
function words(text: string | null): string {
  return text === null ? '' : `: ${text}`;
}

function modelSection(doc: ReportDocument): string {
  const m = doc.model;
  const t = m.training;
  const spec = m.specification;
  const factsRows: [string, string][] = [
    ['Version', `<code>${esc(m.version)}</code>${m.simulatedData ? ' <span class="tag">simulated data</span>' : ''}`],
    ['Description', esc(m.description)],
    ['Created', esc(m.createdAt)],
    ['Trained on', `<code>${esc(t.dataFile)}</code> (SHA-256 <code>${esc(t.dataSha256.slice(0, 16))}…</code>)`],
    ['Dates', t.dateRange ? `${esc(t.dateColumn ?? '')} from ${esc(t.dateRange.from)} to ${esc(t.dateRange.to)} (fitting rows)` : dash],
    ['Rows and events', `${int(t.rows)} rows fitted, ${int(t.events)} long-term unemployed (${pct(t.events / t.rows)})`],
    ['Censored spells', t.censored === null ? 'not recorded' : `${int(t.censored)} spells left out because their 52 weeks were not over`],
    ['Split', esc(t.split)],
    [
      'Fit',
      `IRLS, ${t.iterations} iterations, ${t.converged ? 'converged' : '<strong>did not converge</strong>'}; ridge λ = ${t.l2}; log-likelihood ${num(t.logLik, 1)} (null ${num(t.nullLogLik, 1)}); AIC ${num(t.aic, 1)}`,
    ],
    ['Cut-off', `${esc(m.cutoff.rule)}; ${pct(m.cutoff.shareFlaggedInTraining)} of the fitting rows`],
    [
      'Left out as sensitive',
      spec.audit_only.length > 0 ? `${esc(spec.audit_only.join(', '))} (kept in the data for the fairness audit)` : 'none',
    ],
    ['Checksum', `<code>${esc(m.checksum.slice(0, 16))}…</code>`],
  ];
  if (t.warnings.length > 0) factsRows.push(['Fit warnings', esc(t.warnings.join(' '))]);
  const features = table(
    ['Feature', 'Column', 'Type', 'In model', 'Encoding', 'Description'],
    spec.features.map((f) => [
      `<code>${esc(f.name)}</code>${f.sensitive ? ' <span class="tag">sensitive</span>' : ''}`,
      `<code>${esc(f.column)}</code>`,
      f.type,
      f.in_model ? 'yes' : '<strong>no</strong>',
      esc(f.encoding),
      esc(f.description ?? ''),
    ]),
    { numericFrom: 99, className: 'spec' },
  );
  const coefficients = table(
    ['Term', 'Estimate', 'Std. error', 'z', 'p', '95 % CI', 'Odds ratio', 'OR 95 % CI'],
    m.coefficients.map((c) => [
      `<code>${esc(c.term)}</code>`,
      num(c.estimate, 4),
      num(c.std_error, 4),
      num(c.z, 2),
      pValue(c.p_value),
      c.ci_low === null ? 'NA' : `${num(c.ci_low, 3)} to ${num(c.ci_high, 3)}`,
      c.term === '(Intercept)' ? dash : num(c.odds_ratio, 3),
      c.term === '(Intercept)' || c.or_ci_low === null ? dash : `${num(c.or_ci_low, 3)}–${num(c.or_ci_high, 3)}`,
    ]),
    { className: 'coef' },
  );
  const refs = spec.features.filter((f) => f.reference !== null).map((f) => `${f.name} = ${f.reference}`);
  return `<section id="s-model">${heading('model', 'model')}
${facts(factsRows)}
<h3>Specification <code>${esc(spec.name)}</code></h3>
<p>Outcome <code>${esc(spec.outcome)}</code> (1 = long-term unemployed)${spec.weight ? `, case weights <code>${esc(spec.weight)}</code>` : ''}${spec.interactions.length > 0 ? `; interactions ${esc(spec.interactions.join(', '))}` : '; no interactions'}.</p>
${features}
<h3>Coefficients</h3>
<p>Logistic regression on the log-odds scale, Wald 95 % intervals (as R's <code>confint.default</code>); the odds ratio is e<sup>β</sup>. Reference levels: ${esc(refs.join(', ') || 'none')}. NA marks a term aliased in the fit.</p>
${coefficients}
</section>`;
}

function discriminationSection(doc: ReportDocument, roc: string, scores: string): string {
  const o = doc.overall;
  return `<section id="s-discrimination">${heading('discrimination', 'discrimination')}
<p>How well the model ranks members: the AUC (C statistic) is the probability that a member who became long-term unemployed got a higher prediction than one who did not.</p>
${facts([
  [
    'AUC (C statistic)',
    `${num(o.auc)}${o.auc_ci_low !== null ? ` (95 % CI ${num(o.auc_ci_low)}–${num(o.auc_ci_high)}, DeLong; SE ${num(o.auc_se, 4)})` : ''}`,
  ],
  ["Somers' D<sub>xy</sub>", num(o.dxy)],
  ['Nagelkerke R²', num(o.r2_nagelkerke)],
  ['Discrimination index D', `${num(o.discrimination_d, 4)} (χ² ${num(o.discrimination_chisq, 1)})`],
])}
<div class="charts">
${figure(roc, `ROC curve on ${int(o.n)} members; the dashed diagonal is a model that ranks at random; the dot is the model's cut-off.`)}
</div>
${figure(scores, 'Distribution of the predicted probability among members who did and did not become long-term unemployed; the red line is the cut-off; the axis reaches the largest prediction, so a thin tail on the right is a few members with high predictions. The more the two shapes overlap, the weaker the discrimination.')}
</section>`;
}

function calibrationSection(doc: ReportDocument, reliability: string): string {
  const o = doc.overall;
  const deciles = table(
    ['Decile', 'Members', 'Mean predicted', 'Observed', '95 % interval (Wilson)'],
    doc.calibration_curve.deciles.map((d) => [
      String(d.decile),
      int(d.n),
      pct(d.mean_predicted),
      pct(d.observed_rate),
      `${pct(d.ci_low)}–${pct(d.ci_high)}`,
    ]),
  );
  return `<section id="s-calibration">${heading('calibration', 'calibration')}
<p>Whether the predicted probabilities come true: among members predicted 20 %, about 20 % should become long-term unemployed. The figures are those of R's <code>rms::val.prob</code> with its definitions (the <code>calibrate</code> command prints the same).</p>
<div class="side">
${figure(reliability, `Observed against predicted. Curve: ${esc(doc.calibration_curve.band.method)}. Points: deciles of predicted risk with Wilson 95 % binomial intervals.`)}
${facts([
  [
    'Calibration intercept',
    `${num(o.calibration_intercept)}${ciText(o.calibration_intercept_ci_low, o.calibration_intercept_ci_high)} <span class="hint">(val.prob "Intercept", estimated with the slope; ideal 0)</span>`,
  ],
  [
    'Calibration slope',
    `${num(o.calibration_slope)}${ciText(o.calibration_slope_ci_low, o.calibration_slope_ci_high)} <span class="hint">(ideal 1; below 1: predictions too spread, above 1: too narrow)</span>` +
      readingHint(slopeWords(o, 'en'), slopeWords(o, 'da')),
  ],
  [
    'Calibration-in-the-large',
    `${num(o.calibration_in_the_large)}${ciText(o.calibration_in_the_large_ci_low, o.calibration_in_the_large_ci_high)} <span class="hint">(intercept with slope fixed at 1; above 0: risk underestimated)</span>` +
      readingHint(inTheLargeWords(o, 'en'), inTheLargeWords(o, 'da')),
  ],
  ['Brier score', `${num(o.brier, 4)}`],
  [
    'Emax / E90 / Eavg',
    `${num(o.emax, 4)} / ${num(o.e90, 4)} / ${num(o.eavg, 4)} <span class="hint">(distance of the lowess curve from the diagonal)</span>`,
  ],
  ['ECE over deciles', num(o.ece_deciles, 4)],
  ["Spiegelhalter's z", `${num(o.spiegelhalter_z, 2)} (p ${pValue(o.spiegelhalter_p)})`],
  [
    'Unreliability U',
    `${o.unreliability_u === null ? dash : formatKeepingSign(o.unreliability_u, 5, '−')} (χ² ${num(o.unreliability_chisq, 2)}, p ${pValue(o.unreliability_p)})`,
  ],
  ['Quality index Q', num(o.quality_q, 4)],
  ['Log loss', num(o.log_loss, 4)],
])}
</div>
<h3>Deciles of predicted risk</h3>
${deciles}
</section>`;
}

/** The reading of a calibration figure in English, with the Danish beside it for the fund's management. */
function readingHint(en: string | null, da: string | null): string {
  if (en === null) return '';
  return `<span class="reading">${esc(en[0].toUpperCase() + en.slice(1))}.</span>${da === null ? '' : `<span class="hint" lang="da">${esc(da[0].toUpperCase() + da.slice(1))}.</span>`}`;
}

function cutoffSection(doc: ReportDocument, chart: string): string {
  const chosen = doc.cutoff_table.chosen;
  const rows = doc.cutoff_table.rows;
  const c = rows.find((r) => r.cutoff === chosen)!;
  const body = table(
    ['Cut-off', `In ${TARGET_GROUPS_DA[2]}`, 'Share', 'Precision', 'Recall', 'False-positive rate', 'Missed long-term unemployed'],
    rows.map((r) => [
      `${r.cutoff}${r.cutoff === chosen ? ' ◀ chosen' : ''}`,
      int(r.flagged),
      pct(r.share_flagged),
      pct(r.precision),
      pct(r.recall),
      pct(r.false_positive_rate),
      `${int(r.false_negatives)} (${pct(r.false_negative_rate)})`,
    ]),
    { highlight: (i) => rows[i].cutoff === chosen, className: 'cutoffs' },
  );
  return `<section id="s-cutoff">${heading('cutoff', 'cutoff')}
<p>Members with a predicted probability at or above the cut-off are in ${TARGET_GROUPS_DA[2]} and get the extra offers. <strong>Precision</strong> is the share of ${TARGET_GROUPS_DA[2]} that becomes long-term unemployed; <strong>recall</strong> the share of the long-term unemployed who are in ${TARGET_GROUPS_DA[2]}; the <strong>false-positive rate</strong> the share of those who do not become long-term unemployed who are put in ${TARGET_GROUPS_DA[2]} all the same.</p>
<p class="callout">The model's cut-off is ${chosen} (${esc(doc.model.cutoff.rule)}). Here it puts ${int(c.flagged)} of ${int(c.n)} members (${pct(c.share_flagged)}) in ${TARGET_GROUPS_DA[2]}; ${int(c.true_positives)} of them (${pct(c.precision)}) became long-term unemployed. Of the ${int(c.events)} who became long-term unemployed, ${int(c.true_positives)} (${pct(c.recall)}) are caught and ${int(c.false_negatives)} are missed.</p>
${figure(chart, "Share of members in målgruppe 2, precision and recall for each cut-off; the red line is the model's cut-off.")}
${body}
</section>`;
}

function fairnessSection(doc: ReportDocument, charts: string[]): string {
  const f = doc.fairness;
  const parts = f.attributes.map((a, i) => attributeBlock(a, charts[i]));
  return `<section id="s-fairness">${heading('fairness', 'fairness')}
<p>The model's calibration and its errors at the cut-off (${f.cutoff}) in each group, for every attribute marked sensitive, whether or not the model uses it, and for age bands and regions. Each group's figures are computed on that group's members alone. Groups with fewer than ${f.min_group_rows} members or fewer than ${f.min_group_events} long-term unemployed or not long-term unemployed (marked *) are shown but left out of the comparisons: their figures are too uncertain.</p>
${f.summary.length > 0 ? `<ul class="summary">${f.summary.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>` : '<p>No attribute has two groups large enough to compare.</p>'}
${f.skipped.length > 0 ? `<p class="hint">Not audited: ${esc(f.skipped.join('; '))}.</p>` : ''}
${parts.join('\n')}
</section>`;
}

function attributeBlock(a: AttributeAudit, chart: string): string {
  const status =
    a.kind === 'sensitive'
      ? a.in_model
        ? 'sensitive, in the model'
        : 'sensitive, not in the model'
      : a.in_model
        ? 'in the model'
        : 'not in the model';
  const rows = a.groups.map((g) => [
    `${esc(g.group)}${g.small ? ' *' : ''}`,
    int(g.n),
    pct(g.observed_rate),
    pct(g.mean_predicted),
    num(g.calibration_in_the_large, 2),
    num(g.calibration_slope, 2),
    g.auc === null
      ? dash
      : `${num(g.auc)}${g.auc_ci_low !== null ? ` <span class="hint">(${num(g.auc_ci_low, 2)}–${num(g.auc_ci_high, 2)})</span>` : ''}`,
    num(g.brier, 4),
    pct(g.share_flagged),
    pct(g.precision),
    pct(g.false_positive_rate),
    pct(g.false_negative_rate),
  ]);
  const head = [
    'Group',
    'Members',
    'Observed',
    'Predicted',
    'Cal. in the large',
    'Slope',
    'AUC (95 % CI)',
    'Brier',
    'In målgr. 2',
    'Precision',
    'FPR',
    'FNR',
  ];
  return `<div class="attribute">
<h3>${esc(attributeName(a)[0].toUpperCase() + attributeName(a).slice(1))} <span class="tag">${status}</span></h3>
${figure(chart, 'Left: observed share long-term unemployed and mean prediction. Middle: AUC with DeLong 95 % interval. Right: false-positive and false-negative rates at the cut-off.')}
${table(head, rows, { className: 'groups' })}
${a.statements.length > 0 ? `<ul>${a.statements.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>` : '<p class="hint">Too few large groups to compare.</p>'}
</div>`;
}

function validationSection(doc: ReportDocument): string {
  const parts: string[] = [`<p>${esc(doc.evaluation.description)}</p>`];
  if (doc.apparent) {
    const a = doc.apparent;
    const o = doc.overall;
    const mainLabel = doc.evaluation.kind === 'temporal' ? 'Temporal validation' : 'Held-out';
    const keys: [string, keyof ValProbMetrics, number][] = [
      ['Rows', 'n', 0],
      ['Events', 'events', 0],
      ['AUC', 'auc', 3],
      ['Brier', 'brier', 4],
      ['Calibration intercept', 'calibration_intercept', 3],
      ['Calibration slope', 'calibration_slope', 3],
      ['Calibration-in-the-large', 'calibration_in_the_large', 3],
      ['Nagelkerke R²', 'r2_nagelkerke', 3],
      ['Eavg', 'eavg', 4],
      ['Log loss', 'log_loss', 4],
    ];
    parts.push(
      table(
        ['Figure', `${mainLabel} (main figures)`, esc(doc.evaluation.comparison_label ?? 'apparent')],
        keys.map(([label, k, d]) => [
          label,
          d === 0 ? int(o[k] as number) : num(o[k] as number | null, d),
          d === 0 ? int(a[k] as number) : num(a[k] as number | null, d),
        ]),
      ),
    );
  }
  if (doc.optimism) {
    const op = doc.optimism;
    const names: Record<string, string> = {
      c_statistic: 'C (AUC)',
      brier: 'Brier score',
      calibration_slope: 'Calibration slope',
      calibration_intercept: 'Calibration intercept',
    };
    parts.push(`<h3>Bootstrap optimism correction</h3><p>${esc(op.method)}. ${op.successful} of ${op.resamples} resamples were used.</p>`);
    parts.push(
      table(
        ['Figure', 'Apparent', 'Optimism', 'Corrected'],
        OPTIMISM_METRICS.map((k) => [
          names[k],
          num(op.figures[k].apparent, 4),
          num(op.figures[k].optimism, 4),
          num(op.figures[k].corrected, 4),
        ]),
      ),
    );
  }
  const v = doc.model.storedValidation;
  if (v) {
    parts.push(
      `<p class="hint">Recorded in the model artifact at training (${esc(v.kind)}, ${int(v.rows)} rows): AUC ${num(v.auc)}, Brier ${num(v.brier, 4)}, log loss ${num(v.logLoss, 4)}, mean predicted ${pct(v.meanPredicted)}, observed ${pct(v.observedRate)}.</p>`,
    );
  }
  return `<section id="s-validation">${heading('validation', 'validation')}
${parts.join('\n')}
</section>`;
}

function notesSection(doc: ReportDocument): string {
  const d = doc.data;
  const methods = [
    `Outcome: long-term unemployment, at least 80 % of the 52 weeks from the first day of the benefit period on dagpenge (1,539.2 of 1,924 hours). Spells whose 52 weeks were not over are not labelled and not in the data.`,
    `Discrimination and calibration figures follow R's rms::val.prob (Harrell): C is computed exactly (val.prob bins predictions to 1/5000 first, which can move the sixth decimal). The AUC interval is DeLong's. Emax, E90 and Eavg are distances between the predictions and the lowess curve (f = 2/3, no robustness iterations).`,
    `Calibration intercept and slope: Wald 95 % intervals from the logistic recalibration logit P(y = 1) = a + b·logit(p) (R's glm(y ~ lp, binomial)); calibration-in-the-large from glm(y ~ offset(lp), binomial). ` +
      `The words follow from the intervals: a slope whose interval contains 1 fits; otherwise the predictions are "somewhat" too spread (below 1) or too narrow (above 1) when the slope is within ${CALIBRATION_BANDS.slope} of 1, and "much" beyond. ` +
      `Calibration-in-the-large likewise against 0, with a band of ${CALIBRATION_BANDS.inTheLarge} on the log-odds scale (observed odds about ${Math.round(100 * (Math.exp(CALIBRATION_BANDS.inTheLarge) - 1))} % off): above 0 the predictions are too low on average, below 0 too high. ` +
      `A "fits" whose interval also reaches beyond the band says so: the data then cannot rule out a clear misfit.`,
    `Calibration band: ${doc.calibration_curve.band.method}. Decile points: equal-count bins of predicted risk (ties kept together), Wilson score 95 % intervals for the observed share.`,
    `Cut-off figures count members with a prediction at or above the cut-off as ${TARGET_GROUPS_DA[2]}.`,
    `Fairness: every figure of a group is computed on that group's members alone; gaps are the difference between the highest and lowest value among groups large enough to compare. ` +
      `The z of a gap divides it by the standard error of the difference (DeLong for the AUC, binomial for the rates, Wald for calibration-in-the-large), treating the two groups as independent; ` +
      `it does not allow for the pair having been picked as the most extreme, so a z near 2 among many groups is weak evidence.`,
  ];
  const data: [string, string][] = [
    ['File', `<code>${esc(d.file)}</code>`],
    ['SHA-256', `<code>${esc(d.sha256)}</code>${d.same_file_as_training ? ' (the training file)' : ''}`],
    ['Rows', `${int(d.rows)} labelled rows, ${int(d.events)} long-term unemployed; ${int(d.unscorable)} could not be scored`],
    ['Dates', d.date_range ? `${esc(d.date_column ?? '')} from ${esc(d.date_range.from)} to ${esc(d.date_range.to)}` : dash],
  ];
  if (d.unscorable_examples.length > 0) data.push(['Unscorable, e.g.', esc(d.unscorable_examples.join('; '))]);
  return `<section id="s-notes">${heading('notes', 'notes')}
<h3>Evaluated data</h3>
${facts(data)}
<h3>Methods</h3>
<ul>${methods.map((m) => `<li>${esc(m)}</li>`).join('')}</ul>
${doc.notes.length > 0 ? `<h3>Notes</h3><ul>${doc.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}
<p class="hint">All figures of this report are in the JSON written with <code>--json</code>, under the calibrate command's key names.</p>
</section>`;
}

const CSS = `
:root { --ink: #1a1a1a; --muted: #5a5a5a; --rule: #d0d0d0; --accent: #1f5fa8; --warn: #8a1c1c; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); font: 14px/1.45 Helvetica, Arial, sans-serif; background: #fff; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 24px; margin: 8px 0 4px; }
h2 { font-size: 19px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
h2 .da, h1 .da { color: var(--muted); font-weight: normal; }
h3 { font-size: 15px; margin: 22px 0 8px; }
p, li { max-width: 82ch; }
.meta, .hint, figcaption { color: var(--muted); font-size: 12.5px; }
code { font-family: Menlo, Consolas, monospace; font-size: 12px; }
.simulated { border: 3px solid var(--warn); background: #fbeaea; color: var(--warn); padding: 10px 14px; margin: 0 0 12px; font-size: 14px; }
.simulated-footer { display: none; }
.tag { display: inline-block; font-size: 11px; padding: 0 6px; border: 1px solid var(--rule); border-radius: 3px; color: var(--muted); font-weight: normal; vertical-align: middle; }
.toc ol { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; padding: 0; margin: 8px 0 0; font-size: 13px; }
.toc a { color: var(--accent); text-decoration: none; }
.evaluation { font-style: italic; }
ul.summary li { margin-bottom: 4px; }
.callout { border-left: 4px solid var(--accent); padding: 6px 12px; background: #f3f6fb; }
table { border-collapse: collapse; margin: 8px 0 12px; font-size: 12.5px; }
th, td { padding: 3px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 1.5px solid #888; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.facts th { font-weight: 600; white-space: nowrap; padding-right: 16px; }
table.coef td:first-child, table.groups td:first-child { white-space: nowrap; }
table.spec td { font-size: 12px; }
tr.chosen td { background: #fff3d6; font-weight: 600; }
figure { margin: 12px 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { max-width: 90ch; margin-top: 4px; }
.charts, .side { display: flex; flex-wrap: wrap; gap: 16px 28px; align-items: flex-start; }
.side figure { flex: 0 0 auto; max-width: 480px; }
.side table.facts { flex: 1 1 360px; margin-top: 28px; }
.side .hint, .side .reading { display: block; }
.reading { font-weight: 600; }
.attribute { margin-top: 18px; }
@media print {
  body { font-size: 11px; }
  main { max-width: none; padding: 0 0 18mm; }
  h2 { break-before: page; margin-top: 0; }
  #s-summary h2 { break-before: avoid; }
  h2, h3 { break-after: avoid; }
  figure, tr, .attribute h3, .callout { break-inside: avoid; }
  .toc { display: none; }
  .simulated-footer { display: block; position: fixed; bottom: 0; left: 0; right: 0; text-align: center; font-size: 10px; color: var(--warn); border-top: 1px solid var(--warn); padding-top: 2px; background: #fff; }
  a { color: inherit; text-decoration: none; }
}
@page { size: A4; margin: 14mm 12mm 14mm 12mm; }
`;
