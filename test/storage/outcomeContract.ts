/**
 * The outcome part of the repository contract (issue 9.2), run on SQLite and PostgreSQL by
 * repositoryContract: revisions, replays, conflicts and corrections, all-or-nothing batches, sealing,
 * erasure, key moves, retention and the export for retraining.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { OutcomeConflictError, OutcomePeriodNotFoundError, PersonalDataError } from '../../src/storage/errors.js';
import { requestFingerprint } from '../../src/storage/fingerprint.js';
import type { NewOutcome, Repository } from '../../src/storage/repository.js';
import type { RepositoryHarness } from './repositoryContract.js';
import { CPRS, sampleScreening, toKey } from './repositoryContract.js';

const W = { fundId: '1', clientId: 'register-import' };
const R = { fundId: '1', clientId: 'fagsystem-a' };

/** A 52-week outcome as given by the fund (no hours), with follow-up statuses. */
function given(citizenKey: string, longTerm: boolean, overrides: Partial<NewOutcome> = {}): NewOutcome {
  return {
    citizenKey,
    benefitPeriodStart: '2024-01-08',
    statusWeek13: 'on_dagpenge',
    statusWeek26: 'on_sickness_benefit',
    longTermState: 'known',
    longTerm,
    longTermSource: 'given',
    labelCode: null,
    benefitHours: null,
    weeksReported: null,
    weeklyHours: null,
    hoursThroughWeek: null,
    ...overrides,
  };
}

/** A pending outcome from hours: 10 weeks of 37 hours sent, the extract through week 2024-11. */
function pendingFromHours(citizenKey: string): NewOutcome {
  const weeks = Array.from({ length: 10 }, (_, i) => `2024${String(i + 2).padStart(2, '0')}:37`).join(';');
  return given(citizenKey, false, {
    longTermState: 'pending',
    longTerm: null,
    longTermSource: 'hours',
    labelCode: 'dur-52w-80pct-1539.2h-v1',
    benefitHours: 370,
    weeksReported: 10,
    weeklyHours: weeks,
    hoursThroughWeek: '202411',
    statusWeek26: null,
  });
}

