/**
 * Every Danish text a person reads: factor labels for the model's terms, display texts for the
 * category codes, the texts of the PDF and the member summary. Activity texts are in daActivities.ts,
 * the model workbook's in daSpreadsheet.ts, the calibration report's Danish words in
 * calibrationReport.ts, number and date formatting in format.ts. Codes stay ASCII
 * (src/data/cohort/levels.ts); only this folder turns them into Danish.
 *
 * Every string here must have a glyph in the PDF's embedded font (DejaVu Sans Condensed, see
 * src/screening/pdf/fonts.ts), which covers Danish, Latin Extended, Greek and the usual symbols;
 * test/i18n checks it for every face.
 */
import type { EducationLevel, Gender, Industry, Origin, Q10Barrier, Q2Answer, Region } from '../data/cohort/levels.js';
import { MISSING_LEVEL, OTHER_LEVEL } from '../model/encoding/encoding.js';
import type { ReasonPart } from './reasonPart.js';
import { formatDateTimeDa, formatNumberDa, formatPercentDa } from './format.js';

// ---------------------------------------------------------------------------------------------------
// Category codes as answers (what the member said or what the registers hold)

/** Danish display texts of every category code, for showing a member's answers and characteristics. */
export const CODE_LABELS_DA = {
  gender: { kvinde: 'Kvinde', mand: 'Mand' } satisfies Record<Gender, string>,
  education: {
    grundskole: 'Grundskole',
    gymnasial: 'Gymnasial uddannelse',
    erhvervsfaglig: 'Erhvervsfaglig uddannelse',
    kort_videregaaende: 'Kort videregående uddannelse',
    mellemlang_videregaaende: 'Mellemlang videregående uddannelse',
    lang_videregaaende: 'Lang videregående uddannelse',
  } satisfies Record<EducationLevel, string>,
  origin: {
    dansk: 'Dansk oprindelse',
    indvandrer_vestlig: 'Indvandrer fra vestligt land',
    indvandrer_ikke_vestlig: 'Indvandrer fra ikke-vestligt land',
    efterkommer_vestlig: 'Efterkommer fra vestligt land',
    efterkommer_ikke_vestlig: 'Efterkommer fra ikke-vestligt land',
  } satisfies Record<Origin, string>,
  region: {
    hovedstaden: 'Region Hovedstaden',
    sjaelland: 'Region Sjælland',
    syddanmark: 'Region Syddanmark',
    midtjylland: 'Region Midtjylland',
    nordjylland: 'Region Nordjylland',
  } satisfies Record<Region, string>,
  /** DISCO-08 major groups, Statistics Denmark's names shortened to fit a line. */
  disco: {
    '0': 'Militært arbejde',
    '1': 'Ledelsesarbejde',
    '2': 'Arbejde på højeste vidensniveau',
    '3': 'Arbejde på mellemniveau',
    '4': 'Kontor- og kundeservicearbejde',
    '5': 'Service- og salgsarbejde',
    '6': 'Landbrug, skovbrug og fiskeri',
    '7': 'Håndværkspræget arbejde',
    '8': 'Operatør- og transportarbejde',
    '9': 'Andet manuelt arbejde',
  } satisfies Record<string, string>,
  /** DB07 10-group industries. */
  industry: {
    landbrug_skovbrug_fiskeri: 'Landbrug, skovbrug og fiskeri',
    industri_raastof_forsyning: 'Industri, råstofindvinding og forsyning',
    bygge_anlaeg: 'Bygge og anlæg',
    handel_transport: 'Handel og transport mv.',
    information_kommunikation: 'Information og kommunikation',
    finansiering_forsikring: 'Finansiering og forsikring',
    ejendomshandel_udlejning: 'Ejendomshandel og udlejning',
    erhvervsservice: 'Erhvervsservice',
    offentlig_undervisning_sundhed: 'Offentlig adm., undervisning og sundhed',
    kultur_fritid_service: 'Kultur, fritid og anden service',
  } satisfies Record<Industry, string>,
  /** Q2 answers, worded as on Jobnet's forberedelsesskema. */
  q2: {
    har_job: 'Jeg har fået nyt job',
    inden_1_maaned: 'Inden for 1 måned',
    inden_3_maaneder: 'Inden for 3 måneder',
    inden_6_maaneder: 'Inden for 6 måneder',
    over_6_maaneder: 'Der går mere end 6 måneder',
    orlov_efterloen_pension: 'Jeg forventer at gå på barsel, efterløn eller pension',
    ved_ikke: 'Ved ikke',
  } satisfies Record<Q2Answer, string>,
  /** Q10 barriers, worded as on Jobnet's forberedelsesskema. */
  q10: {
    fysisk_helbred: 'Mit fysiske helbred',
    psykisk_helbred: 'Mit psykiske helbred',
    personlige_sociale: 'Personlige eller sociale forhold',
    oekonomi: 'Økonomiske forhold',
    misbrug: 'Alkohol- eller stofmisbrug',
    laese_skrive_regne: 'Læse-, stave- eller regneproblemer',
    it: 'Manglende IT-kompetencer',
    sprog: 'Sprogbarrierer',
    andet: 'Andet',
  } satisfies Record<Q10Barrier, string>,
} as const;

