/**
 * The facts the policy's rules look at, taken from the API's validated member as it is, or read from a
 * member record (a CSV row, keyed by the default specification's columns). They are read here rather
 * than from the model, because a model trained without (say) the dimittend feature must still let the
 * activity table see it.
 */
import { EDUCATION_LEVELS, Q10_BARRIERS, Q2_ANSWERS, type EducationLevel, type Q10Barrier } from '../data/cohort/levels.js';
import type { FieldProblem } from '../model/encoding/compileEncoder.js';
import { isMissing, parseBoolean, parseNumber, ValueProblem } from '../model/encoding/parseValue.js';
import type { MemberFacts } from './conditions.js';
import type { MemberInput } from './member/memberSchema.js';

/** The input columns the rules read. */
export const MEMBER_FACT_COLUMNS = {
  barriers: 'q10_barriers',
  q2: 'q2_job_expectation',
  dimittend: 'dimittend',
  fromSicknessBenefit: 'from_sickness_benefit',
  education: 'education',
  age: 'age',
} as const;

/** Separator of Q10 barriers given as one string, as in the CSV files and the default specification. */
const BARRIER_SEPARATOR = ';';

/** The facts the member's own data give, before the score decides group, subgroup and referral. */
export type MemberOwnFacts = Omit<MemberFacts, 'targetGroup' | 'subgroup' | 'referred'>;

/** The facts of the API's member, which its schema has already validated: nothing to parse. */
export function memberInputFacts(input: MemberInput): MemberOwnFacts {
  const m = input.member;
  const q = input.questionnaire;
  const ticked = q.q10HasBarriers ? q.q10Barriers : [];
  return {
    barriers: Q10_BARRIERS.filter((b) => ticked.includes(b)),
    q2: q.q2JobExpectation,
    dimittend: m.dimittend,
    fromSicknessBenefit: m.fromSicknessBenefit,
    education: m.education,
    age: m.age,
  };
}

/** The member's facts, or the fields that could not be read. */
export function readMemberFacts(member: Readonly<Record<string, unknown>>): { facts: MemberOwnFacts } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const read = <T>(field: string, parse: (raw: unknown) => T): T | null => {
    const raw = member[field];
    if (isMissing(raw)) return null;
    try {
      return parse(raw);
    } catch (err) {
      if (!(err instanceof ValueProblem)) throw err;
      problems.push({ field, reason: err.message });
      return null;
    }
  };
  const facts: MemberOwnFacts = {
    barriers: read(MEMBER_FACT_COLUMNS.barriers, parseBarriers) ?? [],
    q2: read(MEMBER_FACT_COLUMNS.q2, (raw) => parseCode(raw, Q2_ANSWERS)),
    dimittend: read(MEMBER_FACT_COLUMNS.dimittend, (raw) => parseBoolean(raw) === 1),
    fromSicknessBenefit: read(MEMBER_FACT_COLUMNS.fromSicknessBenefit, (raw) => parseBoolean(raw) === 1),
    education: read(MEMBER_FACT_COLUMNS.education, (raw) => parseCode<EducationLevel>(raw, EDUCATION_LEVELS)),
    age: read(MEMBER_FACT_COLUMNS.age, parseNumber),
  };
  return problems.length > 0 ? { problems } : { facts };
}

/** Q10 barriers from "a;b" or ["a", "b"], in the questionnaire's order, without repeats. */
export function parseBarriers(raw: unknown): Q10Barrier[] {
  if (isMissing(raw)) return [];
  const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(BARRIER_SEPARATOR) : null;
  if (items === null || !items.every((x) => typeof x === 'string')) {
    throw new ValueProblem(`expected Q10 barrier codes separated by "${BARRIER_SEPARATOR}" or a list of codes`);
  }
  const ticked = new Set<string>();
  for (const item of items as string[]) {
    const code = item.trim();
    if (code === '') continue;
    if (!(Q10_BARRIERS as readonly string[]).includes(code))
      throw new ValueProblem(`"${code}" is not a Q10 barrier (${Q10_BARRIERS.join(', ')})`);
    ticked.add(code);
  }
  return Q10_BARRIERS.filter((b) => ticked.has(b));
}

function parseCode<T extends string>(raw: unknown, codes: readonly T[]): T {
  const code = typeof raw === 'string' ? raw.trim() : undefined;
  if (code === undefined || !(codes as readonly string[]).includes(code)) {
    throw new ValueProblem(`expected one of ${codes.join(', ')}`);
  }
  return code as T;
}
