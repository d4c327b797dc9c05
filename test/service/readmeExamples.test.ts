/**
 * The README's API examples, as written there: the create, the CPR-header reads, the assessment
 * addressed to the created screening's id, and the `/v1/score` body, each taken from README.md and sent
 * to the service, with the figures the README states checked against the answers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApp, type TestApp } from './helpers.js';

const README = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** The one match of `pattern` in the README, or a failure naming what is missing. */
function fromReadme(pattern: RegExp, what: string): RegExpExecArray {
  const m = pattern.exec(README);
  if (!m) throw new Error(`README.md has no ${what} (${pattern})`);
  return m;
}

/** The key after `Authorization: Bearer` in a piece of README text. */
function bearer(text: string): string {
  return matchIn(text, /Authorization: Bearer ([\w-]+)/, 'bearer key')[1];
}

/** The match of `pattern` in a piece of README text, or a failure naming what is missing. */
function matchIn(text: string, pattern: RegExp, what: string): RegExpExecArray {
  const m = pattern.exec(text);
  if (!m) throw new Error(`README.md: no ${what} in ${text.slice(0, 80)}…`);
  return m;
}

const create = fromReadme(
  /curl -s -X POST http:\/\/127\.0\.0\.1:3000\/v1\/screenings \\\n([\s\S]*?)-d '(\{[\s\S]*?\})'\n/,
  'create example',
);
const reads = fromReadme(/KEY='(Authorization: Bearer [\w-]+)'\nCPR='X-Civil-Registration-Identifier: (\d+)'/, 'KEY and CPR lines');
const assessment = fromReadme(
  /curl -s -X PUT http:\/\/127\.0\.0\.1:3000\/v1\/screenings\/<id>\/assessment \\\n([\s\S]*?)-d '(\{[^']*\})'/,
  'assessment example',
);
const score = fromReadme(
  /curl -s -X POST '(http:\/\/127\.0\.0\.1:3000)(\/v1\/score[^']*)' \\\n([\s\S]*?)-d @score\.json\n```/,
  'score curl',
);
const scoreBody = fromReadme(/with `score\.json`:\n\n```json\n([\s\S]*?)\n```/, 'score.json block');
const scoreFigures = fromReadme(
  /probabilities (0\.\d+) \(målgruppe (\d)\) and (0\.\d+)\s+\(målgruppe (\d)\)/,
  'the figures of the score example',
);
const createFigures = fromReadme(/the probability \((0\.\d+) here\)[\s\S]*?the målgruppe \((\d), subgroup (\w+)\)/, 'the create figures');

describe("the README's API examples", () => {
  let t: TestApp;

  beforeAll(async () => {
    // The create example is dated (its benefit period starts 2026-11-16; a screening is at most 366 days
    // after it): the service's clock is set to a day soon after, as when the example was written.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-20T09:30:00Z'));
    t = await startApp();
  });

  afterAll(async () => {
    await t.close();
    vi.useRealTimers();
  });

  it('creates the screening, whose id the reads return and the assessment is addressed to', async () => {
    const headers = {
      authorization: `Bearer ${bearer(create[1])}`,
      'idempotency-key': matchIn(create[1], /Idempotency-Key: ([\w-]+)/, 'key')[1],
    };
    const created = await t.app.inject({ method: 'POST', url: '/v1/screenings', headers, payload: JSON.parse(create[2]) });
    expect(created.statusCode, created.body).toBe(201);
    const s = created.json();
    expect(s.probability.toFixed(2)).toBe(createFigures[1]);
    expect(String(s.targetGroup)).toBe(createFigures[2]);
    expect(s.subgroup).toBe(createFigures[3]);
    expect(created.headers.location).toBe(`/v1/screenings/${s.id}`);

    const readHeaders = { authorization: reads[1].replace('Authorization: ', ''), 'x-civil-registration-identifier': reads[2] };
    const exists = await t.app.inject({ method: 'GET', url: '/v1/citizen/screening-result/exists', headers: readHeaders });
    expect(exists.json()).toMatchObject({ exists: true, screeningId: s.id });
    const latest = await t.app.inject({ method: 'GET', url: '/v1/citizen/screening-result', headers: readHeaders });
    expect(latest.json().id).toBe(s.id);

    const assessed = await t.app.inject({
      method: 'PUT',
      url: `/v1/screenings/${s.id}/assessment`,
      headers: { authorization: `Bearer ${bearer(assessment[1])}` },
      payload: JSON.parse(assessment[2]),
    });
    expect(assessed.statusCode, assessed.body).toBe(201);
    const after = await t.app.inject({ method: 'GET', url: '/v1/citizen/screening-result', headers: readHeaders });
    expect(after.json().assessment.id).toBe(assessed.json().id);
  });

  it('scores the /v1/score body as the README says', async () => {
    const body = JSON.parse(scoreBody[1]);
    const res = await t.app.inject({
      method: 'POST',
      url: score[2],
      headers: { authorization: `Bearer ${bearer(score[3])}` },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    const results = res.json().results;
    expect(results).toHaveLength(body.members.length);
    expect(results.map((r: { probability: number }) => r.probability.toFixed(2))).toEqual([scoreFigures[1], scoreFigures[3]]);
    expect(results.map((r: { targetGroup: number }) => String(r.targetGroup))).toEqual([scoreFigures[2], scoreFigures[4]]);
    // ?explain=true, as in the README's URL: factors and activities come with each result.
    expect(score[2]).toContain('explain=true');
    for (const r of results) expect(r.factors.length).toBeGreaterThan(0);
  });
});
