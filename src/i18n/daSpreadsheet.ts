/**
 * The Danish texts of the model workbook (`ledighedsprofil export`): sheet names, titles, headings,
 * labels, input hints, validation messages and the usage steps. The names of features, levels and
 * factors come from da.ts; the statement that the estimate supports the caseworker's judgement, the
 * definition of long-term unemployment and the simulated-data warning are the PDF's (PDF_TEXT_DA), so
 * the workbook says them in the same words.
 *
 * These texts are shown by a spreadsheet program, not drawn with the PDF font, so they need not be
 * checked against its glyphs.
 */
import type { ModelArtifact } from '../model/artifact/artifactSchema.js';
import { PDF_TEXT_DA } from './da.js';
import { formatDateDa, formatDateTimeDa, formatNumberDa } from './format.js';

/** Sheet names, as cross-sheet formulas, the instructions and the tests refer to them. */
export const SHEET_NAMES_DA = { calculation: 'Beregning', coefficients: 'Koefficienter', about: 'Om modellen' } as const;

/** The word a person types for yes in a boolean or multi-select input cell; the formulas read it. */
export const YES_DA = 'Ja';

/** The word a person types for no in a boolean or multi-select input cell; the formulas read it. */
export const NO_DA = 'Nej';

/** The label of the cut-off probability, the same on the coefficient and the about sheet. */
export const CUTOFF_FACT_DA = 'Grænse for målgruppe 2 (sandsynlighed ≥)';

/** The workbook as a whole: its document title and the simulated-data warning at the top of every sheet. */
export const WORKBOOK_TEXT_DA = {
  title: (version: string) => `Ledighedsprofil – model ${version}`,
  /** The PDF's heading and text joined on one line: "BEMÆRK: Simulerede data – Model … er trænet …". */
  simulatedWarning: (version: string) => `${PDF_TEXT_DA.simulatedHeading.replace(/[\s.:]+$/, '')} – ${PDF_TEXT_DA.simulatedText(version)}`,
} as const;

/** The texts of the "Beregning" sheet: the result at the top, the input table, the term-by-term calculation and the drop-down lists. */
export const CALCULATION_SHEET_DA = {
  title: 'Ledighedsprofil – sandsynlighed for langtidsledighed',
  modelLine: (version: string, createdAt: string) =>
    `Model ${version}, oprettet ${formatDateDa(createdAt)}. ${PDF_TEXT_DA.probabilityNote}`,
  resultHeading: 'Resultat',
  probability: 'Sandsynlighed for langtidsledighed',
  targetGroup: 'Målgruppe',
  control: 'Kontrol',
  /** The control cell's value when an input is missing or invalid. */
  controlIncomplete: 'Udfyld felterne',
  /** The control cell's value when every input can be used. */
  controlOk: 'OK',
  controlIncompleteMeaning: 'En oplysning mangler eller er ugyldig: se kolonne C ud for de gule felter.',
  controlOkMeaning: 'Alle oplysninger kan bruges af modellen.',
  cutoffMeaning: (cutoff: number) => `Målgruppe 2 fra ${formatNumberDa(cutoff * 100, 2)} %`,
  inputsHeading: 'Oplysninger om medlemmet',
  inputsNote: 'Skriv eller vælg i de gule felter; resten regnes ud af sig selv.',
  inputHeaders: ['Oplysning', 'Værdi', 'Betydning / vejledning', 'Værdi i modellen', 'Teknisk navn (inputkolonne)'],
  /** The meaning column of a multi-select question's heading row. */
  optionsMeaning: `${YES_DA} ud for hvert forhold, medlemmet har sat kryds ved.`,
  termsHeading: 'Beregning led for led',
  termsNote: `Bidrag = værdi × koefficient. Koefficienterne står på arket ${SHEET_NAMES_DA.coefficients}.`,
  termHeaders: ['Led', 'Værdi', 'Koefficient', 'Bidrag (log-odds)', 'Teknisk navn (term)'],
  linearPredictor: 'Lineær prædiktor',
  linearPredictorExplanation: 'Summen af bidragene (log-odds)',
  probabilityExplanation: '= 1 / (1 + e^(−lineær prædiktor))',
  cutoff: 'Grænse for målgruppe 2',
  cutoffExplanation: `Fra arket ${SHEET_NAMES_DA.coefficients}`,
  targetGroupExplanation: '2 når sandsynligheden er mindst grænsen, ellers 1',
  listsHeading: 'Værdilister til rullemenuerne',
  listCode: 'Kode',
  listMeaning: 'Betydning',
  /** Appended to the reference level's text in a drop-down list. */
  referenceSuffix: ' (reference)',
} as const;

/**
 * The hints next to an input cell and in its validation prompt, and the messages of its validation. A
 * hint's extra remarks follow its first "; ", which the invalid-value text cuts off.
 */
