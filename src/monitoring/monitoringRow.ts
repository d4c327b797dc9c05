/**
 * What monitoring reads of one benefit period: its first screening's clear columns, the caseworker's
 * latest correction of that screening, the period's current outcome, the member input (opened from its
 * seal, for drift and the group figures) and the shadow models' scores of the same screening. Nothing
 * here names the member: no citizen key, no screening id; the figures built from these rows are counts
 * and statistics only.
 */

/** A period's current outcome (its highest revision). */
export interface MonitoringOutcome {
  state: 'known' | 'pending' | 'not_given';
  /** 1 when the member was long-term unemployed, 0 when not; null unless `state` is 'known'. */
  longTerm: 0 | 1 | null;
}

/** A shadow (candidate) model's score of the same screening. */
export interface ShadowScore {
  modelVersion: string;
  probability: number;
  targetGroup: 1 | 2;
}

/** One benefit period as monitoring sees it. */
export interface MonitoringRow {
  modelVersion: string;
  probability: number;
  targetGroup: 1 | 2;
  /** The corrected group of the screening's latest assessment; null when no caseworker corrected it. */
  correctedTargetGroup: 1 | 2 | null;
  /** YYYY-MM-DD. */
  screeningDate: string;
  /** YYYY-MM-DD: the first day of the benefit period. */
  benefitPeriodStart: string;
  /** null when no outcome has been recorded for the period. */
  outcome: MonitoringOutcome | null;
  /** The member input as stored with the screening (the API's shape); null when it could not be read. */
  input: Readonly<Record<string, unknown>> | null;
  shadows: readonly ShadowScore[];
}

/** Which periods to monitor: by the first screening's date (inclusive) and fund (null: every fund). */
export interface MonitoringSelection {
  /** A fund's a-kasse number, or null for all funds (an operator without a fund). */
  fundId: string | null;
  from?: string;
  to?: string;
}
