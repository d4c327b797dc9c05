/**
 * The explorer page's HTML: the active model's facts, its coefficient table (server-rendered, readable
 * without the script) and the what-if form the page's script (public/explorer/explorer.js) reads. No
 * inline script or style, so the service's strict content security policy holds for this page too.
 */
import { CODE_LABELS_DA, FEATURE_NAMES_DA } from '../../i18n/da.js';
import { EXPLORER_TEXT_DA as T, explorerPercentDa, explorerPValueDa } from '../../i18n/daExplorer.js';
import { formatNumberDa } from '../../i18n/format.js';
import { EDUCATION_LEVELS, INDUSTRIES, Q10_BARRIERS, Q2_ANSWERS, REGIONS } from '../../data/cohort/levels.js';
import { coefficientTable } from '../../model/coefficientTable.js';
import { escapeHtml } from '../../report/htmlPage.js';
import { describeTerms } from '../../report/spreadsheet/termFormulas.js';
import { featureLabel, levelLabel, termLabel } from '../../report/spreadsheet/labels.js';
import type { LoadedModel } from '../models/modelRegistry.js';
import { EXPLORER_DEFAULT_INPUT } from './explorerInput.js';

/** Where the page and its files are served. */
export const EXPLORER_PATHS = {
  page: '/explorer',
  script: '/explorer/explorer.js',
  style: '/explorer/explorer.css',
  score: '/explorer/score',
};

const e = escapeHtml;
const fmt = (x: number, digits: number) => (Number.isFinite(x) ? formatNumberDa(x, digits) : T.notEstimated);

/** The coefficient table: Danish label, technical term, estimate, standard error, odds ratio with its Wald interval, p. */
function coefficientsHtml(model: LoadedModel): string {
  const a = model.artifact;
  const p = a.coefficients.length;
  const covariance = new Float64Array(p * p);
  a.covariance.forEach((row, i) => row.forEach((v, j) => (covariance[i * p + j] = v ?? Number.NaN)));
  const rows = coefficientTable(
    a.encoding.terms,
    a.coefficients.map((c) => c.estimate ?? Number.NaN),
    covariance,
  );
  const descriptions = describeTerms(a.encoding);
  const body = rows
    .map((r, j) => {
      const interval = Number.isFinite(r.ciLow) ? `${fmt(Math.exp(r.ciLow), 3)} – ${fmt(Math.exp(r.ciHigh), 3)}` : T.notEstimated;
      return (
        `<tr><th scope="row">${e(termLabel(descriptions[j], descriptions))}</th><td><code>${e(r.term)}</code></td>` +
        `<td class="num">${fmt(r.estimate, 4)}</td><td class="num">${fmt(r.stdError, 4)}</td>` +
        `<td class="num">${fmt(r.oddsRatio, 3)}</td><td class="num">${interval}</td>` +
        `<td class="num">${Number.isFinite(r.pValue) ? explorerPValueDa(r.pValue) : T.notEstimated}</td></tr>`
      );
    })
    .join('\n');
  const c = T.columns;
  const references = a.encoding.features
    .filter((ff) => ff.reference !== undefined && ff.reference !== null)
    .map((ff) => `${featureLabel(ff)}: ${levelLabel(ff, ff.reference as string)}`)
    .join('; ');
  const sensitive = a.encoding.auditOnly.map((name) => FEATURE_NAMES_DA[name] ?? name).join(', ');
  return `<section aria-labelledby="coefficients-heading">
<h2 id="coefficients-heading">${e(T.coefficientsHeading)}</h2>
<p>${e(T.coefficientsIntro)}</p>
<p>${e(T.references)}: ${e(references)}.</p>
${sensitive ? `<p>${e(T.sensitive(sensitive))}</p>` : ''}
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="coefficients-caption">
<table id="coefficients">
<caption id="coefficients-caption">${e(T.coefficientsCaption(a.version))}</caption>
<thead><tr><th scope="col">${e(c.term)}</th><th scope="col">${e(c.code)}</th><th scope="col">${e(c.estimate)}</th><th scope="col">${e(c.stdError)}</th><th scope="col">${e(c.oddsRatio)}</th><th scope="col">${e(c.interval)}</th><th scope="col">${e(c.pValue)}</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>
</section>`;
}

/** One labelled control with an optional hint, named by its API field so the script can build the request. */
function field(name: string, label: string, control: (id: string, describedBy: string) => string, hint?: string): string {
  const id = `f-${name.replace(/\./g, '-')}`;
  const hintId = `${id}-hint`;
  return `<div class="field"><label for="${id}">${e(label)}</label>${hint ? `<span class="hint" id="${hintId}">${e(hint)}</span>` : ''}${control(id, hint ? ` aria-describedby="${hintId}"` : '')}</div>`;
}

