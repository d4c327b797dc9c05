/**
 * The behaviour every Repository implementation must show. Each implementation's test file calls
 * {@link repositoryContract} with a factory that opens a fresh, empty repository.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCitizenKeyer } from '../../src/privacy/citizenKey.js';
import { containsCpr } from '../../src/privacy/cprInText.js';
import {
  ErasedRequestError,
  IdempotencyConflictError,
  PersonalDataError,
  ScreeningNotFoundError,
  StorageValidationError,
} from '../../src/storage/errors.js';
import { ModelNotPublishedError, ModelVersionConflictError } from '../../src/storage/modelStore.js';
import type { NewScreening, Repository } from '../../src/storage/repository.js';
import { outcomeContract } from './outcomeContract.js';

/** A fresh repository with raw access for checks the interface deliberately does not offer. */
export interface RepositoryHarness {
  repo: Repository;
  /** Every value stored in any column of any table, as text. */
  allStoredText(): Promise<string[]>;
  /** Number of rows in a table. */
  count(table: string): Promise<number>;
  /** Runs raw SQL (to try what the interface forbids, or to break the schema on purpose). */
  exec(sql: string): Promise<void>;
  /** Closes the repository and removes what the harness created. */
  dispose(): Promise<void>;
}

/** Opens a fresh, empty repository using the given clock. */
export type HarnessFactory = (options: { now: () => Date }) => Promise<RepositoryHarness>;

/** A clock the tests move by hand; `now()` returns a copy so callers cannot move it. */
export function testClock(start = '2025-03-03T08:00:00.000Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (iso: string) => {
      t = new Date(iso).getTime();
    },
    advance: (ms: number) => {
      t += ms;
    },
  };
}

/** Test CPR numbers: real dates, one failing modulus 11; the secret is a test value. */
export const CPRS = ['0707614285', '0707614286', '2902964321', '1203855678', '0101204000'] as const;
export const toKey = createCitizenKeyer('a3'.repeat(32));

/** A plausible screening for `citizenKey`, with member characteristics and Q2/Q10 answers. */
export function sampleScreening(citizenKey: string, overrides: Partial<NewScreening> = {}): NewScreening {
  return {
    citizenKey,
    modelVersion: 'sim-2025.03.1',
    input: {
      age: 57,
      gender: 'kvinde',
      education: 'grundskole',
      fromSicknessBenefit: true,
      priorDagpengeHours: 412.5,
      municipality: '101',
      disco: '9112',
      q2: 'more_than_6_months',
      q10: { hasBarriers: true, barriers: ['physical_health', 'it_skills'] },
    },
    probability: 0.4138127032980719,
    linearPredictor: -0.3483396125691771,
    targetGroup: 2,
    subgroup: '2b',
    jobCentreReferral: true,
    factors: [
      { term: 'age:55+', label: '55 år eller ældre', contribution: 0.61 },
      { term: 'q10:physical_health', label: 'Fysiske helbredsproblemer', contribution: 0.44 },
    ],
    activities: [{ code: 'fokussamtaler', label: 'To personlige fokussamtaler' }],
    caseworkerId: 'sagsbehandler-17',
    ...overrides,
  };
}

/**
 * A screening row as a database at migration 1 held it (no `details` column), by column name, with
 * JSON as text; each dialect's migration test inserts it with raw SQL before migrating.
 */
export function versionOneScreeningRow(citizenKey: string) {
  const s = sampleScreening(citizenKey);
  return {
    id: '22222222-2222-4222-8222-222222222222',
    citizen_key: citizenKey,
    created_at: '2025-01-02T09:30:00.000Z',
    model_version: s.modelVersion,
    input: JSON.stringify(s.input),
    probability: s.probability,
    linear_predictor: s.linearPredictor,
    target_group: s.targetGroup,
    subgroup: s.subgroup ?? null,
    job_centre_referral: s.jobCentreReferral,
    factors: JSON.stringify(s.factors),
    activities: JSON.stringify(s.activities),
    caseworker_id: s.caseworkerId ?? null,
    client_id: 'fagsystem-a',
  };
}

