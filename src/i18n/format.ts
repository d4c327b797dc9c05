/**
 * Danish number and date formatting. Hand-written rather than Intl.NumberFormat so that the output
 * does not depend on the ICU data a Node build happens to carry: "1.200", "310.000", "12,5".
 */

/** A number in Danish notation: "." between thousands, "," before decimals; at most `decimals` decimals, trailing zeros dropped. */
export function formatNumberDa(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return String(value);
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  const sign = value < 0 && rounded !== 0 ? '-' : '';
  const [whole, fraction = ''] = rounded.toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const trimmed = fraction.replace(/0+$/, '');
  return sign + grouped + (trimmed ? ',' + trimmed : '');
}

/** A probability as a whole percentage, "31 %"; values that would round to 0 or 100 say "under 1 %" / "over 99 %". */
export function formatPercentDa(probability: number): string {
  const pct = probability * 100;
  if (pct > 0 && pct < 0.5) return 'under 1 %';
  if (pct < 100 && pct >= 99.5) return 'over 99 %';
  return `${formatNumberDa(pct, 0)} %`;
}

/** An odds ratio as a short factor, "×1,8" or "×0,62" (two significant decimals below 1). */
export function formatOddsRatioDa(oddsRatio: number): string {
  return '×' + formatNumberDa(oddsRatio, oddsRatio < 1 ? 2 : 1);
}

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/**
 * The wall-clock parts of an instant in Danish time. Denmark's rule (CET, CEST from the last Sunday of
 * March 01:00 UTC to the last Sunday of October 01:00 UTC) is computed here so that a PDF renders the
 * same on a server whose time zone or ICU data differ.
 */
function danishWallClock(instant: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const t = instant.getTime();
  const year = instant.getUTCFullYear();
  const lastSunday = (month: number) => {
    const lastDay = new Date(Date.UTC(year, month + 1, 0));
    return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
  };
  const summer = t >= lastSunday(2) && t < lastSunday(9);
  const local = new Date(t + (summer ? 2 : 1) * 3_600_000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth(),
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
  };
}

/** A date in Danish long form in Danish time, "23. november 2026". */
export function formatDateDa(instant: Date | string): string {
  const c = danishWallClock(new Date(instant));
  return `${c.day}. ${MONTHS[c.month]} ${c.year}`;
}

/** Date and time in Danish time, "23. november 2026 kl. 14.05". */
export function formatDateTimeDa(instant: Date | string): string {
  const c = danishWallClock(new Date(instant));
  return `${formatDateDa(instant)} kl. ${String(c.hour).padStart(2, '0')}.${String(c.minute).padStart(2, '0')}`;
}

/**
 * A figure with `decimals` decimals (English notation) that keeps its sign when it rounds to zero: a
 * negative unreliability U (χ² below its expectation of 2) must not print as "0.0000". Such a value
 * gets two significant digits instead ("-0.000032"); `minus` is the sign to print ("−" in HTML).
 */
export function formatKeepingSign(value: number, decimals: number, minus = '-'): string {
  if (value === 0) return (0).toFixed(decimals);
  const fixed = Math.abs(value).toFixed(decimals);
  const text = /^0\.?0*$/.test(fixed) ? Math.abs(value).toPrecision(2) : fixed;
  return value < 0 ? minus + text : text;
}
