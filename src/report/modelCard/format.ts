/** Formatting for the card's HTML. */
import { escapeHtml } from '../htmlPage.js';

/** Escapes text for HTML element content and attribute values. */
export const esc = escapeHtml;

export const DASH = '—';

/** A number with fixed decimals, a true minus sign, "—" when undefined; no sign on a value that rounds to zero. */
export function num(x: number | null | undefined, decimals = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  const s = x.toFixed(decimals);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s.replace(/^-/, '−');
}

/** A proportion as a percentage with one decimal. */
export function pct(x: number | null | undefined, decimals = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? DASH : `${(100 * x).toFixed(decimals)} %`;
}

/** A count with thousands separators. */
export function int(x: number | null | undefined): string {
  return x === null || x === undefined ? DASH : Math.round(x).toLocaleString('en-GB');
}

/** A value and its 95 % interval, "0.753 (0.745–0.761)"; the interval left out when it is unknown. */
export function withCi(value: number | null, low: number | null, high: number | null, f: (x: number | null) => string): string {
  if (value === null) return DASH;
  return low === null || high === null ? f(value) : `${f(value)} <span class="ci">(${f(low)}–${f(high)})</span>`;
}

/** A header row and body rows; columns from `numericFrom` on are right-aligned. Cells are HTML. */
export function table(caption: string, head: string[], rows: string[][], numericFrom = 1, className?: string): string {
  const th = head.map((h, j) => `<th scope="col"${j >= numericFrom ? ' class="n"' : ''}>${h}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, j) => (j === 0 ? `<th scope="row">${c}</th>` : `<td${j >= numericFrom ? ' class="n"' : ''}>${c}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  return `<table${className ? ` class="${className}"` : ''}><caption>${caption}</caption><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Label–value rows (cells are HTML). */
export function facts(rows: [string, string][]): string {
  return `<table class="facts"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('\n')}</tbody></table>`;
}
