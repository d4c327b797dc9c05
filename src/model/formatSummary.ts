import type { CoefficientRow } from './coefficientTable.js';

/** What the printed summary says about the fit, besides the coefficients. */
export interface SummaryFacts {
  call: string;
  references: string[];
  nullDeviance: number;
  deviance: number;
  n: number;
  rank: number;
  events: number;
  logLik: number;
  iterations: number;
  converged: boolean;
  l2: number;
  warnings: string[];
  level?: number;
}

/**
 * The coefficient table laid out as R's print(summary(glm)) does — estimate, standard error, z value,
 * Pr(>|z|) and significance stars — followed by the odds ratios with their Wald intervals (as analysts
 * add with exp(cbind(coef, confint.default))), the deviances, AIC and iterations.
 */
export function formatSummary(rows: readonly CoefficientRow[], facts: SummaryFacts): string {
  const level = facts.level ?? 0.95;
  const width = Math.max(12, ...rows.map((r) => r.term.length));
  const num = (x: number, digits = 6) => (Number.isFinite(x) ? formatSignif(x, digits) : 'NA');
  const lines: string[] = [];
  lines.push('Call:', `${facts.call}`, '');
  lines.push('Coefficients:');
  const head = ['Estimate', 'Std. Error', 'z value', 'Pr(>|z|)'];
  const body = rows.map((r) => [num(r.estimate), num(r.stdError), Number.isFinite(r.z) ? r.z.toFixed(3) : 'NA', formatP(r.pValue)]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  lines.push(' '.repeat(width) + ' ' + head.map((h, c) => h.padStart(widths[c])).join(' '));
  rows.forEach((r, i) => {
    lines.push(r.term.padEnd(width) + ' ' + body[i].map((v, c) => v.padStart(widths[c])).join(' ') + ' ' + stars(r.pValue));
  });
  lines.push('---', "Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1");
  if (facts.references.length > 0) lines.push(`Reference levels: ${facts.references.join(', ')}`);
  lines.push('');
  const pct = `${+(level * 100).toFixed(1)} %`;
  lines.push(`Odds ratios with ${pct} Wald confidence intervals:`);
  const orHead = ['Odds ratio', `${pct} low`, `${pct} high`];
  const orBody = rows.map((r) => [num(Math.exp(r.estimate), 4), num(Math.exp(r.ciLow), 4), num(Math.exp(r.ciHigh), 4)]);
  const orWidths = orHead.map((h, c) => Math.max(h.length, ...orBody.map((b) => b[c].length)));
  lines.push(' '.repeat(width) + ' ' + orHead.map((h, c) => h.padStart(orWidths[c])).join(' '));
  rows.forEach((r, i) => lines.push(r.term.padEnd(width) + ' ' + orBody[i].map((v, c) => v.padStart(orWidths[c])).join(' ')));
  lines.push('');
  const dfNull = facts.n - 1;
  const dfRes = facts.n - facts.rank;
  lines.push(`    Null deviance: ${facts.nullDeviance.toFixed(2)}  on ${dfNull}  degrees of freedom`);
  lines.push(`Residual deviance: ${facts.deviance.toFixed(2)}  on ${dfRes}  degrees of freedom`);
  lines.push(`AIC: ${(facts.deviance + 2 * facts.rank).toFixed(2)}   Log-likelihood: ${facts.logLik.toFixed(3)} (df=${facts.rank})`);
  lines.push(`Observations: ${facts.n}   Events: ${formatCount(facts.events)} (${((100 * facts.events) / facts.n).toFixed(1)} %)`);
  if (facts.l2 > 0) lines.push(`L2 penalty: λ = ${facts.l2} (intercept not penalised; standard errors from the penalised information)`);
  lines.push('', `Number of Fisher Scoring iterations: ${facts.iterations}${facts.converged ? '' : ' (did NOT converge)'}`);
  for (const w of facts.warnings) lines.push(`Warning: ${w}`);
  return lines.join('\n') + '\n';
}

/** Significance stars with R's cut points. */
export function stars(p: number): string {
  if (!Number.isFinite(p)) return '';
  return p < 0.001 ? '***' : p < 0.01 ? '**' : p < 0.05 ? '*' : p < 0.1 ? '.' : '';
}

/** A p-value as R's format.pval prints it in a summary: "<2e-16" below machine precision. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return 'NA';
  if (p < 2e-16) return '<2e-16';
  return p < 1e-4 ? rExponent(p.toExponential(2)) : formatSignif(p, 4);
}

function formatSignif(x: number, digits: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e-4 && a < 1e6) return Number(x.toPrecision(digits)).toString();
  return rExponent(x.toExponential(digits - 1));
}

/** R writes exponents with at least two digits: 1.7e-08, not 1.7e-8. */
function rExponent(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function formatCount(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