/** Registers the contract suite for one implementation. */
export function repositoryContract(name: string, factory: HarnessFactory): void {
  describe(`Repository contract: ${name}`, () => {
    let h: RepositoryHarness;
    let repo: Repository;
    const clock = testClock();
    const reader = { fundId: '1', clientId: 'fagsystem-a' };

    beforeEach(async () => {
      clock.set('2025-03-03T08:00:00.000Z');
      h = await factory({ now: clock.now });
      repo = h.repo;
    });
    afterEach(async () => {
      await h.dispose();
    });

    it('answers ping', async () => {
      await expect(repo.ping()).resolves.toBeUndefined();
    });

    it('stores a screening and returns it unchanged as the latest, with the creating client', async () => {
      const key = toKey(CPRS[0]);
      const input = sampleScreening(key);
      const { screening, replayed } = await repo.createScreening(input, { fundId: '1', clientId: 'fagsystem-a', requestId: 'req-1' });
      expect(replayed).toBe(false);
      expect(screening.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(screening.createdAt).toBe('2025-03-03T08:00:00.000Z');
      expect(screening.clientId).toBe('fagsystem-a');

      const latest = await repo.latestScreening(key, reader);
      expect(latest).toEqual({ screening, assessments: [], currentAssessment: null });
      const { citizenKey, ...rest } = input;
      expect(latest!.screening).toMatchObject({ citizenKey, ...rest });
      // Floating-point results come back bit for bit: a past result can be reproduced exactly.
      expect(latest!.screening.probability).toBe(0.4138127032980719);
      expect(latest!.screening.linearPredictor).toBe(-0.3483396125691771);
    });

    it('defaults optional fields and stores group 1 without subgroup', async () => {
      const key = toKey(CPRS[1]);
      const { screening } = await repo.createScreening(
        { ...sampleScreening(key), targetGroup: 1, subgroup: undefined, caseworkerId: undefined, jobCentreReferral: false, probability: 0 },
        { fundId: '1', clientId: 'c' },
      );
      expect(screening).toMatchObject({ targetGroup: 1, subgroup: null, caseworkerId: null, jobCentreReferral: false, probability: 0 });
      expect((await repo.getScreening(screening.id, reader))!.screening).toEqual(screening);
    });

    it('stores details as given and reads them back unchanged', async () => {
      const key = toKey(CPRS[0]);
      const details = {
        simulatedData: true,
        policyVersion: 'politik-2025.1',
        cutoff: 0.3512345678901234,
        referralReasons: [{ rule: 'misbrug', reason: 'Oplyst misbrug' }],
        nested: { empty: {}, list: [], none: null, text: 'æøå "citat"' },
      };
      const { screening } = await repo.createScreening(sampleScreening(key, { details }), { fundId: '1', clientId: 'c' });
      expect(screening.details).toEqual(details);
      expect((await repo.getScreening(screening.id, reader))!.screening).toEqual(screening);
      expect((await repo.latestScreening(key, reader))!.screening.details).toEqual(details);
      expect((await repo.listScreenings(key, reader))[0].screening.details).toEqual(details);
      expect((await repo.getScreening(screening.id, reader))!.screening.details.cutoff).toBe(0.3512345678901234);
    });

    it('defaults details to an empty object', async () => {
      const { screening } = await repo.createScreening(sampleScreening(toKey(CPRS[0])), { fundId: '1', clientId: 'c' });
      expect(screening.details).toEqual({});
      expect((await repo.getScreening(screening.id, reader))!.screening.details).toEqual({});
    });

    it('returns null for a citizen without screenings', async () => {
      expect(await repo.latestScreening(toKey(CPRS[2]), reader)).toBeNull();
      expect(await repo.screeningExists(toKey(CPRS[2]), reader)).toEqual({ exists: false });
      expect(await repo.listScreenings(toKey(CPRS[2]), reader)).toEqual([]);
    });

    it('orders by created time, then by insertion for the same millisecond', async () => {
      const key = toKey(CPRS[0]);
      const first = (await repo.createScreening(sampleScreening(key, { probability: 0.1 }), { fundId: '1', clientId: 'c' })).screening;
      const second = (await repo.createScreening(sampleScreening(key, { probability: 0.2 }), { fundId: '1', clientId: 'c' })).screening;
      expect(first.createdAt).toBe(second.createdAt);
      expect((await repo.latestScreening(key, reader))!.screening.id).toBe(second.id);

      clock.advance(1000);
      const third = (await repo.createScreening(sampleScreening(key, { probability: 0.3 }), { fundId: '1', clientId: 'c' })).screening;
      // A clock stepped back (another instance, NTP): created time decides, not insertion.
      clock.advance(-60_000);
      const fourth = (await repo.createScreening(sampleScreening(key, { probability: 0.4 }), { fundId: '1', clientId: 'c' })).screening;
      expect((await repo.latestScreening(key, reader))!.screening.id).toBe(third.id);

      const history = await repo.listScreenings(key, reader);
      expect(history.map((x) => x.screening.id)).toEqual([third.id, second.id, first.id, fourth.id]);
      expect(await repo.screeningExists(key, reader)).toEqual({ exists: true, screeningId: third.id, createdAt: third.createdAt });
    });

    it('keeps citizens apart', async () => {
      const a = (await repo.createScreening(sampleScreening(toKey(CPRS[0])), { fundId: '1', clientId: 'c' })).screening;
      const b = (await repo.createScreening(sampleScreening(toKey(CPRS[1])), { fundId: '1', clientId: 'c' })).screening;
      expect((await repo.latestScreening(toKey(CPRS[0]), reader))!.screening.id).toBe(a.id);
      expect((await repo.latestScreening(toKey(CPRS[1]), reader))!.screening.id).toBe(b.id);
    });

    it('gets a screening by id; unknown and malformed ids give null', async () => {
      const s = (await repo.createScreening(sampleScreening(toKey(CPRS[0])), { fundId: '1', clientId: 'c' })).screening;
      expect((await repo.getScreening(s.id, reader))!.screening).toEqual(s);
      expect((await repo.getScreening(s.id.toUpperCase(), reader))!.screening.id).toBe(s.id);
      expect(await repo.getScreening('00000000-0000-4000-8000-000000000000', reader)).toBeNull();
      expect(await repo.getScreening('not-a-uuid', reader)).toBeNull();
      expect(await repo.getScreening("'; DROP TABLE screenings; --", reader)).toBeNull();
      expect(await h.count('screenings')).toBe(1);
    });

    it('appends corrections; the latest is current; the statistical result is untouched', async () => {
      const key = toKey(CPRS[0]);
      const s = (await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'fagsystem-a' })).screening;
      const a1 = (
        await repo.addAssessment(
          {
            screeningId: s.id,
            correctedTargetGroup: 2,
            correctedSubgroup: '2a',
            reason: 'enig_i_vurderingen',
            comment: 'Mål inden for eget fagområde',
            caseworkerId: 'sb-1',
          },
          { fundId: '1', clientId: 'fagsystem-b' },
        )
      ).assessment;
      const a2 = (
        await repo.addAssessment(
          { screeningId: s.id, correctedTargetGroup: 1, comment: null, caseworkerId: 'sb-2' },
          { fundId: '1', clientId: 'fagsystem-b' },
        )
      ).assessment;
      expect(a1.createdAt).toBe(a2.createdAt); // same millisecond: insertion order decides
      expect(a1).toMatchObject({
        screeningId: s.id,
        correctedTargetGroup: 2,
        correctedSubgroup: '2a',
        reason: 'enig_i_vurderingen',
        caseworkerId: 'sb-1',
        clientId: 'fagsystem-b',
      });
      // Without a reason (as every assessment stored before migration 7) it reads back as null.
      expect(a2).toMatchObject({ correctedSubgroup: null, reason: null, comment: null });

      const latest = await repo.latestScreening(key, reader);
      expect(latest!.assessments).toEqual([a1, a2]);
      expect(latest!.currentAssessment).toEqual(a2);
      expect(latest!.screening).toEqual(s);
      expect((await repo.getScreening(s.id, reader))!.currentAssessment).toEqual(a2);
      expect((await repo.listScreenings(key, reader))[0].assessments).toEqual([a1, a2]);
    });

    it('refuses a correction of a screening that does not exist, storing nothing but the audit entry', async () => {
      const missing = '11111111-1111-4111-8111-111111111111';
      await expect(
        repo.addAssessment({ screeningId: missing, correctedTargetGroup: 2, caseworkerId: 'sb' }, { fundId: '1', clientId: 'c' }),
      ).rejects.toBeInstanceOf(ScreeningNotFoundError);
      expect(await h.count('assessments')).toBe(0);
      const audit = await repo.listAudit({ fundId: '1', action: 'assessment.create' });
      expect(audit.entries).toHaveLength(1);
      expect(audit.entries[0]).toMatchObject({ outcome: 'not_found', screeningId: missing, citizenKey: null });
    });

    it('validates writes at the boundary', async () => {
      const key = toKey(CPRS[0]);
      const bad: [Partial<NewScreening>, RegExp][] = [
        [{ probability: 1.5 }, /probability/],
        [{ probability: Number.NaN }, /probability/],
        [{ linearPredictor: Number.POSITIVE_INFINITY }, /linearPredictor/],
        [{ targetGroup: 3 as 1 }, /targetGroup/],
        [{ targetGroup: 1, subgroup: '2a' }, /subgroup/],
        [{ modelVersion: '' }, /modelVersion/],
        [{ factors: 'x' as unknown as [] }, /factors/],
        [{ details: [] as unknown as Record<string, never> }, /details/],
        [{ details: 'x' as unknown as Record<string, never> }, /details/],
        [{ details: null as unknown as Record<string, never> }, /details/],
      ];
      for (const [override, message] of bad) {
        await expect(repo.createScreening(sampleScreening(key, override), { fundId: '1', clientId: 'c' })).rejects.toThrow(message);
      }
      await expect(repo.createScreening(sampleScreening(key), { fundId: '1', clientId: '' })).rejects.toBeInstanceOf(
        StorageValidationError,
      );
      await expect(
        repo.createScreening({ ...sampleScreening(key), cpr: CPRS[0] } as NewScreening, { fundId: '1', clientId: 'c' }),
      ).rejects.toBeInstanceOf(StorageValidationError);
      const s = (await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'c' })).screening;
      await expect(
        repo.addAssessment(
          { screeningId: s.id, correctedTargetGroup: 1, correctedSubgroup: '2b', caseworkerId: 'sb' },
          { fundId: '1', clientId: 'c' },
        ),
      ).rejects.toThrow(/correctedSubgroup/);
      await expect(
        repo.addAssessment(
          { screeningId: s.id, correctedTargetGroup: 1, reason: 'bogus' as 'andet', caseworkerId: 'sb' },
          { fundId: '1', clientId: 'c' },
        ),
      ).rejects.toThrow(/reason/);
      expect(await h.count('screenings')).toBe(1);
      expect(await h.count('assessments')).toBe(0);
    });

    it('refuses a CPR number where a citizen key belongs, without repeating it', async () => {
      for (const call of [
        () => repo.createScreening(sampleScreening(CPRS[0]), { fundId: '1', clientId: 'c' }),
        () => repo.latestScreening(CPRS[0], reader),
        () => repo.screeningExists('070761-4285', reader),
        () => repo.listScreenings(CPRS[0], reader),
        () => repo.eraseCitizen(CPRS[0], { fundId: '1', clientId: 'c' }),
      ]) {
        const err = await call().then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(StorageValidationError);
        expect(String(err)).not.toContain('0707614285');
        expect(String(err)).not.toContain('070761');
      }
      expect(await h.count('screenings')).toBe(0);
      expect(await h.count('audit_log')).toBe(0);
    });

    it('refuses CPR numbers in clear inside stored text', async () => {
      const key = toKey(CPRS[0]);
      await expect(
        repo.createScreening(sampleScreening(key, { input: { ...sampleScreening(key).input, note: 'cpr 070761-4285' } }), {
          fundId: '1',
          clientId: 'c',
        }),
      ).rejects.toBeInstanceOf(PersonalDataError);
      await expect(
        repo.createScreening(sampleScreening(key, { caseworkerId: '0707614285' }), { fundId: '1', clientId: 'c' }),
      ).rejects.toBeInstanceOf(PersonalDataError);
      const cprDetails: NonNullable<NewScreening['details']>[] = [
        { note: 'cpr 070761-4285' },
        { reasons: [{ rule: 'x', reason: 'Borger 0707614285' }] },
      ];
      for (const details of cprDetails) {
        const err = await repo.createScreening(sampleScreening(key, { details }), { fundId: '1', clientId: 'c' }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(PersonalDataError);
        expect(String(err)).toMatch(/details/);
        expect(String(err)).not.toContain('070761');
      }
      const s = (await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'c' })).screening;
      await expect(
        repo.addAssessment(
          { screeningId: s.id, correctedTargetGroup: 2, comment: 'Ring til 0707614285', caseworkerId: 'sb' },
          { fundId: '1', clientId: 'c' },
        ),
      ).rejects.toBeInstanceOf(PersonalDataError);
      await expect(
        repo.appendAudit({ fundId: '1', clientId: 'c', action: 'model.read', outcome: 'success', detail: 'looked up 070761-4285' }),
      ).rejects.toBeInstanceOf(PersonalDataError);
      expect(await h.count('screenings')).toBe(1);
      expect(await h.count('assessments')).toBe(0);
    });

    it('never stores a CPR number in clear in any column of any table', async () => {
      const keys = CPRS.map((c) => toKey(c));
      for (const key of keys) {
        const s = (
          await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'fagsystem-a', idempotencyKey: 'k-' + key.slice(0, 8) })
        ).screening;
        await repo.addAssessment(
          { screeningId: s.id, correctedTargetGroup: 2, comment: 'Drøftet ved CV-samtalen', caseworkerId: 'sb' },
          { fundId: '1', clientId: 'c' },
        );
        await repo.latestScreening(key, { fundId: '1', clientId: 'c', action: 'screening.read_pdf' });
        await repo.screeningExists(key, reader);
      }
      await repo.eraseCitizen(keys[0], { fundId: '1', clientId: 'admin' });
      const text = (await h.allStoredText()).join('\n');
      expect(text.length).toBeGreaterThan(1000);
      for (const cpr of CPRS) {
        expect(text).not.toContain(cpr);
        expect(text).not.toContain(`${cpr.slice(0, 6)}-${cpr.slice(6)}`);
      }
      // The keyed hashes are there instead.
      expect(text).toContain(keys[1]);
    });

    it('is atomic: a screening whose audit entry cannot be written is not stored', async () => {
      await h.exec('ALTER TABLE audit_log RENAME TO audit_log_gone');
      await expect(repo.createScreening(sampleScreening(toKey(CPRS[0])), { fundId: '1', clientId: 'c' })).rejects.toThrow();
      expect(await h.count('screenings')).toBe(0);
    });

    it('is atomic: a correction whose audit entry cannot be written is not stored', async () => {
      const s = (await repo.createScreening(sampleScreening(toKey(CPRS[0])), { fundId: '1', clientId: 'c' })).screening;
      await h.exec('ALTER TABLE audit_log RENAME TO audit_log_gone');
      await expect(
        repo.addAssessment({ screeningId: s.id, correctedTargetGroup: 1, caseworkerId: 'sb' }, { fundId: '1', clientId: 'c' }),
      ).rejects.toThrow();
      expect(await h.count('assessments')).toBe(0);
    });

    it('is atomic: an erasure whose audit entry cannot be written erases nothing', async () => {
      const key = toKey(CPRS[0]);
      const s = (await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'c' })).screening;
      await repo.addAssessment({ screeningId: s.id, correctedTargetGroup: 1, caseworkerId: 'sb' }, { fundId: '1', clientId: 'c' });
      await h.exec('ALTER TABLE audit_log RENAME TO audit_log_gone');
      await expect(repo.eraseCitizen(key, { fundId: '1', clientId: 'admin' })).rejects.toThrow();
      expect(await h.count('screenings')).toBe(1);
      expect(await h.count('assessments')).toBe(1);
    });

    it('does not return data whose access could not be logged', async () => {
      const key = toKey(CPRS[0]);
      await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'c' });
      await h.exec('ALTER TABLE audit_log RENAME TO audit_log_gone');
      await expect(repo.latestScreening(key, reader)).rejects.toThrow();
      await expect(repo.screeningExists(key, reader)).rejects.toThrow();
      await expect(repo.listScreenings(key, reader)).rejects.toThrow();
    });

    it('refuses to change stored results, corrections and audit entries, even by raw SQL', async () => {
      const key = toKey(CPRS[0]);
      const s = (await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'c' })).screening;
      await repo.addAssessment({ screeningId: s.id, correctedTargetGroup: 1, caseworkerId: 'sb' }, { fundId: '1', clientId: 'c' });
      await expect(h.exec('UPDATE screenings SET probability = 0.01')).rejects.toThrow(/immutable/);
      await expect(h.exec('UPDATE assessments SET corrected_target_group = 2')).rejects.toThrow(/immutable|append-only/);
      await expect(h.exec("UPDATE audit_log SET client_id = 'someone-else'")).rejects.toThrow(/append-only|immutable/);
      await expect(h.exec('DELETE FROM audit_log')).rejects.toThrow(/append-only|immutable/);
      expect((await repo.latestScreening(key, reader))!.screening.probability).toBe(s.probability);
    });

    describe('idempotency', () => {
      it('returns the first screening for a retry with the same key and request', async () => {
        const key = toKey(CPRS[0]);
        const first = await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'a', idempotencyKey: 'retry-1' });
        clock.advance(5000);
        // A retry after a new model version was published is still the same request.
        const again = await repo.createScreening(sampleScreening(key, { modelVersion: 'sim-2025.04.1', probability: 0.5 }), {
          fundId: '1',
          clientId: 'a',
          idempotencyKey: 'retry-1',
        });
        expect(first.replayed).toBe(false);
        expect(again.replayed).toBe(true);
        expect(again.screening).toEqual(first.screening);
        expect(await h.count('screenings')).toBe(1);
        const audit = await repo.listAudit({ fundId: '1', action: 'screening.create' });
        expect(audit.entries.map((e) => [e.outcome, e.screeningId, e.detail])).toEqual([
          ['success', first.screening.id, 'idempotent replay'],
          ['success', first.screening.id, null],
        ]);
      });

      it('replays a retry whose details differ: they are the outcome, not the request', async () => {
        const key = toKey(CPRS[0]);
        const first = await repo.createScreening(sampleScreening(key, { details: { policyVersion: 'p1' } }), {
          fundId: '1',
          clientId: 'a',
          idempotencyKey: 'k',
        });
        const again = await repo.createScreening(sampleScreening(key, { details: { policyVersion: 'p2' } }), {
          fundId: '1',
          clientId: 'a',
          idempotencyKey: 'k',
        });
        expect(again).toEqual({ screening: first.screening, replayed: true });
        expect(again.screening.details).toEqual({ policyVersion: 'p1' });
      });

      it('treats the key as per client, and requests without a key as distinct', async () => {
        const key = toKey(CPRS[0]);
        const a = await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'a', idempotencyKey: 'k' });
        const b = await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'b', idempotencyKey: 'k' });
        expect(b.replayed).toBe(false);
        expect(b.screening.id).not.toBe(a.screening.id);
        await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'a' });
        await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'a', idempotencyKey: null });
        expect(await h.count('screenings')).toBe(4);
      });

      it('refuses a key reused for a different request', async () => {
        await repo.createScreening(sampleScreening(toKey(CPRS[0])), { fundId: '1', clientId: 'a', idempotencyKey: 'k' });
        await expect(
          repo.createScreening(sampleScreening(toKey(CPRS[1])), { fundId: '1', clientId: 'a', idempotencyKey: 'k' }),
        ).rejects.toBeInstanceOf(IdempotencyConflictError);
        await expect(
          repo.createScreening(sampleScreening(toKey(CPRS[0]), { input: { age: 30 } }), {
            fundId: '1',
            clientId: 'a',
            idempotencyKey: 'k',
          }),
        ).rejects.toBeInstanceOf(IdempotencyConflictError);
        expect(await h.count('screenings')).toBe(1);
        expect((await repo.listAudit({ fundId: '1', outcome: 'conflict' })).entries).toHaveLength(2);
      });

      it('recognises the same input whatever its key order', async () => {
        const key = toKey(CPRS[0]);
        const s = sampleScreening(key);
        const reordered = Object.fromEntries(Object.entries(s.input).reverse());
        const first = await repo.createScreening(s, { fundId: '1', clientId: 'a', idempotencyKey: 'k' });
        const again = await repo.createScreening({ ...s, input: reordered }, { fundId: '1', clientId: 'a', idempotencyKey: 'k' });
        expect(again).toEqual({ screening: first.screening, replayed: true });
      });

      it('looks up a create by its key from the request alone, before anything is scored', async () => {
        const key = toKey(CPRS[0]);
        const s = sampleScreening(key);
        const request = { citizenKey: key, input: s.input, caseworkerId: s.caseworkerId };
        expect(await repo.replayScreening(request, { fundId: '1', clientId: 'a', idempotencyKey: 'k' })).toBeNull();
        expect(await repo.replayScreening(request, { fundId: '1', clientId: 'a' })).toBeNull();
        expect(await h.count('audit_log')).toBe(0);

        const first = await repo.createScreening(s, { fundId: '1', clientId: 'a', idempotencyKey: 'k' });
        const correction = await repo.addAssessment(
          { screeningId: first.screening.id, correctedTargetGroup: 1, caseworkerId: 'sb' },
          { fundId: '1', clientId: 'b' },
        );
        const reordered = { ...request, input: Object.fromEntries(Object.entries(s.input).reverse()) };
        const replayed = await repo.replayScreening(reordered, { fundId: '1', clientId: 'a', idempotencyKey: 'k', requestId: 'req-2' });
        expect(replayed).toEqual({
          screening: first.screening,
          assessments: [correction.assessment],
          currentAssessment: correction.assessment,
        });
        // Another client's key space, and a request without a key, find nothing.
        expect(await repo.replayScreening(request, { fundId: '1', clientId: 'b', idempotencyKey: 'k' })).toBeNull();
        await expect(
          repo.replayScreening({ ...request, caseworkerId: 'someone-else' }, { fundId: '1', clientId: 'a', idempotencyKey: 'k' }),
        ).rejects.toBeInstanceOf(IdempotencyConflictError);
        const audit = await repo.listAudit({ fundId: '1', action: 'screening.create' });
        expect(audit.entries.map((e) => [e.outcome, e.screeningId, e.requestId, e.detail])).toEqual([
          ['conflict', null, null, 'idempotency key reused for a different request'],
          ['success', first.screening.id, 'req-2', 'idempotent replay'],
          ['success', first.screening.id, null, null],
        ]);
        expect(await h.count('screenings')).toBe(1);
        await expect(
          repo.replayScreening({ ...request, citizenKey: CPRS[0] }, { fundId: '1', clientId: 'a', idempotencyKey: 'k' }),
        ).rejects.toBeInstanceOf(StorageValidationError);
      });

      it('replays corrections the same way', async () => {
        const s = (await repo.createScreening(sampleScreening(toKey(CPRS[0])), { fundId: '1', clientId: 'a' })).screening;
        const req = {
          screeningId: s.id,
          correctedTargetGroup: 2 as const,
          correctedSubgroup: '2b' as const,
          comment: 'Brancheskift',
          caseworkerId: 'sb',
        };
        const first = await repo.addAssessment(req, { fundId: '1', clientId: 'b', idempotencyKey: 'as-1' });
        const again = await repo.addAssessment(req, { fundId: '1', clientId: 'b', idempotencyKey: 'as-1' });
        expect(again).toEqual({ assessment: first.assessment, replayed: true });
        await expect(
          repo.addAssessment({ ...req, comment: 'Andet' }, { fundId: '1', clientId: 'b', idempotencyKey: 'as-1' }),
        ).rejects.toBeInstanceOf(IdempotencyConflictError);
        expect(await h.count('assessments')).toBe(1);
      });
    });

    describe('erasure', () => {
      it('removes every screening and correction of the citizen and nothing of another', async () => {
        const gone = toKey(CPRS[0]);
        const kept = toKey(CPRS[1]);
        for (let i = 0; i < 3; i++) {
          const s = (await repo.createScreening(sampleScreening(gone), { fundId: '1', clientId: 'a' })).screening;
          await repo.addAssessment({ screeningId: s.id, correctedTargetGroup: 1, caseworkerId: 'sb' }, { fundId: '1', clientId: 'a' });
          if (i === 0)
            await repo.addAssessment({ screeningId: s.id, correctedTargetGroup: 2, caseworkerId: 'sb' }, { fundId: '1', clientId: 'a' });
        }
        const k = (await repo.createScreening(sampleScreening(kept), { fundId: '1', clientId: 'a' })).screening;
        const ka = (
          await repo.addAssessment({ screeningId: k.id, correctedTargetGroup: 1, caseworkerId: 'sb' }, { fundId: '1', clientId: 'a' })
        ).assessment;
        const keptBefore = await repo.listScreenings(kept, reader);

        expect(await repo.eraseCitizen(gone, { fundId: '1', clientId: 'admin', requestId: 'req-9' })).toEqual({
          screenings: 3,
          assessments: 4,
          outcomes: 0,
        });

        expect(await repo.latestScreening(gone, reader)).toBeNull();
        expect(await repo.listScreenings(gone, reader)).toEqual([]);
        expect(await repo.screeningExists(gone, reader)).toEqual({ exists: false });
        expect(await repo.listScreenings(kept, reader)).toEqual(keptBefore);
        expect((await repo.latestScreening(kept, reader))!.currentAssessment).toEqual(ka);
        expect(await h.count('screenings')).toBe(1);
        expect(await h.count('assessments')).toBe(1);

        const erase = (await repo.listAudit({ fundId: '1', action: 'citizen.erase' })).entries;
        expect(erase).toHaveLength(1);
        expect(erase[0]).toMatchObject({
          fundId: '1',
          clientId: 'admin',
          citizenKey: gone,
          outcome: 'success',
          requestId: 'req-9',
          detail: 'screenings=3 assessments=4 data_keys=1',
        });

        expect(await repo.eraseCitizen(gone, { fundId: '1', clientId: 'admin' })).toEqual({ screenings: 0, assessments: 0, outcomes: 0 });
        expect((await repo.listAudit({ fundId: '1', action: 'citizen.erase' })).entries[0].outcome).toBe('not_found');
      });

      it('makes corrections of an erased screening fail clearly', async () => {
        const key = toKey(CPRS[0]);
        const s = (await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'a' })).screening;
        await repo.eraseCitizen(key, { fundId: '1', clientId: 'admin' });
        await expect(
          repo.addAssessment({ screeningId: s.id, correctedTargetGroup: 1, caseworkerId: 'sb' }, { fundId: '1', clientId: 'a' }),
        ).rejects.toThrow(ScreeningNotFoundError);
        expect(await repo.getScreening(s.id, reader)).toBeNull();
      });

      it('refuses a retry of an erased create, so the erasure stays; a new key creates a new screening', async () => {
        const key = toKey(CPRS[0]);
        const first = await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'a', idempotencyKey: 'k' });
        await repo.eraseCitizen(key, { fundId: '1', clientId: 'admin' });
        await expect(
          repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'a', idempotencyKey: 'k' }),
        ).rejects.toBeInstanceOf(ErasedRequestError);
        const { input, caseworkerId } = sampleScreening(key);
        await expect(
          repo.replayScreening({ citizenKey: key, input, caseworkerId }, { fundId: '1', clientId: 'a', idempotencyKey: 'k' }),
        ).rejects.toBeInstanceOf(ErasedRequestError);
        expect(await repo.latestScreening(key, { fundId: '1', clientId: 'a' })).toBeNull();
        // The key is remembered per fund and client: another client's, or another fund's, same key is its own.
        expect((await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'b', idempotencyKey: 'k' })).replayed).toBe(
          false,
        );
        expect((await repo.createScreening(sampleScreening(key), { fundId: '2', clientId: 'a', idempotencyKey: 'k' })).replayed).toBe(
          false,
        );
        const again = await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'a', idempotencyKey: 'k2' });
        expect(again.replayed).toBe(false);
        expect(again.screening.id).not.toBe(first.screening.id);
        // A hash of (fund, client, key) is what is kept.
        expect(await h.count('erased_requests')).toBe(1);
      });
    });

    describe('audit log', () => {
      it('records who accessed whom, when, how, and with what outcome', async () => {
        const key = toKey(CPRS[0]);
        const other = toKey(CPRS[1]);
        const s = (await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'fagsystem-a', requestId: 'r1' })).screening;
        clock.advance(1);
        await repo.latestScreening(key, { fundId: '1', clientId: 'fagsystem-b', requestId: 'r2' });
        clock.advance(1);
        await repo.latestScreening(key, { fundId: '1', clientId: 'fagsystem-b', action: 'screening.read_pdf' });
        clock.advance(1);
        await repo.screeningExists(other, { fundId: '1', clientId: 'fagsystem-b' });
        clock.advance(1);
        await repo.getScreening(s.id, { fundId: '1', clientId: 'fagsystem-c' });
        clock.advance(1);
        await repo.getScreening('garbage', { fundId: '1', clientId: 'fagsystem-c' });
        clock.advance(1);
        await repo.listScreenings(key, { fundId: '1', clientId: 'fagsystem-c' });
        clock.advance(1);
        await repo.addAssessment(
          { screeningId: s.id, correctedTargetGroup: 1, caseworkerId: 'sb' },
          { fundId: '1', clientId: 'fagsystem-b' },
        );
        clock.advance(1);
        const model = await repo.appendAudit({
          fundId: '1',
          clientId: 'fagsystem-a',
          action: 'model.read',
          outcome: 'success',
          detail: 'version sim-2025.03.1',
        });
        expect(model).toMatchObject({ action: 'model.read', citizenKey: null, screeningId: null, at: '2025-03-03T08:00:00.008Z' });

        const page = await repo.listAudit({ fundId: '1' });
        expect(page.nextCursor).toBeNull();
        expect(page.entries.map((e) => [e.at, e.clientId, e.action, e.outcome, e.citizenKey, e.screeningId, e.requestId])).toEqual([
          ['2025-03-03T08:00:00.008Z', 'fagsystem-a', 'model.read', 'success', null, null, null],
          ['2025-03-03T08:00:00.007Z', 'fagsystem-b', 'assessment.create', 'success', key, s.id, null],
          ['2025-03-03T08:00:00.006Z', 'fagsystem-c', 'screening.history', 'success', key, null, null],
          ['2025-03-03T08:00:00.005Z', 'fagsystem-c', 'screening.read', 'invalid', null, null, null],
          ['2025-03-03T08:00:00.004Z', 'fagsystem-c', 'screening.read', 'success', key, s.id, null],
          ['2025-03-03T08:00:00.003Z', 'fagsystem-b', 'screening.exists', 'not_found', other, null, null],
          ['2025-03-03T08:00:00.002Z', 'fagsystem-b', 'screening.read_pdf', 'success', key, s.id, null],
          ['2025-03-03T08:00:00.001Z', 'fagsystem-b', 'screening.read', 'success', key, s.id, 'r2'],
          ['2025-03-03T08:00:00.000Z', 'fagsystem-a', 'screening.create', 'success', key, s.id, 'r1'],
        ]);
        // Ids are increasing sequence numbers.
        const ids = page.entries.map((e) => BigInt(e.id));
        expect([...ids].sort((x, y) => (x < y ? 1 : x > y ? -1 : 0))).toEqual(ids);
      });

      it('filters and pages', async () => {
        const key = toKey(CPRS[0]);
        const s = (await repo.createScreening(sampleScreening(key), { fundId: '1', clientId: 'a' })).screening;
        for (let i = 0; i < 6; i++) {
          clock.advance(1000);
          await repo.latestScreening(key, { fundId: '1', clientId: i % 2 ? 'b' : 'c' });
        }
        clock.advance(1000);
        await repo.screeningExists(toKey(CPRS[1]), { fundId: '1', clientId: 'b' });

        expect((await repo.listAudit({ fundId: '1', clientId: 'b' })).entries).toHaveLength(4);
        expect((await repo.listAudit({ fundId: '1', clientId: 'b', action: 'screening.read' })).entries).toHaveLength(3);
        expect((await repo.listAudit({ fundId: '1', citizenKey: key })).entries).toHaveLength(7);
        expect((await repo.listAudit({ fundId: '1', screeningId: s.id })).entries).toHaveLength(7);
        expect((await repo.listAudit({ fundId: '1', outcome: 'not_found' })).entries).toHaveLength(1);
        const window = await repo.listAudit({ fundId: '1', from: '2025-03-03T08:00:02.000Z', to: '2025-03-03T09:00:04.000+01:00' });
        expect(window.entries.map((e) => e.at)).toEqual(['2025-03-03T08:00:03.000Z', '2025-03-03T08:00:02.000Z']);

        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const p = await repo.listAudit({ fundId: '1', limit: 3, cursor });
          seen.push(...p.entries.map((e) => e.id));
          cursor = p.nextCursor ?? undefined;
          pages++;
        } while (cursor);
        expect(pages).toBe(3);
        expect(seen).toHaveLength(8);
        expect(new Set(seen).size).toBe(8);
        expect((await repo.listAudit({ fundId: '1', limit: 3, clientId: 'b' })).nextCursor).not.toBeNull();
        expect((await repo.listAudit({ fundId: '1', limit: 4, clientId: 'b' })).nextCursor).toBeNull();
      });

      it('validates audit queries and entries', async () => {
        await expect(repo.listAudit({ fundId: '1', limit: 0 })).rejects.toBeInstanceOf(StorageValidationError);
        await expect(repo.listAudit({ fundId: '1', limit: 5000 })).rejects.toBeInstanceOf(StorageValidationError);
        await expect(repo.listAudit({ fundId: '1', cursor: 'abc' })).rejects.toBeInstanceOf(StorageValidationError);
        await expect(repo.listAudit({ fundId: '1', from: 'yesterday' })).rejects.toBeInstanceOf(StorageValidationError);
        await expect(repo.listAudit({ fundId: '1', citizenKey: CPRS[0] })).rejects.toBeInstanceOf(StorageValidationError);
        await expect(
          repo.appendAudit({ fundId: '1', clientId: 'a', action: 'something.else' as 'model.read', outcome: 'success' }),
        ).rejects.toBeInstanceOf(StorageValidationError);
        await expect(
          repo.appendAudit({ fundId: '1', clientId: 'a', action: 'model.read', outcome: 'success', citizenKey: CPRS[0] }),
        ).rejects.toBeInstanceOf(StorageValidationError);
      });
    });

    describe('request ids (the STAR compatibility layer)', () => {
      it('says whether a client sent a request id before; another client may use the same id', async () => {
        expect(await repo.claimRequestId({ clientId: 'a', requestId: 'req-1' })).toBe(true);
        expect(await repo.claimRequestId({ clientId: 'a', requestId: 'req-1' })).toBe(false);
        expect(await repo.claimRequestId({ clientId: 'a', requestId: 'req-1' })).toBe(false);
        expect(await repo.claimRequestId({ clientId: 'b', requestId: 'req-1' })).toBe(true);
        expect(await repo.claimRequestId({ clientId: 'a', requestId: 'REQ-1' })).toBe(true);
        expect(await h.count('seen_request_ids')).toBe(3);
      });

      it('remembers an id for REQUEST_ID_RETENTION_DAYS (30) days, then takes it as new and purges expired ids', async () => {
        expect(await repo.claimRequestId({ clientId: 'a', requestId: 'old' })).toBe(true);
        expect(await repo.claimRequestId({ clientId: 'b', requestId: 'other' })).toBe(true);
        clock.set('2025-04-02T07:59:59.999Z'); // 30 days less a millisecond
        expect(await repo.claimRequestId({ clientId: 'a', requestId: 'old' })).toBe(false);
        expect(await h.count('seen_request_ids')).toBe(2);
        clock.set('2025-04-02T08:00:00.001Z');
        // The claim of a new id purged the expired ones; the expired id is new again.
        expect(await repo.claimRequestId({ clientId: 'c', requestId: 'new' })).toBe(true);
        expect(await h.count('seen_request_ids')).toBe(1);
        expect(await repo.claimRequestId({ clientId: 'a', requestId: 'old' })).toBe(true);
        expect(await repo.claimRequestId({ clientId: 'a', requestId: 'old' })).toBe(false);
      });

      it('refuses a request id holding a CPR number, and one that is empty, too long or has control characters', async () => {
        await expect(repo.claimRequestId({ clientId: 'a', requestId: `x-${CPRS[0]}` })).rejects.toBeInstanceOf(PersonalDataError);
        await expect(repo.claimRequestId({ clientId: 'a', requestId: '070761-4285' })).rejects.toBeInstanceOf(PersonalDataError);
        for (const requestId of ['', 'x'.repeat(201), 'a\nb']) {
          await expect(repo.claimRequestId({ clientId: 'a', requestId })).rejects.toBeInstanceOf(StorageValidationError);
        }
        expect(await h.count('seen_request_ids')).toBe(0);
      });

      it('answers one of many concurrent claims of the same id as new', async () => {
        const results = await Promise.all(Array.from({ length: 8 }, () => repo.claimRequestId({ clientId: 'a', requestId: 'race' })));
        expect(results.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('funds', () => {
      const A = { fundId: '15', clientId: 'fagsystem-a' };
      const B = { fundId: '42', clientId: 'fagsystem-b' };

      it("keeps one fund's screenings, corrections and erasures from another's, for the same citizen", async () => {
        const key = toKey(CPRS[0]);
        const s = (await repo.createScreening(sampleScreening(key), A)).screening;
        expect(s.fundId).toBe('15');
        await repo.addAssessment({ screeningId: s.id, correctedTargetGroup: 1, caseworkerId: 'sb' }, A);
        // Fund B knows nothing of it: the citizen is unknown, the id is unknown.
        expect(await repo.latestScreening(key, B)).toBeNull();
        expect(await repo.screeningExists(key, B)).toEqual({ exists: false });
        expect(await repo.listScreenings(key, B)).toEqual([]);
        expect(await repo.getScreening(s.id, B)).toBeNull();
        await expect(repo.addAssessment({ screeningId: s.id, correctedTargetGroup: 2, caseworkerId: 'sb' }, B)).rejects.toBeInstanceOf(
          ScreeningNotFoundError,
        );
        expect(await repo.eraseCitizen(key, B)).toEqual({ screenings: 0, assessments: 0, outcomes: 0 });
        expect((await repo.getScreening(s.id, A))!.assessments).toHaveLength(1);

        // B screens the same citizen; each fund sees its own, and erasing in one leaves the other's.
        const own = (await repo.createScreening(sampleScreening(key, { probability: 0.9 }), B)).screening;
        expect((await repo.listScreenings(key, A)).map((x) => x.screening.id)).toEqual([s.id]);
        expect((await repo.listScreenings(key, B)).map((x) => x.screening.id)).toEqual([own.id]);
        expect(await repo.eraseCitizen(key, A)).toEqual({ screenings: 1, assessments: 1, outcomes: 0 });
        expect(await repo.latestScreening(key, A)).toBeNull();
        expect((await repo.latestScreening(key, B))!.screening).toEqual(own);
        expect(await h.count('screenings')).toBe(1);
      });

      it("records each entry's fund, and a fund's audit view holds only its own", async () => {
        const key = toKey(CPRS[0]);
        const s = (await repo.createScreening(sampleScreening(key), A)).screening;
        await repo.getScreening(s.id, B);
        await repo.latestScreening(key, B);
        await repo.appendAudit({ clientId: 'operator', fundId: null, action: 'model.read', outcome: 'success' });
        const ofA = (await repo.listAudit({ fundId: '15' })).entries;
        const ofB = (await repo.listAudit({ fundId: '42' })).entries;
        expect(ofA.map((e) => [e.fundId, e.clientId, e.action, e.outcome])).toEqual([['15', 'fagsystem-a', 'screening.create', 'success']]);
        expect(ofB.map((e) => [e.fundId, e.action, e.outcome])).toEqual([
          ['42', 'screening.read', 'not_found'],
          ['42', 'screening.read', 'not_found'],
        ]);
        // Even asked by citizen or screening, B's view has none of A's entries.
        expect((await repo.listAudit({ fundId: '42', screeningId: s.id })).entries.map((e) => e.clientId)).toEqual(['fagsystem-b']);
        expect((await repo.listAudit({ fundId: '42', clientId: 'fagsystem-a' })).entries).toEqual([]);
        // The operator without a fund sees the entries of clients without one, not a fund's.
        expect((await repo.listAudit({ fundId: null })).entries.map((e) => [e.fundId, e.clientId])).toEqual([[null, 'operator']]);
      });

      it('scopes Idempotency-Keys by fund: the same client and key in another fund is a new request', async () => {
        const key = toKey(CPRS[0]);
        const one = await repo.createScreening(sampleScreening(key), { ...A, idempotencyKey: 'k' });
        const other = await repo.createScreening(sampleScreening(key), { fundId: '42', clientId: A.clientId, idempotencyKey: 'k' });
        expect(other.replayed).toBe(false);
        expect(other.screening.id).not.toBe(one.screening.id);
        expect(
          await repo.replayScreening(
            { citizenKey: key, input: sampleScreening(key).input, caseworkerId: 'sagsbehandler-17' },
            { fundId: '7', clientId: A.clientId, idempotencyKey: 'k' },
          ),
        ).toBeNull();
        const again = await repo.createScreening(sampleScreening(key), { ...A, idempotencyKey: 'k' });
        expect(again).toEqual({ screening: one.screening, replayed: true });
      });

      it('refuses writes without a real fund, and reads of the legacy fund see only rows from before tenancy', async () => {
        const key = toKey(CPRS[0]);
        for (const fundId of ['', '015', '0', '12345', 'x1', undefined]) {
          await expect(repo.createScreening(sampleScreening(key), { clientId: 'c', fundId } as never)).rejects.toBeInstanceOf(
            StorageValidationError,
          );
          await expect(repo.latestScreening(key, { clientId: 'c', fundId: fundId === '' ? '0' : fundId } as never)).rejects.toBeInstanceOf(
            StorageValidationError,
          );
        }
        await repo.createScreening(sampleScreening(key), A);
        expect(await repo.latestScreening(key, { clientId: 'maintenance', fundId: '' })).toBeNull();
        expect(await repo.eraseCitizen(key, { clientId: 'maintenance', fundId: '' })).toEqual({
          screenings: 0,
          assessments: 0,
          outcomes: 0,
        });
        expect(await h.count('screenings')).toBe(1);
        await expect(repo.listAudit({} as never)).rejects.toBeInstanceOf(StorageValidationError);
      });
    });

    describe('timing', () => {
      it('stores occasion, benefit period start and screening date, defaulting the date to the Danish day', async () => {
        const key = toKey(CPRS[0]);
        // 23:30 UTC on 3 March is 00:30 on 4 March in Copenhagen.
        clock.set('2025-03-03T23:30:00.000Z');
        const plain = (await repo.createScreening(sampleScreening(key), reader)).screening;
        expect(plain).toMatchObject({ occasion: 'other', benefitPeriodStart: null, screeningDate: '2025-03-04' });
        clock.advance(1000);
        const timed = (
          await repo.createScreening(
            sampleScreening(key, { occasion: 'first_interview', benefitPeriodStart: '2025-02-24', screeningDate: '2025-03-03' }),
            reader,
          )
        ).screening;
        expect(timed).toMatchObject({ occasion: 'first_interview', benefitPeriodStart: '2025-02-24', screeningDate: '2025-03-03' });
        expect((await repo.getScreening(timed.id, reader))!.screening).toEqual(timed);
        // Newest by screening date: the later-stored screening dated the day before is not the latest.
        expect((await repo.latestScreening(key, reader))!.screening.id).toBe(plain.id);
        expect((await repo.listScreenings(key, reader)).map((x) => x.screening.id)).toEqual([plain.id, timed.id]);
        expect(await repo.screeningExists(key, reader)).toMatchObject({ screeningId: plain.id });
      });

      it('orders by screening date, then created time, then insertion', async () => {
        const key = toKey(CPRS[0]);
        const make = async (screeningDate: string) =>
          (await repo.createScreening(sampleScreening(key, { screeningDate }), reader)).screening.id;
        const d2 = await make('2025-03-02');
        const d1 = await make('2025-03-01');
        const d2b = await make('2025-03-02'); // same date and millisecond as d2: inserted later
        clock.advance(-5000);
        const d2c = await make('2025-03-02'); // same date, created earlier
        expect((await repo.listScreenings(key, reader)).map((x) => x.screening.id)).toEqual([d2b, d2, d2c, d1]);
        expect((await repo.latestScreening(key, reader))!.screening.id).toBe(d2b);
      });

      it('refuses timing that cannot be, naming the field', async () => {
        const key = toKey(CPRS[0]);
        const cases: [Partial<NewScreening>, string][] = [
          [{ screeningDate: '2025-03-04' }, 'screeningDate: must not be in the future'],
          [{ screeningDate: '2025-02-29' }, 'screeningDate'],
          [{ benefitPeriodStart: '2025-3-1' }, 'benefitPeriodStart'],
          [{ occasion: 'sometime' as 'other' }, 'occasion'],
          [{ occasion: 'notice_period', benefitPeriodStart: '2025-03-01', screeningDate: '2025-03-01' }, 'before benefitPeriodStart'],
          [{ occasion: 'week_9', benefitPeriodStart: '2025-03-02', screeningDate: '2025-03-01' }, 'on or after benefitPeriodStart'],
          [
            { occasion: 'week_13', benefitPeriodStart: '2024-03-01', screeningDate: '2025-03-03' },
            'benefitPeriodStart: must lie within 366 days',
          ],
          [
            { occasion: 'notice_period', benefitPeriodStart: '2026-03-05', screeningDate: '2025-03-03' },
            'benefitPeriodStart: must lie within',
          ],
        ];
        for (const [timing, message] of cases) {
          await expect(repo.createScreening(sampleScreening(key, timing), reader)).rejects.toThrow(message);
        }
        expect(await h.count('screenings')).toBe(0);
        // The edges are allowed: a notice-period screening the day before, the other occasions on the day and a year later.
        for (const timing of [
          { occasion: 'notice_period', benefitPeriodStart: '2025-03-04', screeningDate: '2025-03-03' },
          { occasion: 'first_interview', benefitPeriodStart: '2025-03-03', screeningDate: '2025-03-03' },
          { occasion: 'other', benefitPeriodStart: '2024-03-02', screeningDate: '2025-03-02' },
        ] as const) {
          await repo.createScreening(sampleScreening(key, timing), reader);
        }
        expect(await h.count('screenings')).toBe(3);
      });
    });

    describe('model life cycle', () => {
      const operator = { clientId: 'example-operator', fundId: null, requestId: 'req-m' };
      const model = (version: string, checksum = 'a'.repeat(64), simulated = true) => ({
        version,
        checksum,
        artifact: JSON.stringify({ format: 'ledighedsprofil-model', version }),
        simulated,
      });

      it('publishes an artifact once: the same again is a replay, another checksum under the version a conflict; both audited', async () => {
        const first = await repo.models.publish(model('m-1'), operator);
        expect(first.replayed).toBe(false);
        expect(first.model).toMatchObject({ version: 'm-1', checksum: 'a'.repeat(64), simulated: true, publishedBy: 'example-operator' });
        expect(first.model.publishedAt).toBe('2025-03-03T08:00:00.000Z');
        expect(first.model.artifact).toBe(model('m-1').artifact);
        clock.advance(1000);
        const again = await repo.models.publish(model('m-1'), operator);
        expect(again).toEqual({ model: first.model, replayed: true });
        await expect(repo.models.publish(model('m-1', 'b'.repeat(64)), operator)).rejects.toBeInstanceOf(ModelVersionConflictError);
        await repo.models.publish(model('m-2', 'c'.repeat(64), false), operator);
        expect((await repo.models.listPublished()).map((m) => [m.version, m.simulated])).toEqual([
          ['m-1', true],
          ['m-2', false],
        ]);
        expect((await repo.models.listPublished(['m-1'])).map((m) => m.version)).toEqual(['m-2']);
        const audit = (await repo.listAudit({ fundId: null, action: 'model.publish' })).entries;
        expect(audit.map((e) => e.outcome)).toEqual(['success', 'conflict', 'success', 'success']);
        expect(audit[1].detail).toContain('version taken');
        expect(audit[2].detail).toContain('(replay)');
        expect(await h.count('models')).toBe(2);
        // Published models never change.
        await expect(h.exec("UPDATE models SET published_by = 'someone' WHERE version = 'm-1'")).rejects.toThrow(/immutable/);
      });

      it('publishes an artifact whose checksum holds a run of digits shaped like a CPR number, audited with the checksum grouped', async () => {
        // About one SHA-256 in a hundred has ten digits in a row that read as a date and a serial number.
        const checksum = `ab${'0707614285'}${'c'.repeat(52)}`;
        expect(containsCpr(checksum)).toBe(true);
        const { model: published } = await repo.models.publish(model('m-cpr-shaped', checksum), operator);
        expect(published.checksum).toBe(checksum);
        const [entry] = (await repo.listAudit({ fundId: null, action: 'model.publish' })).entries;
        expect(entry.detail).toBe(
          'version=m-cpr-shaped checksum=ab07:0761:4285:cccc:cccc:cccc:cccc:cccc:cccc:cccc:cccc:cccc:cccc:cccc:cccc:cccc simulated=true',
        );
        expect(containsCpr(entry.detail!)).toBe(false);
      });

      it('records activations, rollbacks and the shadow with who and why; the latest events give the state, audited in the same transaction', async () => {
        const empty = await repo.models.state();
        expect(empty).toEqual({ marker: '0:0', active: null, shadow: null });
        await expect(
          repo.models.recordEvent({ action: 'activate', modelVersion: 'm-1', reason: 'better AUC' }, operator),
        ).rejects.toBeInstanceOf(ModelNotPublishedError);
        expect(await h.count('audit_log')).toBe(0);
        // An artifact that comes with the event (a model from MODEL_DIR) is published with it.
        const a1 = await repo.models.recordEvent({ action: 'activate', modelVersion: 'm-1', reason: 'better AUC' }, operator, model('m-1'));
        expect(a1).toMatchObject({
          role: 'active',
          action: 'activate',
          modelVersion: 'm-1',
          clientId: 'example-operator',
          reason: 'better AUC',
        });
        await repo.models.publish(model('m-2', 'c'.repeat(64)), operator);
        const m1 = await repo.models.marker();
        const s1 = await repo.models.recordEvent({ action: 'shadow_start', modelVersion: 'm-2', reason: 'compare four weeks' }, operator);
        expect(await repo.models.marker()).not.toBe(m1);
        let state = await repo.models.state();
        expect(state.active?.modelVersion).toBe('m-1');
        expect(state.shadow).toEqual(s1);
        expect(state.marker).toBe(await repo.models.marker());
        await repo.models.recordEvent({ action: 'activate', modelVersion: 'm-2', reason: 'shadow looked fine' }, operator);
        await repo.models.recordEvent({ action: 'shadow_stop', modelVersion: null, reason: 'done' }, operator);
        await repo.models.recordEvent({ action: 'rollback', modelVersion: 'm-1', reason: 'referrals jumped' }, operator);
        state = await repo.models.state();
        expect(state.active).toMatchObject({ action: 'rollback', modelVersion: 'm-1', reason: 'referrals jumped' });
        expect(state.shadow).toBeNull();
        expect((await repo.models.activeHistory(10)).map((e) => [e.action, e.modelVersion])).toEqual([
          ['rollback', 'm-1'],
          ['activate', 'm-2'],
          ['activate', 'm-1'],
        ]);
        const audit = (await repo.listAudit({ fundId: null })).entries.map((e) => e.action);
        expect(audit.filter((a) => a !== 'model.publish')).toEqual([
          'model.rollback',
          'model.shadow_stop',
          'model.activate',
          'model.shadow_start',
          'model.activate',
        ]);
        // A version goes with every action but shadow_stop; a reason is required and holds no CPR number.
        await expect(repo.models.recordEvent({ action: 'shadow_stop', modelVersion: 'm-1', reason: 'x' }, operator)).rejects.toBeInstanceOf(
          StorageValidationError,
        );
        await expect(repo.models.recordEvent({ action: 'activate', modelVersion: 'm-1', reason: '  ' }, operator)).rejects.toBeInstanceOf(
          StorageValidationError,
        );
        await expect(
          repo.models.recordEvent({ action: 'activate', modelVersion: 'm-1', reason: 'asked by 070761-4285' }, operator),
        ).rejects.toBeInstanceOf(PersonalDataError);
        // Another artifact under a published version is refused with the event, which is then not recorded.
        await expect(
          repo.models.recordEvent({ action: 'activate', modelVersion: 'm-1', reason: 'x' }, operator, model('m-1', 'd'.repeat(64))),
        ).rejects.toBeInstanceOf(ModelVersionConflictError);
        expect((await repo.models.activeHistory(10)).length).toBe(3);
        // The events are append-only.
        await expect(h.exec("UPDATE model_events SET reason = 'edited'")).rejects.toThrow(/append-only|immutable|not allowed|forbid/i);
        await expect(h.exec('DELETE FROM model_events')).rejects.toThrow();
      });

      it('stores a shadow score with a new screening in the same transaction, none on a replay, and erasure and retention delete them', async () => {
        const key = toKey(CPRS[0]);
        const shadow = { modelVersion: 'm-2', probability: 0.31, linearPredictor: -0.8, targetGroup: 2 as const };
        const ctx = { fundId: '1', clientId: 'a', idempotencyKey: 'k-1' };
        const first = await repo.createScreening(sampleScreening(key), ctx, shadow);
        const replay = await repo.createScreening(sampleScreening(key), ctx, { ...shadow, probability: 0.5 });
        expect(replay.replayed).toBe(true);
        expect(await h.count('shadow_scores')).toBe(1);
        expect(first.screening.probability).toBe(sampleScreening(key).probability);
        // A bad shadow score stores nothing, the screening neither.
        await expect(
          repo.createScreening(sampleScreening(toKey(CPRS[2])), { fundId: '1', clientId: 'a' }, { ...shadow, probability: 2 }),
        ).rejects.toBeInstanceOf(StorageValidationError);
        expect(await h.count('screenings')).toBe(1);

        await repo.createScreening(sampleScreening(toKey(CPRS[1])), { fundId: '1', clientId: 'a' }, shadow);
        expect(await h.count('shadow_scores')).toBe(2);
        await repo.eraseCitizen(key, { fundId: '1', clientId: 'admin' });
        expect(await h.count('shadow_scores')).toBe(1);

        const old = toKey(CPRS[3]);
        await repo.createScreening(sampleScreening(old, { benefitPeriodStart: '2025-01-06' }), { fundId: '1', clientId: 'a' }, shadow);
        expect(await h.count('shadow_scores')).toBe(2);
        clock.set('2027-06-01T08:00:00.000Z');
        const r = await repo.applyRetention({ screeningMonths: 1, auditMonths: null });
        expect(r.screenings).toBe(2);
        expect(await h.count('shadow_scores')).toBe(0);
      });
    });
    outcomeContract(() => h);

    it('refuses use after close', async () => {
      await repo.close();
      await expect(repo.ping()).rejects.toThrow(/closed/);
      await repo.close(); // closing twice is harmless
    });
  });
}
