/**
 * The one place where the API's member fields become the model's input columns (the names of
 * training/default-spec.json). A model needing a column this mapping does not supply cannot be
 * served: {@link unsuppliedColumns} is checked at start-up.
 */
import type { Region } from '../../data/cohort/levels.js';
import { regionOfMunicipality } from '../../data/cohort/municipalities.js';
import type { Member, MemberInput } from './memberSchema.js';

/** Each model input column and the API field it comes from (a dotted path in the request). */
export const MODEL_COLUMN_SOURCES = {
  age: 'member.age',
  gender: 'member.gender',
  experience_years: 'member.experienceYears',
  education: 'member.education',
  from_sickness_benefit: 'member.fromSicknessBenefit',
  prior_dagpenge_hours: 'member.priorDagpengeHours',
  earlier_spells: 'member.earlierSpells',
  municipality: 'member.municipality',
  region: 'member.region',
  origin: 'member.origin',
  disco_code: 'member.discoCode',
  industry: 'member.industry',
  dimittend: 'member.dimittend',
  previous_income: 'member.previousIncome',
  children_at_home: 'member.childrenAtHome',
  q2_job_expectation: 'questionnaire.q2JobExpectation',
  q10_barriers: 'questionnaire.q10Barriers',
} as const;

/** A model input column this service can supply. */
export type ModelColumn = keyof typeof MODEL_COLUMN_SOURCES;

/** The record the scorer reads, keyed by model input column; null where the member's value is unknown. */
export function toModelRecord(input: MemberInput): Record<ModelColumn, unknown> {
  const m = input.member;
  const q = input.questionnaire;
  const municipality = m.municipality ?? null;
  return {
    age: m.age,
    gender: m.gender ?? null,
    experience_years: m.experienceYears,
    education: m.education,
    from_sickness_benefit: m.fromSicknessBenefit,
    prior_dagpenge_hours: m.priorDagpengeHours,
    earlier_spells: m.earlierSpells,
    municipality,
    region: regionOf(m),
    origin: m.origin ?? null,
    disco_code: m.discoCode,
    industry: m.industry,
    dimittend: m.dimittend,
    previous_income: m.previousIncome,
    children_at_home: m.childrenAtHome,
    q2_job_expectation: q.q2JobExpectation,
    q10_barriers: q.q10HasBarriers ? q.q10Barriers : [],
  };
}

/** The member's region: as given, else the region of the municipality; null when neither is known. */
export function regionOf(m: Member): Region | null {
  const municipality = m.municipality ?? null;
  // The schema has already checked that a given region agrees with the municipality.
  return m.region ?? (municipality === null ? null : (regionOfMunicipality(municipality) ?? null));
}

/** The columns among `columns` (a model's inputs) that the mapping does not supply. */
export function unsuppliedColumns(columns: readonly string[]): string[] {
  return columns.filter((c) => !Object.hasOwn(MODEL_COLUMN_SOURCES, c));
}

/** The API field a model column comes from, for error messages; the column itself when unknown. */
export function apiFieldOfColumn(column: string): string {
  return Object.hasOwn(MODEL_COLUMN_SOURCES, column) ? MODEL_COLUMN_SOURCES[column as ModelColumn] : column;
}
