/**
 * The Danish texts of the public explorer page (/explorer): the page itself, the coefficient table's
 * headings, the what-if form's extra labels and the result as the page shows it. Feature names and
 * answer texts come from da.ts, so the page says what the PDF and the workbook say.
 */
import { CODE_LABELS_DA, factorWeightDa, PDF_TEXT_DA, TARGET_GROUP_DESCRIPTIONS_DA, targetGroupLabelDa } from './da.js';
import { formatNumberDa, formatOddsRatioDa } from './format.js';

/** A probability as a percentage with one decimal, "91,8 %": the what-if form must show small movements too. */
export function explorerPercentDa(probability: number): string {
  // formatNumberDa drops a trailing zero; kept here, so the figure does not change width as it moves.
  const text = formatNumberDa(probability * 100, 1);
  return `${text.includes(',') ? text : `${text},0`} %`;
}

/** A p-value as R prints small ones: "<0,001", else three decimals. */
export function explorerPValueDa(p: number): string {
  return p < 0.001 ? '<0,001' : formatNumberDa(p, 3);
}

/** The page's fixed texts. */
export const EXPLORER_TEXT_DA = {
  title: 'Modellen bag ledighedsprofilen – se den efter i sømmene',
  intro:
    'Her kan alle se den statistiske model, som a-kassen bruger til at screene nyledige medlemmer for risiko for langtidsledighed: ' +
    'hver koefficient med oddsratio og usikkerhed, og en beregner, hvor du selv ændrer et tænkt medlems forhold og svar og ser, ' +
    'hvordan sandsynligheden, målgruppen, usikkerheden og de vigtigste forhold flytter sig.',
  simulatedHeading: 'BEMÆRK: Modellen er trænet på simulerede data.',
  simulatedText: (version: string) =>
    `Model ${version} er trænet på simulerede data, ikke på registerdata fra Danmarks Statistik. ` +
    'Tallene viser, hvordan systemet virker, og må ikke bruges til at vurdere rigtige medlemmer.',
  privacy:
    'Indtast ingen personoplysninger. Beregneren tager ikke imod CPR-nummer, køn eller herkomst, og intet af det, du indtaster, ' +
    'gemmes eller skrives i loggen. Antallet af beregninger pr. minut er begrænset.',
  statement: PDF_TEXT_DA.statement,
  modelHeading: 'Modellen',
  modelVersion: 'Modelversion',
  trainedOn: 'Trænet på',
  trainingRows: (rows: string, events: string) => `${rows} ledighedsforløb, heraf ${events} langtidsledige`,
  cutoff: 'Grænse for målgruppe 2',
  validation: 'Træfsikkerhed (AUC) på data uden for træningen',
  outcome: 'Langtidsledig: på dagpenge mindst 80 % af tiden i de første 52 uger af en ny dagpengeperiode.',
  formHeading: 'Prøv selv: et tænkt medlem',
  formIntro: 'Ændr medlemmets forhold og svar. Resultatet beregnes igen, hver gang du ændrer noget. Alle felter kan bruges med tastaturet.',
  memberLegend: 'Medlemmets forhold',
  q2Legend: 'Spørgsmål 2: Hvor hurtigt tror du, at du får et arbejde?',
  q10Legend: 'Spørgsmål 10: Er der noget, der gør det svært for dig at få et arbejde?',
  q10BarriersLegend: 'Hvad gør det svært? (sæt kryds ved alt, der passer)',
  yes: 'Ja',
  no: 'Nej',
  unknownOption: 'Ukendt',
  notStated: 'Ikke oplyst',
  discoLabel: 'Stilling: DISCO-08-kode (4 eller 6 cifre)',
  discoHint: 'Modellen bruger kun første ciffer, hovedgruppen. Tomt felt: ukendt stilling.',
  discoGroups: CODE_LABELS_DA.disco,
  jobGoalLabel: 'Jobmål inden for a-kassens fagområder',
  jobGoalHint: 'Bruges ikke i beregningen; afgør i målgruppe 2 om det er 2a eller 2b.',
  units: { age: 'år', experienceYears: 'år', priorDagpengeHours: 'timer', previousIncome: 'kr.' },
  calculate: 'Beregn igen',
  noScript: 'Beregneren kræver JavaScript. Koefficienttabellen nedenfor kan læses uden.',
  resultHeading: 'Resultat',
  probability: 'Beregnet sandsynlighed for langtidsledighed',
  interval: 'Usikkerhed (95 %-konfidensinterval)',
  intervalValue: (lower: string, upper: string) => `mellem ${lower} og ${upper}`,
  group: 'Statistisk målgruppe',
  referral: 'Henvisning til jobcentret',
  raising: 'Trækker sandsynligheden op',
  lowering: 'Trækker sandsynligheden ned',
  noFactors: 'Ingen forhold af betydning',
  waiting: 'Beregner …',
  error: 'Kan ikke beregnes:',
  networkError: 'Tjenesten svarede ikke. Prøv igen.',
  tooMany: 'For mange beregninger fra din adresse. Vent et øjeblik, og prøv igen.',
  coefficientsHeading: 'Koefficienttabel',
  coefficientsIntro:
    'Hvert led i modellen med dets koefficient på log-odds-skalaen, standardfejl, oddsratio (e^koefficient) og 95 %-konfidensinterval ' +
    'for oddsratioen (Wald). En oddsratio over 1 øger risikoen i forhold til referencen, under 1 mindsker den.',
  coefficientsCaption: (version: string) => `Koefficienter i model ${version}`,
  references: 'Referencer (oddsratio 1)',
  columns: {
    term: 'Led',
    code: 'Teknisk navn',
    estimate: 'Koefficient',
    stdError: 'Standardfejl',
    oddsRatio: 'Oddsratio',
    interval: '95 %-interval for oddsratio',
    pValue: 'p-værdi',
  },
  notEstimated: 'ikke estimeret',
  sensitive: (names: string) => `Følsomme oplysninger, som modellen ikke bruger (kun til kontrol af ligebehandling): ${names}.`,
} as const;

