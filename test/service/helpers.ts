/**
 * Building the app for tests: configuration from a test environment, a fresh database (SQLite in
 * memory or a throw-away PostgreSQL schema), log capture, example members and CPR numbers.
 */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../../src/service/app.js';
import { configFromEnv, DEVELOPMENT_API_KEYS, type ServiceConfig } from '../../src/service/config.js';
import { openRepository } from '../../src/storage/openRepository.js';
import type { Repository } from '../../src/storage/repository.js';
import { dropSchema, postgresProblem, randomSchemaName, TEST_DATABASE_URL } from '../storage/postgresTestSchema.js';

/** The example keys by role (fund 15), the second fund's admin (fund 42, every role) and the operator without a fund. */
export const KEYS = {
  create: DEVELOPMENT_API_KEYS[0].key,
  read: DEVELOPMENT_API_KEYS[1].key,
  assess: DEVELOPMENT_API_KEYS[2].key,
  admin: DEVELOPMENT_API_KEYS[3].key,
  otherFund: DEVELOPMENT_API_KEYS[4].key,
  operator: DEVELOPMENT_API_KEYS[5].key,
  outcomes: DEVELOPMENT_API_KEYS[6].key,
  monitor: DEVELOPMENT_API_KEYS[7].key,
} as const;

/** Authorization header for a key. */
export const auth = (key: string) => ({ authorization: `Bearer ${key}` });

/** Test CPR numbers: real dates; the second fails modulus 11 (valid since 2007). */
export const CPR = ['0707614285', '0707614286', '2902964321', '1203855678', '0101204000'] as const;

/** A member at high risk by the bundled model's coefficients (older, grundskole, barriers). */
export function sampleMember() {
  return {
    member: {
      age: 57,
      gender: 'kvinde',
      experienceYears: 20,
      education: 'grundskole',
      fromSicknessBenefit: true,
      priorDagpengeHours: 800,
      earlierSpells: 3,
      municipality: '101',
      origin: 'dansk',
      discoCode: '9112',
      industry: 'handel_transport',
      dimittend: false,
      previousIncome: 250000,
      childrenAtHome: false,
    },
    questionnaire: { q2JobExpectation: 'over_6_maaneder', q10HasBarriers: true, q10Barriers: ['fysisk_helbred', 'it'] },
  };
}

/** A member at low risk. */
export function lowRiskMember() {
  return {
    member: {
      age: 34,
      experienceYears: 10,
      education: 'lang_videregaaende',
      fromSicknessBenefit: false,
      priorDagpengeHours: 0,
      earlierSpells: 0,
      region: 'hovedstaden',
      discoCode: '2512',
      industry: 'information_kommunikation',
      dimittend: false,
      previousIncome: 520000,
      childrenAtHome: true,
    },
    questionnaire: { q2JobExpectation: 'inden_1_maaned', q10HasBarriers: false, q10Barriers: [] },
  };
}

/** Configuration as a test environment would give it. */
export function testConfig(env: Record<string, string> = {}): ServiceConfig {
  return configFromEnv({ NODE_ENV: 'test', DATABASE_URL: ':memory:', LOG_LEVEL: 'silent', ...env });
}

/** Captures log lines written by the app. */
export function logCapture(): { stream: Writable; lines: string[]; text(): string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { stream, lines, text: () => lines.join('') };
}

/** The databases the service suite runs against. */
export type DatabaseKind = 'sqlite' | 'postgres';

/** Null when PostgreSQL answers, else why not. */
export const postgresUnavailable = await postgresProblem();

/** Whether to run the PostgreSQL variant; fails loudly in CI when the server is missing. */
export function databaseKinds(): DatabaseKind[] {
  if (postgresUnavailable === null) return ['sqlite', 'postgres'];
  if (process.env.CI) throw new Error(postgresUnavailable);
  console.warn(`Skipping the PostgreSQL service tests: ${postgresUnavailable}`);
  return ['sqlite'];
}

/** An app on a fresh database, and how to dispose of both. */
export interface TestApp {
  app: FastifyInstance;
  repository: Repository;
  config: ServiceConfig;
  close(): Promise<void>;
}

/** Builds a ready app on a fresh database of the given kind. */
export async function startApp(
  kind: DatabaseKind = 'sqlite',
  env: Record<string, string> = {},
  options: BuildOptions = {},
): Promise<TestApp> {
  let schema: string | undefined;
  let config: ServiceConfig;
  if (kind === 'postgres') {
    schema = randomSchemaName();
    config = testConfig({ DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, ...env });
  } else {
    config = testConfig(env);
  }
  const repository =
    options.repository ??
    (await openRepository(config.database, { dataKeys: config.dataKeys, citizenKeyId: config.cprSecrets.current.id }));
  const app = await buildApp(config, { ...options, repository });
  await app.ready();
  return {
    app,
    repository,
    config,
    async close() {
      await app.close();
      if (!options.repository) await repository.close();
      if (schema) await dropSchema(schema);
    },
  };
}

/** The header carrying a citizen's CPR number on the citizen operations. */
export const cprHeader = (cpr: string) => ({ 'x-civil-registration-identifier': cpr });
