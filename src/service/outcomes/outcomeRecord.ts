/**
 * One outcome as received (API body or CSV row) becomes the record storage keeps: a given 52-week
 * outcome as it is, weekly hours through outcomeFromHours (label's rule and censoring), no 52-week
 * outcome as `not_given`. Shared by the API and the `outcomes` command, so both store the same.
 */
import {
  HOURS_LABEL_CODE,
  latestWeekIndex,
  outcomeOfParsed,
  parseHours,
  type ParsedHours,
  type WeekHours,
} from '../../data/outcomeFromHours.js';
import { yearWeekOfWeekIndex } from '../../data/isoWeek.js';
import type { NewOutcome } from '../../storage/repository.js';
import type { FieldError } from '../problem.js';
import type { OutcomeBody } from '../schemas/outcome.js';

/** The record to store, or the bad hours fields (paths relative to the record: `weeklyHours.3.hours`). */
export type OutcomeRecordResult = { ok: true; outcome: NewOutcome } | { ok: false; errors: FieldError[] };

/** Builds the stored record of `body` for `citizenKey`; `defaultThroughWeek` stands in for a missing hoursThroughWeek. */
export function toNewOutcome(citizenKey: string, body: OutcomeBody, defaultThroughWeek?: string): OutcomeRecordResult {
  const parsed = body.weeklyHours === undefined ? null : parseHours(body.benefitPeriodStart, body.weeklyHours);
  return fromParsed(citizenKey, body, parsed, defaultThroughWeek);
}

/**
 * The stored records of a batch, as toNewOutcome with batchThroughWeek makes them (a record without
 * hoursThroughWeek is judged against the batch's last week sent, `through`). The last week is found
 * first from the week codes alone, then each record is parsed and built at once: a record's parsed
 * weeks are garbage before the next record is read, where keeping every record's until the last was
 * parsed made a batch of thousands spend most of its time in the garbage collector.
 */
export function toNewOutcomes(
  citizenKeys: readonly string[],
  bodies: readonly OutcomeBody[],
): { results: OutcomeRecordResult[]; through: string | undefined } {
  const through = batchThroughWeek(bodies);
  const results = new Array<OutcomeRecordResult>(bodies.length);
  for (let i = 0; i < bodies.length; i++) results[i] = toNewOutcome(citizenKeys[i], bodies[i], through);
  return { results, through };
}

function fromParsed(
  citizenKey: string,
  body: OutcomeBody,
  parsed: ParsedHours | null,
  defaultThroughWeek: string | undefined,
): OutcomeRecordResult {
  // Whole literals (keys in the order they always had), not spreads: a batch builds thousands.
  const statusWeek13 = body.statusWeek13 ?? null;
  const statusWeek26 = body.statusWeek26 ?? null;
  const correction = body.correction === true;
  const correctionReason = body.correction === true ? (body.correctionReason ?? null) : null;
  const { benefitPeriodStart } = body;
  if (parsed === null) {
    const known = body.longTerm !== undefined && body.longTerm !== null;
    return {
      ok: true,
      outcome: {
        citizenKey,
        benefitPeriodStart,
        statusWeek13,
        statusWeek26,
        correction,
        correctionReason,
        labelCode: null,
        benefitHours: null,
        weeksReported: null,
        weeklyHours: null,
        hoursThroughWeek: null,
        longTermState: known ? 'known' : 'not_given',
        longTerm: known ? body.longTerm! : null,
        longTermSource: known ? 'given' : null,
      },
    };
  }
  const r = outcomeOfParsed(parsed, body.hoursThroughWeek ?? defaultThroughWeek);
  if (!r.ok) {
    return {
      ok: false,
      errors: r.issues.map((i) => ({
        field: i.index === null ? i.field : `weeklyHours.${i.index}.${i.field}`,
        reason: i.reason,
      })),
    };
  }
  const o = r.outcome;
  return {
    ok: true,
    outcome: {
      citizenKey,
      benefitPeriodStart,
      statusWeek13,
      statusWeek26,
      correction,
      correctionReason,
      longTermState: o.state,
      longTerm: o.longTerm,
      longTermSource: 'hours',
      labelCode: HOURS_LABEL_CODE,
      benefitHours: o.windowHours,
      weeksReported: o.weeksReported,
      weeklyHours: o.weeks,
      hoursThroughWeek: o.throughWeek,
    },
  };
}

/** The default hoursThroughWeek of a batch: its last week sent, as `label` takes the hours file's last week. */
export function batchThroughWeek(bodies: Iterable<{ weeklyHours?: readonly WeekHours[] }>): string | undefined {
  let last: number | undefined;
  for (const b of bodies) if (b.weeklyHours) last = latestWeekIndex(b.weeklyHours, last);
  return last === undefined ? undefined : String(yearWeekOfWeekIndex(last));
}
