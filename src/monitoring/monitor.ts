/**
 * Live monitoring, computed in one pass over a stream of benefit periods (see monitoringRow.ts): per
 * model version the screenings, outcomes known and pending; for periods with a known 52-week outcome
 * `calibrate`'s figures (valProb on the same probabilities and outcomes in the same order, so the
 * numbers are identical to the bit) and the calibration report's per-group audit; the share in
 * målgruppe 2 by month; caseworker override rates; drift of every input and of the score against the
 * artifact's training distribution; and shadow models beside the active one on the same members.
 * Only sums, counts and statistics leave this module; groups smaller than the minimum cell count are
 * suppressed.
 */
import type { ModelArtifact } from '../model/artifact/artifactSchema.js';
import { driftAccumulator, type DriftAccumulator, type InputDrift } from '../model/drift.js';
import { defaultBandLabels, type Feature } from '../model/spec/featureSpec.js';
import { DEFAULT_AGE_BREAKS, DEFAULT_AGE_LABELS, type Grouping, type GroupingKind } from '../report/calibrationReport/groups.js';
import { fairnessAudit, type FairnessAudit } from '../report/calibrationReport/fairness.js';
import type { MemberInput } from '../screening/member/memberSchema.js';
import { toModelRecord } from '../screening/member/modelInput.js';
import type { GroupFigures } from '../stats/groupFigures.js';
import { valProb, type ValProbMetrics } from '../stats/valProb.js';
import type { MonitoringRow, MonitoringSelection } from './monitoringRow.js';

/** A group with fewer periods than this shows no figures (a small cell could point at a person). */
export const MIN_CELL_COUNT = 5;

/** Days of the 52 weeks after a benefit period's first day: the outcome is only final after them. */
const LABEL_DELAY_DAYS = 52 * 7;

/** The cut-off used for the group figures when the model version's artifact is not loaded. */
const FALLBACK_CUTOFF = 0.25;

const MISSING = '(missing)';

/** Why a period's outcome does not count yet. */
export interface PendingCounts {
  /** The 52 weeks after the period's first day are not over on the as-of date (whatever was recorded). */
  label_delay: number;
  /** Over, but the recorded outcome says pending. */
  outcome_pending: number;
  /** Over, but the fund recorded that it will not give the outcome. */
  outcome_not_given: number;
  /** Over, but no outcome recorded. */
  no_outcome: number;
}

/** Override counts of one cell: screenings, how many a caseworker assessed, and how many changed the group. */
export interface OverrideCell {
  screenings: number | null;
  assessed: number | null;
  overridden: number | null;
  /** overridden / screenings; null when there are none or the cell is suppressed. */
  rate: number | null;
  suppressed: boolean;
}

/** A group of the audit whose figures are withheld because it has fewer than the minimum cell count. */
export interface SuppressedGroup {
  group: string;
  suppressed: true;
}

/** The calibration report's audit of one attribute, with small cells suppressed. */
export interface MonitoringAttributeAudit {
  attribute: string;
  kind: GroupingKind;
  in_model: boolean;
  groups: Array<(GroupFigures & { suppressed: false }) | SuppressedGroup>;
  statements: string[];
}

/** A shadow model's figures on the same periods as the active model's. */
export interface ShadowMonitoring {
  model_version: string;
  screenings: number;
  target_group_2_share: number;
  outcomes_known: number;
  /** The shadow model's valProb on the known outcomes of the periods it scored. */
  calibration: ValProbMetrics | null;
  /** The active model's valProb on exactly those periods. */
  active_calibration: ValProbMetrics | null;
}

/** Everything monitored of one model version. */
export interface VersionMonitoring {
  model_version: string;
  /** Whether the version's artifact was available (drift and the spec's groupings need it). */
  artifact_loaded: boolean;
  screenings: number;
  outcomes_known: number;
  pending: number;
  pending_reasons: PendingCounts;
  /** Periods whose member input could not be read (sealed value whose key is gone, or an unknown shape): left out of drift and groups. */
  input_unreadable: number;
  /** `calibrate`'s figures on the periods with a known outcome; null when there are none. */
  calibration: ValProbMetrics | null;
  /** The calibration report's per-group figures on those periods; null when there are none. */
  groups: {
    cutoff: number;
    min_group_rows: number;
    min_group_events: number;
    attributes: MonitoringAttributeAudit[];
    summary: string[];
  } | null;
  target_group_2_by_month: { month: string; screenings: number; target_group_2: number; share: number }[];
  overrides: {
    overall: OverrideCell;
    /** By the statistical group: overridden from 1 to 2, and from 2 to 1. */
    by_target_group: Array<{ target_group: 1 | 2 } & OverrideCell>;
    by_attribute: Array<{ attribute: string; groups: Array<{ group: string } & OverrideCell> }>;
  };
  drift: InputDrift;
  shadows: ShadowMonitoring[];
}