/** Danish names of the default specification's features, used as headings and in fallback labels. */
export const FEATURE_NAMES_DA: Readonly<Record<string, string>> = {
  age: 'Alder',
  gender: 'Køn',
  experience_years: 'Erhvervserfaring',
  education: 'Højeste fuldførte uddannelse',
  from_sickness_benefit: 'Kommer fra sygedagpenge',
  prior_dagpenge_hours: 'Brugt af dagpengeretten',
  earlier_spells: 'Tidligere ledighedsforløb (5 år)',
  region: 'Bopælsregion',
  origin: 'Herkomst',
  disco_major: 'Stilling (DISCO-08)',
  industry: 'Branche',
  dimittend: 'Dimittend',
  previous_income: 'Indkomst året før',
  children_at_home: 'Hjemmeboende børn',
  q2_job_expectation: 'Hvor hurtigt tror du, at du får et arbejde?',
  q10_barriers: 'Er der noget, der gør det svært for dig at få et arbejde?',
};

// ---------------------------------------------------------------------------------------------------
// Factors: a term phrased as something about the member that a caseworker reads

/** What a factor says about the member: a level (category, band, ticked option), a yes-flag, a number, or an unknown value. */
export type FactorSubject = { kind: 'level'; level: string } | { kind: 'flag' } | { kind: 'value'; value: number } | { kind: 'missing' };

const prefixed = (prefix: string, labels: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, prefix + v.charAt(0).toLowerCase() + v.slice(1)]));

/** Factor labels of the levels of categorical and banded features and of multi-select options. */
const LEVEL_FACTORS_DA: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  age: {
    '18-24': '18-24 år',
    '25-29': '25-29 år',
    '30-39': '30-39 år',
    '40-49': '40-49 år',
    '50-54': '50-54 år',
    '55-59': '55-59 år',
    '60+': '60 år eller ældre',
  },
  gender: CODE_LABELS_DA.gender,
  education: {
    grundskole: 'Ingen uddannelse ud over grundskole',
    gymnasial: 'Gymnasial uddannelse som højeste uddannelse',
    erhvervsfaglig: 'Erhvervsfaglig uddannelse',
    kort_videregaaende: 'Kort videregående uddannelse',
    mellemlang_videregaaende: 'Mellemlang videregående uddannelse',
    lang_videregaaende: 'Lang videregående uddannelse',
    [MISSING_LEVEL]: 'Ukendt uddannelse',
  },
  region: Object.fromEntries(Object.entries(CODE_LABELS_DA.region).map(([k, v]) => [k, `Bor i ${v}`])),
  origin: CODE_LABELS_DA.origin,
  disco_major: {
    ...prefixed('Stilling: ', CODE_LABELS_DA.disco),
    [MISSING_LEVEL]: 'Ukendt stilling (DISCO-kode mangler)',
  },
  industry: {
    ...prefixed('Branche: ', CODE_LABELS_DA.industry),
    [MISSING_LEVEL]: 'Ukendt branche',
  },
  q2_job_expectation: {
    har_job: 'Har allerede fået nyt job',
    inden_1_maaned: 'Forventer at få arbejde inden for 1 måned',
    inden_3_maaneder: 'Forventer at få arbejde inden for 3 måneder',
    inden_6_maaneder: 'Forventer at få arbejde inden for 6 måneder',
    over_6_maaneder: 'Forventer job om mere end 6 måneder',
    orlov_efterloen_pension: 'Forventer at gå på barsel, efterløn eller pension',
    ved_ikke: 'Ved ikke, hvornår der er arbejde',
  } satisfies Record<Q2Answer, string>,
  q10_barriers: {
    fysisk_helbred: 'Fysiske helbredsproblemer',
    psykisk_helbred: 'Psykiske helbredsproblemer',
    personlige_sociale: 'Personlige eller sociale forhold',
    oekonomi: 'Økonomiske forhold',
    misbrug: 'Alkohol- eller stofmisbrug',
    laese_skrive_regne: 'Læse-, stave- eller regneproblemer',
    it: 'Manglende IT-kompetencer',
    sprog: 'Sprogbarrierer',
    andet: 'Andet gør det svært at få arbejde',
  } satisfies Record<Q10Barrier, string>,
};

