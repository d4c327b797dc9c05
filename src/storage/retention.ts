/**
 * The retention run, written once for both databases: deletes the screenings (with their assessments,
 * and once a benefit period has no screening left, its outcomes)
 * whose benefit period ended longer ago than the policy keeps them, and the audit entries older than
 * the policy keeps them, in bounded batches, each batch one transaction. A run first records itself in
 * `retention_runs` with its cut-offs (the audit log's delete trigger allows nothing without such a
 * row), counts what each batch deleted in that row in the batch's own transaction, and ends with one
 * `retention.run` audit entry holding the counts and cut-offs, no personal data. A crash between
 * batches leaves every screening either whole or gone, the counts of what went in the run's row, and
 * the rest for the next run.
 */
import { rows, run, type Dialect, type SqlValue, type Work } from './dialect.js';
import { StorageError } from './errors.js';
import type { NewAuditEntry } from './records.js';
import {
  FOLLOW_UP_DAYS,
  addDays,
  legacyDayEndsAt,
  retentionCutoffs,
  type RetentionCutoffs,
  type RetentionPolicy,
} from './retentionPolicy.js';

/** How a run is done. */
export interface RetentionOptions {
  /** Count what would go, delete nothing and write nothing. */
  dryRun?: boolean;
  /** Screenings or audit entries per transaction; default 500. */
  batchSize?: number;
  /** The client recorded in the run's audit entry; default `retention`. */
  clientId?: string;
  /** Awaited between batches: lets other work onto the event loop (SQLite's batches are synchronous). */
  pause?: () => Promise<void>;
}

/** What a run deleted (or, dry, would delete). `busy`: another instance was running retention; nothing was done. */
export interface RetentionResult {
  status: 'done' | 'busy';
  dryRun: boolean;
  /** The run's row in `retention_runs` (null for a dry or busy run). */
  runId: string | null;
  cutoffs: RetentionCutoffs;
  screenings: number;
  assessments: number;
  /** Outcome revisions of the benefit periods whose screenings went. */
  outcomes: number;
  auditEntries: number;
}

/** The database refused a deletion its retention guard does not allow (e.g. an audit cut-off under six months by the database's clock). */
export class RetentionRefusedError extends StorageError {}

const DEFAULT_BATCH = 500;

/** The name of the lock that keeps two retention runs from overlapping. */
export const RETENTION_LOCK = 'retention';

/** Parameters of the screening rule, all bound (never spliced into the SQL). */
interface ScreeningBounds {
  /** Periods that ended on or before this Danish day go. */
  endedBy: string;
  /** A period's first day must be on or before this day (endedBy − 364 days). */
  startedBy: string;
  /** Rows without a screening date (stored before migration 3): created before this instant, i.e. screened on or before `endedBy`. */
  legacyBefore: string;
}

function screeningBounds(endedBy: string): ScreeningBounds {
  return { endedBy, startedBy: addDays(endedBy, -FOLLOW_UP_DAYS), legacyBefore: legacyDayEndsAt(endedBy) };
}

/**
 * Screenings of `s` that may go: without a period start, screened on or before the cut-off day; with
 * one, the period began at least 364 days before the cut-off and no screening of the same fund,
 * citizen and period is dated after it. A screening's date is its own, or for rows from before
 * migration 3, the Danish date of its creation.
 */
function screeningRule(b: ScreeningBounds): { sql: string; params: SqlValue[] } {
  const datedBy = (t: string) =>
    `((${t}.screening_date IS NOT NULL AND ${t}.screening_date <= ?) OR (${t}.screening_date IS NULL AND ${t}.created_at < ?))`;
  const datedAfter = (t: string) => `(${t}.screening_date > ? OR (${t}.screening_date IS NULL AND ${t}.created_at >= ?))`;
  const sql = `((s.benefit_period_start IS NULL AND ${datedBy('s')})
    OR (s.benefit_period_start IS NOT NULL AND s.benefit_period_start <= ? AND NOT EXISTS (
      SELECT 1 FROM screenings t WHERE t.fund_id = s.fund_id AND t.citizen_key = s.citizen_key
        AND t.benefit_period_start = s.benefit_period_start AND ${datedAfter('t')})))`;
  return { sql, params: [b.endedBy, b.legacyBefore, b.startedBy, b.endedBy, b.legacyBefore] };
}

