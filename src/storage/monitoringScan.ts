/**
 * Streams the benefit periods monitoring needs, page by page, so a million periods are never held at
 * once: each page is one query (keyset on the first screening's insertion order, the sealed input
 * with it), one query for the data keys its sealed inputs name, and one for its shadow scores, and the
 * next page is read only when the caller has taken this one. A period's row is its FIRST screening (by screening date, created time,
 * insertion order, the rule export-screenings uses), with that screening's latest correction and the
 * period's current outcome (its highest revision). Between pages the event loop is free, so the service
 * keeps answering during a scan; a screening stored meanwhile may or may not be included.
 */
import type { MonitoringOutcome, MonitoringRow, MonitoringSelection, ShadowScore } from '../monitoring/monitoringRow.js';
import { sealedKeyId } from '../privacy/sealedValue.js';
import type { DataKeys } from './dataKeys.js';
import { rows, type Dialect, type SqlValue } from './dialect.js';
import { LEGACY_FUND_ID } from './records.js';
import type { Row } from './rowMapping.js';
import { openScreening } from './sealing.js';

/** Periods read per query: large enough that round trips do not dominate, small enough to stay a few MB. */
export const MONITORING_PAGE_SIZE = 2000;

/** The monitoring read of the stored screenings. */
export interface MonitoringSource {
  /**
   * Calls `visit` with every selected period in the order of its first screening's insertion, one page
   * at a time (awaiting `visit`'s promise, if it returns one, before the next page). Returns the count.
   */
  scan(
    selection: MonitoringSelection,
    visit: (page: readonly MonitoringRow[]) => void | Promise<void>,
    options?: { pageSize?: number },
  ): Promise<number>;
}

// A page is the next screenings by insertion order (the inner query, whose LIMIT keeps both planners
// from joining the whole table for every page); for each, whether it is its period's first (no earlier
// screening of the same period by date, time, insertion), its latest correction and the period's current
// outcome (highest revision), each an index lookup. Screenings that are not first are returned with the
// flag unset and skipped in code, so the keyset moves past them. The current outcome's state and value come
// from one lookup as one text (`known:1`, `known:0`, `pending`, `not_given`; long_term is set exactly when the
// state is known), which halves the outcome index lookups of a page.
const selectPage = (where: string) => `SELECT s.seq, s.id, s.model_version, s.probability, s.target_group, s.screening_date,
    s.benefit_period_start, s.sealed, s.input,
    CASE WHEN EXISTS (SELECT 1 FROM screenings e WHERE e.fund_id = s.fund_id AND e.citizen_key = s.citizen_key
      AND e.benefit_period_start = s.benefit_period_start AND e.screening_date IS NOT NULL
      AND (e.screening_date, e.created_at, e.seq) < (s.screening_date, s.created_at, s.seq)) THEN 0 ELSE 1 END AS is_first,
    (SELECT a.corrected_target_group FROM assessments a WHERE a.screening_id = s.id
      ORDER BY a.created_at DESC, a.seq DESC LIMIT 1) AS corrected_target_group,
    (SELECT CASE WHEN o.long_term IS NULL THEN o.long_term_state WHEN o.long_term THEN 'known:1' ELSE 'known:0' END
      FROM outcomes o WHERE o.fund_id = s.fund_id AND o.citizen_key = s.citizen_key
      AND o.benefit_period_start = s.benefit_period_start ORDER BY o.revision DESC LIMIT 1) AS current_outcome
  FROM (SELECT seq, id, fund_id, citizen_key, created_at, model_version, probability, target_group, screening_date,
      benefit_period_start, sealed, input
    FROM screenings WHERE seq > ? AND fund_id <> ? AND benefit_period_start IS NOT NULL AND screening_date IS NOT NULL${where}
    ORDER BY seq LIMIT ?) s
  ORDER BY s.seq`;

/** The monitoring scan over a dialect, opening sealed inputs with `keys`. */
export function monitoringSourceOver(d: Dialect, keys: DataKeys): MonitoringSource {
  return {
    async scan(selection, visit, options = {}) {
      const pageSize = options.pageSize ?? MONITORING_PAGE_SIZE;
      const where: string[] = [];
      const params: SqlValue[] = [];
      if (selection.fundId !== null) {
        where.push('fund_id = ?');
        params.push(selection.fundId);
      }
      if (selection.from !== undefined) {
        where.push('screening_date >= ?');
        params.push(selection.from);
      }
      if (selection.to !== undefined) {
        where.push('screening_date <= ?');
        params.push(selection.to);
      }
      const sql = selectPage(where.map((w) => ` AND ${w}`).join(''));
      let after = 0;
      let total = 0;
      for (;;) {
        const raw = await d.autocommit(() => rows(sql, [after, LEGACY_FUND_ID, ...params, pageSize]));
        if (raw.length === 0) return total;
        after = Number(raw[raw.length - 1].seq);
        // The sealed columns come with the page (one read of the row instead of a second query by id);
        // only first screenings' inputs are ever opened.
        const found: Row[] = raw.filter((r) => Number(r.is_first) === 1);
        const keyIds = new Set<string>();
        for (const r of found) {
          const id = typeof r.sealed === 'string' ? sealedKeyId(r.sealed) : null;
          if (id !== null) keyIds.add(id);
        }
        const ids = found.map((r) => String(r.id));
        const [dataKeys, shadowRows] = await Promise.all([
          d.autocommit(() => keys.many([...keyIds])),
          // A page of later screenings only has no first screening: `IN ()` is not SQL.
          ids.length === 0
            ? Promise.resolve([] as Row[])
            : d.autocommit(() =>
                rows(
                  `SELECT screening_id, model_version, probability, target_group FROM shadow_scores
                WHERE screening_id IN (${ids.map(() => '?').join(', ')}) ORDER BY screening_id, model_version`,
                  ids,
                ),
              ),
        ]);
        const shadows = new Map<string, ShadowScore[]>();
        for (const r of shadowRows) {
          const id = String(r.screening_id);
          const list = shadows.get(id) ?? [];
          shadows.set(id, list);
          list.push({ modelVersion: String(r.model_version), probability: Number(r.probability), targetGroup: group(r.target_group)! });
        }
        const page = found.map((r): MonitoringRow => {
          const id = String(r.id);
          return {
            modelVersion: String(r.model_version),
            probability: Number(r.probability),
            targetGroup: group(r.target_group)!,
            correctedTargetGroup: group(r.corrected_target_group),
            screeningDate: String(d.columns.date(r.screening_date)),
            benefitPeriodStart: String(d.columns.date(r.benefit_period_start)),
            outcome: outcomeOf(r.current_outcome),
            input: inputOf(d, r, dataKeys),
            shadows: shadows.get(id) ?? [],
          };
        });
        total += page.length;
        if (page.length > 0) await visit(page);
        if (raw.length < pageSize) return total;
      }
    },
  };
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
function inputOf(
  d: Dialect,
  r: Record<string, unknown>,
  dataKeys: Map<string, { id: string; key: Buffer }>,
): Record<string, unknown> | null {
  if (typeof r.sealed !== 'string') {
    const clear = d.columns.json(r.input);
    return clear !== null && typeof clear === 'object' ? (clear as Record<string, unknown>) : null;
  }
  const keyId = sealedKeyId(r.sealed);
  const dk = keyId === null ? undefined : dataKeys.get(keyId);
  if (dk === undefined) return null;
  return openScreening(dk, String(r.id), r.sealed).input;
}
