import {
  LIMITS_EN,
  LOGGING_EN,
  MISUSE_EN,
  MODEL_CARD_SECTIONS,
  MODEL_CARD_SIMULATED,
  MODEL_CARD_TITLE,
  OVERSIGHT_EN,
  PURPOSE_EN,
  type ModelCardSection,
} from '../../i18n/modelCard.js';
import { attributeName } from '../calibrationReport/fairness.js';
import { caseworkerPage } from './caseworkerPage.js';
import type { CutoffConsequences } from './cutoffConsequences.js';
import { DASH, esc, facts, int, num, pct, table, withCi } from './format.js';
import type { Proportion } from './intervals.js';
import type { ModelCardDocument } from './modelCardDocument.js';
import { CSS } from './style.js';
import { htmlPage } from '../htmlPage.js';

const prop = (p: Proportion) => withCi(p.value, p.ci_low, p.ci_high, (x) => pct(x));
const n3 = (x: number | null) => num(x, 3);

function heading(key: ModelCardSection): string {
  const h = MODEL_CARD_SECTIONS[key];
  return `<h2 id="h-${key}">${esc(h.en)} <span class="da" lang="da">· ${esc(h.da)}</span> <span class="act">${esc(h.act)}</span></h2>`;
}

function section(key: ModelCardSection, body: string): string {
  return `<section id="s-${key}" aria-labelledby="h-${key}">\n${heading(key)}\n${body}\n</section>`;
}