/** The whole answer: no citizen key, no CPR number, no row per person. */
export interface MonitoringReport {
  as_of: string;
  selection: { fund: string | null; from: string | null; to: string | null };
  label_delay_days: number;
  min_cell_count: number;
  screenings: number;
  versions: VersionMonitoring[];
}

/** What the monitoring pass needs besides the rows. */
export interface MonitorOptions {
  /** YYYY-MM-DD: a period's outcome counts only when its 52 weeks are over by this day. */
  asOf: string;
  /** The artifacts by version, for drift and the spec's groupings; a version without one is still monitored. */
  artifacts: ReadonlyMap<string, ModelArtifact>;
  minCellCount?: number;
}

/** Feeds periods one by one; `finish` gives the report. */
export interface MonitoringAccumulator {
  add(row: MonitoringRow): void;
  finish(selection: MonitoringSelection): MonitoringReport;
}

/** The first day whose periods have their 52 weeks over by `asOf`: start + 364 days ≤ asOf. */
export function lastCompleteStart(asOf: string): string {
  const t = Date.parse(`${asOf}T00:00:00Z`);
  if (!Number.isFinite(t) || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new RangeError(`asOf must be YYYY-MM-DD, got ${asOf}`);
  return new Date(t - LABEL_DELAY_DAYS * 86_400_000).toISOString().slice(0, 10);
}

/** Starts a monitoring pass. */
export function monitoringAccumulator(options: MonitorOptions): MonitoringAccumulator {
  const latestStart = lastCompleteStart(options.asOf);
  const minCell = options.minCellCount ?? MIN_CELL_COUNT;
  const versions = new Map<string, VersionState>();
  let total = 0;
  return {
    add(row) {
      total++;
      const v = entry(versions, row.modelVersion, () => versionState(row.modelVersion, options.artifacts.get(row.modelVersion)));
      v.add(row, latestStart);
    },
    finish(selection) {
      return {
        as_of: options.asOf,
        selection: { fund: selection.fundId, from: selection.from ?? null, to: selection.to ?? null },
        label_delay_days: LABEL_DELAY_DAYS,
        min_cell_count: minCell,
        screenings: total,
        versions: [...versions.values()].sort((a, b) => a.version.localeCompare(b.version)).map((v) => v.finish(minCell)),
      };
    },
  };
}

/** A growable array of doubles: a million periods in a typed array, not a million boxed numbers. */
class Doubles {
  data = new Float64Array(1024);
  n = 0;
  push(x: number): void {
    if (this.n === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.n++] = x;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.n);
  }
}

/** How one attribute divides the periods: its name, kind and a row's group label. */
interface GroupingRule {
  attribute: string;
  kind: GroupingKind;
  inModel: boolean;
  /** Group labels in the order tables show them; labels not listed follow in sorted order. */
  order: readonly string[];
  label(record: Readonly<Record<string, unknown>>): string;
}

/** The report's groupings (sensitive features, age band, region) from the artifact's specification. */
function groupingRules(artifact: ModelArtifact | undefined): GroupingRule[] {
  const features: readonly Feature[] = artifact?.encoding.spec.features ?? [];
  const inModel = new Set(artifact?.encoding.features.map((f) => f.spec.name) ?? []);
  const rules: GroupingRule[] = [];
  const sensitive = artifact
    ? features.filter((f) => f.sensitive && (f.type === 'categorical' || f.type === 'boolean'))
    : // Without the artifact, the default specification's sensitive attributes.
      (['gender', 'origin'].map((name) => ({ name, type: 'categorical' })) as Feature[]);
  for (const f of sensitive) {
    const column = f.name;
    const declared = f.type === 'categorical' && 'levels' in f && Array.isArray(f.levels) ? (f.levels as string[]) : [];
    rules.push({
      attribute: f.name,
      kind: 'sensitive',
      inModel: inModel.has(f.name),
      order: f.type === 'boolean' ? ['no', 'yes'] : declared,
      label: f.type === 'boolean' ? (r) => booleanLabel(r[column]) : (r) => textLabel(r[column]),
    });
  }
  const age = features.find((f) => f.name === 'age');
  let breaks = DEFAULT_AGE_BREAKS;
  let labels = DEFAULT_AGE_LABELS;
  if (age && age.type === 'numeric' && age.transform.kind === 'bands') {
    breaks = age.transform.breaks;
    labels = age.transform.labels ?? defaultBandLabels(age.transform.breaks);
  }
  rules.push({
    attribute: 'age',
    kind: 'age_band',
    inModel: inModel.has('age'),
    order: labels,
    label: (r) => {
      const v = typeof r.age === 'number' ? r.age : Number.NaN;
      if (Number.isNaN(v)) return MISSING;
      let b = 0;
      while (b < breaks.length && v >= breaks[b]) b++;
      return labels[b];
    },
  });
  if (!rules.some((r) => r.attribute === 'region'))
    rules.push({ attribute: 'region', kind: 'region', inModel: inModel.has('region'), order: [], label: (r) => textLabel(r.region) });
  return rules;
}