function numberField(name: string, label: string, value: number, attrs: { min: number; max: number; step: number; unit?: string }): string {
  const kind = Number.isInteger(attrs.step) && attrs.step >= 1 ? 'int' : 'number';
  const full = attrs.unit ? `${label} (${attrs.unit})` : label;
  return field(
    name,
    full,
    (id, d) =>
      `<input type="number" id="${id}" name="${name}" data-type="${kind}" inputmode="${kind === 'int' ? 'numeric' : 'decimal'}" min="${attrs.min}" max="${attrs.max}" step="${attrs.step}" value="${value}" required${d}>`,
  );
}

function selectField(name: string, label: string, options: [string, string][], value: string, type: string, hint?: string): string {
  const opts = options.map(([v, text]) => `<option value="${e(v)}"${v === value ? ' selected' : ''}>${e(text)}</option>`).join('');
  return field(name, label, (id, d) => `<select id="${id}" name="${name}" data-type="${type}"${d}>${opts}</select>`, hint);
}

function checkboxField(name: string, label: string, checked: boolean): string {
  const id = `f-${name.replace(/\./g, '-')}`;
  return `<div class="field check"><input type="checkbox" id="${id}" name="${name}" data-type="bool"${checked ? ' checked' : ''}><label for="${id}">${e(label)}</label></div>`;
}

/** Radio buttons for one field, without their group. */
function radios(name: string, options: [string, string][], value: string, type: string): string {
  return options
    .map(([v, text], i) => {
      const id = `f-${name.replace(/\./g, '-')}-${i}`;
      return `<div class="check"><input type="radio" id="${id}" name="${name}" value="${e(v)}" data-type="${type}"${v === value ? ' checked' : ''}><label for="${id}">${e(text)}</label></div>`;
    })
    .join('');
}

/** The what-if form, filled with the example member. */
function formHtml(): string {
  const m = EXPLORER_DEFAULT_INPUT.member;
  const q = EXPLORER_DEFAULT_INPUT.questionnaire;
  const unknown: [string, string] = ['', T.unknownOption];
  const member = [
    numberField('member.age', FEATURE_NAMES_DA.age, m.age, { min: 15, max: 100, step: 1, unit: T.units.age }),
    numberField('member.experienceYears', FEATURE_NAMES_DA.experience_years, m.experienceYears, {
      min: 0,
      max: 60,
      step: 0.5,
      unit: T.units.experienceYears,
    }),
    selectField(
      'member.education',
      FEATURE_NAMES_DA.education,
      [...EDUCATION_LEVELS.map((l): [string, string] => [l, CODE_LABELS_DA.education[l]]), unknown],
      m.education ?? '',
      'nullable',
    ),
    checkboxField('member.fromSicknessBenefit', FEATURE_NAMES_DA.from_sickness_benefit, m.fromSicknessBenefit),
    numberField('member.priorDagpengeHours', FEATURE_NAMES_DA.prior_dagpenge_hours, m.priorDagpengeHours, {
      min: 0,
      max: 10_000,
      step: 1,
      unit: T.units.priorDagpengeHours,
    }),
    numberField('member.earlierSpells', FEATURE_NAMES_DA.earlier_spells, m.earlierSpells, { min: 0, max: 100, step: 1 }),
    selectField(
      'member.region',
      FEATURE_NAMES_DA.region,
      REGIONS.map((r): [string, string] => [r, CODE_LABELS_DA.region[r]]),
      m.region ?? 'hovedstaden',
      'text',
    ),
    field(
      'member.discoCode',
      T.discoLabel,
      (id, d) =>
        `<input type="text" id="${id}" name="member.discoCode" data-type="code" inputmode="numeric" autocomplete="off" pattern="[0-9]{4}([0-9]{2})?" maxlength="6" value="${e(m.discoCode ?? '')}"${d}>` +
        `<output id="disco-group" for="${id}" class="hint"></output>`,
      T.discoHint,
    ),
    selectField(
      'member.industry',
      FEATURE_NAMES_DA.industry,
      [...INDUSTRIES.map((l): [string, string] => [l, CODE_LABELS_DA.industry[l]]), unknown],
      m.industry ?? '',
      'nullable',
    ),
    checkboxField('member.dimittend', FEATURE_NAMES_DA.dimittend, m.dimittend),
    numberField('member.previousIncome', FEATURE_NAMES_DA.previous_income, m.previousIncome, {
      min: 0,
      max: 100_000_000,
      step: 1000,
      unit: T.units.previousIncome,
    }),
    checkboxField('member.childrenAtHome', FEATURE_NAMES_DA.children_at_home, m.childrenAtHome),
    selectField(
      'member.jobGoalWithinTradeAreas',
      T.jobGoalLabel,
      [
        ['', T.notStated],
        ['true', T.yes],
        ['false', T.no],
      ],
      m.jobGoalWithinTradeAreas === undefined || m.jobGoalWithinTradeAreas === null ? '' : String(m.jobGoalWithinTradeAreas),
      'tristate',
      T.jobGoalHint,
    ),
  ].join('\n');
  const barriers = Q10_BARRIERS.map((b) => {
    const id = `f-q10-${b}`;
    return `<div class="check"><input type="checkbox" id="${id}" name="questionnaire.q10Barriers" value="${b}" data-type="list"${q.q10Barriers.includes(b) ? ' checked' : ''}><label for="${id}">${e(CODE_LABELS_DA.q10[b])}</label></div>`;
  }).join('');
  const discoGroups = Object.entries(T.discoGroups)
    .map(([digit, name]) => `<span data-disco-group="${digit}">${e(`${digit}: ${name}`)}</span>`)
    .join('');
  return `<section aria-labelledby="form-heading">
<h2 id="form-heading">${e(T.formHeading)}</h2>
<p>${e(T.formIntro)}</p>
<noscript><p class="notice">${e(T.noScript)}</p></noscript>
<div class="explorer">
<form id="explorer-form" data-score-url="${EXPLORER_PATHS.score}" data-error="${e(T.error)}" data-network-error="${e(T.networkError)}" data-too-many="${e(T.tooMany)}" data-waiting="${e(T.waiting)}" data-no-factors="${e(T.noFactors)}">
<fieldset><legend>${e(T.memberLegend)}</legend>
${member}
</fieldset>
<fieldset><legend>${e(T.q2Legend)}</legend>
${radios(
  'questionnaire.q2JobExpectation',
  Q2_ANSWERS.map((a): [string, string] => [a, CODE_LABELS_DA.q2[a]]),
  q.q2JobExpectation,
  'text',
)}
</fieldset>
<fieldset><legend>${e(T.q10Legend)}</legend>
${radios(
  'questionnaire.q10HasBarriers',
  [
    ['true', T.yes],
    ['false', T.no],
  ],
  String(q.q10HasBarriers),
  'tristate',
)}
<fieldset id="q10-barriers"><legend>${e(T.q10BarriersLegend)}</legend>${barriers}</fieldset>
</fieldset>
<p><button type="submit">${e(T.calculate)}</button></p>
<div hidden id="disco-groups">${discoGroups}</div>
</form>
${resultHtml()}
</div>
</section>`;
}

