import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv, DEVELOPMENT_API_KEYS, DEVELOPMENT_CPR_SECRET } from '../../src/service/config.js';
import { generateApiKey } from '../../src/service/security/apiKeys.js';
import { DEVELOPMENT_KEY_RING_TEXT } from '../../src/privacy/keyRing.js';

const secret = 'ab'.repeat(32);
const ring = JSON.stringify({ current: 'kek-1', keys: { 'kek-1': Buffer.alloc(32, 5).toString('base64') } });

describe('configFromEnv', () => {
  it("reads the fund's name, contact and logo, and refuses a logo that is not a readable PNG or JPEG", () => {
    const dir = mkdtempSync(join(tmpdir(), 'fund-'));
    const logo = new URL('../fixtures/branding/logo.png', import.meta.url).pathname;
    const c = configFromEnv({ FUND_NAME: ' Testfagenes A-kasse ', FUND_CONTACT: 'Tlf. 70 10 20 30', FUND_LOGO_FILE: logo }, dir);
    expect(c.fund?.name).toBe('Testfagenes A-kasse');
    expect(c.fund?.contact).toBe('Tlf. 70 10 20 30');
    expect(c.fund?.logo?.equals(readFileSync(logo))).toBe(true);
    expect(configFromEnv({}, dir).fund).toEqual({ name: null, contact: null, logo: null });
    writeFileSync(join(dir, 'logo.gif'), 'GIF89a');
    expect(() => configFromEnv({ FUND_LOGO_FILE: 'logo.gif' }, dir)).toThrow(/FUND_LOGO_FILE: not a PNG or JPEG file/);
    writeFileSync(join(dir, 'big.png'), Buffer.alloc(600 * 1024));
    expect(() => configFromEnv({ FUND_LOGO_FILE: 'big.png' }, dir)).toThrow(/FUND_LOGO_FILE: larger than/);
    expect(() => configFromEnv({ FUND_LOGO_FILE: 'missing.png' }, dir)).toThrow(/FUND_LOGO_FILE: cannot read the file \(ENOENT\)/);
    expect(() => configFromEnv({ FUND_NAME: 'x'.repeat(101) }, dir)).toThrow(/FUND_NAME: must be at most 100/);
  });

  it('gives a working development configuration with no variables at all, and says which defaults it used', () => {
    const c = configFromEnv({}, '/srv/app');
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.database).toEqual({ kind: 'sqlite', path: '/srv/app/data/ledighedsprofil.sqlite' });
    expect(c.activeModelVersion).toBe('sim-2026.12-1');
    expect(c.modelDir).toMatch(/models$/);
    expect(c.apiKeys.map((k) => k.id)).toEqual(DEVELOPMENT_API_KEYS.map((k) => k.id));
    expect(c.developmentDefaults).toEqual(['CPR_HMAC_SECRET', 'DATA_ENCRYPTION_KEYS', 'API_KEYS']);
    expect(c.rateLimit).toEqual({ max: 600, windowMs: 60_000 });
    expect(c.bodyLimit).toBe(1024 * 1024);
    expect(c.scoreBatchLimit).toBe(1000);
  });

  it('names every bad variable, without repeating secret values', () => {
    let err: unknown;
    try {
      configFromEnv({ PORT: 'eighty', LOG_LEVEL: 'loud', CPR_HMAC_SECRET: 'short-secret-value', RATE_LIMIT_MAX: '0' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/PORT: must be a whole number/);
    expect(msg).toMatch(/LOG_LEVEL/);
    expect(msg).toMatch(/RATE_LIMIT_MAX: must be at least 1/);
    // The zod stage stops before the secret is looked at; a second pass names it.
    expect(() => configFromEnv({ CPR_HMAC_SECRET: 'short-secret-value' })).toThrow(
      /CPR_HMAC_SECRET: CPR hashing secret must be at least 32 bytes/,
    );
    expect(() => configFromEnv({ CPR_HMAC_SECRET: 'short-secret-value' })).not.toThrow(/short-secret-value/);
  });

  it('requires the secret and the keys in production, and refuses the public development values there', () => {
    expect(() => configFromEnv({ NODE_ENV: 'production' })).toThrow(
      /CPR_HMAC_SECRET: required in production[\s\S]*DATA_ENCRYPTION_KEYS: required in production[\s\S]*API_KEYS: required in production/,
    );
    const { keyHash } = generateApiKey();
    const keys = JSON.stringify([{ id: 'fagsystem', keyHash, roles: ['screening:create'] }]);
    const c = configFromEnv({ NODE_ENV: 'production', CPR_HMAC_SECRET: secret, API_KEYS: keys, DATA_ENCRYPTION_KEYS: ring });
    expect(c.developmentDefaults).toEqual([]);
    expect(c.apiKeys).toEqual([{ id: 'fagsystem', keyHash, roles: ['screening:create'] }]);
    // The public explorer is off in production unless the fund turns it on, and on elsewhere unless turned off.
    expect(c.explorerEnabled).toBe(false);
    const production = { NODE_ENV: 'production', CPR_HMAC_SECRET: secret, API_KEYS: keys, DATA_ENCRYPTION_KEYS: ring };
    expect(configFromEnv({ ...production, EXPLORER_ENABLED: 'true' }).explorerEnabled).toBe(true);
    expect(configFromEnv({}).explorerEnabled).toBe(true);
    expect(configFromEnv({ EXPLORER_ENABLED: 'false' }).explorerEnabled).toBe(false);
    expect(() => configFromEnv({ EXPLORER_ENABLED: 'yes' })).toThrow(/EXPLORER_ENABLED/);
    expect(configFromEnv({}).explorerScoresPerMinute).toBe(60);
    expect(() =>
      configFromEnv({ NODE_ENV: 'production', CPR_HMAC_SECRET: DEVELOPMENT_CPR_SECRET, API_KEYS: keys, DATA_ENCRYPTION_KEYS: ring }),
    ).toThrow(/public development secret/);
    const devKeys = JSON.stringify(DEVELOPMENT_API_KEYS);
    expect(() => configFromEnv({ NODE_ENV: 'production', CPR_HMAC_SECRET: secret, API_KEYS: devKeys, DATA_ENCRYPTION_KEYS: ring })).toThrow(
      /public example keys/,
    );
  });

  it('reads API keys from a file, and reports bad key lists by entry without the key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lp-config-'));
    const file = join(dir, 'keys.json');
    const { keyHash } = generateApiKey();
    writeFileSync(file, JSON.stringify([{ id: 'a', keyHash, roles: ['admin'] }]));
    expect(configFromEnv({ API_KEYS_FILE: file }).apiKeys[0].id).toBe('a');
    expect(() => configFromEnv({ API_KEYS_FILE: join(dir, 'missing.json') })).toThrow(/API_KEYS_FILE: cannot read the file \(ENOENT\)/);
    expect(() => configFromEnv({ API_KEYS: 'not json' })).toThrow(/API_KEYS: not valid JSON/);
    expect(() => configFromEnv({ API_KEYS: JSON.stringify([{ id: 'x', key: 'tooshort-key', roles: ['admin'] }]) })).toThrow(
      /API_KEYS: 0.key: key must be at least 32 characters/,
    );
    expect(() => configFromEnv({ API_KEYS: JSON.stringify([{ id: 'x', key: 'tooshort-key', roles: ['admin'] }]) })).not.toThrow(
      /tooshort-key/,
    );
    expect(() => configFromEnv({ API_KEYS: '[]', API_KEYS_FILE: file })).toThrow(/set one of them, not both/);
  });

  it('reads DATABASE_URL as PostgreSQL, sqlite:, a bare path or :memory:, and never repeats a password', () => {
    expect(configFromEnv({ DATABASE_URL: 'postgres://u:pw@db/x', DATABASE_SCHEMA: 'lp', DATABASE_POOL_SIZE: '7' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u:pw@db/x',
      schema: 'lp',
      poolSize: 7,
    });
    expect(configFromEnv({ DATABASE_URL: 'postgres://u@db/x', DATABASE_CONNECT_TIMEOUT_MS: '750' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db/x',
      connectTimeoutMs: 750,
    });
    expect(() => configFromEnv({ DATABASE_URL: 'postgres://u@db/x', DATABASE_CONNECT_TIMEOUT_MS: '50' })).toThrow(
      /DATABASE_CONNECT_TIMEOUT_MS: must be at least 100/,
    );
    expect(configFromEnv({ DATABASE_URL: 'sqlite:db/x.sqlite' }, '/srv').database).toEqual({ kind: 'sqlite', path: '/srv/db/x.sqlite' });
    expect(configFromEnv({ DATABASE_URL: '/var/lib/lp.sqlite' }).database).toEqual({ kind: 'sqlite', path: '/var/lib/lp.sqlite' });
    expect(configFromEnv({ DATABASE_URL: ':memory:' }).database).toEqual({ kind: 'sqlite', path: ':memory:' });
    expect(() => configFromEnv({ DATABASE_URL: 'mysql://u:hunter2@db/x' })).toThrow(/DATABASE_URL: expected/);
    expect(() => configFromEnv({ DATABASE_URL: 'mysql://u:hunter2@db/x' })).not.toThrow(/hunter2/);
  });

  it('treats empty variables as unset', () => {
    expect(configFromEnv({ PORT: '', API_KEYS: '' }).port).toBe(3000);
  });

  it('reads the data encryption keys and the CPR secrets with their ids, and refuses the development ring in production', () => {
    const c = configFromEnv({ DATA_ENCRYPTION_KEYS: ring, CPR_HMAC_SECRET: secret });
    expect(c.dataKeys.currentId).toBe('kek-1');
    expect(c.dataKeys.keys.get('kek-1')).toEqual(Buffer.alloc(32, 5));
    expect(c.cprSecrets).toEqual({ current: { id: 'cpr-1', secret: Buffer.from(secret, 'hex') }, previous: null });
    expect(c.developmentDefaults).toEqual(['API_KEYS']);
    const dir = mkdtempSync(join(tmpdir(), 'lp-keys-'));
    writeFileSync(join(dir, 'keys.json'), ring);
    expect(configFromEnv({ DATA_ENCRYPTION_KEYS_FILE: 'keys.json' }, dir).dataKeys.currentId).toBe('kek-1');
    expect(() => configFromEnv({ DATA_ENCRYPTION_KEYS_FILE: 'missing.json' }, dir)).toThrow(
      /DATA_ENCRYPTION_KEYS_FILE: cannot read the file \(ENOENT\)/,
    );
    expect(() => configFromEnv({ DATA_ENCRYPTION_KEYS: ring, DATA_ENCRYPTION_KEYS_FILE: 'keys.json' })).toThrow(/set one of them/);
    const short = Buffer.alloc(8, 1).toString('base64');
    const bad = JSON.stringify({ current: 'a', keys: { a: short } });
    expect(() => configFromEnv({ DATA_ENCRYPTION_KEYS: bad })).toThrow(/DATA_ENCRYPTION_KEYS: keys\.a: must be 32 bytes/);
    expect(() => configFromEnv({ DATA_ENCRYPTION_KEYS: bad })).not.toThrow(short);
    const { keyHash } = generateApiKey();
    const keys = JSON.stringify([{ id: 'fagsystem', keyHash, roles: ['screening:create'] }]);
    expect(() =>
      configFromEnv({ NODE_ENV: 'production', CPR_HMAC_SECRET: secret, API_KEYS: keys, DATA_ENCRYPTION_KEYS: DEVELOPMENT_KEY_RING_TEXT }),
    ).toThrow(/DATA_ENCRYPTION_KEYS: the public development key must not be used in production/);

    const previous = 'cd'.repeat(32);
    const p = configFromEnv({
      CPR_HMAC_SECRET: secret,
      CPR_HMAC_SECRET_ID: 'cpr-2',
      CPR_HMAC_SECRET_PREVIOUS: previous,
      CPR_HMAC_SECRET_PREVIOUS_ID: 'cpr-1',
    });
    expect(p.cprSecrets.current.id).toBe('cpr-2');
    expect(p.cprSecrets.previous).toEqual({ id: 'cpr-1', secret: Buffer.from(previous, 'hex') });
    expect(() => configFromEnv({ CPR_HMAC_SECRET: secret, CPR_HMAC_SECRET_PREVIOUS: previous })).toThrow(
      /CPR_HMAC_SECRET_PREVIOUS_ID: required/,
    );
    expect(() => configFromEnv({ CPR_HMAC_SECRET: secret, CPR_HMAC_SECRET_PREVIOUS: secret, CPR_HMAC_SECRET_PREVIOUS_ID: 'old' })).toThrow(
      /equals the current one/,
    );
    expect(() => configFromEnv({ CPR_HMAC_SECRET_PREVIOUS_ID: 'old' })).toThrow(/set only with CPR_HMAC_SECRET_PREVIOUS/);
    expect(() => configFromEnv({ CPR_HMAC_SECRET_ID: 'a.b' })).toThrow(/CPR_HMAC_SECRET_ID: must be a key id/);
  });

  it('keeps everything by default, reads the retention settings, and refuses an audit retention under half a year', () => {
    expect(configFromEnv({}).retention).toBeNull();
    expect(configFromEnv({ RETENTION_SCREENING_MONTHS: '36', RETENTION_AUDIT_YEARS: '2.5' }).retention).toEqual({
      policy: { screeningMonths: 36, auditMonths: 30 },
      intervalMs: 24 * 3_600_000,
    });
    expect(configFromEnv({ RETENTION_AUDIT_YEARS: '0.5', RETENTION_INTERVAL_HOURS: '6' }).retention).toEqual({
      policy: { screeningMonths: null, auditMonths: 6 },
      intervalMs: 6 * 3_600_000,
    });
    expect(configFromEnv({ RETENTION_SCREENING_MONTHS: '0' }).retention?.policy).toEqual({ screeningMonths: 0, auditMonths: null });
    expect(() => configFromEnv({ RETENTION_AUDIT_YEARS: '0.25' })).toThrow(/RETENTION_AUDIT_YEARS: must be at least 0.5 .*Art. 26\(6\)/);
    expect(() => configFromEnv({ RETENTION_AUDIT_YEARS: '1.1' })).toThrow(/RETENTION_AUDIT_YEARS: must be a whole number of months/);
    expect(() => configFromEnv({ RETENTION_AUDIT_YEARS: 'forever' })).toThrow(/RETENTION_AUDIT_YEARS: must be a number of years/);
    expect(() => configFromEnv({ RETENTION_SCREENING_MONTHS: '-3' })).toThrow(/RETENTION_SCREENING_MONTHS: must be a whole number/);
    expect(() => configFromEnv({ RETENTION_INTERVAL_HOURS: '0' })).toThrow(/RETENTION_INTERVAL_HOURS: must be at least 1/);
  });
});