/** Factor labels of boolean features when true. */
const FLAG_FACTORS_DA: Readonly<Record<string, string>> = {
  from_sickness_benefit: 'Kommer fra sygedagpenge',
  dimittend: 'Nyuddannet (dimittend)',
  children_at_home: 'Hjemmeboende børn under 18 år',
};

/** Numeric features: the factor label with the member's value, and the value with its unit. */
const NUMERIC_DA: Readonly<Record<string, { factor: (v: number) => string; value: (v: number) => string }>> = {
  age: { factor: (v) => `${formatNumberDa(v)} år`, value: (v) => `${formatNumberDa(v, 1)} år` },
  experience_years: {
    factor: (v) => (v === 0 ? 'Ingen erhvervserfaring' : `${formatNumberDa(v, 1)} års erhvervserfaring`),
    value: (v) => `${formatNumberDa(v, 1)} år`,
  },
  prior_dagpenge_hours: {
    factor: (v) => (v === 0 ? 'Har ikke brugt af dagpengeretten' : `Har brugt ${formatNumberDa(v, 1)} timer af dagpengeretten`),
    value: (v) => `${formatNumberDa(v, 1)} timer`,
  },
  earlier_spells: {
    factor: (v) => (v === 0 ? 'Ingen tidligere ledighedsforløb (5 år)' : `${formatNumberDa(v, 1)} tidligere ledighedsforløb (5 år)`),
    value: (v) => formatNumberDa(v, 1),
  },
  previous_income: {
    factor: (v) => (v === 0 ? 'Ingen indkomst fra arbejde året før' : `Tidligere indkomst ${formatNumberDa(v)} kr.`),
    value: (v) => `${formatNumberDa(v)} kr.`,
  },
};

/** The factor label for a feature and subject, or undefined when this file has none (see {@link factorLabelDa}). */
export function knownFactorLabelDa(feature: string, subject: FactorSubject): string | undefined {
  switch (subject.kind) {
    case 'level':
      return LEVEL_FACTORS_DA[feature]?.[subject.level];
    case 'flag':
      return FLAG_FACTORS_DA[feature];
    case 'value':
      return NUMERIC_DA[feature]?.factor(subject.value);
    case 'missing':
      return LEVEL_FACTORS_DA[feature]?.[MISSING_LEVEL] ?? (FEATURE_NAMES_DA[feature] ? `${FEATURE_NAMES_DA[feature]}: ukendt` : undefined);
  }
}

/** A Danish factor label, falling back to the feature's name (or its specification's description) for features this file does not know. */
export function factorLabelDa(feature: { name: string; description?: string }, subject: FactorSubject): string {
  const known = knownFactorLabelDa(feature.name, subject);
  if (known !== undefined) return known;
  const name = FEATURE_NAMES_DA[feature.name] ?? feature.name;
  switch (subject.kind) {
    case 'level':
      return `${name}: ${subject.level === OTHER_LEVEL ? 'anden (sjælden) værdi' : subject.level}`;
    case 'flag':
      return name;
    case 'value':
      return `${name}: ${formatNumberDa(subject.value, 2)}`;
    case 'missing':
      return `${name}: ukendt`;
  }
}

/** The label of an interaction factor from the labels of its two parts. */
export function interactionLabelDa(a: string, b: string): string {
  return `${a} samtidig med ${lowerFirst(b)}`;
}

