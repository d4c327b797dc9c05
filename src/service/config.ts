/**
 * The service's configuration, read once from the environment and validated with zod. A bad value is
 * reported by its variable name and rule, never by its content: several variables hold secrets.
 */
import { readFileSync, statSync } from 'node:fs';
import { logoProblem, MAX_LOGO_BYTES } from '../screening/pdf/logo.js';
import { fileURLToPath } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { storageConfigFromUrl, type StorageConfig } from '../storage/openRepository.js';
import { POSTGRES_SCHEMA_NAME } from '../storage/postgres/schemaName.js';
import { apiKeysConfigSchema, type ApiKeyEntry } from './security/apiKeys.js';
import { parseCprSecret } from '../privacy/citizenKey.js';
import { checkCprSecrets, type CprSecrets } from '../privacy/citizenKeyRing.js';
import { DEVELOPMENT_KEY_RING_TEXT, KeyRingError, parseKeyRing, usesDevelopmentKey, type KeyRing } from '../privacy/keyRing.js';
import { auditMonthsFromYears, type RetentionPolicy } from '../storage/retentionPolicy.js';

/** The package root (dist/service and src/service both sit two levels below it). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The model bundled with the package, active unless ACTIVE_MODEL_VERSION says otherwise. */
export const DEFAULT_MODEL_VERSION = 'sim-2026.12-1';

/**
 * The CPR hashing secret used when none is configured outside production. It is public (it is in the
 * README and in this file), so citizen keys made with it protect nothing: development and demos only.
 */
export const DEVELOPMENT_CPR_SECRET = 'ZGV2ZWxvcG1lbnQtb25seS1ub3QtYS1zZWNyZXQtbGVkaWdoZWRzcHJvZmls';

/**
 * Example clients used when no API keys are configured outside production: one per role and an admin
 * holding every role, all of fund 15; an admin of a second fund (42); an operator without a fund. The
 * keys are public (README), so they never pass in production.
 */
export const DEVELOPMENT_API_KEYS: readonly { id: string; key: string; roles: ApiKeyEntry['roles']; fund?: string }[] = [
  { id: 'example-create', key: 'dev-create-0000000000000000000000000000', roles: ['screening:create'], fund: '15' },
  { id: 'example-read', key: 'dev-read-00000000000000000000000000000000', roles: ['screening:read'], fund: '15' },
  { id: 'example-assess', key: 'dev-assess-0000000000000000000000000000', roles: ['screening:assess'], fund: '15' },
  {
    id: 'example-admin',
    key: 'dev-admin-000000000000000000000000000000',
    roles: ['screening:create', 'screening:read', 'screening:assess', 'admin'],
    fund: '15',
  },
  // A second fund, so the demonstration can show that one fund does not see another's members.
  {
    id: 'example-other-fund',
    key: 'dev-fund42-00000000000000000000000000000',
    roles: ['screening:create', 'screening:read', 'screening:assess', 'admin'],
    fund: '42',
  },
  // An operator without a fund: models and metrics, and a 403 on every citizen or screening operation.
  { id: 'example-operator', key: 'dev-operator-0000000000000000000000000000', roles: ['admin'] },
  // The fund's register import: records outcomes of benefit periods (issue 9.2).
  { id: 'example-outcomes', key: 'dev-outcomes-00000000000000000000000000', roles: ['outcome:write'], fund: '15' },
  // Live monitoring of fund 15 only: counts and statistics, no citizen operation.
  { id: 'example-monitor', key: 'dev-monitor-0000000000000000000000000000', roles: ['monitor:read'], fund: '15' },
];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The validated configuration the app is built from; tests construct it directly. */
export interface ServiceConfig {
  host: string;
  port: number;
  /** 'production' switches off the development defaults. */
  nodeEnv: string;
  database: StorageConfig;
  /** Folder holding model artifacts; every `*.json` in it is loaded. */
  modelDir: string;
  activeModelVersion: string;
  /**
   * ALLOW_SIMULATED_MODEL: in production, a model trained on simulated data may be active (a warning is
   * logged); otherwise it is refused at start and at activation. Left out (tests): false.
   */
  allowSimulatedModel?: boolean;
  /** MODEL_POLL_MS: how often each instance looks for model activations and publications (default 1000). */
  modelPollMs?: number;
  /** The CPR hashing secret as bytes (≥ 32): `cprSecrets.current.secret`. */
  cprSecret: Buffer;
  /** The CPR hashing secrets with their ids: the current one, and the previous one still tried on lookups. */
  cprSecrets: CprSecrets;
  /** The key-encryption keys wrapping each citizen's data key (special-category data at rest). */
  dataKeys: KeyRing;
  apiKeys: ApiKeyEntry[];
  logLevel: (typeof LOG_LEVELS)[number];
  /** Requests per client (per IP for health) in each window. */
  rateLimit: { max: number; windowMs: number };
  /** Failed authentications (401) and refused roles (403) per client address in each rate-limit window; past it, 429. */
  authFailureLimit: number;
  /** Members one client may have scored per minute over all `POST /v1/score` batches. */
  scoreMembersPerMinute: number;
  /** The public explorer page (/explorer) and its scoring operation; EXPLORER_ENABLED, on by default outside production. */
  explorerEnabled: boolean;
  /** Members the explorer's public scoring operation scores per client address per minute. */
  explorerScoresPerMinute: number;
  /** Redis holding the rate-limit counters, shared by every instance; null: each instance counts in memory. */
  rateLimitRedis: { url: string; keyPrefix: string } | null;
  /** Largest accepted request body in bytes; larger bodies get 413. */
  bodyLimit: number;
  /** Most members one `POST /v1/score` may carry. */
  scoreBatchLimit: number;
  /** Optional JSON file overriding the screening policy (referral rule, activity table). */
  screeningPolicyFile: string | null;
  /** Trust X-Forwarded-* from a reverse proxy (for client IPs in rate limiting and logs). */
  trustProxy: boolean;
  /**
   * The retention job: what it deletes and how often it runs (`firstDelayMs`, tests only: from ready to
   * the first run, default a minute); null when neither screenings nor audit entries are ever deleted
   * (both variables unset).
   */
  retention: { policy: RetentionPolicy; intervalMs: number; firstDelayMs?: number } | null;
  /**
   * How often the monitoring gauges are refreshed (MONITORING_REFRESH_SECONDS; 0: never) and, tests
   * only, the delay from ready to the first refresh. Left out (tests building a config by hand): off.
   */
  monitoring?: { refreshMs: number; firstDelayMs?: number };
  /** The fund's name, contact line and logo (PNG/JPEG bytes) for the PDF's header; left out, the header has none. */
  fund?: FundBranding;
  /** Which development defaults were used, to warn about loudly at start. */
  developmentDefaults: string[];
}

