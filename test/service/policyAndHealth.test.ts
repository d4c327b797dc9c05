/**
 * SCREENING_POLICY_FILE changes the referral rule and activity table (and a broken file stops the
 * start); /health/ready reports an unreachable database as 503.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/service/app.js';
import { openRepository } from '../../src/storage/openRepository.js';
import type { Repository } from '../../src/storage/repository.js';
import { auth, CPR, KEYS, sampleMember, startApp, testConfig } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'lp-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SCREENING_POLICY_FILE', () => {
  it('replaces the referral rule and the activity table, and every screening records the policy version', async () => {
    const file = join(dir, 'policy.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 'fund-2027.1',
        referral: {
          rules: [{ id: 'fysisk', when: { anyBarriers: ['fysisk_helbred'] }, reason: 'Fysiske helbredsproblemer: ring til jobcentret' }],
        },
        factors: { count: 1 },
      }),
    );
    const t = await startApp('sqlite', { SCREENING_POLICY_FILE: file });
    try {
      const s = (
        await t.app.inject({
          method: 'POST',
          url: '/v1/screenings',
          headers: auth(KEYS.create),
          payload: { cpr: CPR[0], ...sampleMember() },
        })
      ).json();
      expect(s.policyVersion).toBe('fund-2027.1');
      expect(s.jobCentreReferral).toBe(true);
      expect(s.referralReasons).toEqual([{ rule: 'fysisk', reason: 'Fysiske helbredsproblemer: ring til jobcentret' }]);
      expect(s.factors.filter((f: { direction: string }) => f.direction === 'raises')).toHaveLength(1);
    } finally {
      await t.close();
    }
  });

  it('stops the start with the file and the field named when the policy is invalid', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ referral: { rules: [] } }));
    await expect(buildApp(testConfig({ SCREENING_POLICY_FILE: file }))).rejects.toThrow(
      /invalid screening policy \(.*bad\.json\):\n\s+version: is required/,
    );
  });
});

describe('/health/ready', () => {
  it('answers 503 when the database does not answer, and /health/live still 200', async () => {
    const real = await openRepository({ kind: 'sqlite', path: ':memory:' });
    const down: Repository = Object.assign(Object.create(real) as Repository, {
      ping: () => Promise.reject(new Error('connection refused')),
    });
    const t = await startApp('sqlite', {}, { repository: down });
    try {
      const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'unavailable', database: 'unreachable' });
      expect((await t.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    } finally {
      await t.close();
      await real.close();
    }
  });
});
