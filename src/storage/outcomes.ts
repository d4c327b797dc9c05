/**
 * Outcomes of benefit periods (issue 9.2), written once for both databases: every record is a new
 * immutable revision of its (fund, citizen, benefit period start), the highest revision the current
 * outcome. A record fills in what the current one left open (a follow-up status not given yet, a
 * 52-week outcome pending or not given) and keeps what it does not say; one equal to the current one
 * is a replay and stores nothing; one changing what was known is refused unless it is a correction.
 * A batch is one transaction: a bad record stops it and nothing is stored.
 */
import { randomUUID } from 'node:crypto';
import { weeksOfText } from '../data/weeksText.js';
import type { DataKey, DataKeys } from './dataKeys.js';
import type { z } from 'zod';
import { chunks, marks, padded, repeated } from './batches.js';
import { rows, run, type Dialect, type SqlValue, type Work } from './dialect.js';
import {
  CorruptRecordError,
  IdempotencyConflictError,
  OutcomeConflictError,
  OutcomePeriodNotFoundError,
  PersonalDataError,
  StorageValidationError,
} from './errors.js';
import { requestFingerprint } from './fingerprint.js';
import { checkedOutcome } from './outcomeCheck.js';
import { assertNoCpr } from './personalDataGuard.js';
import { auditFieldsForRead, lookupKeys, parseRow, validate } from './prepare.js';
import {
  newOutcomeSchema,
  outcomeSchema,
  writeContextSchema,
  type CitizenLookup,
  type NewAuditEntry,
  type NewOutcome,
  type Outcome,
  type ReadContext,
  type Screening,
  type WriteContext,
} from './records.js';
import type { ColumnReader, Row } from './rowMapping.js';
import { openOutcome, sealOutcome, type SealedOutcome } from './sealing.js';

/** One record to store: the outcome, and the citizen's key under the previous CPR secret while one is configured. */
export interface OutcomeItem {
  outcome: NewOutcome;
  previousCitizenKey?: string | null;
}

/** What became of one record: a new revision (`created` the period's first), or `unchanged` (a replay: nothing stored). */
export interface RecordedOutcome {
  status: 'created' | 'updated' | 'corrected' | 'unchanged';
  outcome: Outcome;
}

/** One benefit period for retraining: its first screening (opened) and its current outcome, or null. */
export interface ExportedPeriod {
  screening: Screening;
  outcome: Outcome | null;
}

/** What the outcome operations need from the repository core. */
export interface OutcomeDeps {
  d: Dialect;
  keys: DataKeys;
  now: () => Date;
  citizenKeyId: string;
  audit: (entry: NewAuditEntry) => Work<unknown>;
  /** Appends audit entries nobody reads back, several a statement. */
  auditMany: (entries: readonly NewAuditEntry[]) => Work<void>;
  keyOf: (envelope: string, table: string, cache: Map<string, DataKey | null>) => Work<DataKey>;
  moveKeys: (
    current: string,
    previous: string | null,
    who: { clientId: string; fundId: string | null; requestId: string | null },
  ) => Work<void>;
  screeningOf: (r: Row, cache?: Map<string, DataKey | null>) => Work<Screening>;
}

// The statuses and the correction reason are sealed: their clear columns stay NULL.
const INSERT_OUTCOMES = `INSERT INTO outcomes (id, fund_id, citizen_key, citizen_key_id, benefit_period_start, revision, created_at,
    status_week_13, status_week_26, long_term_state, long_term, long_term_source, label_code, benefit_hours, weeks_reported,
    sealed, correction_reason, client_id, idempotency_key, request_fingerprint)
  VALUES`;
const OUTCOME_ROW = '(?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)';

/** A validated record of a call: its index in the call, and the previous citizen key whose rows move to its key (or null). */
interface Pending {
  index: number;
  o: z.output<typeof newOutcomeSchema>;
  previous: string | null;
}

/** A new revision to insert. */
interface Write {
  o: z.output<typeof newOutcomeSchema>;
  id: string;
  revision: number;
  content: Content;
  correctionReason: string | null;
}

/** The columns every revision of one call shares. */
interface InsertContext {
  at: string;
  clientId: string;
  idempotencyKey: string | null;
  fingerprint: string | null;
}

/** The record that refused a call, for the audit entry written after the rollback. */
interface Failing {
  index: number;
  citizenKey: string;
  outcome: 'not_found' | 'conflict';
}