/** The fund's branding on the caseworker's PDF. */
export interface FundBranding {
  name: string | null;
  contact: string | null;
  logo: Buffer | null;
}

/** A configuration problem, naming the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const intFrom = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

const boolText = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const KEY_ID_RULE = 'must be a key id: 1–64 letters, digits, _ or -';

/** The variables read, with their rules; unknown variables are ignored (the environment holds many). */
const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: intFrom(0, 65535).default(3000),
  DATABASE_URL: z.string().min(1).default('sqlite:./data/ledighedsprofil.sqlite'),
  DATABASE_SCHEMA: z.string().regex(POSTGRES_SCHEMA_NAME, 'must be a plain lower-case PostgreSQL identifier').optional(),
  DATABASE_POOL_SIZE: intFrom(1, 200).optional(),
  DATABASE_CONNECT_TIMEOUT_MS: intFrom(100, 120_000).optional(),
  MODEL_DIR: z.string().min(1).optional(),
  ACTIVE_MODEL_VERSION: z.string().min(1).default(DEFAULT_MODEL_VERSION),
  ALLOW_SIMULATED_MODEL: boolText.default(false),
  MODEL_POLL_MS: intFrom(50, 1000).default(1000),
  CPR_HMAC_SECRET: z.string().optional(),
  CPR_HMAC_SECRET_ID: z.string().regex(KEY_ID, KEY_ID_RULE).default('cpr-1'),
  CPR_HMAC_SECRET_PREVIOUS: z.string().optional(),
  CPR_HMAC_SECRET_PREVIOUS_ID: z.string().regex(KEY_ID, KEY_ID_RULE).optional(),
  DATA_ENCRYPTION_KEYS: z.string().optional(),
  DATA_ENCRYPTION_KEYS_FILE: z.string().min(1).optional(),
  API_KEYS: z.string().optional(),
  API_KEYS_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  RATE_LIMIT_MAX: intFrom(1, 100_000_000).default(600),
  RATE_LIMIT_WINDOW_SECONDS: intFrom(1, 86_400).default(60),
  RATE_LIMIT_AUTH_FAILURES: intFrom(1, 100_000_000).default(30),
  RATE_LIMIT_REDIS_URL: z
    .string()
    .refine((v) => URL.canParse(v) && /^rediss?:$/.test(new URL(v).protocol), 'must be a redis:// or rediss:// URL')
    .optional(),
  RATE_LIMIT_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:._-]{1,100}$/, 'must be 1 to 100 letters, digits, colons, dots, underscores or hyphens')
    .default('ledighedsprofil:ratelimit:'),
  SCORE_MEMBERS_PER_MINUTE: intFrom(1, 100_000_000).default(20_000),
  EXPLORER_ENABLED: boolText.optional(),
  EXPLORER_SCORES_PER_MINUTE: intFrom(1, 100_000_000).default(60),
  BODY_LIMIT_BYTES: intFrom(1024, 100 * 1024 * 1024).default(1024 * 1024),
  SCORE_BATCH_LIMIT: intFrom(1, 100_000).default(1000),
  SCREENING_POLICY_FILE: z.string().min(1).optional(),
  TRUST_PROXY: boolText.default(false),
  RETENTION_SCREENING_MONTHS: intFrom(0, 1200).optional(),
  RETENTION_AUDIT_YEARS: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number of years, e.g. 0.5, 2 or 5')
    .transform(Number)
    .optional(),
  RETENTION_INTERVAL_HOURS: intFrom(1, 8760).default(24),
  MONITORING_REFRESH_SECONDS: intFrom(0, 86_400).default(300),
  FUND_NAME: z.string().max(100, 'must be at most 100 characters').optional(),
  FUND_CONTACT: z.string().max(200, 'must be at most 200 characters').optional(),
  FUND_LOGO_FILE: z.string().min(1).optional(),
});