/** What an interaction is measured against: its own parts are counted in their own factors. */
export const INTERACTION_COMPARISON_DA = 'Samspil: ud over de to forholds egne bidrag';

/** A value of a numeric feature with its unit ("14,5 år", "310.000 kr."); plain number for unknown features. */
export function numericValueDa(feature: string, value: number): string {
  return NUMERIC_DA[feature]?.value(value) ?? formatNumberDa(value, 2);
}

/** What a factor is measured against, for the caseworker: the reference level, "no", or the training mean. */
export function factorComparisonDa(
  feature: { name: string; description?: string },
  against: { kind: 'level'; reference: string } | { kind: 'absent' } | { kind: 'mean'; mean: number },
): string {
  switch (against.kind) {
    case 'level':
      return `Sammenlignet med: ${codeLabelForFeatureDa(feature.name, against.reference)}`;
    case 'absent':
      return 'Sammenlignet med medlemmer uden dette forhold';
    case 'mean':
      return `Sammenlignet med gennemsnittet: ${numericValueDa(feature.name, against.mean)}`;
  }
}

/** A level of a feature as an answer ("30-39 år", "Erhvervsfaglig uddannelse", "Region Hovedstaden"). */
export function codeLabelForFeatureDa(feature: string, level: string): string {
  const table: Readonly<Record<string, string>> | undefined = {
    gender: CODE_LABELS_DA.gender,
    education: CODE_LABELS_DA.education,
    origin: CODE_LABELS_DA.origin,
    region: CODE_LABELS_DA.region,
    disco_major: CODE_LABELS_DA.disco,
    industry: CODE_LABELS_DA.industry,
    q2_job_expectation: CODE_LABELS_DA.q2,
    q10_barriers: CODE_LABELS_DA.q10,
    age: LEVEL_FACTORS_DA.age,
  }[feature];
  if (level === MISSING_LEVEL) return 'Ukendt';
  if (level === OTHER_LEVEL) return 'Anden værdi';
  return table?.[level] ?? level;
}

// ---------------------------------------------------------------------------------------------------
// Target groups, referral and reasons

/** "Målgruppe 2b" and the like. */
export function targetGroupLabelDa(group: 1 | 2, subgroup: '2a' | '2b' | null = null): string {
  return `Målgruppe ${subgroup ?? group}`;
}

/** What each target group means, in the application's words. */
export const TARGET_GROUP_DESCRIPTIONS_DA = {
  '1': 'Vurderes ikke i risiko for langtidsledighed',
  '2': 'I risiko for langtidsledighed',
  '2a': 'I risiko for langtidsledighed; jobmål inden for a-kassens fagområder',
  '2b': 'I risiko for langtidsledighed; jobmål uden for a-kassens fagområder (brancheskift)',
} as const;