type Who = { clientId: string; fundId: string | null; requestId: string | null };

/** A benefit period (of the call's fund) as a map key. */
const periodKey = (citizenKey: string, benefitPeriodStart: string) => `${citizenKey}\u0000${benefitPeriodStart}`;

/**
 * The condition naming the records' periods: their citizens and their period starts, each an `IN (…)`
 * list. It names every combination of the two (a citizen with another record's start too): callers
 * look rows up by period, so an extra row is never used, and an extra lock is one on the same citizens.
 */
function periodFilter(records: readonly Pending[]): { sql: string; params: string[] } {
  const citizens = padded([...new Set(records.map((p) => p.o.citizenKey))]);
  const starts = padded([...new Set(records.map((p) => p.o.benefitPeriodStart))]);
  return {
    sql: `citizen_key IN (${marks(citizens.length)}) AND benefit_period_start IN (${marks(starts.length)})`,
    params: [...citizens, ...starts],
  };
}

type Content = Pick<
  Outcome,
  | 'statusWeek13'
  | 'statusWeek26'
  | 'longTermState'
  | 'longTerm'
  | 'longTermSource'
  | 'labelCode'
  | 'benefitHours'
  | 'weeksReported'
  | 'weeklyHours'
  | 'hoursThroughWeek'
>;

const CONTENT_KEYS: readonly (keyof Content)[] = [
  'statusWeek13',
  'statusWeek26',
  'longTermState',
  'longTerm',
  'longTermSource',
  'labelCode',
  'benefitHours',
  'weeksReported',
  'weeklyHours',
  'hoursThroughWeek',
];

const LONG_TERM_KEYS = CONTENT_KEYS.filter((k) => k !== 'statusWeek13' && k !== 'statusWeek26');

const sameContent = (a: Content, b: Content, keys = CONTENT_KEYS) => keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));

/** The record with what it leaves out (a status, a 52-week outcome) taken from the current revision. */
function merged(current: Content | null, next: Content): Content {
  const out: Content = {
    statusWeek13: next.statusWeek13,
    statusWeek26: next.statusWeek26,
    longTermState: next.longTermState,
    longTerm: next.longTerm,
    longTermSource: next.longTermSource,
    labelCode: next.labelCode,
    benefitHours: next.benefitHours,
    weeksReported: next.weeksReported,
    weeklyHours: next.weeklyHours,
    hoursThroughWeek: next.hoursThroughWeek,
  };
  if (current === null) return out;
  out.statusWeek13 = next.statusWeek13 ?? current.statusWeek13;
  out.statusWeek26 = next.statusWeek26 ?? current.statusWeek26;
  if (next.longTermState === 'not_given') for (const k of LONG_TERM_KEYS) (out as Record<string, unknown>)[k] = current[k];
  return out;
}

/** Whether `next` only adds to `current`: statuses newly given, a 52-week outcome where there was none or it was pending. */
function onlyAdds(current: Content, next: Content): boolean {
  const statusOk = (a: string | null, b: string | null) => a === null || a === b;
  if (!statusOk(current.statusWeek13, next.statusWeek13) || !statusOk(current.statusWeek26, next.statusWeek26)) return false;
  return current.longTermState !== 'known' || sameContent(current, next, LONG_TERM_KEYS);
}

/** An outcome revision from its row and its opened sealed fields. */
function outcomeFromRow(r: Row, c: ColumnReader, opened: SealedOutcome): Outcome {
  return parseRow(
    outcomeSchema,
    {
      id: r.id,
      citizenKey: r.citizen_key,
      fundId: r.fund_id,
      benefitPeriodStart: c.date(r.benefit_period_start),
      revision: Number(r.revision),
      createdAt: c.time(r.created_at),
      statusWeek13: opened.statusWeek13,
      statusWeek26: opened.statusWeek26,
      longTermState: r.long_term_state,
      longTerm: r.long_term === null ? null : c.bool(r.long_term),
      longTermSource: r.long_term_source,
      labelCode: r.label_code,
      benefitHours: r.benefit_hours === null ? null : Number(r.benefit_hours),
      weeksReported: r.weeks_reported === null ? null : Number(r.weeks_reported),
      weeklyHours: opened.weeklyHours,
      hoursThroughWeek: opened.hoursThroughWeek,
      correctionReason: opened.correctionReason,
      clientId: r.client_id,
    },
    'outcomes',
  );
}