/**
 * Reads the configuration from an environment (process.env by default). Throws ConfigError naming
 * every bad variable. Outside production, a missing CPR secret or API key list falls back to the
 * public development values; in production both are required and the development values refused.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ServiceConfig {
  // Empty variables are treated as unset: `FOO=` in a compose file usually means "not configured".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = envSchema.safeParse(cleaned);
  if (!r.success) {
    throw new ConfigError('invalid configuration:\n' + r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const e = r.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];
  const developmentDefaults: string[] = [];

  let database: StorageConfig | undefined;
  try {
    database = databaseFromUrl(e.DATABASE_URL, cwd);
    if (database.kind === 'postgres') {
      if (e.DATABASE_SCHEMA) database = { ...database, schema: e.DATABASE_SCHEMA };
      if (e.DATABASE_POOL_SIZE) database = { ...database, poolSize: e.DATABASE_POOL_SIZE };
      if (e.DATABASE_CONNECT_TIMEOUT_MS) database = { ...database, connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS };
    }
  } catch {
    problems.push('DATABASE_URL: expected postgres://…, postgresql://…, sqlite:PATH, file:PATH, :memory: or a file path');
  }

  let cprSecret: Buffer | undefined;
  if (e.CPR_HMAC_SECRET === undefined) {
    if (production) problems.push('CPR_HMAC_SECRET: required in production (32 random bytes, hex or base64url)');
    else {
      cprSecret = parseCprSecret(DEVELOPMENT_CPR_SECRET);
      developmentDefaults.push('CPR_HMAC_SECRET');
    }
  } else {
    try {
      cprSecret = parseCprSecret(e.CPR_HMAC_SECRET);
      if (production && e.CPR_HMAC_SECRET.trim() === DEVELOPMENT_CPR_SECRET) {
        problems.push('CPR_HMAC_SECRET: the public development secret must not be used in production');
      }
    } catch (err) {
      problems.push(`CPR_HMAC_SECRET: ${(err as Error).message}`);
    }
  }

  let cprSecrets: CprSecrets | undefined;
  if (cprSecret !== undefined) {
    cprSecrets = { current: { id: e.CPR_HMAC_SECRET_ID, secret: cprSecret }, previous: null };
    if (e.CPR_HMAC_SECRET_PREVIOUS !== undefined) {
      if (e.CPR_HMAC_SECRET_PREVIOUS_ID === undefined) {
        problems.push('CPR_HMAC_SECRET_PREVIOUS_ID: required with CPR_HMAC_SECRET_PREVIOUS (the id the old secret had)');
      } else {
        try {
          cprSecrets.previous = { id: e.CPR_HMAC_SECRET_PREVIOUS_ID, secret: parseCprSecret(e.CPR_HMAC_SECRET_PREVIOUS) };
          checkCprSecrets(cprSecrets);
        } catch (err) {
          problems.push(`CPR_HMAC_SECRET_PREVIOUS: ${(err as Error).message}`);
        }
      }
    } else if (e.CPR_HMAC_SECRET_PREVIOUS_ID !== undefined) {
      problems.push('CPR_HMAC_SECRET_PREVIOUS_ID: set only with CPR_HMAC_SECRET_PREVIOUS');
    }
  }

  const dataKeys = dataKeysFrom(e, production, cwd, problems, developmentDefaults);

  let apiKeys: ApiKeyEntry[] | undefined;
  if (e.API_KEYS !== undefined && e.API_KEYS_FILE !== undefined) {
    problems.push('API_KEYS, API_KEYS_FILE: set one of them, not both');
  } else if (e.API_KEYS === undefined && e.API_KEYS_FILE === undefined) {
    if (production) problems.push('API_KEYS: required in production (or API_KEYS_FILE)');
    else {
      apiKeys = DEVELOPMENT_API_KEYS.map((k) => ({ ...k, roles: [...k.roles] }));
      developmentDefaults.push('API_KEYS');
    }
  } else {
    const name = e.API_KEYS !== undefined ? 'API_KEYS' : 'API_KEYS_FILE';
    let text = e.API_KEYS;
    if (text === undefined) {
      try {
        text = readFileSync(resolve(cwd, e.API_KEYS_FILE!), 'utf8');
      } catch (err) {
        problems.push(`API_KEYS_FILE: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }
    if (text !== undefined) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        problems.push(`${name}: not valid JSON (expected [{"id": …, "keyHash": …, "roles": […]}, …])`);
      }
      if (json !== undefined) {
        const k = apiKeysConfigSchema.safeParse(json);
        if (!k.success) {
          for (const i of k.error.issues) problems.push(`${name}: ${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`);
        } else {
          apiKeys = k.data;
          if (production && k.data.some((c) => c.key !== undefined && DEVELOPMENT_API_KEYS.some((d) => d.key === c.key))) {
            problems.push(`${name}: the public example keys must not be used in production`);
          }
        }
      }
    }
  }

  if (e.SCORE_MEMBERS_PER_MINUTE < e.SCORE_BATCH_LIMIT) {
    problems.push(
      `SCORE_MEMBERS_PER_MINUTE: must be at least SCORE_BATCH_LIMIT (${e.SCORE_BATCH_LIMIT}), or a full batch could never be scored`,
    );
  }

  let auditMonths: number | null = null;
  if (e.RETENTION_AUDIT_YEARS !== undefined) {
    try {
      auditMonths = auditMonthsFromYears(e.RETENTION_AUDIT_YEARS);
    } catch (err) {
      problems.push(`RETENTION_AUDIT_YEARS: ${(err as Error).message}`);
    }
  }
  const screeningMonths = e.RETENTION_SCREENING_MONTHS ?? null;
  let logo: Buffer | null = null;
  if (e.FUND_LOGO_FILE !== undefined) {
    try {
      const file = resolve(cwd, e.FUND_LOGO_FILE);
      // Checked before reading, so a huge file named by mistake is not read into memory.
      if (statSync(file).size > MAX_LOGO_BYTES) problems.push(`FUND_LOGO_FILE: larger than ${MAX_LOGO_BYTES} bytes`);
      else {
        logo = readFileSync(file);
        const problem = logoProblem(logo);
        if (problem) problems.push(`FUND_LOGO_FILE: ${problem}`);
      }
    } catch (err) {
      problems.push(`FUND_LOGO_FILE: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }

  if (problems.length > 0) throw new ConfigError('invalid configuration:\n' + problems.map((p) => '  ' + p).join('\n'));
  return {
    host: e.HOST,
    port: e.PORT,
    nodeEnv: e.NODE_ENV,
    database: database!,
    modelDir: e.MODEL_DIR === undefined ? resolve(PACKAGE_ROOT, 'models') : resolve(cwd, e.MODEL_DIR),
    activeModelVersion: e.ACTIVE_MODEL_VERSION,
    allowSimulatedModel: e.ALLOW_SIMULATED_MODEL,
    modelPollMs: e.MODEL_POLL_MS,
    cprSecret: cprSecret!,
    cprSecrets: cprSecrets!,
    dataKeys: dataKeys!,
    apiKeys: apiKeys!,
    logLevel: e.LOG_LEVEL,
    rateLimit: { max: e.RATE_LIMIT_MAX, windowMs: e.RATE_LIMIT_WINDOW_SECONDS * 1000 },
    authFailureLimit: e.RATE_LIMIT_AUTH_FAILURES,
    scoreMembersPerMinute: e.SCORE_MEMBERS_PER_MINUTE,
    // Off by default in production: publishing the model is the fund's decision, made by setting it.
    explorerEnabled: e.EXPLORER_ENABLED ?? !production,
    explorerScoresPerMinute: e.EXPLORER_SCORES_PER_MINUTE,
    rateLimitRedis: e.RATE_LIMIT_REDIS_URL === undefined ? null : { url: e.RATE_LIMIT_REDIS_URL, keyPrefix: e.RATE_LIMIT_REDIS_PREFIX },
    bodyLimit: e.BODY_LIMIT_BYTES,
    scoreBatchLimit: e.SCORE_BATCH_LIMIT,
    screeningPolicyFile: e.SCREENING_POLICY_FILE === undefined ? null : resolve(cwd, e.SCREENING_POLICY_FILE),
    trustProxy: e.TRUST_PROXY,
    retention:
      screeningMonths === null && auditMonths === null
        ? null
        : { policy: { screeningMonths, auditMonths }, intervalMs: e.RETENTION_INTERVAL_HOURS * 3_600_000 },
    monitoring: { refreshMs: e.MONITORING_REFRESH_SECONDS * 1000 },
    fund: { name: e.FUND_NAME?.trim() || null, contact: e.FUND_CONTACT?.trim() || null, logo },
    developmentDefaults,
  };
}

/**
 * DATA_ENCRYPTION_KEYS (JSON) or DATA_ENCRYPTION_KEYS_FILE (a file holding it): the key ring wrapping the
 * citizens' data keys. Outside production a missing ring falls back to the public development ring; in
 * production it is required and a ring holding the development key is refused.
 */
