import type { ComparedModel, ModelComparison } from './compareModels.js';

const dash = '—';

/** A number with fixed decimals, "—" when undefined. */
export function fixed(x: number | null | undefined, decimals = 4): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return dash;
  const s = x.toFixed(decimals);
  // No sign on a value that rounds to zero.
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** A share as a percentage with one decimal. */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? dash : `${(100 * x).toFixed(1)} %`;
}

/** "p = 0.0123", or "p < 0.0001" for a smaller one. */
export function pValueText(p: number): string {
  return p < 1e-4 ? 'p < 0.0001' : `p = ${p.toFixed(4)}`;
}

/** The rows of the side-by-side table: a label and one cell per model. */
export function comparisonRows(c: ModelComparison): Array<[string, string, string]> {
  const both = (label: string, f: (m: ComparedModel) => string): [string, string, string] => [label, f(c.models[0]), f(c.models[1])];
  return [
    both('model version', (m) => m.version),
    both('trained on', (m) => (m.simulated_data ? 'SIMULATED data' : 'register data')),
    both('AUC', (m) => fixed(m.auc)),
    both('  95 % CI (DeLong)', (m) => `${fixed(m.auc_ci_low)}–${fixed(m.auc_ci_high)}`),
    both('Brier score', (m) => fixed(m.brier)),
    both('calibration intercept', (m) => fixed(m.calibration_intercept)),
    both('calibration slope', (m) => fixed(m.calibration_slope)),
    both('mean predicted', (m) => percent(m.mean_predicted)),
    both('cut-off (own)', (m) => fixed(m.cutoff)),
    both('share in målgruppe 2', (m) => percent(m.share_target_group_2)),
  ];
}

/** The comparison as a plain-text table for the terminal. */
export function formatComparison(c: ModelComparison, dataFile: string, outcome: string): string {
  const rows: Array<[string, string, string]> = [['', 'A', 'B'], ...comparisonRows(c)];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const w2 = Math.max(...rows.map((r) => r[2].length));
  const lines = [
    `Two models on the same ${c.rows} rows of ${dataFile} (outcome ${outcome}: ${c.events} events, ${percent(c.observed_rate)})` +
      (c.unscorable.either > 0
        ? `; ${c.unscorable.either} rows left out, not scorable by both (A: ${c.unscorable.A}, B: ${c.unscorable.B})`
        : ''),
    '',
    ...rows.map((r) => `${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2].padStart(w2)}`),
    '',
  ];
  const d = c.delong;
  lines.push(
    d === null
      ? "DeLong's test for two correlated ROC curves: not defined (needs two events and two non-events)"
      : `DeLong's test for two correlated ROC curves: AUC A − B = ${fixed(d.difference)} (95 % CI ${fixed(d.ciLow)} to ${fixed(d.ciHigh)}), ` +
          `SE ${fixed(d.se)}, z = ${fixed(d.z, 3)}, ${pValueText(d.p)}`,
  );
  const g = c.group_change;
  lines.push(`Members who change målgruppe: ${g.changed} (${percent(g.share_changed)}): 1 → 2: ${g.from_1_to_2}, 2 → 1: ${g.from_2_to_1}`);
  if (c.models.some((m) => m.simulated_data))
    lines.push('A model trained on SIMULATED data describes the simulation, not Danish unemployment.');
  for (const m of c.models) for (const w of m.warnings) lines.push(`warning (${m.label}): ${w}`);
  return lines.join('\n') + '\n';
}
