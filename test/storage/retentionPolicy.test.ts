import { describe, expect, it } from 'vitest';
import {
  auditMonthsFromYears,
  checkRetentionPolicy,
  legacyDayEndsAt,
  monthsBefore,
  retentionCutoffs,
} from '../../src/storage/retentionPolicy.js';

describe('monthsBefore', () => {
  it('moves back by calendar months, clamping to the month end as PostgreSQL intervals do, and keeps the time of day', () => {
    const back = (t: string, m: number) => monthsBefore(new Date(t), m).toISOString();
    // Reference values from PostgreSQL: SELECT timestamptz '2025-08-31 10:00Z' - interval '6 months' (time zone UTC).
    expect(back('2025-08-31T10:00:00.000Z', 6)).toBe('2025-02-28T10:00:00.000Z');
    expect(back('2024-08-31T10:00:00.000Z', 6)).toBe('2024-02-29T10:00:00.000Z');
    expect(back('2025-03-31T23:59:59.999Z', 1)).toBe('2025-02-28T23:59:59.999Z');
    expect(back('2025-01-15T00:00:00.000Z', 13)).toBe('2023-12-15T00:00:00.000Z');
    expect(back('2025-01-15T00:00:00.000Z', 0)).toBe('2025-01-15T00:00:00.000Z');
    expect(back('2030-12-31T12:00:00.000Z', 60)).toBe('2025-12-31T12:00:00.000Z');
  });
});

describe('legacyDayEndsAt', () => {
  it('is the instant the next Danish day begins, in winter, in summer and across both clock changes', () => {
    expect(legacyDayEndsAt('2025-01-10')).toBe('2025-01-10T23:00:00.000Z');
    expect(legacyDayEndsAt('2025-07-10')).toBe('2025-07-10T22:00:00.000Z');
    // Summer time begins on 30 March 2025, so 31 March begins at 00:00 CEST.
    expect(legacyDayEndsAt('2025-03-29')).toBe('2025-03-29T23:00:00.000Z');
    expect(legacyDayEndsAt('2025-03-30')).toBe('2025-03-30T22:00:00.000Z');
    // It ends on 26 October 2025: the 26th begins in summer time, the 27th in winter time.
    expect(legacyDayEndsAt('2025-10-25')).toBe('2025-10-25T22:00:00.000Z');
    expect(legacyDayEndsAt('2025-10-26')).toBe('2025-10-26T23:00:00.000Z');
  });
});

describe('auditMonthsFromYears', () => {
  it('takes whole months from half a year up, and refuses less than six months or a fraction of a month', () => {
    expect(auditMonthsFromYears(0.5)).toBe(6);
    expect(auditMonthsFromYears(1)).toBe(12);
    expect(auditMonthsFromYears(2.25)).toBe(27);
    expect(auditMonthsFromYears(5)).toBe(60);
    expect(() => auditMonthsFromYears(0.49)).toThrow(/at least 0.5 .*Art. 26\(6\)/);
    expect(() => auditMonthsFromYears(0)).toThrow(/at least 0.5/);
    expect(() => auditMonthsFromYears(0.6)).toThrow(/whole number of months/);
    expect(() => auditMonthsFromYears(Number.NaN)).toThrow(/number of years/);
  });
});

describe('retentionCutoffs', () => {
  it('gives the Danish day N months back for screenings and the later of the policy and 185 days for audit entries', () => {
    const c = retentionCutoffs({ screeningMonths: 6, auditMonths: 6 }, new Date('2026-01-10T12:00:00.000Z'));
    expect(c.screeningEndedBy).toBe('2025-07-10');
    // Six months back is 2025-07-10 12:00, 184 days; the applied floor of 185 days is earlier and wins.
    expect(c.auditBefore).toBe('2025-07-09T12:00:00.000Z');
    const y = retentionCutoffs({ screeningMonths: 0, auditMonths: 24 }, new Date('2026-01-10T12:00:00.000Z'));
    expect(y).toEqual({ screeningEndedBy: '2026-01-10', auditBefore: '2024-01-10T12:00:00.000Z' });
  });

  it('takes the day in Denmark: 23:30 UTC on 10 January is already the 11th there', () => {
    expect(retentionCutoffs({ screeningMonths: 1, auditMonths: null }, new Date('2026-01-10T23:30:00.000Z'))).toEqual({
      screeningEndedBy: '2025-12-11',
      auditBefore: null,
    });
  });

  it('keeps what the policy does not name', () => {
    expect(retentionCutoffs({ screeningMonths: null, auditMonths: null }, new Date())).toEqual({
      screeningEndedBy: null,
      auditBefore: null,
    });
  });

  it('refuses a policy below the floor or not in whole months, naming the field', () => {
    expect(() => checkRetentionPolicy({ screeningMonths: null, auditMonths: 5 })).toThrow(/auditMonths: .*from 6/);
    expect(() => checkRetentionPolicy({ screeningMonths: 1.5, auditMonths: null })).toThrow(/screeningMonths: /);
    expect(() => checkRetentionPolicy({ screeningMonths: -1, auditMonths: null })).toThrow(/screeningMonths: /);
  });
});
