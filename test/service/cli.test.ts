import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApiKeyVerifier } from '../../src/service/security/apiKeys.js';
import { parseCprSecret } from '../../src/privacy/citizenKey.js';
import { runCli } from '../cli/runCli.js';

describe('ledighedsprofil apikey', () => {
  it('prints a new key and a configuration entry holding only its hash, which then verifies the key', async () => {
    const r = await runCli(['apikey', '--id', 'fagsystem', '--roles', 'screening:create,screening:read', '--fund', '15']);
    expect(r.code).toBe(0);
    const key = /^key: +(\S+)$/m.exec(r.stdout)![1];
    const hash = /^hash: +([0-9a-f]{64})$/m.exec(r.stdout)![1];
    const entry = JSON.parse(/^entry: (.*)$/m.exec(r.stdout)![1]);
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(entry).toEqual({ id: 'fagsystem', keyHash: hash, roles: ['screening:create', 'screening:read'], fund: '15' });
    expect(JSON.stringify(entry)).not.toContain(key);
    expect(createApiKeyVerifier([entry]).verify(key)).toEqual({
      id: 'fagsystem',
      roles: ['screening:create', 'screening:read'],
      fund: '15',
    });
  });

  it('refuses an unknown role, and prints a CPR secret on request', async () => {
    const bad = await runCli(['apikey', '--roles', 'superuser']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid --id, --roles or --fund/);
    const badFund = await runCli(['apikey', '--fund', '015']);
    expect(badFund.code).toBe(2);
    expect(badFund.stderr).toMatch(/fund: fund must be the a-kasse number: 1–4 digits without leading zeros/);
    const s = await runCli(['apikey', '--cpr-secret']);
    expect(s.code).toBe(0);
    expect(parseCprSecret(/^CPR_HMAC_SECRET=(\S+)$/m.exec(s.stdout)![1]).length).toBe(32);
  });

  it('lists serve and apikey in the help', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toMatch(/serve \[options\]\s+run the screening service/);
    expect(r.stdout).toMatch(/apikey \[options\]\s+print a new API key/);
  });
});

describe('ledighedsprofil serve', () => {
  const withEnv = async (env: Record<string, string>, f: () => Promise<void>) => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      await f();
    } finally {
      for (const k of Object.keys(env)) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  };

  it('names a bad variable and exits 3 without starting', async () => {
    await withEnv({ PORT: 'eighty', DATABASE_URL: ':memory:' }, async () => {
      const r = await runCli(['serve']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/PORT: must be a whole number/);
    });
  });

  it('reports a missing active model as configuration, not as a bug', async () => {
    await withEnv({ ACTIVE_MODEL_VERSION: 'nope-1', DATABASE_URL: ':memory:', LOG_LEVEL: 'silent' }, async () => {
      const r = await runCli(['serve', '--port', '0']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/cannot start the service: ACTIVE_MODEL_VERSION nope-1: no such model/);
      expect(r.stderr).not.toMatch(/internal error/);
    });
  });
});
