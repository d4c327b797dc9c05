import { escapeHtml as esc } from '../calibrationReport/html.js';
import type { ModelComparison } from './compareModels.js';
import { comparisonRows, fixed, percent, pValueText } from './formatComparison.js';

/** The comparison as one self-contained HTML page (no scripts, no external resources). */
export function comparisonHtml(c: ModelComparison, dataFile: string, outcome: string): string {
  const [a, b] = c.models;
  const rows = comparisonRows(c)
    .map(([label, x, y]) => `<tr><th scope="row">${esc(label.trim())}</th><td>${esc(x)}</td><td>${esc(y)}</td></tr>`)
    .join('\n');
  const d = c.delong;
  const test =
    d === null
      ? '<p>DeLong’s test is not defined on these rows (it needs at least two events and two non-events).</p>'
      : `<p>DeLong’s test for two correlated ROC curves (DeLong, DeLong &amp; Clarke-Pearson 1988): AUC A − B = <b>${fixed(d.difference)}</b>
  (95 % CI ${fixed(d.ciLow)} to ${fixed(d.ciHigh)}), SE ${fixed(d.se)}, z = ${fixed(d.z, 3)}, ${esc(pValueText(d.p))}.</p>`;
  const g = c.group_change;
  const simulated = c.models.some((m) => m.simulated_data)
    ? '<p class="warn">At least one model was trained on SIMULATED data: it describes the simulation, not Danish unemployment.</p>'
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Model comparison: ${esc(a.version)} and ${esc(b.version)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { padding: 0.3rem 0.8rem; border-bottom: 1px solid #ccc; text-align: left; }
td { text-align: right; font-variant-numeric: tabular-nums; }
.warn { background: #fff3cd; padding: 0.5rem; }
</style>
</head>
<body>
<h1>Model comparison · Sammenligning af modeller</h1>
<p>Model A <b>${esc(a.version)}</b> and model B <b>${esc(b.version)}</b> on the same ${c.rows} rows of ${esc(dataFile)}
(outcome ${esc(outcome)}: ${c.events} events, ${esc(percent(c.observed_rate))}).${
    c.unscorable.either > 0 ? ` ${c.unscorable.either} rows were left out because not both models could score them.` : ''
  }</p>
${simulated}
<table>
<thead><tr><th></th><th scope="col">A</th><th scope="col">B</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${test}
<p>Members who change målgruppe from A to B: <b>${g.changed}</b> (${esc(percent(g.share_changed))}): 1 → 2: ${g.from_1_to_2}, 2 → 1: ${g.from_2_to_1}.
Each model places members in målgruppe 2 at its own cut-off.</p>
</body>
</html>
`;
}