const joinAnd = (items: string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} og ${items[items.length - 1]}`;
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function reasonPartDa(part: ReasonPart): string {
  switch (part.kind) {
    case 'all':
      return 'tilbydes alle medlemmer';
    case 'targetGroup':
      return `målgruppe ${part.group}`;
    case 'subgroup':
      return part.subgroup === '2b'
        ? 'jobmål uden for a-kassens fagområder (målgruppe 2b)'
        : 'jobmål inden for a-kassens fagområder (målgruppe 2a)';
    case 'barriers':
      return `${joinAnd(part.barriers.map((b) => lowerFirst(LEVEL_FACTORS_DA.q10_barriers[b])))} (spørgsmål 10)`;
    case 'barrierCount':
      return `${part.count} forhold, der gør det svært at få arbejde (spørgsmål 10)`;
    case 'q2':
      return `${lowerFirst(LEVEL_FACTORS_DA.q2_job_expectation[part.answer])} (spørgsmål 2)`;
    case 'dimittend':
      return part.value ? 'nyuddannet (dimittend)' : 'ikke dimittend';
    case 'fromSicknessBenefit':
      return part.value ? 'kommer fra sygedagpenge' : 'kommer ikke fra sygedagpenge';
    case 'education':
      return part.level === null ? 'ukendt uddannelse' : lowerFirst(LEVEL_FACTORS_DA.education[part.level]);
    case 'age':
      return `${formatNumberDa(part.age)} år`;
    case 'referred':
      if (!part.value) return 'henvises ikke til jobcentret';
      return part.because && part.because.length > 0
        ? `henvises til jobcentret: ${joinAnd(part.because.map(lowerFirst))}`
        : 'henvises til jobcentret';
  }
}

/** Why a rule fired, from the conditions it matched: "Læse-, stave- eller regneproblemer (spørgsmål 10)". */
export function reasonTextDa(parts: readonly ReasonPart[]): string {
  if (parts.length === 0) return upperFirst(reasonPartDa({ kind: 'all' }));
  return upperFirst(joinAnd(parts.map(reasonPartDa)));
}

// ---------------------------------------------------------------------------------------------------
// The member's own text (an interview summary handed to the member)

/**
 * The member summary. It speaks of support offered, never of a predicted fate: no probability, no
 * target group, no "risiko" or "langtidsledig" (the fund does not want to tell a newly unemployed
 * member that they will probably become long-term unemployed). test/screening checks the words.
 */
export const MEMBER_SUMMARY_DA = {
  intro: 'Tak for samtalen. Her er de tilbud, vi har talt om, og som kan hjælpe dig videre mod dit næste job:',
  noActivities: 'Tak for samtalen. Din sagsbehandler hjælper dig med jobsøgningen og aftaler med dig, hvad der passer til dig.',
  closing:
    'Din sagsbehandler gennemgår tilbuddene med dig, og I aftaler sammen, hvad der passer bedst til dig. Du er altid velkommen til at kontakte os.',
  bullet: '• ',
} as const;

/** Words a member summary must never contain (checked by the tests and by memberSummary itself). */
export const MEMBER_SUMMARY_FORBIDDEN_WORDS = [
  'langtidsledig',
  'risiko',
  'sandsynlig',
  'målgruppe',
  'score',
  'procent',
  '%',
  'prognose',
  'statistisk',
] as const;

// ---------------------------------------------------------------------------------------------------
// The caseworker's PDF

/** The occasions of a screening (src/screening/occasion.ts) as the PDF names them. */
export const OCCASION_LABELS_DA = {
  notice_period: 'I opsigelsesperioden',
  first_interview: 'Første samtale (CV-samtalen)',
  week_9: 'Samtale i 9. uge',
  week_13: 'Samtale i 13. uge',
  other: 'Anden anledning',
} as const;

/** The PDF's texts. */
/** Danish labels of the caseworker's assessment reasons (the codes of src/screening/assessmentReason.ts). */
export const ASSESSMENT_REASONS_DA: Readonly<Record<string, string>> = {
  kendskab_til_helbred: 'Kendskab til helbredet',
  jobtilbud_i_sigte: 'Jobtilbud i sigte',
  oensker_brancheskift: 'Ønsker at skifte fag',
  sprog: 'Sprog',
  enig_i_vurderingen: 'Enig i vurderingen',
  andet: 'Andet (se kommentar)',
};

/**
 * A factor's weight in plain words for the caseworker, by its odds ratio: "meget" from a doubling (or
 * halving) of the odds, "noget" from 1.25 (0.8), "lidt" below. The odds ratios themselves go in a footnote.
 */
export function factorWeightDa(oddsRatio: number): string {
  const strength = Math.max(oddsRatio, 1 / oddsRatio);
  const degree = strength >= 2 ? 'meget' : strength >= 1.25 ? 'noget' : 'lidt';
  return `${oddsRatio >= 1 ? 'øger' : 'mindsker'} risikoen ${degree}`;
}

export const PDF_TEXT_DA = {
  title: 'Ledighedsprofil',
  subtitle: 'Screening af risiko for langtidsledighed – til sagsbehandleren',
  confidential: 'Fortroligt – indeholder personoplysninger',
  cpr: 'CPR-nr.',
  screenedAt: 'Screenet',
  occasion: 'Anledning',
  screeningDate: 'Screeningsdato',
  benefitPeriodStart: 'Dagpengeperiode fra',
  benefitPeriodUnknown: 'ikke oplyst',
  modelVersion: 'Modelversion',
  screeningId: 'Screenings-id',
  policyVersion: 'Regelsæt',
  resultHeading: 'Resultat af den statistiske screening',
  probability: 'Beregnet sandsynlighed for langtidsledighed:',
  zone1: 'Målgruppe 1',
  zone2: 'Målgruppe 2',
  probabilityNote: 'Langtidsledig: på dagpenge mindst 80 % af tiden i de første 52 uger.',
  interval: (lower: string, upper: string) => `Usikkerhed: med 95 % sikkerhed mellem ${lower} og ${upper}`,
  intervalUnknown: 'Usikkerheden blev ikke beregnet for denne screening.',
  cutoff: (cutoff: number) => `Grænse for målgruppe 2: ${formatPercentDa(cutoff)}`,
  memberMarker: 'Medlemmet',
  statisticalGroupLabel: 'Statistisk målgruppe',
  referral: 'Henvisning til jobcentret',
  referralYes: 'Ja',
  referralNo: 'Nej',
  factorsHeading: 'Vigtigste forhold bag beregningen',
  factorsFootnote: (ratios: string) =>
    `Vægt: »meget« ændrer oddsene for langtidsledighed mindst 2 gange, »noget« mindst 1,25 gange, »lidt« mindre, sammenlignet med udgangspunktet. Oddsfaktorer: ${ratios}.`,
  raising: 'Trækker sandsynligheden op',
  lowering: 'Trækker sandsynligheden ned',
  noFactors: 'Ingen forhold af betydning',
  answersHeading: 'Svar fra forberedelsesskemaet',
  q2Question: 'Spm. 2: Hvor hurtigt tror du, at du får et arbejde?',
  q10Question: 'Spm. 10: Er der noget, der gør det svært for dig at få et arbejde?',
  q10None: 'Nej',
  q10YesNoneTicked: 'Ja – ingen af svarmulighederne er krydset af',
  notAnswered: 'Ikke besvaret',
  characteristicsHeading: 'Oplysninger om medlemmet',
  yes: 'Ja',
  no: 'Nej',
  unknown: 'Ukendt',
  activitiesHeading: 'Forslag til aktiviteter',
  activitiesCurrent: (group: string) => `Efter vurderingen (${group})`,
  activitiesStatistical: (group: string) => `Efter den statistiske screening (${group})`,
  memberSummaryHeading: 'Til medlemmet',
  memberSummaryCurrent: (group: string) => `Til medlemmet efter vurderingen (${group})`,
  memberSummaryElsewhere: 'se sagssystemet (ikke plads på siden)',
  referralCurrent: (group: string) => `Henvisning til jobcentret efter vurderingen (${group})`,
  noActivities: 'Ingen forslag',
  moreActivities: (n: number) => `… og ${n} forslag mere (se sagssystemet)`,
  activitiesElsewhere: (n: number) => `${n} forslag – se sagssystemet (ikke plads på siden)`,
  correctionHeading: 'Sagsbehandlerens vurdering',
  correctedGroup: 'Målgruppe efter vurdering',
  statisticalGroup: (label: string) => `(statistisk: ${label})`,
  comment: 'Kommentar',
  reason: 'Begrundelse',
  noReason: 'Ikke angivet',
  history: 'Tidligere vurderinger',
  historyEntry: (when: string, who: string, group: string, reason: string) => `${when}: ${group} (${reason}) – ${who}`,
  moreHistory: (n: number) => `og ${n} ældre i sagssystemet`,
  historyCount: (n: number) => `${n} tidligere ${n === 1 ? 'vurdering' : 'vurderinger'} i sagssystemet`,
  noComment: 'Ingen kommentar',
  caseworker: 'Sagsbehandler',
  date: 'Dato',
  registeredBy: (who: string, when: string) => `Registreret af ${who} den ${formatDateTimeDa(when)}`,
  commentTruncated: 'Kommentaren er forkortet her; den fulde tekst står i sagssystemet.',
  simulatedHeading: 'BEMÆRK: Simulerede data.',
  simulatedText: (version: string) =>
    `Model ${version} er trænet på simulerede data, ikke på registerdata. Resultatet er kun til afprøvning og demonstration og må ikke bruges til at vurdere rigtige medlemmer.`,
  statement:
    'Dette er et statistisk estimat. Det understøtter – men erstatter ikke – sagsbehandlerens faglige vurdering. Målgruppe og indsats fastlægges af sagsbehandleren sammen med medlemmet.',
  printed: (when: string) => `Udskrevet ${formatDateTimeDa(when)}`,
  page: 'Side 1 af 1',
  contact: 'Kontakt',
  pdfSubject: 'Screening af risiko for langtidsledighed',
} as const;