const list = (items: readonly string[]) => `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;

/**
 * The model card as one self-contained HTML document (styles inline, no script, nothing fetched):
 * the Danish page for caseworkers first, then the technical documentation section by section.
 */
export function renderModelCardHtml(doc: ModelCardDocument): string {
  const m = doc.model;
  const title = `${MODEL_CARD_TITLE.en} · ${MODEL_CARD_TITLE.da}: model ${m.version}`;
  const banner = m.simulatedData
    ? `<div class="simulated" role="alert"><strong>${esc(MODEL_CARD_SIMULATED.en)}</strong><br><span lang="da">${esc(MODEL_CARD_SIMULATED.da)}</span></div>`
    : '';
  const body = [
    banner,
    `<header><h1>${esc(title)}</h1><p class="meta">Generated ${esc(doc.generatedAt.slice(0, 19).replace('T', ' '))} UTC by ledighedsprofil ${esc(doc.packageVersion)} from the artifact (SHA-256 <code>${esc(m.checksum.slice(0, 16))}…</code>)${doc.validation ? ` and the validation data <code>${esc(doc.validation.file)}</code>` : ''}.</p></header>`,
    toc(),
    caseworkerPage(doc),
    section('purpose', purpose(doc)),
    section('misuse', list(MISUSE_EN)),
    section('data', trainingData(doc)),
    section('predictors', predictors(doc)),
    section('performance', performance(doc)),
    section('calibration', calibration(doc)),
    section('cutoff', cutoff(doc)),
    section('groups', groups(doc)),
    section('limits', limits(doc)),
    section('oversight', oversight()),
    section('logging', list(LOGGING_EN)),
    section('versions', versions(doc)),
    m.simulatedData
      ? `<div class="simulated-footer" aria-hidden="true">SIMULATED DATA · SIMULEREDE DATA — model ${esc(m.version)}</div>`
      : '',
  ].join('\n');
  return htmlPage({ title, css: CSS, simulated: m.simulatedData, body });
}

function toc(): string {
  const items = (Object.keys(MODEL_CARD_SECTIONS) as ModelCardSection[]).map(
    (k, i) => `<li><a href="#s-${k}">${i + 1}. ${esc(k === 'caseworker' ? MODEL_CARD_SECTIONS[k].da : MODEL_CARD_SECTIONS[k].en)}</a></li>`,
  );
  return `<nav class="toc" aria-label="Contents"><ol>${items.join('')}</ol></nav>`;
}

function purpose(doc: ModelCardDocument): string {
  return `${facts([
    ['Intended purpose', esc(PURPOSE_EN.purpose)],
    ['Intended users', esc(PURPOSE_EN.users)],
    ['Population and setting', esc(PURPOSE_EN.setting)],
    ['This version', esc(doc.model.description)],
    ['Outcome', `<code>${esc(doc.predictors.outcome)}</code> = 1: on dagpenge for ≥ 80 % of the 52 weeks after the first benefit day`],
    [
      'Model',
      `logistic regression, ${doc.predictors.terms} terms${doc.training.l2 > 0 ? `, ridge penalty ${num(doc.training.l2, 4)}` : ', unpenalised maximum likelihood'}`,
    ],
  ])}`;
}

function trainingData(doc: ModelCardDocument): string {
  const t = doc.training;
  const kind = doc.model.simulatedData
    ? '<strong class="warn">SIMULATED</strong> (the project\'s simulated cohort, training/SIMULATION.md)'
    : 'real (register data)';
  return facts([
    ['Data', kind],
    ['File', `<code>${esc(t.dataFile)}</code>, SHA-256 <code>${esc(t.dataSha256)}</code>`],
    ['Rows used for fitting', int(t.rows)],
    ['Long-term unemployed (events)', `${int(t.events)} = ${prop(t.eventRate)}`],
    [
      'Period',
      t.dateRange ? `${esc(t.dateRange.from)} to ${esc(t.dateRange.to)} (<code>${esc(t.dateColumn ?? '')}</code>)` : 'not recorded',
    ],
    [
      'Censored spells',
      t.censored === null ? 'not recorded' : `${int(t.censored)} spells whose 52 weeks were not over were left out before training`,
    ],
    ['Split', esc(t.split)],
    ['Fit', `${t.converged ? 'converged' : '<strong class="warn">did not converge</strong>'} in ${t.iterations} iterations`],
    ['Warnings', t.warnings.length ? list(t.warnings) : 'none'],
    [
      'Trained with',
      `<code>${esc(doc.model.command)}</code> (ledighedsprofil ${esc(doc.model.packageVersion)}, Node ${esc(doc.model.nodeVersion)})`,
    ],
  ]);
}

function predictors(doc: ModelCardDocument): string {
  const p = doc.predictors;
  const rows = p.features.map((f) => [
    `<code>${esc(f.name)}</code>`,
    f.sensitive ? (f.in_model ? '<strong class="warn">sensitive, USED</strong>' : '<strong>sensitive: excluded</strong>') : 'no',
    f.in_model ? 'yes' : 'no',
    esc(f.in_model ? f.encoding : f.sensitive ? 'kept for the group audit only' : f.encoding),
    esc(f.description ?? ''),
  ]);
  const excluded = p.sensitiveExcluded.length
    ? `<p class="callout">Sensitive attributes <strong>excluded from the model</strong>: ${p.sensitiveExcluded.map((s) => `<code>${esc(s)}</code>`).join(', ')}. They are not inputs of the score; they stay in the training and validation data only so that the model can be audited for unequal treatment (Art. 10(5)).</p>`
    : '';
  const used = p.sensitiveUsed.length
    ? `<p class="callout warn-box"><strong>Sensitive attributes used by the model:</strong> ${p.sensitiveUsed.map((s) => `<code>${esc(s)}</code>`).join(', ')}.</p>`
    : '';
  return `${excluded}${used}
${table('Features of the specification', ['Feature', 'Sensitive', 'In model', 'Encoding', 'Description'], rows, 99)}
${p.interactions.length ? `<p>Interactions: ${p.interactions.map(esc).join(', ')}.</p>` : '<p>No interactions.</p>'}`;
}

function performance(doc: ModelCardDocument): string {
  const s = doc.stored;
  const v = doc.validation;
  const storedPart = s
    ? `<h3>Held-out figures stored in the artifact</h3>