function dataKeysFrom(
  e: z.output<typeof envSchema>,
  production: boolean,
  cwd: string,
  problems: string[],
  developmentDefaults: string[],
): KeyRing | undefined {
  if (e.DATA_ENCRYPTION_KEYS !== undefined && e.DATA_ENCRYPTION_KEYS_FILE !== undefined) {
    problems.push('DATA_ENCRYPTION_KEYS, DATA_ENCRYPTION_KEYS_FILE: set one of them, not both');
    return undefined;
  }
  if (e.DATA_ENCRYPTION_KEYS === undefined && e.DATA_ENCRYPTION_KEYS_FILE === undefined) {
    if (production) {
      problems.push('DATA_ENCRYPTION_KEYS: required in production (or DATA_ENCRYPTION_KEYS_FILE), {"current": …, "keys": {…}}');
      return undefined;
    }
    developmentDefaults.push('DATA_ENCRYPTION_KEYS');
    return parseKeyRing(DEVELOPMENT_KEY_RING_TEXT);
  }
  const name = e.DATA_ENCRYPTION_KEYS !== undefined ? 'DATA_ENCRYPTION_KEYS' : 'DATA_ENCRYPTION_KEYS_FILE';
  let text = e.DATA_ENCRYPTION_KEYS;
  if (text === undefined) {
    try {
      text = readFileSync(resolve(cwd, e.DATA_ENCRYPTION_KEYS_FILE!), 'utf8');
    } catch (err) {
      problems.push(`DATA_ENCRYPTION_KEYS_FILE: cannot read the file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
  }
  try {
    const ring = parseKeyRing(text);
    if (production && usesDevelopmentKey(ring)) problems.push(`${name}: the public development key must not be used in production`);
    return ring;
  } catch (err) {
    if (!(err instanceof KeyRingError)) throw err;
    problems.push(`${name}: ${err.message}`);
    return undefined;
  }
}

/** DATABASE_URL as storage configuration; a bare path is a SQLite file, relative paths from `cwd`. */
export function databaseFromUrl(url: string, cwd: string): StorageConfig {
  const u = url.trim();
  const bare = !/^[a-z][a-z0-9+.-]*:/i.test(u) || /^[A-Za-z]:[\\/]/.test(u);
  const c = bare ? ({ kind: 'sqlite', path: u } as StorageConfig) : storageConfigFromUrl(u);
  if (c.kind === 'sqlite' && c.path !== ':memory:' && !isAbsolute(c.path)) return { kind: 'sqlite', path: resolve(cwd, c.path) };
  return c;
}
