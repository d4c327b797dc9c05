/** STAR's error code for each kind of problem the service can give, as the STAR layer adds it. */
import { describe, expect, it } from 'vitest';
import type { ProblemFacts } from '../../src/service/plugins/errorHandler.js';
import { HttpProblem } from '../../src/service/problem.js';
import { StarProblem, withStarErrorCode } from '../../src/service/routes/star/translate.js';

const facts = (type: ProblemFacts['type'], status: number): ProblemFacts => ({ type, status, detail: 'd' });
const codeOf = (p: ProblemFacts, error: Error = new Error('e')) => withStarErrorCode(p, error).extensions?.ErrorCode;

describe('withStarErrorCode', () => {
  it('gives 1014 to every validation failure, 4575 to authentication and roles', () => {
    for (const type of [
      'validation-error',
      'invalid-json',
      'unsupported-media-type',
      'payload-too-large',
      'personal-data-in-text',
    ] as const) {
      expect(codeOf(facts(type, 400)), type).toBe(1014);
    }
    expect(codeOf(facts('http', 400))).toBe(1014);
    expect(codeOf(facts('unauthenticated', 401))).toBe(4575);
    expect(codeOf(facts('forbidden', 403))).toBe(4575);
  });

  it('gives no code where STAR has none known: a repeated request id, limits, outages, other statuses', () => {
    for (const [type, status] of [
      ['request-id-repeated', 412],
      ['too-many-requests', 429],
      ['service-unavailable', 503],
      ['internal-error', 500],
      ['not-found', 404],
      ['http', 414],
    ] as const) {
      const p = facts(type, status);
      expect(withStarErrorCode(p, new HttpProblem('not-found', 'x'))).toBe(p);
    }
  });

  it("takes a StarProblem's own code (1010 only when the citizen has no result) and keeps other extensions", () => {
    expect(codeOf(facts('not-found', 404), new StarProblem('not-found', 'none', 1010))).toBe(1010);
    expect(codeOf(facts('not-found', 404), new StarProblem('not-found', 'no such id', undefined))).toBeUndefined();
    expect(withStarErrorCode({ ...facts('forbidden', 403), extensions: { other: 'x' } }, new Error()).extensions).toEqual({
      other: 'x',
      ErrorCode: 4575,
    });
  });
});
