/**
 * A client generated from openapi/openapi.json: openapi-typescript writes the types, and tsc checks a
 * call of every operation against them (test/fixtures/openapi-client/calls.ts), so the document is one
 * an integrator can generate a client from and call every operation with. Pairs of controls that
 * differ by one token (a wrong field type, a wrong enum value, a missing CPR header, a misread answer,
 * an unknown operation) show that the check refuses a wrong call rather than accepting anything.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_FILE } from '../../src/service/openapi.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CALLS = join(ROOT, 'test', 'fixtures', 'openapi-client', 'calls.ts');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

const MEMBER = `{ age: 57, experienceYears: 20, education: 'grundskole', fromSicknessBenefit: true, priorDagpengeHours: 800,
  earlierSpells: 3, municipality: '101', discoCode: '9112', industry: 'handel_transport', dimittend: false,
  previousIncome: 250000, childrenAtHome: false }`;
const QUESTIONNAIRE = `{ q2JobExpectation: 'ved_ikke', q10HasBarriers: false }`;

/** Each control: a call that compiles, and the one change that must make it fail. */
const CONTROLS: Record<string, { right: string; from: string; to: string; error: RegExp }> = {
  fieldType: {
    right: `await client.send('scoreMembers', { parameters: {}, body: { members: [{ member: ${MEMBER}, questionnaire: ${QUESTIONNAIRE} }] } });`,
    from: 'age: 57',
    to: "age: '57'",
    error: /^TS2322: Type 'string' is not assignable to type 'number'/,
  },
  enumValue: {
    right: `await client.send('createScreening', { parameters: {}, body: { cpr: '010101-1234', member: ${MEMBER},
      questionnaire: ${QUESTIONNAIRE}, occasion: 'first_interview' } });`,
    from: "'first_interview'",
    to: "'first_meeting'",
    error: /^TS2322: Type '"first_meeting"' is not assignable to type .*"first_interview"/,
  },
  missingCprHeader: {
    right: `await client.send('getScreeningResult', { parameters: { header: { 'x-civil-registration-identifier': '010101-1234' } } });`,
    from: "{ header: { 'x-civil-registration-identifier': '010101-1234' } }",
    to: '{}',
    error: /^TS2741: Property 'header' is missing .*"x-civil-registration-identifier": string/,
  },
  answerType: {
    right: `const r = await client.send('scoreMembers', { parameters: {}, body: { members: [{ member: ${MEMBER}, questionnaire: ${QUESTIONNAIRE} }] } });
      if (r.status === 200) { const p: number = r.body.results[0].probability; void p; }`,
    from: 'const p: number',
    to: 'const p: string',
    error: /^TS2322: Type 'number' is not assignable to type 'string'/,
  },
  unknownOperation: {
    right: `await client.send('getScreeningResult', { parameters: { header: { 'x-civil-registration-identifier': '010101-1234' } } });`,
    from: "'getScreeningResult'",
    to: "'getScreeningResults'",
    error: /^TS2345: Argument of type '"getScreeningResults"' is not assignable to parameter of type 'keyof operations'/,
  },
};

/** A control's source file. */
function controlSource(call: string): string {
  return `import type { Client } from './calls.js';\nexport async function control(client: Client): Promise<void> {\n  ${call}\n}\n`;
}

/** The operationIds of the document. */
function operationIds(doc: { paths: Record<string, Record<string, { operationId?: string }>> }): string[] {
  const ids: string[] = [];
  for (const item of Object.values(doc.paths)) {
    for (const [method, op] of Object.entries(item)) if (METHODS.includes(method)) ids.push(op.operationId ?? `(none: ${method})`);
  }
  return ids.sort();
}

describe('a TypeScript client generated from openapi/openapi.json', () => {
  const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
  let dir: string;
  /** tsc's errors per file name. */
  const errors = new Map<string, string[]>();
  let tscExit: number | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openapi-client-'));
    // defaultNonNullable (on by default in openapi-typescript 7) would make a property with a default
    // required in every component, request bodies' included (openapi-ts/openapi-typescript#2489); the
    // document says what is required itself, apart for input (QuestionnaireInput) and output.
    writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(doc, { defaultNonNullable: false })));
    copyFileSync(CALLS, join(dir, 'calls.ts'));
    const files = ['api.ts', 'calls.ts'];
    for (const [name, c] of Object.entries(CONTROLS)) {
      expect(c.right, name).toContain(c.from);
      writeFileSync(join(dir, `${name}.right.ts`), controlSource(c.right));
      writeFileSync(join(dir, `${name}.wrong.ts`), controlSource(c.right.replace(c.from, c.to)));
      files.push(`${name}.right.ts`, `${name}.wrong.ts`);
    }
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2022'],
          types: [],
          noUnusedLocals: true,
        },
        files,
      }),
    );
    try {
      await promisify(execFile)(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { cwd: dir });
      tscExit = 0;
    } catch (e) {
      const err = e as { code?: number; stdout?: string };
      tscExit = err.code ?? -1;
      for (const line of (err.stdout ?? '').split('\n')) {
        const m = /^([^(]+)\(\d+,\d+\): error (TS\d+: .*)$/.exec(line.trim());
        if (m) errors.set(m[1], [...(errors.get(m[1]) ?? []), m[2]]);
        else if (line.trim() !== '' && !line.startsWith(' ')) errors.set('(other)', [...(errors.get('(other)') ?? []), line]);
      }
    }
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has a call of every operation in the document, and of nothing else', async () => {
    const { calls } = (await import(pathToFileURL(CALLS).href)) as { calls: Record<string, unknown> };
    expect(Object.keys(calls).sort()).toEqual(operationIds(doc));
  });

  it('type-checks every call against the generated types', () => {
    const ours = ['api.ts', 'calls.ts', ...Object.keys(CONTROLS).map((n) => `${n}.right.ts`), '(other)'];
    expect(Object.fromEntries(ours.filter((f) => errors.has(f)).map((f) => [f, errors.get(f)]))).toEqual({});
  });

  it('refuses each wrong call that differs from a right one by one token', () => {
    // The controls fail, so tsc as a whole fails; each wrong file must be among the failures.
    expect(tscExit).not.toBe(0);
    // Each for the one reason its change gives, and for nothing else.
    for (const [name, c] of Object.entries(CONTROLS)) {
      const found = errors.get(`${name}.wrong.ts`) ?? [];
      expect(found, name).toHaveLength(1);
      expect(found[0], name).toMatch(c.error);
    }
  });
});