export const INPUT_TEXT_DA = {
  /** Appended to the hint of a feature whose model has a term for an unknown value. */
  blankIsUnknown: '; tomt = ukendt',
  option: `${YES_DA}, hvis medlemmet har sat kryds her; tomt = ${NO_DA}`,
  boolean: `${YES_DA} eller ${NO_DA}`,
  pick: 'Vælg på listen',
  pickOrTypeCode: (prefix: number) => `Vælg på listen eller skriv koden (de første ${prefix} tegn bruges)`,
  otherValuesCount: (otherLevel: string) => `; andre værdier tæller som ${otherLevel}`,
  /** "Tal fra 18 til 70 (år)": the allowed range of a number and its unit, if any. */
  number: (min: number | undefined, max: number | undefined, unit: string) => {
    const n = (x: number) => formatNumberDa(x, 6);
    const range =
      min !== undefined && max !== undefined
        ? `Tal fra ${n(min)} til ${n(max)}`
        : min !== undefined
          ? `Tal fra ${n(min)}`
          : max !== undefined
            ? `Tal op til ${n(max)}`
            : 'Tal';
    return `${range}${unit ? ` (${unit})` : ''}`;
  },
  /** The hint of the DISCO-08 input: a whole code, of which the model uses the first `prefix` digits. */
  discoCode: (prefix: number) =>
    `Skriv DISCO-08-koden med 4 cifre (eller 6) og et eventuelt foranstillet nul, fx 0210 – ikke 210; de første ${prefix} cifre bruges (se listen)`,
  invalidDiscoTitle: 'Ugyldig DISCO-08-kode',
  writeDiscoLower: 'skriv en DISCO-08-kode med 4 eller 6 cifre, fx 0210',
  unknownValueTitle: 'Ukendt værdi',
  notOnList: (hint: string) => `Værdien står ikke på listen. ${hint}.`,
  pickFromList: 'Vælg en værdi på listen.',
  invalidNumberTitle: 'Ugyldigt tal',
  yesOrNoTitle: `${YES_DA} eller ${NO_DA}`,
  pickYesOrNo: `Vælg ${YES_DA} eller ${NO_DA}.`,
  /** The meaning column when an input is missing or invalid, with what to do about it. */
  missingOrInvalid: (whatToDo: string) => `Mangler eller ugyldig: ${whatToDo}`,
  pickFromListLower: 'vælg på listen',
  pickYesOrNoLower: `vælg ${YES_DA} eller ${NO_DA}`,
  /** The meaning column of an empty number whose model fills in the median and adds a term for unknown. */
  unknownFilled: (fill: number) => `Ukendt: medianen ${formatNumberDa(fill, 6)} bruges, plus leddet for ukendt`,
} as const;

/** Term labels of the workbook that da.ts's factor labels do not cover: the intercept and numeric transformations. */
export const TERM_LABELS_DA = {
  intercept: 'Konstantled (udgangspunkt)',
  /** Appended to a polynomial term's label: "" for the first power, " i 2. potens" and so on. */
  power: (power: number) => (power === 1 ? '' : ` i ${power}. potens`),
  spline: (feature: string, index: number) => (index === 0 ? `${feature} (spline, lineært led)` : `${feature} (spline, led ${index})`),
  /** " (pr. 100 timer)", " (pr. år)", or "" for a count without a unit; one unit takes the singular ("pr. time"). */
  perUnit: (unit: string, scale: number) => {
    if (scale === 1) return unit ? ` (pr. ${unit === 'timer' ? 'time' : unit})` : '';
    return ` (pr. ${formatNumberDa(scale, 6)}${unit ? ' ' + unit : ''})`;
  },
} as const;

/** The texts of the "Koefficienter" sheet. */
export const COEFFICIENT_SHEET_DA = {
  title: (version: string) => `Koefficienter – model ${version}`,
  note:
    'Samme tal som `ledighedsprofil train --coef-csv`: estimat og standardfejl fra modellen, z = estimat / std.fejl, p = 2·Φ(−|z|), ' +
    'konfidensinterval estimat ± 1,96·std.fejl (som R\'s summary(glm) og confint.default), odds-ratio = e^estimat. "NA" er et led, modellen ikke kunne estimere; det tæller som 0.',
  cutoff: CUTOFF_FACT_DA,
  cutoffRule: 'Regel for grænsen',
  shareFlagged: 'Andel af træningsmedlemmerne i målgruppe 2',
  zQuantile: 'z-fraktil til 95 %-konfidensinterval',
  /** The coefficient table's column headers: the columns of `train --coef-csv`, plus a Danish explanation. */
  headers: ['Led (term)', 'Estimat', 'Std.fejl', 'z-værdi', 'p-værdi', '95 % KI, nedre', '95 % KI, øvre', 'Odds-ratio', 'Forklaring'],
  referenceHeading: 'Referenceniveauer (udgangspunktet, som de andre niveauer sammenlignes med)',
  referenceFeature: 'Oplysning',
  referenceLevel: 'Referenceniveau',
  referenceMeaning: 'Betydning',
  pooledHeading: 'Sjældne niveauer samlet i "(other)"; værdier, modellen ikke har set, tæller også som "(other)"',
  auditOnlyHeading: 'Udeladt af modellen (følsomme oplysninger, bruges kun til at efterprøve modellen for grupper)',
} as const;

