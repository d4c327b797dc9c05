/**
 * Streams the benefit periods monitoring needs, page by page, so a million periods are never held at
 * once: each page is one query in period order (keyset on fund, citizen key and first day; the sealed
 * input, the current outcome and the citizen's data key with each row) and one for its shadow scores,
 * and the next page is read only when the caller has taken this one. A period's row is its FIRST
 * screening (by screening date, created time, insertion order, the rule and the order export-screenings
 * uses), with that screening's latest correction and the period's current outcome (its highest
 * revision). Between pages the event loop is free, so the service keeps answering during a scan; a
 * screening stored meanwhile may or may not be included.
 */
import type { MonitoringOutcome, MonitoringRow, MonitoringSelection, ShadowScore } from '../monitoring/monitoringRow.js';
import { sealedKeyId } from '../privacy/sealedValue.js';
import type { DataKey, DataKeys } from './dataKeys.js';
import { inLists, marks } from './batches.js';
import { rows, type Dialect, type SqlValue } from './dialect.js';
import { LEGACY_FUND_ID } from './records.js';
import type { Row } from './rowMapping.js';
import { openScreening } from './sealing.js';

/** Screenings read per query: large enough that round trips do not dominate, small enough to stay a few MB. */
export const MONITORING_PAGE_SIZE = 2000;

/** The monitoring read of the stored screenings. */
export interface MonitoringSource {
  /**
   * Calls `visit` with every selected period in period order (fund, citizen key, first day), one page
   * at a time (awaiting `visit`'s promise, if it returns one, before the next page). Returns the count.
   */
  scan(
    selection: MonitoringSelection,
    visit: (page: readonly MonitoringRow[]) => void | Promise<void>,
    options?: { pageSize?: number },
  ): Promise<number>;
  /**
   * A text that changes whenever a stored row monitoring reads is added or removed (counts and highest
   * insertion numbers of screenings, assessments, outcomes and shadow scores) or re-keyed (the count
   * and latest time of citizen key moves): two passes under the
   * same stamp, selection and models give the same report, so one may stand for the other.
   */
  stamp(): Promise<string>;
}

// Counts catch deletions (erasure, retention), the highest seq an insertion after a deletion: seq is never
// reused, so a table whose count and highest seq are both unchanged holds the same rows. The re-keying
// of a CPR-secret rotation is an UPDATE, which can merge two citizen keys' periods: every move leaves
// its time in citizen_key_moves (a pair moved again takes the later time), so the moves' count and
// latest time see it. Each is one index read, milliseconds at a million rows against a pass's minute.
const STAMP = `SELECT (SELECT count(*) FROM screenings) AS s, (SELECT max(seq) FROM screenings) AS sm,
    (SELECT count(*) FROM assessments) AS a, (SELECT max(seq) FROM assessments) AS am,
    (SELECT count(*) FROM outcomes) AS o, (SELECT max(seq) FROM outcomes) AS om,
    (SELECT count(*) FROM shadow_scores) AS sh,
    (SELECT count(*) FROM citizen_key_moves) AS m, (SELECT max(moved_at) FROM citizen_key_moves) AS mm`;

// A page is the next screenings in period order along screenings_period_first (fund, citizen, first
// day, then screening date, created time, insertion), so a period's first screening is simply the
// first of its rows, and the per-row lookups (the current outcome along outcomes_citizen_period, the citizen's
// first data key) walk their indexes in the same order: each lands beside the last, where a scan in
// insertion order jumped about the whole index for every row (three to four times slower at 200,000
// periods). The current outcome's state and value come as one text (`known:1`, `known:0`, `pending`,
// `not_given`; long_term is set exactly when the state is known); the data key as `id wrapped`.
const selectPage = (
  where: string,
  limit = ' LIMIT ?',
) => `SELECT s.seq, s.id, s.fund_id, s.citizen_key, s.model_version, s.probability, s.target_group,
    s.screening_date, s.benefit_period_start, s.sealed, s.input,
    (SELECT a.corrected_target_group FROM assessments a WHERE a.screening_id = s.id
      ORDER BY a.created_at DESC, a.seq DESC LIMIT 1) AS corrected_target_group,
    (SELECT CASE WHEN o.long_term IS NULL THEN o.long_term_state WHEN o.long_term THEN 'known:1' ELSE 'known:0' END
      FROM outcomes o WHERE o.fund_id = s.fund_id AND o.citizen_key = s.citizen_key
      AND o.benefit_period_start = s.benefit_period_start ORDER BY o.revision DESC LIMIT 1) AS current_outcome,
    (SELECT k.id || ' ' || k.wrapped FROM data_keys k WHERE k.fund_id = s.fund_id AND k.citizen_key = s.citizen_key
      ORDER BY k.created_at, k.id LIMIT 1) AS data_key
  FROM screenings s
  WHERE s.fund_id <> ? AND s.benefit_period_start IS NOT NULL AND s.screening_date IS NOT NULL${where}
  ORDER BY s.fund_id, s.citizen_key, s.benefit_period_start, s.screening_date, s.created_at, s.seq${limit}`;