function textLabel(v: unknown): string {
  return v === null || v === undefined || String(v).trim() === '' ? MISSING : String(v);
}

function booleanLabel(v: unknown): string {
  if (v === true || v === 1 || v === '1' || v === 'true') return 'yes';
  if (v === false || v === 0 || v === '0' || v === 'false') return 'no';
  return MISSING;
}

interface Counts {
  screenings: number;
  assessed: number;
  overridden: number;
}
const noCounts = (): Counts => ({ screenings: 0, assessed: 0, overridden: 0 });

interface ShadowState {
  screenings: number;
  group2: number;
  p: Doubles;
  pActive: Doubles;
  y: number[];
}

interface VersionState {
  version: string;
  add(row: MonitoringRow, latestStart: string): void;
  finish(minCell: number): VersionMonitoring;
}

function versionState(version: string, artifact: ModelArtifact | undefined): VersionState {
  const rules = groupingRules(artifact);
  const drift: DriftAccumulator | null = artifact ? driftAccumulator(artifact) : null;
  const p = new Doubles();
  const y: number[] = [];
  // Per grouping: the label of each known-outcome period, as codes into `levels`.
  const codes = rules.map(() => [] as number[]);
  const levels = rules.map(() => new Map<string, number>());
  const overridesByLabel = rules.map(() => new Map<string, Counts>());
  const byMonth = new Map<string, { screenings: number; group2: number }>();
  const overall = noCounts();
  const byGroup = { 1: noCounts(), 2: noCounts() };
  const pending: PendingCounts = { label_delay: 0, outcome_pending: 0, outcome_not_given: 0, no_outcome: 0 };
  const shadows = new Map<string, ShadowState>();
  let screenings = 0;
  let unreadable = 0;

  const count = (c: Counts, row: MonitoringRow) => {
    c.screenings++;
    if (row.correctedTargetGroup !== null) {
      c.assessed++;
      if (row.correctedTargetGroup !== row.targetGroup) c.overridden++;
    }
  };

  return {
    version,
    add(row, latestStart) {
      screenings++;
      const month = row.screeningDate.slice(0, 7);
      const m = entry(byMonth, month, () => ({ screenings: 0, group2: 0 }));
      m.screenings++;
      if (row.targetGroup === 2) m.group2++;
      count(overall, row);
      count(byGroup[row.targetGroup], row);

      let record: Readonly<Record<string, unknown>> | null = null;
      if (row.input !== null) {
        try {
          record = toModelRecord(row.input as unknown as MemberInput);
        } catch {
          // An input of a shape this version does not know: counted, left out of drift and groups.
          record = null;
        }
      }
      if (record === null) unreadable++;
      else drift?.add(record, row.probability);
      const labels = record === null ? null : rules.map((r) => r.label(record));
      if (labels !== null) {
        labels.forEach((label, k) => {
          count(entry(overridesByLabel[k], label, noCounts), row);
        });
      }

      const over = row.benefitPeriodStart <= latestStart;
      const known = over && row.outcome !== null && row.outcome.state === 'known';
      if (!over) pending.label_delay++;
      else if (row.outcome === null) pending.no_outcome++;
      else if (row.outcome.state === 'pending') pending.outcome_pending++;
      else if (row.outcome.state === 'not_given') pending.outcome_not_given++;
      const outcome = known ? row.outcome!.longTerm! : -1;
      if (known) {
        p.push(row.probability);
        y.push(outcome);
        rules.forEach((_, k) => {
          if (labels === null) {
            codes[k].push(-1);
            return;
          }
          codes[k].push(entry(levels[k], labels[k], () => levels[k].size));
        });
      }
      for (const s of row.shadows) {
        const st = entry(
          shadows,
          s.modelVersion,
          (): ShadowState => ({ screenings: 0, group2: 0, p: new Doubles(), pActive: new Doubles(), y: [] }),
        );
        st.screenings++;
        if (s.targetGroup === 2) st.group2++;
        if (known) {
          st.p.push(s.probability);
          st.pActive.push(row.probability);
          st.y.push(outcome);
        }
      }
    },

    finish(minCell) {
      const pv = p.view();
      const yv = Uint8Array.from(y);
      const cutoff = artifact?.cutoff.probability ?? FALLBACK_CUTOFF;
      const known = pv.length;
      let groups: VersionMonitoring['groups'] = null;
      if (known > 0) {
        const groupings = rules.map((r, k) => ordered(r, levels[k], codes[k]));
        const audit = fairnessAudit(pv, yv, identity(known), groupings, cutoff);
        groups = {
          cutoff,
          min_group_rows: audit.min_group_rows,
          min_group_events: audit.min_group_events,
          attributes: audit.attributes.map((a) => suppressAttribute(a, minCell)),
          summary: audit.summary,
        };
      }
      const cell = (c: Counts): OverrideCell =>
        c.screenings < minCell
          ? { screenings: null, assessed: null, overridden: null, rate: null, suppressed: true }
          : { ...c, rate: c.overridden / c.screenings, suppressed: false };
      return {
        model_version: version,
        artifact_loaded: artifact !== undefined,
        screenings,
        outcomes_known: known,
        pending: screenings - known,
        pending_reasons: pending,
        input_unreadable: unreadable,
        calibration: known > 0 ? valProb(pv, yv).metrics : null,
        groups,
        target_group_2_by_month: [...byMonth.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([month, c]) => ({ month, screenings: c.screenings, target_group_2: c.group2, share: c.group2 / c.screenings })),
        overrides: {
          overall: { ...overall, rate: overall.screenings === 0 ? null : overall.overridden / overall.screenings, suppressed: false },
          by_target_group: ([1, 2] as const).map((g) => ({ target_group: g, ...cell(byGroup[g]) })),
          by_attribute: rules.map((r, k) => ({
            attribute: r.attribute,
            groups: orderLabels(r, [...overridesByLabel[k].keys()]).map((group) => ({ group, ...cell(overridesByLabel[k].get(group)!) })),
          })),
        },
        drift: drift
          ? drift.finish()
          : {
              available: false,
              modelVersion: version,
              reason: `the artifact of model ${version} is not loaded, so its training distribution is unknown`,
            },
        shadows: [...shadows.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([shadowVersion, s]) => {
            const sy = Uint8Array.from(s.y);
            return {
              model_version: shadowVersion,
              screenings: s.screenings,
              target_group_2_share: s.group2 / s.screenings,
              outcomes_known: sy.length,
              calibration: sy.length > 0 ? valProb(s.p.view(), sy).metrics : null,
              active_calibration: sy.length > 0 ? valProb(s.pActive.view(), sy).metrics : null,
            };
          }),
      };
    },
  };
}