/** Registers the outcome tests inside the contract suite; `get` returns the current harness. */
export function outcomeContract(get: () => RepositoryHarness): void {
  describe('outcomes', () => {
    let h: RepositoryHarness;
    let repo: Repository;
    const key = toKey(CPRS[0]);
    beforeEach(async () => {
      h = get();
      repo = h.repo;
      await repo.createScreening(
        sampleScreening(key, { occasion: 'first_interview', benefitPeriodStart: '2024-01-08', screeningDate: '2024-01-10' }),
        R,
      );
    });

    it('stores a revision per change; the same record again is a replay and stores nothing', async () => {
      const [first] = await repo.recordOutcomes([{ outcome: given(key, true) }], W);
      expect(first.status).toBe('created');
      expect(first.outcome).toMatchObject({ revision: 1, longTermState: 'known', longTerm: true, statusWeek26: 'on_sickness_benefit' });
      const [again] = await repo.recordOutcomes([{ outcome: given(key, true) }], W);
      expect(again).toEqual({ status: 'unchanged', outcome: first.outcome });
      expect(await h.count('outcomes')).toBe(1);
      const history = await repo.outcomeHistory(key, '2024-01-08', R);
      expect(history).toEqual([first.outcome]);
      const audit = (await repo.listAudit({ fundId: '1', action: 'outcome.create' })).entries;
      expect(audit.map((e) => [e.outcome, e.citizenKey, e.detail])).toEqual([
        ['success', key, 'idempotent replay'],
        ['success', key, 'revision=1 state=known'],
      ]);
      expect((await repo.listAudit({ fundId: '1', action: 'outcome.history' })).entries).toHaveLength(1);
    });

    it('keeps the Idempotency-Key fingerprint of an outcome from hours as it was when the weeks were a list', async () => {
      // What the fingerprint hashed before the weeks were kept as text: the checked record, weeks as objects.
      const { correction: _c, ...o } = { ...pendingFromHours(key), correction: false };
      const weeks = Array.from({ length: 10 }, (_, i) => ({ week: `2024${String(i + 2).padStart(2, '0')}`, hours: '37' }));
      const before = requestFingerprint({ ...o, weeklyHours: weeks, correction: false, correctionReason: null });
      await repo.recordOutcomes([{ outcome: pendingFromHours(key) }], { ...W, idempotencyKey: 'outcome-1' });
      // (PostgreSQL's harness gives whole rows as text, SQLite's single values.)
      expect((await h.allStoredText()).some((text) => text.includes(before))).toBe(true);
      const [again] = await repo.recordOutcomes([{ outcome: pendingFromHours(key) }], { ...W, idempotencyKey: 'outcome-1' });
      expect(again.status).toBe('unchanged');
    });

    it('refuses a period the fund has not screened, in another fund too, storing nothing', async () => {
      await expect(repo.recordOutcomes([{ outcome: given(key, true, { benefitPeriodStart: '2024-01-09' }) }], W)).rejects.toBeInstanceOf(
        OutcomePeriodNotFoundError,
      );
      await expect(repo.recordOutcomes([{ outcome: given(key, true) }], { ...W, fundId: '2' })).rejects.toBeInstanceOf(
        OutcomePeriodNotFoundError,
      );
      await expect(repo.recordOutcomes([{ outcome: given(toKey(CPRS[1]), true) }], W)).rejects.toBeInstanceOf(OutcomePeriodNotFoundError);
      expect(await h.count('outcomes')).toBe(0);
      const refused = (await repo.listAudit({ fundId: '1', action: 'outcome.create', outcome: 'not_found' })).entries;
      expect(refused).toHaveLength(2);
    });

    it('a pending outcome becomes known in a new revision; changing a known one needs a correction, which keeps the history', async () => {
      const [p] = await repo.recordOutcomes([{ outcome: pendingFromHours(key) }], W);
      expect(p.outcome).toMatchObject({ revision: 1, longTermState: 'pending', longTerm: null, statusWeek26: null });
      // More weeks arrived: known now, and the 26-week status is added; not a conflict.
      const [k] = await repo.recordOutcomes([{ outcome: given(key, false) }], W);
      expect(k).toMatchObject({ status: 'updated', outcome: { revision: 2, longTermState: 'known', longTerm: false } });
      // A record with only a status keeps the 52-week outcome it does not mention.
      const statusOnly = given(key, false, { longTermState: 'not_given', longTerm: null, longTermSource: null, statusWeek13: null });
      const [same] = await repo.recordOutcomes([{ outcome: statusOnly }], W);
      expect(same.status).toBe('unchanged');
      await expect(repo.recordOutcomes([{ outcome: given(key, true) }], W)).rejects.toBeInstanceOf(OutcomeConflictError);
      await expect(repo.recordOutcomes([{ outcome: given(key, false, { statusWeek13: 'in_work' }) }], W)).rejects.toBeInstanceOf(
        OutcomeConflictError,
      );
      expect((await repo.listAudit({ fundId: '1', action: 'outcome.create', outcome: 'conflict' })).entries).toHaveLength(2);
      const [c] = await repo.recordOutcomes(
        [{ outcome: given(key, true, { correction: true, correctionReason: 'Registerudtræk rettet af STAR' }) }],
        W,
      );
      expect(c).toMatchObject({
        status: 'corrected',
        outcome: { revision: 3, longTerm: true, correctionReason: 'Registerudtræk rettet af STAR' },
      });
      const history = await repo.outcomeHistory(key, null, R);
      expect(history.map((o) => [o.revision, o.longTermState, o.longTerm])).toEqual([
        [1, 'pending', null],
        [2, 'known', false],
        [3, 'known', true],
      ]);
      expect(history[0].weeklyHours).toBe(
        '202402:37;202403:37;202404:37;202405:37;202406:37;202407:37;202408:37;202409:37;202410:37;202411:37',
      );
      expect((await repo.listAudit({ fundId: '1', action: 'outcome.correct' })).entries).toHaveLength(1);
      // A correction's free text is refused when it holds a CPR number.
      await expect(
        repo.recordOutcomes([{ outcome: given(key, false, { correction: true, correctionReason: `se ${CPRS[2]}` }) }], W),
      ).rejects.toBeInstanceOf(PersonalDataError);
    });

    it('a batch is all or nothing: one unknown period stores none of it; the refusal is audited with its index', async () => {
      const other = toKey(CPRS[1]);
      await repo.createScreening(
        sampleScreening(other, { occasion: 'other', benefitPeriodStart: '2024-01-08', screeningDate: '2024-02-01' }),
        R,
      );
      const err = await repo
        .recordOutcomes([{ outcome: given(key, true) }, { outcome: given(other, false) }, { outcome: given(toKey(CPRS[2]), true) }], W, {
          batch: true,
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OutcomePeriodNotFoundError);
      expect((err as OutcomePeriodNotFoundError).index).toBe(2);
      expect(await h.count('outcomes')).toBe(0);
      const refused = (await repo.listAudit({ fundId: '1', action: 'outcome.batch' })).entries;
      expect(refused.map((e) => [e.outcome, e.detail])).toEqual([['not_found', 'refused at record 2 of 3; nothing stored']]);
      const done = await repo.recordOutcomes([{ outcome: given(key, true) }, { outcome: given(other, false) }], W, { batch: true });
      expect(done.map((d) => d.status)).toEqual(['created', 'created']);
      expect((await repo.listAudit({ fundId: '1', action: 'outcome.batch', outcome: 'success' })).entries[0].detail).toBe(
        'records=2 created=2 updated=0 corrected=0 unchanged=0',
      );
    });

    it('a batch takes two records of one period in turn: the second adds to the first, a third equal to it is a replay', async () => {
      const first = given(key, true, { statusWeek26: null });
      const done = await repo.recordOutcomes([{ outcome: first }, { outcome: given(key, true) }, { outcome: given(key, true) }], W, {
        batch: true,
      });
      expect(done.map((d) => [d.status, d.outcome.revision, d.outcome.statusWeek26])).toEqual([
        ['created', 1, null],
        ['updated', 2, 'on_sickness_benefit'],
        ['unchanged', 2, 'on_sickness_benefit'],
      ]);
      expect(done[2].outcome).toEqual(done[1].outcome);
      expect(await h.count('outcomes')).toBe(2);
      expect((await repo.outcomeHistory(key, null, R)).map((o) => o.revision)).toEqual([1, 2]);
      // A later record of the period that changes what the batch made known is refused with its index.
      const err = await repo
        .recordOutcomes([{ outcome: given(key, true) }, { outcome: given(key, false) }], W, { batch: true })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OutcomeConflictError);
      expect((err as OutcomeConflictError).index).toBe(1);
    });

    it('a batch mixes new periods, replays, additions and corrections; each record is audited, then the batch', async () => {
      const [a, b, c] = [toKey(CPRS[1]), toKey(CPRS[2]), toKey(CPRS[3])];
      for (const k of [a, b, c]) {
        await repo.createScreening(
          sampleScreening(k, { occasion: 'first_interview', benefitPeriodStart: '2024-01-08', screeningDate: '2024-01-10' }),
          R,
        );
      }
      await repo.recordOutcomes([{ outcome: pendingFromHours(key) }, { outcome: given(a, true) }, { outcome: given(b, false) }], W, {
        batch: true,
      });
      const done = await repo.recordOutcomes(
        [
          { outcome: given(c, true) },
          { outcome: given(a, true) },
          { outcome: given(key, false) },
          { outcome: given(b, true, { correction: true, correctionReason: 'Registerudtræk rettet' }) },
        ],
        W,
        { batch: true },
      );
      expect(done.map((d) => [d.status, d.outcome.citizenKey, d.outcome.revision, d.outcome.longTerm])).toEqual([
        ['created', c, 1, true],
        ['unchanged', a, 1, true],
        ['updated', key, 2, false],
        ['corrected', b, 2, true],
      ]);
      expect(await h.count('outcomes')).toBe(6);
      const history = await repo.outcomeHistory(b, null, R);
      expect(history.map((o) => [o.revision, o.longTerm, o.correctionReason])).toEqual([
        [1, false, null],
        [2, true, 'Registerudtræk rettet'],
      ]);
      const entries = (await repo.listAudit({ fundId: '1', clientId: W.clientId })).entries;
      const batches = entries.filter((e) => e.action === 'outcome.batch');
      expect(batches.map((e) => e.detail)).toEqual([
        'records=4 created=1 updated=1 corrected=1 unchanged=1',
        'records=3 created=3 updated=0 corrected=0 unchanged=0',
      ]);
      // Newest first: the second batch's entry, then its records' entries in the batch's key order.
      const second = entries.slice(1, 5);
      expect(second.map((e) => [e.action, e.citizenKey, e.detail]).sort()).toEqual(
        [
          ['outcome.create', c, 'revision=1 state=known'],
          ['outcome.create', a, 'idempotent replay'],
          ['outcome.create', key, 'revision=2 state=known'],
          ['outcome.correct', b, 'revision=2 state=known'],
        ].sort(),
      );
      expect(second.map((e) => e.citizenKey)).toEqual([key, c, b, a].sort().reverse());
    });

    it('a batch larger than one statement’s chunk is stored whole, in order; a refusal at its last record stores nothing', async () => {
      const n = 600; // more than one chunk (512) of records, citizens and rows
      const cprs = Array.from(
        { length: n },
        (_, k) =>
          `${String(1 + (k % 28)).padStart(2, '0')}${String(1 + (Math.floor(k / 28) % 12)).padStart(2, '0')}80${String(1000 + Math.floor(k / 336)).padStart(4, '0')}`,
      );
      const keys = cprs.map((cpr) => toKey(cpr));
      for (const k of keys.slice(0, n - 1)) {
        await repo.createScreening(
          sampleScreening(k, { occasion: 'first_interview', benefitPeriodStart: '2024-01-08', screeningDate: '2024-01-10' }),
          R,
        );
      }
      // The last record's period is not screened: the whole batch is refused, naming it.
      const all = keys.map((k, i) => ({ outcome: given(k, i % 2 === 0) }));
      const err = await repo.recordOutcomes(all, W, { batch: true }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OutcomePeriodNotFoundError);
      expect((err as OutcomePeriodNotFoundError).index).toBe(n - 1);
      expect(await h.count('outcomes')).toBe(0);
      expect((await repo.listAudit({ fundId: '1', action: 'outcome.create' })).entries).toEqual([]);
      expect(await h.count('data_keys')).toBe(n); // the screenings' own (n - 1), and the beforeEach citizen's
      // Conflicting at the last record (a known outcome changed without correction) stores nothing either.
      const stored = await repo.recordOutcomes(all.slice(0, n - 1), W, { batch: true });
      expect(stored.map((r) => r.outcome.citizenKey)).toEqual(keys.slice(0, n - 1));
      expect(stored.every((r, i) => r.status === 'created' && r.outcome.longTerm === (i % 2 === 0))).toBe(true);
      expect(await h.count('outcomes')).toBe(n - 1);
      const again = all.slice(0, n - 1).map((item, i) => (i === n - 2 ? { outcome: given(keys[i], i % 2 !== 0) } : item));
      const conflict = await repo.recordOutcomes(again, W, { batch: true }).catch((e: unknown) => e);
      expect(conflict).toBeInstanceOf(OutcomeConflictError);
      expect((conflict as OutcomeConflictError).index).toBe(n - 2);
      expect(await h.count('outcomes')).toBe(n - 1);
      const replay = await repo.recordOutcomes(all.slice(0, n - 1), W, { batch: true });
      expect(replay.every((r, i) => r.status === 'unchanged' && r.outcome.id === stored[i].outcome.id)).toBe(true);
    }, 120_000);

    it('a batch record naming the previous CPR secret’s key moves that citizen’s rows first, audited', async () => {
      await repo.recordOutcomes([{ outcome: given(key, false, { statusWeek26: null }) }], W);
      const moved = toKey(CPRS[3]);
      const other = toKey(CPRS[1]);
      await repo.createScreening(
        sampleScreening(other, { occasion: 'first_interview', benefitPeriodStart: '2024-01-08', screeningDate: '2024-01-10' }),
        R,
      );
      const done = await repo.recordOutcomes(
        [{ outcome: given(other, true) }, { outcome: given(moved, false), previousCitizenKey: key }],
        W,
        { batch: true },
      );
      expect(done.map((d) => [d.status, d.outcome.citizenKey, d.outcome.revision])).toEqual([
        ['created', other, 1],
        ['updated', moved, 2],
      ]);
      expect(await repo.outcomeHistory(key, null, R)).toEqual([]);
      expect((await repo.outcomeHistory(moved, null, R)).map((o) => [o.revision, o.citizenKey])).toEqual([
        [1, moved],
        [2, moved],
      ]);
      const rekey = (await repo.listAudit({ fundId: '1', action: 'citizen.rekey' })).entries;
      expect(rekey.map((e) => e.citizenKey)).toEqual([moved]);
    });

    it('seals the statuses and hours; the 52-week state stays in clear; rows are immutable', async () => {
      await repo.recordOutcomes([{ outcome: pendingFromHours(key) }], W);
      await repo.recordOutcomes([{ outcome: given(key, true, { statusWeek13: 'on_dagpenge', statusWeek26: 'on_sickness_benefit' }) }], W);
      const text = (await h.allStoredText()).join('\n');
      expect(text).not.toContain('on_sickness_benefit');
      expect(text).not.toContain('202405');
      expect(text).toContain('dur-52w-80pct-1539.2h-v1');
      await expect(h.exec("UPDATE outcomes SET long_term_state = 'pending', long_term = NULL")).rejects.toThrow(/immutable|not allowed/);
    });

    it('erasure removes the outcomes with the screenings; another fund keeps its own', async () => {
      await repo.createScreening(
        sampleScreening(key, { occasion: 'other', benefitPeriodStart: '2024-01-08', screeningDate: '2024-01-10' }),
        {
          ...R,
          fundId: '2',
        },
      );
      await repo.recordOutcomes([{ outcome: given(key, true) }], W);
      await repo.recordOutcomes([{ outcome: given(key, false) }], { ...W, fundId: '2' });
      await repo.eraseCitizen(key, { fundId: '1', clientId: 'admin' });
      expect(await repo.outcomeHistory(key, null, R)).toEqual([]);
      expect((await repo.outcomeHistory(key, null, { ...R, fundId: '2' })).map((o) => o.longTerm)).toEqual([false]);
      const erase = (await repo.listAudit({ fundId: '1', action: 'citizen.erase' })).entries[0];
      expect(erase.detail).toBe('screenings=1 assessments=0 outcomes=1 data_keys=1');
    });

    it('moves outcomes to the citizen key under a new CPR secret, with the screenings', async () => {
      await repo.recordOutcomes([{ outcome: given(key, true) }], W);
      // The same citizen's key under a new secret (any other valid key stands for it here).
      const moved = toKey(CPRS[3]);
      const r = await repo.keys.moveCitizenKey({ current: moved, previous: key }, { clientId: 'ops' });
      expect(r.moved).toBe(3); // screening, data key, outcome
      expect(await repo.outcomeHistory(key, null, R)).toEqual([]);
      const after = await repo.outcomeHistory(moved, null, R);
      expect(after.map((o) => [o.citizenKey, o.longTerm])).toEqual([[moved, true]]);
    });

    it('retention deletes a period’s outcomes with its screenings', async () => {
      await repo.recordOutcomes([{ outcome: given(key, true) }], W);
      const r = await repo.applyRetention({ screeningMonths: 1, auditMonths: null }, { batchSize: 1 });
      expect(r).toMatchObject({ screenings: 1, outcomes: 1 });
      expect(await h.count('outcomes')).toBe(0);
    });

    it('exports each period’s first screening with its current outcome, audited per fund', async () => {
      await repo.createScreening(
        sampleScreening(key, { occasion: 'week_13', benefitPeriodStart: '2024-01-08', screeningDate: '2024-04-01', probability: 0.9 }),
        R,
      );
      const other = toKey(CPRS[1]);
      await repo.createScreening(
        sampleScreening(other, { occasion: 'other', benefitPeriodStart: '2024-03-04', screeningDate: '2024-03-05' }),
        R,
      );
      await repo.recordOutcomes([{ outcome: pendingFromHours(key) }], W);
      await repo.recordOutcomes([{ outcome: given(key, true) }], W);
      const rows = await repo.exportScreenings({ fundId: '1', clientId: 'cli' });
      expect(rows).toHaveLength(2);
      const mine = rows.find((r) => r.screening.citizenKey === key)!;
      expect(mine.screening.screeningDate).toBe('2024-01-10');
      expect(mine.screening.input).toEqual(sampleScreening(key).input);
      expect(mine.outcome).toMatchObject({ revision: 2, longTerm: true });
      expect(rows.find((r) => r.screening.citizenKey === other)!.outcome).toBeNull();
      expect(await repo.exportScreenings({ fundId: '2', clientId: 'cli' })).toEqual([]);
      const audit = (await repo.listAudit({ fundId: '1', action: 'screening.export' })).entries;
      expect(audit.map((e) => e.detail)).toEqual(['periods=2 known_outcomes=1']);
    });
  });
}