/** A benefit period (fund, citizen key, first day) as one comparable key. */
const periodOf = (d: Dialect, r: Row) =>
  `${String(r.fund_id)}\u0000${String(r.citizen_key)}\u0000${String(d.columns.date(r.benefit_period_start))}`;

/** The monitoring scan over a dialect, opening sealed inputs with `keys`. */
export function monitoringSourceOver(d: Dialect, keys: DataKeys): MonitoringSource {
  return {
    async stamp() {
      const [r] = await d.autocommit(() => rows(STAMP));
      // PostgreSQL gives the time as a Date, whose String() drops the milliseconds.
      return [r.s, r.sm, r.a, r.am, r.o, r.om, r.sh, r.m, r.mm]
        .map((v) => (v instanceof Date ? v.toISOString() : String(v ?? 0)))
        .join(':');
    },

    async scan(selection, visit, options = {}) {
      const pageSize = options.pageSize ?? MONITORING_PAGE_SIZE;
      const fund = selection.fundId;
      // The selection's dates apply to a period's first screening (in code), not to every screening:
      // a period whose first screening falls before `from` is not monitored through a later one.
      const inRange = (date: string) =>
        (selection.from === undefined || date >= selection.from) && (selection.to === undefined || date <= selection.to);
      const first = selectPage(fund === null ? '' : ' AND s.fund_id = ?');
      const after = selectPage(
        fund === null
          ? ' AND (s.fund_id, s.citizen_key, s.benefit_period_start) > (?, ?, ?)'
          : ' AND s.fund_id = ? AND (s.citizen_key, s.benefit_period_start) > (?, ?)',
      );
      // Where the next page starts: after the last period read whole.
      let resume: Row | null = null;
      let total = 0;
      for (;;) {
        const params: SqlValue[] = [LEGACY_FUND_ID];
        if (fund !== null) params.push(fund);
        if (resume !== null) {
          if (fund === null) params.push(String(resume.fund_id));
          params.push(String(resume.citizen_key), String(d.columns.date(resume.benefit_period_start)));
        }
        params.push(pageSize);
        const raw = await d.autocommit(() => rows(resume === null ? first : after, params));
        let take = raw;
        const full = raw.length === pageSize;
        if (full) {
          // The page may end inside a period: leave that period to the next page, which reads it whole.
          const last = periodOf(d, raw[raw.length - 1]);
          let cut = raw.length;
          while (cut > 0 && periodOf(d, raw[cut - 1]) === last) cut--;
          take = cut > 0 ? raw.slice(0, cut) : await d.autocommit(() => rows(WHOLE_PERIOD, periodParams(d, raw[0])));
        }
        if (take.length === 0) return total;
        resume = take[take.length - 1];
        const found: Row[] = [];
        let previous = '';
        for (const r of take) {
          const p = periodOf(d, r);
          if (p === previous) continue;
          previous = p;
          if (inRange(String(d.columns.date(r.screening_date)))) found.push(r);
        }
        const page = await rowsOf(d, keys, found);
        total += page.length;
        if (page.length > 0) await visit(page);
        if (!full) return total;
      }
    },
  };
}

/** One period's screenings whole, in the page's order: for a period with more screenings than a page holds. */
const WHOLE_PERIOD = selectPage(' AND s.fund_id = ? AND s.citizen_key = ? AND s.benefit_period_start = ?', '');