/** The map's value for `key`, made and stored first when absent. */
function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

function identity(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/** Labels in the rule's order, then the rest sorted, "(missing)" last. */
function orderLabels(rule: GroupingRule, labels: readonly string[]): string[] {
  const present = new Set(labels);
  const first = rule.order.filter((l) => present.has(l));
  const rest = labels.filter((l) => !rule.order.includes(l) && l !== MISSING).sort();
  return [...first, ...rest, ...(present.has(MISSING) ? [MISSING] : [])];
}

/** The grouping the report's audit takes, its levels in table order. */
function ordered(rule: GroupingRule, levels: Map<string, number>, codes: number[]): Grouping {
  const names = orderLabels(rule, [...levels.keys()]);
  const remap = new Int32Array(levels.size);
  names.forEach((name, j) => {
    remap[levels.get(name)!] = j;
  });
  return {
    attribute: rule.attribute,
    kind: rule.kind,
    inModel: rule.inModel,
    levels: names,
    codes: Int32Array.from(codes, (c) => (c < 0 ? -1 : remap[c])),
  };
}

function suppressAttribute(a: FairnessAudit['attributes'][number], minCell: number): MonitoringAttributeAudit {
  const suppressed = new Set(a.groups.filter((g) => g.n < minCell).map((g) => g.group));
  return {
    attribute: a.attribute,
    kind: a.kind,
    in_model: a.in_model,
    groups: a.groups.map((g) =>
      suppressed.has(g.group) ? { group: g.group, suppressed: true as const } : { ...g, suppressed: false as const },
    ),
    // A sentence naming a suppressed group would reveal its figures; such groups are small and so never named.
    statements: a.statements,
  };
}