/** The outcome operations over the core's dialect, audit writer and data keys. */
export function outcomeOperations(deps: OutcomeDeps) {
  const { d, keys, now, citizenKeyId, audit, auditMany, keyOf, moveKeys } = deps;

  function* outcomeOf(r: Row, cache: Map<string, DataKey | null>): Work<Outcome> {
    if (r.sealed === null || r.sealed === undefined) throw new CorruptRecordError('outcomes', `${String(r.id)}: sealed is missing`);
    const sealed = String(r.sealed);
    return outcomeFromRow(r, d.columns, openOutcome(yield* keyOf(sealed, 'outcomes', cache), String(r.id), sealed));
  }

  /**
   * Moves the records' previous citizen keys and locks the screening rows of their periods
   * (PostgreSQL: FOR UPDATE), both in the records' key order: two batches over the same periods take
   * the locks in one order and cannot deadlock, and two writers of one period take turns for its next
   * revision number while an erasure waits for the batch or removes the period first. Returns the
   * periods screened, each with the citizen key id of its first screening row.
   */
  function* lockPeriods(fundId: string, ordered: readonly Pending[], who: Who): Work<Map<string, string | null>> {
    const screened = new Map<string, string | null>();
    let stretch: Pending[] = [];
    for (const p of ordered) {
      // A move takes locks on the citizen's rows: the periods before it are locked first.
      if (p.previous !== null) {
        yield* screeningsOf(fundId, stretch, screened);
        stretch = [];
        yield* moveKeys(p.o.citizenKey, p.previous, who);
      }
      stretch.push(p);
    }
    yield* screeningsOf(fundId, stretch, screened);
    return screened;
  }

  /** Adds the screened periods among `records` (in key order) to `screened`, locking their rows in that order. */
  function* screeningsOf(fundId: string, records: readonly Pending[], screened: Map<string, string | null>): Work<void> {
    const lock = d.rowLocks ? ' FOR UPDATE' : '';
    for (const part of chunks(records)) {
      const where = periodFilter(part);
      const found = yield* rows(
        `SELECT citizen_key, benefit_period_start, citizen_key_id FROM screenings WHERE fund_id = ? AND ${where.sql}
           ORDER BY citizen_key, benefit_period_start, seq${lock}`,
        [fundId, ...where.params],
      );
      for (const r of found) {
        const p = periodKey(String(r.citizen_key), String(d.columns.date(r.benefit_period_start)));
        if (!screened.has(p)) screened.set(p, r.citizen_key_id === null ? null : String(r.citizen_key_id));
      }
    }
  }

  /** The row of the current (highest) revision of each of the records' periods that has one, by period. */
  function* currentRows(fundId: string, records: readonly Pending[]): Work<Map<string, Row>> {
    const current = new Map<string, Row>();
    for (const part of chunks(records)) {
      const where = periodFilter(part);
      const found = yield* rows(
        `SELECT * FROM outcomes WHERE fund_id = ? AND ${where.sql} ORDER BY citizen_key, benefit_period_start, revision DESC`,
        [fundId, ...where.params],
      );
      for (const r of found) {
        const p = periodKey(String(r.citizen_key), String(d.columns.date(r.benefit_period_start)));
        if (!current.has(p)) current.set(p, r);
      }
    }
    return current;
  }

  /** Inserts the new revisions, sealed under their citizens' data keys, a few hundred rows a statement. */
  function* insertRevisions(
    fundId: string,
    writes: readonly Write[],
    dataKeys: ReadonlyMap<string, DataKey>,
    ctx: InsertContext,
  ): Work<void> {
    for (const part of chunks(writes)) {
      const params: SqlValue[] = [];
      for (const w of part) {
        const { o, content } = w;
        const sealed = sealOutcome(dataKeys.get(o.citizenKey)!, w.id, {
          statusWeek13: content.statusWeek13,
          statusWeek26: content.statusWeek26,
          weeklyHours: content.weeklyHours,
          hoursThroughWeek: content.hoursThroughWeek,
          correctionReason: w.correctionReason,
        });
        params.push(
          w.id,
          fundId,
          o.citizenKey,
          citizenKeyId,
          o.benefitPeriodStart,
          w.revision,
          ctx.at,
          content.longTermState,
          content.longTerm === null ? null : content.longTerm ? 1 : 0,
          content.longTermSource,
          content.labelCode,
          content.benefitHours,
          content.weeksReported,
          sealed,
          ctx.clientId,
          ctx.idempotencyKey,
          ctx.fingerprint,
        );
      }
      yield* run(`${INSERT_OUTCOMES} ${repeated(OUTCOME_ROW, part.length)}`, params);
    }
  }

  /** The data keys of the citizens with new revisions: those they have (`found`), and a new one for each who has none. */
  function* dataKeysFor(
    fundId: string,
    writes: readonly Write[],
    found: Map<string, DataKey>,
    screened: ReadonlyMap<string, string | null>,
    at: string,
  ): Work<Map<string, DataKey>> {
    for (const { o } of writes) {
      if (found.has(o.citizenKey)) continue;
      const keyId = screened.get(periodKey(o.citizenKey, o.benefitPeriodStart)) ?? citizenKeyId;
      found.set(o.citizenKey, yield* keys.create(fundId, o.citizenKey, keyId, at));
    }
    return found;
  }

  /** Stores `items` in one transaction; throws (storing nothing) on the first record that is refused. */
  async function recordOutcomes(
    items: readonly OutcomeItem[],
    context: WriteContext,
    options: { batch?: boolean } = {},
  ): Promise<RecordedOutcome[]> {
    const c = validate(writeContextSchema, context, 'write context');
    assertNoCpr({ clientId: c.clientId, requestId: c.requestId, idempotencyKey: c.idempotencyKey });
    const batch = options.batch ?? items.length !== 1;
    if (batch && c.idempotencyKey != null) {
      throw new StorageValidationError('write context', [
        { path: 'idempotencyKey', message: 'an Idempotency-Key names one outcome, not a batch' },
      ]);
    }
    const prepared: Pending[] = items.map((item, i) => {
      try {
        const o = checkedOutcome(item.outcome) ?? validate(newOutcomeSchema, item.outcome, 'outcome');
        assertNoCpr({ correctionReason: o.correctionReason });
        const previous = item.previousCitizenKey ?? null;
        return { index: i, o, previous: previous === o.citizenKey ? null : previous };
      } catch (err) {
        throw batch ? prefixed(err, i) : err;
      }
    });
    const who = { clientId: c.clientId, fundId: c.fundId, requestId: c.requestId ?? null };
    const idempotencyKey = c.idempotencyKey ?? null;
    const fingerprint = idempotencyKey === null ? null : outcomeFingerprint(prepared[0].o);
    let failing: Failing | null = null;
    const refuse = (p: Pending, outcome: Failing['outcome'], err: Error): never => {
      failing = { index: p.index, citizenKey: p.o.citizenKey, outcome };
      throw err;
    };
    try {
      return await d.transaction('write', function* () {
        const at = now().toISOString();
        const ordered = lockOrder(prepared.map((p) => p.o)).map((i) => prepared[i]);
        const screened = yield* lockPeriods(c.fundId, ordered, who);
        const found = yield* keys.ofCitizens(
          c.fundId,
          ordered.map((p) => p.o.citizenKey),
        );
        const opened = new Map<string, DataKey | null>([...found.values()].map((dk) => [dk.id, dk]));
        const stored = yield* currentRows(c.fundId, ordered);
        // The current outcome of each period as the batch goes: a record's new revision is current to the next record of its period.
        const latest = new Map<string, Outcome | null>();
        function* currentOf(period: string): Work<Outcome | null> {
          if (latest.has(period)) return latest.get(period)!;
          const r = stored.get(period);
          const o = r === undefined ? null : yield* outcomeOf(r, opened);
          latest.set(period, o);
          return o;
        }
        const out: RecordedOutcome[] = new Array(prepared.length);
        const writes: Write[] = [];
        const entries: NewAuditEntry[] = [];
        const counts = { created: 0, updated: 0, corrected: 0, unchanged: 0 };
        const replayed = (p: Pending, outcome: Outcome) => {
          entries.push({ ...who, action: 'outcome.create', outcome: 'success', citizenKey: p.o.citizenKey, detail: 'idempotent replay' });
          out[p.index] = { status: 'unchanged', outcome };
          counts.unchanged++;
        };
        for (const p of ordered) {
          const { o } = p;
          const period = periodKey(o.citizenKey, o.benefitPeriodStart);
          if (!screened.has(period)) refuse(p, 'not_found', new OutcomePeriodNotFoundError(p.index));
          if (idempotencyKey !== null) {
            const [earlier] = yield* rows('SELECT * FROM outcomes WHERE fund_id = ? AND client_id = ? AND idempotency_key = ?', [
              c.fundId,
              c.clientId,
              idempotencyKey,
            ]);
            if (earlier) {
              if (earlier.request_fingerprint !== fingerprint) refuse(p, 'conflict', new IdempotencyConflictError('outcome'));
              replayed(p, yield* outcomeOf(earlier, opened));
              continue;
            }
          }
          const current = yield* currentOf(period);
          const content = merged(current, o);
          if (current !== null && sameContent(current, content)) {
            replayed(p, current);
            continue;
          }
          if (current !== null && !o.correction && !onlyAdds(current, content)) refuse(p, 'conflict', new OutcomeConflictError(p.index));
          const id = randomUUID();
          const revision = current === null ? 1 : current.revision + 1;
          const correctionReason = o.correction ? o.correctionReason : null;
          const status = current === null ? 'created' : o.correction ? 'corrected' : 'updated';
          counts[status]++;
          writes.push({ o, id, revision, content, correctionReason });
          // Whole literals, not spreads, in the keys' usual order: a batch makes one of each per record.
          entries.push({
            clientId: who.clientId,
            fundId: who.fundId,
            requestId: who.requestId,
            action: status === 'corrected' ? 'outcome.correct' : 'outcome.create',
            outcome: 'success',
            citizenKey: o.citizenKey,
            detail: `revision=${revision} state=${content.longTermState}`,
          });
          const outcome: Outcome = {
            id,
            citizenKey: o.citizenKey,
            fundId: c.fundId,
            benefitPeriodStart: o.benefitPeriodStart,
            revision,
            createdAt: at,
            statusWeek13: content.statusWeek13,
            statusWeek26: content.statusWeek26,
            longTermState: content.longTermState,
            longTerm: content.longTerm,
            longTermSource: content.longTermSource,
            labelCode: content.labelCode,
            benefitHours: content.benefitHours,
            weeksReported: content.weeksReported,
            weeklyHours: content.weeklyHours,
            hoursThroughWeek: content.hoursThroughWeek,
            correctionReason,
            clientId: c.clientId,
          };
          latest.set(period, outcome);
          out[p.index] = { status, outcome };
        }
        const dataKeys = yield* dataKeysFor(c.fundId, writes, found, screened, at);
        yield* insertRevisions(c.fundId, writes, dataKeys, { at, clientId: c.clientId, idempotencyKey, fingerprint });
        if (batch) {
          entries.push({
            ...who,
            action: 'outcome.batch',
            outcome: 'success',
            detail: `records=${prepared.length} created=${counts.created} updated=${counts.updated} corrected=${counts.corrected} unchanged=${counts.unchanged}`,
          });
        }
        yield* auditMany(entries);
        failing = null;
        return out;
      });
    } catch (err) {
      // The refusal is audited after the rollback, so it stays while nothing of the batch does.
      const f = failing as Failing | null;
      if (
        f !== null &&
        (err instanceof OutcomePeriodNotFoundError || err instanceof OutcomeConflictError || err instanceof IdempotencyConflictError)
      ) {
        await d
          .autocommit(() =>
            audit({
              ...who,
              action: batch ? 'outcome.batch' : 'outcome.create',
              outcome: f.outcome,
              citizenKey: f.citizenKey,
              detail: batch ? `refused at record ${f.index} of ${prepared.length}; nothing stored` : null,
            }),
          )
          .catch(() => {});
      }
      throw err;
    }
  }

  /** Every revision of the citizen's outcomes in the context's fund (one period, or all), oldest first; audited. */
  async function outcomeHistory(lookup: CitizenLookup, benefitPeriodStart: string | null, context: ReadContext): Promise<Outcome[]> {
    const { current: key, previous } = lookupKeys(lookup);
    const c = auditFieldsForRead(context, 'screening.read');
    const who = { clientId: c.clientId, fundId: c.fundId, requestId: c.requestId };
    return d.transaction(previous === null ? 'read' : 'write', function* () {
      yield* moveKeys(key, previous, who);
      const period = benefitPeriodStart === null ? '' : ' AND benefit_period_start = ?';
      const found = yield* rows(
        `SELECT * FROM outcomes WHERE fund_id = ? AND citizen_key = ?${period} ORDER BY benefit_period_start, revision`,
        benefitPeriodStart === null ? [c.fundId, key] : [c.fundId, key, benefitPeriodStart],
      );
      const cache = new Map<string, DataKey | null>();
      const list: Outcome[] = [];
      for (const r of found) list.push(yield* outcomeOf(r, cache));
      yield* audit({
        ...who,
        action: 'outcome.history',
        outcome: list.length ? 'success' : 'not_found',
        citizenKey: key,
        detail: `revisions=${list.length}`,
      });
      return list;
    });
  }

  /**
   * Every benefit period with a known first day, in one fund or (null) every fund: its first screening
   * (by screening date, created time, insertion order) with the member input opened, and its current
   * outcome. One `screening.export` audit entry per fund, with the counts, in the same transaction.
   */
  async function exportScreenings(scope: { fundId: string | null; clientId: string }): Promise<ExportedPeriod[]> {
    const fund = scope.fundId === null ? '' : ' AND fund_id = ?';
    const params = scope.fundId === null ? [] : [scope.fundId];
    return d.transaction('write', function* () {
      const cache = new Map<string, DataKey | null>();
      const screenings = yield* rows(
        `SELECT * FROM screenings WHERE benefit_period_start IS NOT NULL AND fund_id <> ''${fund}
           ORDER BY fund_id, citizen_key, benefit_period_start, screening_date, created_at, seq`,
        params,
      );
      // In no order: the highest revision of each period is picked here, so no index has to give the
      // rows in period order (outcomes are indexed by citizen key first, see migration 12).
      const outcomes = yield* rows(`SELECT * FROM outcomes WHERE 1 = 1${fund}`, params);
      const period = (r: Row) =>
        `${String(r.fund_id)}\u0000${String(r.citizen_key)}\u0000${String(d.columns.date(r.benefit_period_start))}`;
      const currentRows = new Map<string, Row>();
      for (const r of outcomes) {
        const p = period(r);
        const seen = currentRows.get(p);
        if (seen === undefined || Number(r.revision) > Number(seen.revision)) currentRows.set(p, r);
      }
      const out: ExportedPeriod[] = [];
      const seen = new Set<string>();
      const perFund = new Map<string, { periods: number; known: number }>();
      for (const r of screenings) {
        const p = period(r);
        if (seen.has(p)) continue;
        seen.add(p);
        const o = currentRows.get(p);
        const entry = { screening: yield* deps.screeningOf(r, cache), outcome: o ? yield* outcomeOf(o, cache) : null };
        out.push(entry);
        const f = perFund.get(entry.screening.fundId) ?? { periods: 0, known: 0 };
        f.periods++;
        if (entry.outcome?.longTermState === 'known') f.known++;
        perFund.set(entry.screening.fundId, f);
      }
      const funds = scope.fundId === null ? [...perFund.keys()] : [scope.fundId];
      for (const f of funds) {
        const n = perFund.get(f) ?? { periods: 0, known: 0 };
        yield* audit({
          clientId: scope.clientId,
          fundId: f,
          action: 'screening.export',
          outcome: 'success',
          detail: `periods=${n.periods} known_outcomes=${n.known}`,
        });
      }
      return out;
    });
  }

  return { recordOutcomes, outcomeHistory, exportScreenings };
}

