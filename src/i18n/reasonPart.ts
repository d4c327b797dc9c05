/**
 * The vocabulary shared by the screening's rule language and its Danish wording: one matched part of a
 * policy condition. It lives here, below src/screening, because i18n/da.ts turns it into text and must
 * not import the layer above it.
 */
import type { EducationLevel, Q10Barrier, Q2Answer } from '../data/cohort/levels.js';

/** One matched part of a condition, turned into Danish by i18n/da.ts. */
export type ReasonPart =
  | { kind: 'all' }
  | { kind: 'targetGroup'; group: 1 | 2 }
  | { kind: 'subgroup'; subgroup: '2a' | '2b' }
  | { kind: 'barriers'; barriers: Q10Barrier[] }
  | { kind: 'barrierCount'; count: number }
  | { kind: 'q2'; answer: Q2Answer }
  | { kind: 'dimittend'; value: boolean }
  | { kind: 'fromSicknessBenefit'; value: boolean }
  | { kind: 'education'; level: EducationLevel | null }
  | { kind: 'age'; age: number }
  | { kind: 'referred'; value: boolean; because?: string[] };