<p>${esc(s.description)} (${esc(s.kind)}).</p>
${facts([
  ['Rows (events)', `${int(s.rows)} (${int(s.events)})`],
  ['AUC', n3(s.auc)],
  ['Brier score', num(s.brier, 4)],
  ['Log loss', num(s.logLoss, 4)],
  ['Observed rate', prop(s.observedRateInterval)],
  ['Mean predicted', pct(s.meanPredicted)],
])}`
    : '<p>The artifact stores no held-out figures.</p>';
  if (!v)
    return `<p class="callout">Without validation data (<code>--data</code>), this section shows the held-out metrics stored in the artifact when it was trained. Intervals for the AUC, calibration and the figures by group need <code>--data</code>.</p>\n${storedPart}`;
  const o = v.overall;
  return `<p class="evaluation">${esc(v.description)}</p>
<h3>On the validation data <code>${esc(v.file)}</code></h3>
${facts([
  [
    'Rows (events)',
    `${int(o.n)} (${int(o.events)})${v.unscorable ? `; ${int(v.unscorable)} rows could not be scored and are left out` : ''}`,
  ],
  ['AUC (DeLong 95 % CI)', withCi(o.auc, o.auc_ci_low, o.auc_ci_high, n3)],
  ['Brier score', num(o.brier, 4)],
  ['Log loss', num(o.log_loss, 4)],
  ['Nagelkerke R²', n3(o.r2_nagelkerke)],
  ['Observed rate (Wilson 95 % CI)', prop(v.observedRate)],
])}
${storedPart}
${v.notes.length ? `<h3>Notes</h3>${list(v.notes)}` : ''}`;
}

function calibration(doc: ModelCardDocument): string {
  const v = doc.validation;
  if (!v) {
    const s = doc.stored;
    return `<p>Calibration curves and slope need validation data (<code>--data</code>). ${
      s
        ? `On the stored held-out rows the mean predicted probability is ${pct(s.meanPredicted)} against an observed rate of ${prop(s.observedRateInterval)}.`
        : ''
    }</p>`;
  }
  const o = v.overall;
  return `${facts([
    ['Calibration slope', `${n3(o.calibration_slope)} <span class="hint">(1 is ideal; below 1, predictions are too extreme)</span>`],
    ['Calibration intercept', n3(o.calibration_intercept)],
    [
      'Calibration-in-the-large',
      `${n3(o.calibration_in_the_large)} <span class="hint">(logit scale; 0 is ideal, positive: risk underestimated)</span>`,
    ],
    ['Emax / E90 / Eavg', `${n3(o.emax)} / ${n3(o.e90)} / ${n3(o.eavg)} <span class="hint">(absolute error of the lowess curve)</span>`],
    ['ECE over deciles', n3(o.ece_deciles)],
    [
      "Spiegelhalter's z",
      `${num(o.spiegelhalter_z, 2)} (p ${o.spiegelhalter_p === null ? DASH : o.spiegelhalter_p < 0.001 ? '< 0.001' : o.spiegelhalter_p.toFixed(3)})`,
    ],
  ])}
<p class="hint">Definitions as R's rms::val.prob (the calibrate command). The reliability diagram is in the calibration report (<code>ledighedsprofil report</code>) on the same data.</p>`;
}

function cutoffRows(c: CutoffConsequences): [string, string][] {
  return [
    ['Put in målgruppe 2', `${int(c.flagged)} of ${int(c.n)} = ${prop(c.share_flagged)}`],
    ['Precision (of målgruppe 2, share who become long-term unemployed)', prop(c.precision)],
    ['Recall (of the long-term unemployed, share in målgruppe 2)', prop(c.recall)],
    ['False-positive rate', prop(c.false_positive_rate)],
    ['Missed (false-negative rate)', prop(c.false_negative_rate)],
  ];
}

function cutoff(doc: ModelCardDocument): string {
  const c = doc.cutoff;
  const v = doc.validation;
  return `<p>A member with a predicted probability of <strong>${num(c.probability, 3)}</strong> or more is put in målgruppe 2 (rule: ${esc(c.rule)}). In the training rows that was ${pct(c.shareFlaggedInTraining)} of the members.</p>
${
  v
    ? `<h3>On the validation data (Wilson 95 % intervals)</h3>${facts(cutoffRows(v.atCutoff))}
<p>Of every 100 members put in målgruppe 2, about ${Math.round(100 * (v.atCutoff.precision.value ?? 0))} become long-term unemployed; of every 100 who become long-term unemployed, about ${Math.round(100 * (v.atCutoff.recall.value ?? 0))} are in målgruppe 2 at the start.</p>`
    : '<p>Precision and recall at the cut-off need validation data (<code>--data</code>).</p>'
}`;
}