/**
 * The request fingerprint of an outcome, its weeks as the list they were until they were kept as text:
 * the fingerprints stored beside Idempotency-Keys before then still match a retry of the same record.
 */
function outcomeFingerprint(o: z.output<typeof newOutcomeSchema>): string {
  return requestFingerprint({ ...o, weeklyHours: o.weeklyHours === null ? null : weeksOfText(o.weeklyHours) });
}

/** The indexes of `records` ordered by citizen key and period start, equal ones in their order. */
function lockOrder(records: readonly { citizenKey: string; benefitPeriodStart: string }[]): number[] {
  // Built once, not in the comparator: a sort of 2,000 records compares about 22,000 times.
  const at = records.map((r) => `${r.citizenKey}\u0000${r.benefitPeriodStart}`);
  return records.map((_, i) => i).sort((a, b) => (at[a] < at[b] ? -1 : at[a] > at[b] ? 1 : a - b));
}

/** A refusal of record `i` of a batch, its field prefixed with the record's index. */
function prefixed(err: unknown, i: number): unknown {
  if (err instanceof StorageValidationError) {
    return new StorageValidationError(
      'outcome',
      err.issues.map((x) => ({ path: x.path ? `${i}.${x.path}` : String(i), message: x.message })),
    );
  }
  if (err instanceof PersonalDataError) return new PersonalDataError(`${i}.${err.field}`);
  return err;
}
