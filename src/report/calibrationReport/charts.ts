import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { AttributeAudit } from './fairness.js';
import type { ReportDocument } from './reportDocument.js';

/** Colours that stay distinguishable in greyscale print and for the common colour-vision deficiencies. */
const BLUE = '#1f5fa8';
const ORANGE = '#d9791a';
const GREY = '#777777';
const GREEN = '#2e8540';

const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  background: 'white',
  view: { stroke: null },
  axis: {
    labelLimit: 0,
    labelFontSize: 11,
    titleFontSize: 11,
    titleFontWeight: 'normal',
    gridColor: '#e6e6e6',
    domainColor: '#888',
    tickColor: '#888',
  },
  legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', orient: 'bottom', direction: 'horizontal', labelLimit: 0 },
  title: { fontSize: 12, fontWeight: 'bold', anchor: 'start' },
} as const;

/**
 * Renders a Vega-Lite specification to an SVG string in Node (no browser, no canvas). The namespace
 * attributes are dropped because the SVG is inlined into HTML, where they are implied, and element ids
 * get the chart's prefix: inline SVGs share one id space, and two charts' clip paths named alike would
 * clip each other.
 */
export async function renderSvg(spec: TopLevelSpec, idPrefix: string): Promise<string> {
  const own = (spec.config ?? {}) as Record<string, object>;
  const config: Record<string, unknown> = { ...CONFIG };
  // One level deep, so that a chart's own legend settings add to the shared ones instead of replacing them.
  for (const [key, value] of Object.entries(own))
    config[key] = typeof value === 'object' ? { ...(CONFIG as unknown as Record<string, object>)[key], ...value } : value;
  const vgSpec = compile({ ...spec, config } as TopLevelSpec).spec;
  const view = new View(parse(vgSpec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg
    .replace(/ xmlns(:xlink)?="[^"]*"/g, '')
    .replace(/ id="([^"]+)"/g, ` id="${idPrefix}-$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${idPrefix}-$1)`)
    .replace(/<svg /, `<svg role="img" `);
}

/** The ROC curve with the diagonal of a useless model and the model's cut-off marked. */
export function rocSpec(doc: ReportDocument): TopLevelSpec {
  const chosen = doc.cutoff_table.rows.find((r) => r.cutoff === doc.cutoff_table.chosen);
  const auc = doc.overall.auc;
  return {
    width: 300,
    height: 300,
    title: `ROC curve${auc !== null ? ` (AUC ${auc.toFixed(3)})` : ''}`,
    layer: [
      {
        data: {
          values: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
        },
        mark: { type: 'line', strokeDash: [4, 4], color: GREY, strokeWidth: 1 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
      },
      {
        data: { values: doc.roc },
        mark: { type: 'line', color: BLUE, strokeWidth: 2 },
        encoding: {
          x: {
            field: 'false_positive_rate',
            type: 'quantitative',
            title: 'False-positive rate (1 − specificity)',
            scale: { domain: [0, 1] },
          },
          y: { field: 'true_positive_rate', type: 'quantitative', title: 'True-positive rate (recall)', scale: { domain: [0, 1] } },
          order: { field: 'false_positive_rate', type: 'quantitative' },
        },
      },
      ...(chosen && chosen.false_positive_rate !== null && chosen.recall !== null
        ? [
            {
              data: { values: [{ x: chosen.false_positive_rate, y: chosen.recall, label: `cut-off ${chosen.cutoff}` }] },
              layer: [
                {
                  mark: { type: 'point' as const, filled: true, size: 70, color: ORANGE },
                  encoding: { x: { field: 'x', type: 'quantitative' as const }, y: { field: 'y', type: 'quantitative' as const } },
                },
                {
                  mark: { type: 'text' as const, align: 'left' as const, dx: 8, dy: 10, fontSize: 11, color: ORANGE },
                  encoding: {
                    x: { field: 'x', type: 'quantitative' as const },
                    y: { field: 'y', type: 'quantitative' as const },
                    text: { field: 'label', type: 'nominal' as const },
                  },
                },
              ],
            },
          ]
        : []),
    ],
  };
}

/** Histograms of the predictions by outcome, each summing to one, with the cut-off as a rule. */
export function scoreDistributionSpec(doc: ReportDocument): TopLevelSpec {
  const values = doc.score_histogram.map((b) => ({ ...b, outcome: b.outcome === 1 ? 'became long-term unemployed' : 'did not' }));
  const upper = Math.max(...doc.score_histogram.map((b) => b.to));
  return {
    width: 560,
    height: 200,
    title: 'Predicted probability by outcome (share of each outcome group per bin)',
    layer: [
      {
        data: { values },
        mark: { type: 'rect', opacity: 0.55 },
        encoding: {
          y2: { datum: 0 },
          x: {
            field: 'from',
            type: 'quantitative',
            title: 'Predicted probability of long-term unemployment',
            axis: { format: '.0%' },
            // Exactly the bins' range: the last bin ends at the largest prediction's 5 % step.
            scale: { domain: [0, upper], nice: false },
          },
          x2: { field: 'to' },
          y: { field: 'share', type: 'quantitative', title: 'Share of group', stack: null, axis: { format: '.0%' } },
          color: {
            field: 'outcome',
            type: 'nominal',
            title: null,
            scale: { domain: ['did not', 'became long-term unemployed'], range: [BLUE, ORANGE] },
          },
        },
      },
      cutoffRule(doc.cutoff_table.chosen),
    ],
  };
}

/** The reliability diagram: lowess curve with its bootstrap band, decile points with Wilson intervals, the diagonal. */
export function reliabilitySpec(doc: ReportDocument): TopLevelSpec {
  const { deciles, band } = doc.calibration_curve;
  const top = Math.max(...deciles.map((d) => Math.max(d.ci_high, d.mean_predicted)), ...band.points.map((b) => b.high), 0.05);
  const upper = Math.min(1, Math.ceil(top * 10 + 0.25) / 10);
  const domain = [0, upper];
  const x = { type: 'quantitative' as const, scale: { domain }, title: 'Predicted probability', axis: { format: '.0%' } };
  const y = { type: 'quantitative' as const, scale: { domain }, title: 'Observed share long-term unemployed', axis: { format: '.0%' } };
  const series = ['ideal (predicted = observed)', 'lowess curve with 95 % band', 'deciles of risk with 95 % interval'];
  const color = (name: string) => ({
    datum: name,
    type: 'nominal' as const,
    title: null,
    scale: { domain: series, range: [GREY, BLUE, ORANGE] },
  });
  return {
    width: 380,
    height: 380,
    title: 'Reliability diagram',
    config: { legend: { direction: 'vertical', orient: 'bottom' } },
    layer: [
      {
        data: {
          values: [
            { a: 0, b: 0 },
            { a: upper, b: upper },
          ],
        },
        mark: { type: 'line', strokeDash: [4, 4], strokeWidth: 1, clip: true },
        encoding: { x: { field: 'a', ...x }, y: { field: 'b', ...y }, color: color(series[0]) },
      },
      {
        data: { values: band.points },
        mark: { type: 'area', opacity: 0.18, color: BLUE, clip: true },
        encoding: { x: { field: 'predicted', ...x }, y: { field: 'low', ...y }, y2: { field: 'high' } },
      },
      {
        data: { values: band.points },
        mark: { type: 'line', strokeWidth: 2, clip: true },
        encoding: { x: { field: 'predicted', ...x }, y: { field: 'observed', ...y }, color: color(series[1]) },
      },
      {
        data: { values: deciles },
        layer: [
          {
            mark: { type: 'rule', strokeWidth: 1.5, clip: true },
            encoding: {
              x: { field: 'mean_predicted', ...x },
              y: { field: 'ci_low', ...y },
              y2: { field: 'ci_high' },
              color: color(series[2]),
            },
          },
          {
            mark: { type: 'point', filled: true, size: 45, clip: true },
            encoding: { x: { field: 'mean_predicted', ...x }, y: { field: 'observed_rate', ...y }, color: color(series[2]) },
          },
        ],
      },
    ],
  };
}

/** Share flagged, precision and recall against the cut-off, the model's cut-off as a rule. */
export function cutoffSpec(doc: ReportDocument): TopLevelSpec {
  const names = { share_flagged: 'share in målgruppe 2', precision: 'precision', recall: 'recall' } as const;
  const values = doc.cutoff_table.rows.flatMap((r) =>
    (Object.keys(names) as (keyof typeof names)[])
      .filter((k) => r[k] !== null)
      .map((k) => ({ cutoff: r.cutoff, series: names[k], value: r[k] })),
  );
  return {
    width: 560,
    height: 240,
    title: 'Consequences of the cut-off',
    layer: [
      {
        data: { values },
        mark: { type: 'line', point: { size: 18 }, strokeWidth: 2 },
        encoding: {
          x: {
            field: 'cutoff',
            type: 'quantitative',
            title: 'Cut-off: målgruppe 2 when the predicted probability is at least',
            axis: { format: '.0%' },
          },
          y: { field: 'value', type: 'quantitative', title: null, scale: { domain: [0, 1] }, axis: { format: '.0%' } },
          color: { field: 'series', type: 'nominal', title: null, scale: { domain: Object.values(names), range: [GREY, ORANGE, BLUE] } },
        },
      },
      cutoffRule(doc.cutoff_table.chosen),
    ],
  };
}

/**
 * One attribute's audit as three dot plots sharing the group axis: observed against mean predicted
 * risk, the AUC with its DeLong interval, and the false-positive and false-negative rates at the cut-off.
 */
export function fairnessSpec(a: AttributeAudit): TopLevelSpec {
  const groups = a.groups.map((g) => g.group + (g.small ? ' *' : ''));
  const yEnc = { field: 'group', type: 'nominal' as const, title: null, sort: groups };
  const height = Math.max(60, 22 * groups.length);
  const label = (g: { group: string; small: boolean }) => g.group + (g.small ? ' *' : '');
  const rates = a.groups.flatMap((g) => [
    { group: label(g), series: 'observed', value: g.observed_rate },
    { group: label(g), series: 'mean predicted', value: g.mean_predicted },
  ]);
  const spread = Math.max(...rates.map((r) => r.value)) - Math.min(...rates.map((r) => r.value));
  const errors = a.groups.flatMap((g) => [
    ...(g.false_positive_rate !== null ? [{ group: label(g), series: 'false-positive rate', value: g.false_positive_rate }] : []),
    ...(g.false_negative_rate !== null ? [{ group: label(g), series: 'false-negative rate', value: g.false_negative_rate }] : []),
  ]);
  const aucs = a.groups
    .filter((g) => g.auc !== null)
    .map((g) => ({ group: label(g), auc: g.auc, low: g.auc_ci_low ?? g.auc, high: g.auc_ci_high ?? g.auc }));
  return {
    config: { legend: { orient: 'bottom', direction: 'vertical' } },
    hconcat: [
      {
        width: 170,
        height,
        title: 'Long-term unemployed',
        data: { values: rates },
        mark: { type: 'point', filled: true, size: 55 },
        encoding: {
          y: yEnc,
          x: {
            field: 'value',
            type: 'quantitative',
            title: 'share',
            axis: { format: spread < 0.05 ? '.1%' : '.0%' },
            scale: { zero: false, padding: 8 },
          },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: ['observed', 'mean predicted'], range: [ORANGE, BLUE] },
          },
          shape: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: ['observed', 'mean predicted'], range: ['circle', 'diamond'] },
          },
        },
      },
      {
        width: 150,
        height,
        title: 'AUC (95 % CI)',
        data: { values: aucs },
        layer: [
          {
            mark: { type: 'rule', color: GREEN, strokeWidth: 1.5 },
            encoding: {
              y: { ...yEnc, axis: { labels: false, ticks: false, domain: false } },
              x: { field: 'low', type: 'quantitative', title: 'AUC', scale: { zero: false, padding: 8 } },
              x2: { field: 'high' },
            },
          },
          {
            mark: { type: 'point', filled: true, size: 45, color: GREEN },
            encoding: { y: { ...yEnc, axis: { labels: false, ticks: false, domain: false } }, x: { field: 'auc', type: 'quantitative' } },
          },
        ],
      },
      {
        width: 170,
        height,
        title: 'Errors at the cut-off',
        data: { values: errors },
        mark: { type: 'point', filled: true, size: 55 },
        encoding: {
          y: { ...yEnc, axis: { labels: false, ticks: false, domain: false } },
          x: { field: 'value', type: 'quantitative', title: 'rate', axis: { format: '.0%' }, scale: { zero: false, padding: 8 } },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: ['false-positive rate', 'false-negative rate'], range: [GREY, '#b2182b'] },
          },
          shape: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: ['false-positive rate', 'false-negative rate'], range: ['square', 'triangle-up'] },
          },
        },
      },
    ],
    resolve: { scale: { color: 'independent', shape: 'independent' } },
  } as TopLevelSpec;
}

function cutoffRule(cutoff: number) {
  return {
    data: { values: [{ c: cutoff, label: `cut-off ${cutoff}` }] },
    layer: [
      {
        mark: { type: 'rule' as const, color: '#b2182b', strokeDash: [5, 3], strokeWidth: 1.5 },
        encoding: { x: { field: 'c', type: 'quantitative' as const } },
      },
      {
        mark: { type: 'text' as const, color: '#b2182b', align: 'left' as const, baseline: 'top' as const, dx: 4, y: 2, fontSize: 11 },
        encoding: { x: { field: 'c', type: 'quantitative' as const }, text: { field: 'label', type: 'nominal' as const } },
      },
    ],
  };
}