/** The result panel the script fills in; the live region announces each new probability. */
function resultHtml(): string {
  return `<section id="result" class="result" aria-labelledby="result-heading">
<h2 id="result-heading">${e(T.resultHeading)}</h2>
<p id="result-error" class="error" role="alert" hidden></p>
<dl>
<dt>${e(T.probability)}</dt><dd id="result-probability" class="big">–</dd>
<dt>${e(T.interval)}</dt><dd id="result-interval">–</dd>
<dt>${e(T.group)}</dt><dd><span id="result-group">–</span><br><span id="result-group-description" class="hint"></span></dd>
<dt>${e(T.referral)}</dt><dd id="result-referral">–</dd>
</dl>
<h3 id="raising-heading">${e(T.raising)}</h3>
<ul id="factors-raising" aria-labelledby="raising-heading"></ul>
<h3 id="lowering-heading">${e(T.lowering)}</h3>
<ul id="factors-lowering" aria-labelledby="lowering-heading"></ul>
<p id="announcement" class="visually-hidden" role="status" aria-live="polite"></p>
</section>`;
}

/** The whole page for the active model. */
export function explorerPage(model: LoadedModel): string {
  const a = model.artifact;
  const auc = a.validation?.auc;
  const simulated = a.simulatedData
    ? `<div class="simulated" role="note"><p><strong>${e(T.simulatedHeading)}</strong> ${e(T.simulatedText(a.version))}</p></div>`
    : '';
  return `<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(T.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${EXPLORER_PATHS.style}">
<script src="${EXPLORER_PATHS.script}" defer></script>
</head>
<body>
<main>
<h1>${e(T.title)}</h1>
${simulated}
<p>${e(T.intro)}</p>
<p class="notice">${e(T.privacy)}</p>
<p>${e(T.statement)}</p>
<section aria-labelledby="model-heading">
<h2 id="model-heading">${e(T.modelHeading)}</h2>
<dl class="facts">
<dt>${e(T.modelVersion)}</dt><dd id="model-version">${e(a.version)}</dd>
<dt>${e(T.trainedOn)}</dt><dd>${e(T.trainingRows(formatNumberDa(a.training.rows), formatNumberDa(a.training.events)))}</dd>
<dt>${e(T.cutoff)}</dt><dd>${e(explorerPercentDa(a.cutoff.probability))}</dd>
${auc === null || auc === undefined ? '' : `<dt>${e(T.validation)}</dt><dd>${e(formatNumberDa(auc, 3))}</dd>`}
</dl>
<p>${e(T.outcome)}</p>
</section>
${formHtml()}
${coefficientsHtml(model)}
</main>
</body>
</html>
`;
}