/** What the page shows of one factor. */
export interface ExplorerFactorDisplay {
  label: string;
  weight: string;
  oddsRatio: string;
  comparedWith: string;
}

/** The result as the explorer page shows it: every text the page puts on screen, made here so the script holds no Danish. */
export interface ExplorerDisplay {
  probability: string;
  interval: string;
  group: string;
  groupDescription: string;
  referral: string;
  raising: ExplorerFactorDisplay[];
  lowering: ExplorerFactorDisplay[];
  /** What the live region reads out after each new result. */
  announcement: string;
}

/** The parts of a scored result the page shows. */
export interface ExplorerResultParts {
  probability: number;
  probabilityInterval: { lower: number; upper: number };
  targetGroup: 1 | 2;
  subgroup: '2a' | '2b' | null;
  jobCentreReferral: boolean;
  referralReasons: readonly { reason: string }[];
  factors: readonly { label: string; oddsRatio: number; direction: 'raises' | 'lowers'; comparedWith: string }[];
}

/** The Danish texts of a result. */
export function explorerDisplayDa(r: ExplorerResultParts): ExplorerDisplay {
  const factor = (f: ExplorerResultParts['factors'][number]): ExplorerFactorDisplay => ({
    label: f.label,
    weight: factorWeightDa(f.oddsRatio),
    oddsRatio: formatOddsRatioDa(f.oddsRatio),
    comparedWith: f.comparedWith,
  });
  const probability = explorerPercentDa(r.probability);
  const group = targetGroupLabelDa(r.targetGroup, r.subgroup);
  const reasons = r.referralReasons.map((x) => x.reason).join('; ');
  return {
    probability,
    interval: EXPLORER_TEXT_DA.intervalValue(
      explorerPercentDa(r.probabilityInterval.lower),
      explorerPercentDa(r.probabilityInterval.upper),
    ),
    group,
    groupDescription: TARGET_GROUP_DESCRIPTIONS_DA[r.subgroup ?? (String(r.targetGroup) as '1' | '2')],
    referral: r.jobCentreReferral ? `${EXPLORER_TEXT_DA.yes}${reasons ? ` – ${reasons}` : ''}` : EXPLORER_TEXT_DA.no,
    raising: r.factors.filter((f) => f.direction === 'raises').map(factor),
    lowering: r.factors.filter((f) => f.direction === 'lowers').map(factor),
    announcement: `Ny beregning: ${probability}, ${group}.`,
  };
}
