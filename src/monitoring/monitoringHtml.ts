/**
 * The monitoring report as one self-contained HTML page (the report's frame), in English with the Danish
 * headings beside, as the calibration report is written. Tables only: every figure is also in --json.
 */
import { SLOPE_READING } from '../i18n/calibrationReport.js';
import { MONITORING_HEADINGS, MONITORING_NOTES, MONITORING_TITLE, PSI_READING_WORDS } from '../i18n/monitoring.js';
import { escapeHtml as esc, htmlPage } from '../report/htmlPage.js';
import type { ValProbMetrics } from '../stats/valProb.js';
import type { MonitoringReport, OverrideCell, VersionMonitoring } from './monitor.js';

const num = (x: number | null | undefined, d = 3) => (x === null || x === undefined ? '—' : x.toFixed(d));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)} %`);
const int = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toLocaleString('en-US'));

function heading(level: 2 | 3, h: { en: string; da: string }): string {
  return `<h${level}>${esc(h.en)} <span class="da" lang="da">· ${esc(h.da)}</span></h${level}>`;
}

function table(head: string[], rows: string[][]): string {
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function interval(low: number | null, high: number | null): string {
  return low === null || high === null ? '' : ` (${num(low)} to ${num(high)})`;
}

function calibrationRows(m: ValProbMetrics): string[][] {
  return [
    ['Periods with a known outcome', int(m.n)],
    ['Long-term unemployed (events)', `${int(m.events)} (${pct(m.events / m.n)})`],
    ['AUC (DeLong 95 % interval)', `${num(m.auc)}${interval(m.auc_ci_low, m.auc_ci_high)}`],
    [
      'Calibration intercept (95 % interval)',
      `${num(m.calibration_intercept)}${interval(m.calibration_intercept_ci_low, m.calibration_intercept_ci_high)}`,
    ],
    [
      'Calibration slope (95 % interval)',
      `${num(m.calibration_slope)}${interval(m.calibration_slope_ci_low, m.calibration_slope_ci_high)}`,
    ],
    [
      'Calibration-in-the-large',
      `${num(m.calibration_in_the_large)}${interval(m.calibration_in_the_large_ci_low, m.calibration_in_the_large_ci_high)}`,
    ],
    [
      'Slope reading',
      m.calibration_slope_reading === null
        ? '—'
        : `${SLOPE_READING[m.calibration_slope_reading].en} · ${SLOPE_READING[m.calibration_slope_reading].da}`,
    ],
    ['Brier score', num(m.brier, 4)],
    ['Emax / E90 / Eavg', `${num(m.emax)} / ${num(m.e90)} / ${num(m.eavg)}`],
  ];
}

function overrideRow(label: string, c: OverrideCell): string[] {
  return c.suppressed ? [label, 'suppressed', '', '', ''] : [label, int(c.screenings), int(c.assessed), int(c.overridden), pct(c.rate)];
}

function versionSection(v: VersionMonitoring): string {
  const parts: string[] = [`<section class="version"><h2>Model ${esc(v.model_version)}</h2>`];
  parts.push(heading(3, MONITORING_HEADINGS.overview));
  parts.push(
    table(
      ['Screened periods', 'Outcome known', 'Pending', 'of which: 52 weeks not over', 'outcome pending', 'not given', 'no outcome'],
      [
        [
          int(v.screenings),
          int(v.outcomes_known),
          int(v.pending),
          int(v.pending_reasons.label_delay),
          int(v.pending_reasons.outcome_pending),
          int(v.pending_reasons.outcome_not_given),
          int(v.pending_reasons.no_outcome),
        ],
      ],
    ),
  );
  parts.push(heading(3, MONITORING_HEADINGS.calibration));
  parts.push(
    v.calibration === null ? '<p>No period has a known outcome yet.</p>' : table(['Figure', 'Value'], calibrationRows(v.calibration)),
  );
  if (v.groups !== null) {
    parts.push(heading(3, MONITORING_HEADINGS.groups));
    for (const a of v.groups.attributes) {
      parts.push(`<h4>${esc(a.kind === 'age_band' ? 'age band' : a.attribute)}${a.in_model ? '' : ' (not in the model)'}</h4>`);
      parts.push(
        table(
          ['Group', 'Periods', 'Observed', 'Mean predicted', 'AUC', 'Slope', 'Intercept', ''],
          a.groups.map((g) =>
            g.suppressed
              ? [g.group, '—', '', '', '', '', '', 'suppressed (too few periods)']
              : [
                  g.group,
                  int(g.n),
                  pct(g.observed_rate),
                  pct(g.mean_predicted),
                  num(g.auc),
                  num(g.calibration_slope),
                  num(g.calibration_intercept),
                  g.small ? 'small' : '',
                ],
          ),
        ),
      );
    }
    if (v.groups.summary.length > 0) parts.push(`<ul>${v.groups.summary.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>`);
  }
  parts.push(heading(3, MONITORING_HEADINGS.months));
  parts.push(
    table(
      ['Month', 'Screened periods', 'In målgruppe 2', 'Share'],
      v.target_group_2_by_month.map((m) => [m.month, int(m.screenings), int(m.target_group_2), pct(m.share)]),
    ),
  );
  parts.push(heading(3, MONITORING_HEADINGS.overrides));
  const head = ['', 'Screened', 'Assessed', 'Group changed', 'Override rate'];
  parts.push(
    table(head, [
      overrideRow('All', v.overrides.overall),
      ...v.overrides.by_target_group.map((g) => overrideRow(`Statistical målgruppe ${g.target_group}`, g)),
      ...v.overrides.by_attribute.flatMap((a) => a.groups.map((g) => overrideRow(`${a.attribute}: ${g.group}`, g))),
    ]),
  );
  parts.push(heading(3, MONITORING_HEADINGS.drift));
  if (!v.drift.available) parts.push(`<p>Drift unavailable: ${esc(v.drift.reason)}.</p>`);
  else {
    const reading = (r: keyof typeof PSI_READING_WORDS | null) =>
      r === null ? '—' : `${PSI_READING_WORDS[r].en} · ${PSI_READING_WORDS[r].da}`;
    if (v.drift.rows < v.drift.minRowsForReading)
      parts.push(
        `<p>${int(v.drift.rows)} periods: an index is read from ${int(v.drift.minRowsForReading)} periods on. With fewer, inputs that have not drifted mostly show a high index by chance.</p>`,
      );
    parts.push(
      table(
        ['Input', 'PSI', 'Reading', 'Rows'],
        [
          ['score (probability)', num(v.drift.score.psi), reading(v.drift.score.reading), int(v.drift.score.rows)],
          ...v.drift.inputs.map((i) => [
            `${i.feature}${i.inModel ? '' : ' (not in the model)'}`,
            num(i.psi),
            reading(i.reading),
            int(i.rows),
          ]),
        ],
      ),
    );
  }
  if (v.shadows.length > 0) {
    parts.push(heading(3, MONITORING_HEADINGS.shadows));
    parts.push(
      table(
        ['Shadow model', 'Scored periods', 'Share in målgruppe 2', 'Known outcomes', 'AUC shadow / active', 'Slope shadow / active'],
        v.shadows.map((s) => [
          s.model_version,
          int(s.screenings),
          pct(s.target_group_2_share),
          int(s.outcomes_known),
          `${num(s.calibration?.auc)} / ${num(s.active_calibration?.auc)}`,
          `${num(s.calibration?.calibration_slope)} / ${num(s.active_calibration?.calibration_slope)}`,
        ]),
      ),
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** The page for `monitor --out`. `simulated` marks models trained on simulated data. */
export function monitoringHtml(report: MonitoringReport, simulated: boolean): string {
  const sel = report.selection;
  const body = [
    `<h1>${esc(MONITORING_TITLE.en)} <span class="da" lang="da">· ${esc(MONITORING_TITLE.da)}</span></h1>`,
    `<p class="meta">As of ${esc(report.as_of)} · fund ${esc(sel.fund ?? 'all funds')} · screenings ${esc(sel.from ?? 'from the first')} to ${esc(
      sel.to ?? 'the last',
    )} · ${int(report.screenings)} benefit periods · minimum cell count ${report.min_cell_count}</p>`,
    ...(report.versions.length === 0 ? ['<p>No screened benefit period in the selection.</p>'] : report.versions.map(versionSection)),
    heading(2, MONITORING_HEADINGS.notes),
    `<ul>${MONITORING_NOTES.en.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`,
    `<ul lang="da" class="da">${MONITORING_NOTES.da.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`,
  ].join('\n');
  return htmlPage({ title: `${MONITORING_TITLE.en} · ${MONITORING_TITLE.da}`, css: CSS, simulated, body });
}

const CSS = `
body { font-family: system-ui, sans-serif; color: #1d2329; margin: 0; background: #fff; }
main { max-width: 980px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ccd3da; } h3 { margin-top: 1.4rem; }
.da { color: #5b6770; font-weight: normal; }
.meta { color: #5b6770; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #d5dbe0; padding: 4px 8px; text-align: left; }
th { background: #f1f4f6; }
body.is-simulated main::before { content: 'SIMULATED DATA · SIMULEREDE DATA'; display: block; background: #fff3cd; border: 1px solid #e0b000; padding: 8px; font-weight: bold; }
`;