function periodParams(d: Dialect, r: Row): SqlValue[] {
  return [LEGACY_FUND_ID, String(r.fund_id), String(r.citizen_key), String(d.columns.date(r.benefit_period_start))];
}

/** The monitoring rows of a page's first screenings: their inputs opened, their shadow scores read. */
async function rowsOf(d: Dialect, keys: DataKeys, found: readonly Row[]): Promise<MonitoringRow[]> {
  // The citizen's first data key came with the row; a sealed value naming another (two citizen keys
  // merged by a CPR-secret rotation) has its key read by id.
  const dataKeys = new Map<string, DataKey>();
  const other = new Set<string>();
  for (const r of found) {
    if (typeof r.sealed !== 'string') continue;
    const id = sealedKeyId(r.sealed);
    if (id === null || dataKeys.has(id)) continue;
    const named = typeof r.data_key === 'string' ? r.data_key : '';
    const space = named.indexOf(' ');
    if (space > 0 && named.slice(0, space) === id) dataKeys.set(id, keys.unwrap(id, named.slice(space + 1)));
    else other.add(id);
  }
  const ids = found.map((r) => String(r.id));
  const [more, shadowRows] = await Promise.all([
    other.size === 0 ? Promise.resolve(new Map<string, DataKey>()) : d.autocommit(() => keys.many([...other])),
    shadowsOf(d, ids),
  ]);
  for (const [id, dk] of more) dataKeys.set(id, dk);
  const shadows = new Map<string, ShadowScore[]>();
  for (const r of shadowRows) {
    const id = String(r.screening_id);
    const list = shadows.get(id) ?? [];
    shadows.set(id, list);
    list.push({ modelVersion: String(r.model_version), probability: Number(r.probability), targetGroup: group(r.target_group)! });
  }
  return found.map(
    (r): MonitoringRow => ({
      modelVersion: String(r.model_version),
      probability: Number(r.probability),
      targetGroup: group(r.target_group)!,
      correctedTargetGroup: group(r.corrected_target_group),
      screeningDate: String(d.columns.date(r.screening_date)),
      benefitPeriodStart: String(d.columns.date(r.benefit_period_start)),
      outcome: outcomeOf(r.current_outcome),
      input: inputOf(d, r, dataKeys),
      shadows: shadows.get(String(r.id)) ?? [],
    }),
  );
}

/** The shadow scores of these screenings, in IN lists of a few fixed lengths (see batches.ts). */
async function shadowsOf(d: Dialect, ids: readonly string[]): Promise<Row[]> {
  if (ids.length === 0) return [];
  return d.autocommit(function* () {
    const out: Row[] = [];
    for (const list of inLists(ids))
      out.push(
        ...(yield* rows(
          `SELECT screening_id, model_version, probability, target_group FROM shadow_scores
            WHERE screening_id IN (${marks(list.length)}) ORDER BY screening_id, model_version`,
          list,
        )),
      );
    return out;
  });
}

function group(v: unknown): 1 | 2 | null {
  if (v === null || v === undefined) return null;
  return Number(v) === 2 ? 2 : 1;
}

function outcomeOf(current: unknown): MonitoringOutcome | null {
  if (current === null || current === undefined) return null;
  if (current === 'known:1' || current === 'known:0') return { state: 'known', longTerm: current === 'known:1' ? 1 : 0 };
  return { state: current === 'pending' ? 'pending' : 'not_given', longTerm: null };
}

/** The member input: opened from its seal, or the clear column of a row stored before sealing; null when its key is gone. */
function inputOf(d: Dialect, r: Record<string, unknown>, dataKeys: ReadonlyMap<string, DataKey>): Record<string, unknown> | null {
  if (typeof r.sealed !== 'string') {
    const clear = d.columns.json(r.input);
    return clear !== null && typeof clear === 'object' ? (clear as Record<string, unknown>) : null;
  }
  const keyId = sealedKeyId(r.sealed);
  const dk = keyId === null ? undefined : dataKeys.get(keyId);
  if (dk === undefined) return null;
  return openScreening(dk, String(r.id), r.sealed).input;
}