function groups(doc: ModelCardDocument): string {
  const v = doc.validation;
  if (!v)
    return '<p class="callout">Figures by group (sensitive attributes, age band, region) need validation data: run the card with <code>--data</code>.</p>';
  const blocks = v.groups.map((a) => {
    const rows = a.groups.map((g) => [
      esc(g.group) + (g.small ? ' <span class="tag">small</span>' : ''),
      int(g.n),
      prop(g.observed_rate),
      pct(g.mean_predicted),
      withCi(g.auc.value, g.auc.ci_low, g.auc.ci_high, n3),
      withCi(g.calibration_in_the_large.value, g.calibration_in_the_large.ci_low, g.calibration_in_the_large.ci_high, (x) => num(x, 2)),
      prop(g.at_cutoff.share_flagged),
      prop(g.at_cutoff.precision),
      prop(g.at_cutoff.recall),
    ]);
    const name = attributeName(a);
    return `<div class="attribute"><h3>By ${esc(name)}${a.in_model ? '' : ' <span class="tag">not in the model</span>'}</h3>
${table(`Figures by ${esc(name)} on the validation rows, 95 % intervals`, ['Group', 'Rows', 'Observed rate', 'Mean predicted', 'AUC', 'Calibration-in-the-large', 'In målgruppe 2', 'Precision', 'Recall'], rows, 1, 'groups')}
${a.statements.length ? list(a.statements) : ''}</div>`;
  });
  return `<p>Intervals: Wilson for rates, DeLong for the AUC, Wald for calibration-in-the-large (logit scale; positive means the group's risk is underestimated). "small": fewer than 100 rows or 10 events or non-events.</p>
${v.groupSummary.length ? `<div class="callout">${list(v.groupSummary)}</div>` : ''}
${blocks.join('\n')}
${v.skipped.length ? `<p>Not audited: ${v.skipped.map(esc).join('; ')}.</p>` : ''}`;
}

function limits(doc: ModelCardDocument): string {
  return `${doc.versionLimits.length ? `<h3>This version</h3>${list(doc.versionLimits)}` : ''}<h3>Every version</h3>${list(LIMITS_EN)}`;
}

function oversight(): string {
  return facts([
    ['Who decides', esc(OVERSIGHT_EN.decides)],
    ['Automation bias', esc(OVERSIGHT_EN.automationBias)],
    ['How to override', esc(OVERSIGHT_EN.override)],
    ['When to stop', esc(OVERSIGHT_EN.stop)],
  ]);
}

function versions(doc: ModelCardDocument): string {
  const rows = doc.versions.map((e) => [
    `<code>${esc(e.version)}</code>${e.current ? ' <span class="tag">this card</span>' : ''}`,
    esc(e.trained_at.slice(0, 10)),
    e.simulated_data ? '<strong class="warn">simulated</strong>' : 'real',
    int(e.training_rows),
    e.training_period ? `${esc(e.training_period.from)} – ${esc(e.training_period.to)}` : DASH,
    num(e.cutoff, 3),
    e.validation_auc === null ? DASH : `${n3(e.validation_auc)} (${esc(e.validation_kind ?? '')})`,
    `<code>${esc(e.checksum.slice(0, 12))}</code>`,
  ]);
  const note =
    doc.versions.length === 1
      ? '<p class="hint">Only this version is listed: an artifact records itself only. Earlier versions are added with <code>--previous</code>.</p>'
      : '';
  return `${table('Model versions, oldest first', ['Version', 'Trained', 'Data', 'Training rows', 'Period', 'Cut-off', 'Stored AUC', 'Checksum'], rows, 3)}${note}`;
}