function* count(sql: string, params: SqlValue[]): Work<number> {
  const [r] = yield* rows(sql, params);
  return Number(r.n);
}

/** Appends an audit entry inside a unit of work, as the repository core does for every operation. */
export type AuditWriter = (entry: NewAuditEntry) => Work<unknown>;

/** Runs retention under `policy` at `now` over `d`, writing the run's audit entry with `audit`. */
export async function applyRetention(
  d: Dialect,
  audit: AuditWriter,
  policy: RetentionPolicy,
  now: () => Date,
  options: RetentionOptions = {},
): Promise<RetentionResult> {
  const started = now();
  const cutoffs = retentionCutoffs(policy, started);
  const batch = Math.max(1, Math.trunc(options.batchSize ?? DEFAULT_BATCH));
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const bounds = cutoffs.screeningEndedBy === null ? null : screeningBounds(cutoffs.screeningEndedBy);
  const result: RetentionResult = {
    status: 'done',
    dryRun: options.dryRun === true,
    runId: null,
    cutoffs,
    screenings: 0,
    assessments: 0,
    outcomes: 0,
    auditEntries: 0,
  };

  if (result.dryRun) {
    return d.transaction('read', function* () {
      if (bounds !== null) {
        const rule = screeningRule(bounds);
        result.screenings = yield* count(`SELECT count(*) AS n FROM screenings s WHERE ${rule.sql}`, rule.params);
        result.assessments = yield* count(
          `SELECT count(*) AS n FROM assessments WHERE screening_id IN (SELECT s.id FROM screenings s WHERE ${rule.sql})`,
          rule.params,
        );
        // A period's screenings go together (the rule is the period's), and its outcomes with them.
        result.outcomes = yield* count(
          `SELECT count(*) AS n FROM outcomes o WHERE EXISTS (SELECT 1 FROM screenings s WHERE s.fund_id = o.fund_id
             AND s.citizen_key = o.citizen_key AND s.benefit_period_start = o.benefit_period_start AND ${rule.sql})`,
          rule.params,
        );
      }
      if (cutoffs.auditBefore !== null) {
        result.auditEntries = yield* count('SELECT count(*) AS n FROM audit_log WHERE at < ?', [cutoffs.auditBefore]);
      }
      return result;
    });
  }

  const locked = await d.exclusive(RETENTION_LOCK, async () => {
    const [row] = await refusedAsRetention(() =>
      d.transaction('write', () =>
        rows('INSERT INTO retention_runs (started_at, screening_cutoff, audit_cutoff) VALUES (?, ?, ?) RETURNING id', [
          started.toISOString(),
          cutoffs.screeningEndedBy,
          cutoffs.auditBefore,
        ]),
      ),
    );
    const runId = String(row.id);
    result.runId = runId;
    try {
      if (bounds !== null) await deleteScreenings(d, runId, bounds, batch, pause, result);
      if (cutoffs.auditBefore !== null) await deleteAudit(d, runId, cutoffs.auditBefore, batch, pause, result);
      await d.transaction('write', function* () {
        yield* run('UPDATE retention_runs SET finished_at = ? WHERE id = ?', [now().toISOString(), runId]);
        yield* audit(runEntry(result, 'success', options.clientId));
      });
    } catch (err) {
      // What went is counted in the run's row already; the audit entry says the run stopped, if the database still answers.
      await d.autocommit(() => audit(runEntry(result, 'error', options.clientId))).catch(() => {});
      throw err;
    }
    return result;
  });
  return locked === null ? { ...result, status: 'busy' } : locked.value;
}

