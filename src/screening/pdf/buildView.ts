/**
 * Builds the PDF's view from a screening: the outcome as it is, and the API's validated member turned
 * into the Danish text the page prints. The page itself formats nothing about the member.
 */
import { Q10_BARRIERS } from '../../data/cohort/levels.js';
import { CODE_LABELS_DA, FEATURE_NAMES_DA, numericValueDa, PDF_TEXT_DA } from '../../i18n/da.js';
import type { MemberInput } from '../member/memberSchema.js';
import { regionOf } from '../member/modelInput.js';
import type { ScreeningOutcome } from '../screeningResult.js';
import type { PdfCorrection, PdfCurrent, PdfFund, PdfMember, ScreeningPdfView } from './view.js';

/** The PDF view of an outcome and the member it was computed for. */
export function pdfViewFromOutcome(
  outcome: ScreeningOutcome,
  extra: {
    maskedCpr: string;
    screenedAt: string;
    member: MemberInput;
    screeningId?: string | null;
    correction?: PdfCorrection | null;
    earlierCorrections?: PdfCorrection[];
    current?: PdfCurrent | null;
    fund?: PdfFund;
    printedAt?: string | null;
    timing?: ScreeningPdfView['timing'];
  },
): ScreeningPdfView {
  return { ...outcome, ...extra, member: pdfMember(extra.member) };
}

/** The member's answers and characteristics as printed. Gender and origin are left out: they are not needed for the interview. */
export function pdfMember(input: MemberInput): PdfMember {
  const m = input.member;
  const q = input.questionnaire;
  const ticked = q.q10HasBarriers ? q.q10Barriers : [];
  const yesNo = (flag: boolean) => (flag ? PDF_TEXT_DA.yes : PDF_TEXT_DA.no);
  const num = (feature: string, value: number) => numericValueDa(feature, value);
  const code = <T extends string>(table: Readonly<Record<T, string>>, value: T | null) =>
    value === null ? PDF_TEXT_DA.unknown : (table[value] ?? value);
  const disco = (c: string | null) => {
    if (c === null) return PDF_TEXT_DA.unknown;
    const group = (CODE_LABELS_DA.disco as Record<string, string>)[c.charAt(0)];
    return group ? `${c} – ${group}` : c;
  };
  const rows: [string, string][] = [
    [FEATURE_NAMES_DA.age, num('age', m.age)],
    [FEATURE_NAMES_DA.education, code(CODE_LABELS_DA.education, m.education)],
    [FEATURE_NAMES_DA.experience_years, num('experience_years', m.experienceYears)],
    [FEATURE_NAMES_DA.prior_dagpenge_hours, num('prior_dagpenge_hours', m.priorDagpengeHours)],
    [FEATURE_NAMES_DA.earlier_spells, num('earlier_spells', m.earlierSpells)],
    [FEATURE_NAMES_DA.from_sickness_benefit, yesNo(m.fromSicknessBenefit)],
    [FEATURE_NAMES_DA.dimittend, yesNo(m.dimittend)],
    [FEATURE_NAMES_DA.disco_major, disco(m.discoCode)],
    [FEATURE_NAMES_DA.industry, code(CODE_LABELS_DA.industry, m.industry)],
    [FEATURE_NAMES_DA.region, code(CODE_LABELS_DA.region, regionOf(m))],
    [FEATURE_NAMES_DA.previous_income, num('previous_income', m.previousIncome)],
    [FEATURE_NAMES_DA.children_at_home, yesNo(m.childrenAtHome)],
  ];
  return {
    q2Answer: CODE_LABELS_DA.q2[q.q2JobExpectation],
    q10HasBarriers: q.q10HasBarriers,
    q10Barriers: Q10_BARRIERS.filter((b) => ticked.includes(b)).map((b) => CODE_LABELS_DA.q10[b]),
    characteristics: rows.map(([label, value]) => ({ label, value })),
  };
}
