import { describe, expect, it, vi } from 'vitest';
import { EXAMPLE_MEMBER_INPUT, type MemberInput } from '../../src/screening/member/memberSchema.js';
import { toModelRecord } from '../../src/screening/member/modelInput.js';
import { parseScreeningPolicy } from '../../src/screening/policy.js';
import {
  buildScreeningResult,
  scoreMemberInput,
  ScreeningInputError,
  screeningOptionsOf,
  screenMemberInput,
} from '../../src/screening/screeningResult.js';
import { createScorer } from '../../src/model/scorer.js';
import { bundledScorer } from './helpers.js';

const scorer = bundledScorer();
const policy = parseScreeningPolicy({ version: 'p', factors: { count: 5, minAbsContribution: 0 } });

const inputs: MemberInput[] = [
  EXAMPLE_MEMBER_INPUT,
  {
    member: {
      ...EXAMPLE_MEMBER_INPUT.member,
      municipality: '851',
      education: null,
      industry: null,
      discoCode: null,
      jobGoalWithinTradeAreas: false,
    },
    // Out of the questionnaire's order: the facts put the barriers in its order, as the record path does.
    questionnaire: { q2JobExpectation: 'inden_3_maaneder', q10HasBarriers: true, q10Barriers: ['sprog', 'misbrug', 'fysisk_helbred'] },
  },
  {
    member: {
      ...EXAMPLE_MEMBER_INPUT.member,
      age: 24,
      dimittend: true,
      fromSicknessBenefit: false,
      municipality: null,
      region: 'syddanmark',
      jobGoalWithinTradeAreas: null,
    },
    questionnaire: { q2JobExpectation: 'inden_1_maaned', q10HasBarriers: false, q10Barriers: [] },
  },
];

describe('screenMemberInput', () => {
  it('gives exactly the outcome of the record path, for a record built from the same member', () => {
    for (const input of inputs) {
      const typed = screenMemberInput(scorer, input, policy);
      expect(typed).toEqual(buildScreeningResult(scorer, toModelRecord(input), policy, screeningOptionsOf(input)));
      const { baselineLinearPredictor: _b, factors: _f, activities: _a, ...score } = typed;
      expect(scoreMemberInput(scorer, input, policy)).toEqual(score);
    }
  });

  it('scores the member once', () => {
    const own = createScorer(scorer.artifact);
    const score = vi.spyOn(own, 'score');
    const encode = vi.spyOn(own.encoder, 'encodeRecord');
    screenMemberInput(own, EXAMPLE_MEMBER_INPUT, policy);
    expect(score).toHaveBeenCalledTimes(1);
    expect(encode).toHaveBeenCalledTimes(1);
  });

  it('reports what the model cannot score in model columns', () => {
    const input = { ...EXAMPLE_MEMBER_INPUT, member: { ...EXAMPLE_MEMBER_INPUT.member, age: 15 } };
    const restricted = createScorer({
      ...scorer.artifact,
      encoding: {
        ...scorer.artifact.encoding,
        features: scorer.artifact.encoding.features.map((ff) =>
          ff.spec.name === 'age' ? { ...ff, spec: { ...ff.spec, min: 18 } as typeof ff.spec } : ff,
        ),
      },
    });
    expect(() => screenMemberInput(restricted, input, policy)).toThrow(ScreeningInputError);
    try {
      screenMemberInput(restricted, input, policy);
    } catch (err) {
      expect((err as ScreeningInputError).problems.map((p) => p.field)).toEqual(['age']);
    }
  });
});