/** Deletes eligible screenings with their assessments, `batch` screenings per transaction, in insertion order. */
async function deleteScreenings(
  d: Dialect,
  runId: string,
  bounds: ScreeningBounds,
  batch: number,
  pause: () => Promise<void>,
  result: RetentionResult,
): Promise<void> {
  const rule = screeningRule(bounds);
  // Locked like an erasure's, so a concurrent correction either lands before (and goes too) or finds its screening gone.
  const lock = d.rowLocks ? ' FOR UPDATE' : '';
  let after = '0';
  for (;;) {
    const done = await d.transaction('write', function* () {
      const found = yield* rows(
        `SELECT s.id, s.seq, s.fund_id, s.citizen_key, s.benefit_period_start FROM screenings s WHERE s.seq > ? AND ${rule.sql} ORDER BY s.seq LIMIT ?${lock}`,
        [after, ...rule.params, batch],
      );
      if (found.length === 0) return true;
      const ids = found.map((r) => String(r.id));
      const marks = ids.map(() => '?').join(', ');
      const assessments = yield* run(`DELETE FROM assessments WHERE screening_id IN (${marks})`, ids);
      yield* run(`DELETE FROM shadow_scores WHERE screening_id IN (${marks})`, ids);
      const screenings = yield* run(`DELETE FROM screenings WHERE id IN (${marks})`, ids);
      // A period's outcomes go with the last of its screenings (they may fall into different batches).
      let outcomes = 0;
      const periods = new Map(
        found
          .filter((r) => r.benefit_period_start !== null)
          .map((r) => {
            const p = [String(r.fund_id), String(r.citizen_key), String(d.columns.date(r.benefit_period_start))];
            return [p.join('\u0000'), p];
          }),
      );
      for (const [fund, citizen, start] of periods.values()) {
        outcomes += yield* run(
          `DELETE FROM outcomes WHERE fund_id = ? AND citizen_key = ? AND benefit_period_start = ?
             AND NOT EXISTS (SELECT 1 FROM screenings s WHERE s.fund_id = outcomes.fund_id AND s.citizen_key = outcomes.citizen_key
               AND s.benefit_period_start = outcomes.benefit_period_start)`,
          [fund, citizen, start],
        );
      }
      // A citizen left with no screening in the fund needs no data key any more: destroying it is what
      // makes copies of the deleted values (in backups, WAL archives) unreadable, as after an erasure.
      const citizens = new Map(
        found.map((r) => [`${String(r.fund_id)}\u0000${String(r.citizen_key)}`, [String(r.fund_id), String(r.citizen_key)]]),
      );
      for (const [fund, citizen] of citizens.values()) {
        yield* run(
          `DELETE FROM data_keys WHERE fund_id = ? AND citizen_key = ?
             AND NOT EXISTS (SELECT 1 FROM screenings s WHERE s.fund_id = data_keys.fund_id AND s.citizen_key = data_keys.citizen_key)`,
          [fund, citizen],
        );
      }
      yield* run('UPDATE retention_runs SET screenings = screenings + ?, assessments = assessments + ? WHERE id = ?', [
        screenings,
        assessments,
        runId,
      ]);
      result.screenings += screenings;
      result.assessments += assessments;
      result.outcomes += outcomes;
      after = String(found[found.length - 1].seq);
      return found.length < batch;
    });
    if (done) return;
    await pause();
  }
}

/** Deletes audit entries written before `before`, oldest first, `batch` per transaction. */
async function deleteAudit(
  d: Dialect,
  runId: string,
  before: string,
  batch: number,
  pause: () => Promise<void>,
  result: RetentionResult,
): Promise<void> {
  for (;;) {
    const deleted = await refusedAsRetention(() =>
      d.transaction('write', function* () {
        const n = yield* run('DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < ? ORDER BY id LIMIT ?)', [
          before,
          batch,
        ]);
        yield* run('UPDATE retention_runs SET audit_entries = audit_entries + ? WHERE id = ?', [n, runId]);
        return n;
      }),
    );
    result.auditEntries += deleted;
    if (deleted < batch) return;
    await pause();
  }
}

/** The run's one audit entry: counts and cut-offs only. */
function runEntry(r: RetentionResult, outcome: 'success' | 'error', clientId: string | undefined): NewAuditEntry {
  return {
    clientId: clientId ?? 'retention',
    // The run belongs to no fund: it is the operator's, and covers all of them.
    fundId: null,
    action: 'retention.run',
    outcome,
    detail:
      `run=${r.runId} screenings=${r.screenings} assessments=${r.assessments}${r.outcomes > 0 ? ` outcomes=${r.outcomes}` : ''}` +
      ` audit_entries=${r.auditEntries}` +
      ` screening_cutoff=${r.cutoffs.screeningEndedBy ?? 'none'} audit_cutoff=${r.cutoffs.auditBefore ?? 'none'}`,
  };
}

/** The guard triggers' refusals as RetentionRefusedError, so callers can tell them from faults. */
async function refusedAsRetention<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof Error && /audit cut-off must be at least|only a retention run deletes/.test(err.message)) {
      throw new RetentionRefusedError(`the database refused the deletion: ${err.message}`);
    }
    throw err;
  }
}