/** The texts of the "Om modellen" sheet: section headings, fact labels and values, and the usage steps. */
export const ABOUT_SHEET_DA = {
  title: (version: string) => `Om modellen ${version}`,
  /** The value of a fact the artifact does not record. */
  notGiven: 'ikke oplyst',
  modelSection: 'Modellen',
  version: 'Version',
  description: 'Beskrivelse',
  created: 'Oprettet',
  simulated: 'Trænet på simulerede data',
  simulatedYes: 'JA – kun til afprøvning og demonstration, ikke til rigtige medlemmer',
  simulatedNo: 'Nej (registerdata)',
  cutoff: CUTOFF_FACT_DA,
  checksum: 'Kontrolsum af modelfilen (SHA-256)',
  trainingSection: 'Træningsdata',
  dataFile: 'Datafil',
  dataSha256: 'Datafilens SHA-256',
  rows: 'Forløb brugt til estimation',
  events: 'Heraf langtidsledige',
  censored: 'Censurerede forløb (52 uger ikke afsluttet, udeladt)',
  period: 'Periode',
  split: 'Opdeling i estimation og validering',
  seed: 'Seed',
  l2: 'L2-straf (ridge)',
  iterations: 'Iterationer / konvergeret',
  logLik: 'Log-likelihood (nulmodellens)',
  aic: 'AIC',
  warnings: 'Advarsler fra estimationen',
  noWarnings: 'ingen',
  trained: 'Trænet',
  trainedWith: (trainedAt: string, packageVersion: string, nodeVersion: string) =>
    `${formatDateTimeDa(trainedAt)} med ledighedsprofil ${packageVersion}, Node ${nodeVersion}`,
  command: 'Kommando',
  validationSection: 'Validering på data, der ikke indgik i estimationen',
  validation: 'Validering',
  notValidated: 'ingen (modellen er ikke valideret på tilbageholdte data)',
  validationType: 'Type',
  validationKinds: {
    holdout: 'tilfældigt tilbageholdte forløb',
    temporal: 'senere forløb (tidsmæssig validering)',
    external: 'ekstern validering',
  } satisfies Record<NonNullable<ModelArtifact['validation']>['kind'], string>,
  rowsAndEvents: 'Forløb / heraf langtidsledige',
  unscorable: 'Forløb, der ikke kunne beregnes',
  auc: 'AUC (C-statistik)',
  brier: 'Brier-score',
  logLoss: 'Log-loss',
  meanPredicted: 'Gennemsnitlig beregnet sandsynlighed',
  observedRate: 'Observeret andel langtidsledige',
  usageHeading: 'Sådan bruger du regnearket',
  importantHeading: 'Vigtigt',
} as const;

/** The Danish steps for using the workbook, shown on the about sheet; `cutoff` is the model's cut-off probability. */
export function usageStepsDa(cutoff: number): string[] {
  return [
    `Gå til arket "${SHEET_NAMES_DA.calculation}". Skriv eller vælg medlemmets oplysninger i de gule felter. Rullemenuerne viser de værdier, modellen kender.`,
    `${YES_DA}/${NO_DA}-spørgsmål besvares med ${YES_DA} eller ${NO_DA}. Ved spørgsmål 10 vælger du ${YES_DA} ud for hvert forhold, medlemmet har sat kryds ved; et tomt felt tæller som ${NO_DA}.`,
    'Et tomt felt betyder "ukendt". Har modellen et led for ukendt, bruges det. Ellers viser resultatet #I/T (#N/A), og kolonne C fortæller, hvilken oplysning der mangler eller er ugyldig.',
    `Øverst står sandsynligheden for langtidsledighed og målgruppen: målgruppe 2, når sandsynligheden er mindst ${formatNumberDa(cutoff * 100, 2)} %, ellers målgruppe 1.`,
    `Under "${CALCULATION_SHEET_DA.termsHeading}" kan udregningen følges: hvert leds værdi ganges med koefficienten fra arket "${SHEET_NAMES_DA.coefficients}", summen er den lineære prædiktor (log-odds), og sandsynligheden er 1 / (1 + e^(−summen)). Det er samme beregning og samme tal, som tjenesten giver for det samme medlem.`,
    'Arkene er beskyttet uden adgangskode, så en formel ikke overskrives ved en fejl. Beskyttelsen kan fjernes under Gennemse › Fjern arkbeskyttelse (Excel) eller Funktioner › Beskyt ark (LibreOffice).',
  ];
}
