/**
 * The words of the model card (`ledighedsprofil model-card`). The technical documentation is written
 * in English, as the calibration report is, for the analyst and the supervisory reader; every section
 * heading carries its Danish name, and the page for caseworkers is Danish throughout. The AI Act
 * references say which provision a section answers (Regulation (EU) 2024/1689).
 */

/** Title of the card, in both languages. */
export const MODEL_CARD_TITLE = { en: 'Model card and instructions for use', da: 'Modelkort og brugsanvisning' } as const;

/** Section headings, their Danish names and the provisions of the AI Act they document. */
export const MODEL_CARD_SECTIONS = {
  caseworker: { en: 'Summary for caseworkers', da: 'Resumé for sagsbehandlere', act: 'Art. 13(2)' },
  purpose: { en: 'Intended purpose and users', da: 'Formål og brugere', act: 'Art. 13(3)(b)(i); Annex IV 1(a)' },
  misuse: { en: 'What the model must not be used for', da: 'Hvad modellen ikke må bruges til', act: 'Art. 13(3)(b)(iii)' },
  data: { en: 'Training data', da: 'Træningsdata', act: 'Annex IV 2(d); Art. 10' },
  predictors: {
    en: 'Predictors and sensitive attributes',
    da: 'Forklarende variable og følsomme oplysninger',
    act: 'Annex IV 2(b); Art. 10(5)',
  },
  performance: { en: 'Performance', da: 'Træfsikkerhed', act: 'Art. 13(3)(b)(ii); Art. 15; Annex IV 2(g)' },
  calibration: { en: 'Calibration', da: 'Kalibrering', act: 'Art. 15(1); Annex IV 3' },
  cutoff: { en: 'What the cut-off does', da: 'Hvad grænsen for målgruppe 2 gør', act: 'Art. 13(3)(b)(iv); Annex IV 2(b)' },
  groups: { en: 'Performance by group', da: 'Træfsikkerhed for grupper', act: 'Art. 13(3)(b)(v); Annex IV 3' },
  limits: { en: 'Known limits', da: 'Kendte begrænsninger', act: 'Art. 13(3)(b)(iii); Annex IV 3' },
  oversight: { en: 'Human oversight', da: 'Menneskeligt tilsyn', act: 'Art. 13(3)(d); Art. 14' },
  logging: { en: 'Logging and monitoring', da: 'Logning og overvågning', act: 'Art. 12; Art. 13(3)(f); Art. 72' },
  versions: { en: 'Version history', da: 'Versionshistorik', act: 'Annex IV 6' },
} as const;

export type ModelCardSection = keyof typeof MODEL_CARD_SECTIONS;

/** The banner at the top of the card when the model was trained on simulated data. */
export const MODEL_CARD_SIMULATED = {
  en: "SIMULATED DATA. This model was trained on the project's simulated cohort (training/SIMULATION.md), not on register data. Every figure in this card describes the simulation, not real members. The model must not be used to sort, advise or decide about real members.",
  da: 'SIMULEREDE DATA. Modellen er estimeret på projektets simulerede kohorte, ikke på registerdata. Alle tal i dette modelkort beskriver simulationen, ikke virkelige medlemmer. Modellen må ikke bruges til at inddele, vejlede eller træffe afgørelser om virkelige medlemmer.',
} as const;

/** Intended purpose, users and setting (English, technical part). */
export const PURPOSE_EN = {
  purpose:
    'Estimates, at the first interview after a new benefit period starts, the probability that a newly unemployed a-kasse member will receive dagpenge for at least 80 % of the next 52 weeks (at least 1,539.2 benefit hours). A probability at or above the cut-off places the member provisionally in målgruppe 2 (at risk of long-term unemployment), which makes the caseworker consider earlier and more intensive help.',
  users:
    'Caseworkers of the a-kasse, who read the one-page screening PDF at the first interview and make the assessment; analysts of the fund, who train, validate and monitor the model; the fund management, which decides whether a model version goes into use.',
  setting:
    "Newly unemployed members entitled to dagpenge, aged 18 to 75, with the inputs of the fund's application (Bilag 7) and STAR's questionnaire. The score supports a human decision about the kind of help offered; it never makes one and has no effect on the member's entitlement.",
} as const;

/** What the model must not be used for (English). */
export const MISUSE_EN = [
  "Deciding about a member's entitlement to dagpenge, sanctions, availability (rådighed) or any other legal right: the score is advice for the planning of help, not a decision.",
  'Acting on the score without a caseworker: no letter, booking or change of group may follow from the score alone.',
  'Members outside the population it was trained on (not newly unemployed, under 18, without the required inputs), or later periods without a check of drift and calibration.',
  'Profiling for other purposes: recruitment, credit, insurance pricing, control or fraud detection.',
  'Ranking or comparing caseworkers, offices or regions.',
  'Inferring or acting on gender or origin: they are recorded only so that the model can be audited for unequal treatment.',
] as const;

/** The model's known limits that hold for every version (English); version-specific notes are added by the card. */
export const LIMITS_EN = [
  'A logistic regression on the listed predictors: it knows nothing the inputs do not carry (health, motivation, the local labour market next month) and states an average risk for members like this one, not a forecast for the person.',
  'The probability is calibrated on the training period. The labour market changes (a recession raises everyone\'s risk), so calibration must be checked on recent spells before and during use; see "Logging and monitoring".',
  'Spells whose 52 weeks were not yet over when the data were drawn (censored spells) are left out of training; if such spells differ, the model inherits the difference.',
  'Small groups (fewer than 100 members or 10 events in the validation data) have wide intervals: their figures are shown but should not be compared.',
  'Leaving gender and origin out of the model does not by itself make it fair: other predictors (education, region, industry) can stand in for them. The group figures show the effect; they do not remove it.',
] as const;

/** Human oversight, logging and monitoring (English). */
export const OVERSIGHT_EN = {
  decides:
    'The caseworker decides the target group. The statistical result is a starting point for the conversation with the member, who can add what the model does not know.',
  automationBias:
    'Automation bias: people tend to accept a computed answer, especially when busy. Read the factors on the PDF, ask the member, and record your own assessment whenever you see it differently; the model is wrong for a large share of members in both groups (see "What the cut-off does").',
  override:
    'How to override: record the assessment in the a-kasse system (PUT /v1/screenings/{id}/assessment with correctedTargetGroup, correctedSubgroup and a comment). The statistical result is kept beside the assessment and every assessment is kept, so the history shows who changed what and why.',
  stop: 'Stop using the model (switch ACTIVE_MODEL_VERSION, or take the service down) when monitoring shows drift or miscalibration, or when caseworkers report results that do not make sense.',
} as const;

export const LOGGING_EN = [
  'Every screening is stored with the model version, the inputs, the probability, the statistical group and the time; every read, PDF, assessment, erasure and refused request is written to the audit log with the client and an HMAC of the citizen key (never the CPR number itself).',
  'Overrides are stored as assessments beside the statistical result, so the share of overridden screenings can be followed per model version: a rising share is a sign the model no longer fits.',
  'Drift: models trained now record the training distribution of each input and of the score; the population stability index against it (< 0.1 stable, 0.1–0.25 watch, > 0.25 act) should be computed on recent screenings at least quarterly.',
  'Calibration and group figures on labelled recent spells (the report command, and this card with --data) when their 52 weeks are over, before each new version is put into use, and at least yearly.',
] as const;

/** The caseworker page (Danish throughout). */
export const CASEWORKER_DA = {
  what: 'Modellen beregner sandsynligheden for, at et nyledigt medlem bliver langtidsledigt: på dagpenge i mindst 80 % af de næste 52 uger. Sandsynligheden bygger på oplysningerne fra ansøgningen og spørgeskemaet og sammenligner medlemmet med tidligere ledige med samme oplysninger.',
  cutoff: (percent: string) =>
    `Ligger sandsynligheden på ${percent} eller derover, foreslår systemet målgruppe 2 (i risiko for langtidsledighed); ellers målgruppe 1.`,
  youDecide:
    'Du træffer vurderingen. Resultatet er et udgangspunkt for samtalen, ikke en afgørelse. Medlemmet ved ting, modellen ikke ved.',
  automationBias:
    'Pas på med at følge tallet blot fordi en computer har beregnet det. Læs faktorerne på udskriften, spørg medlemmet, og ret målgruppen, når du vurderer det anderledes.',
  override:
    'Sådan retter du: registrér din vurdering (målgruppe, evt. undergruppe 2a/2b og en begrundelse) i a-kassens system. Det statistiske resultat gemmes ved siden af din vurdering, og alle vurderinger gemmes.',
  notFor:
    'Resultatet må ikke bruges til afgørelser om dagpengeret, rådighed eller sanktioner, og køn og herkomst indgår ikke i beregningen.',
  accuracyHeading: 'Hvor ofte rammer modellen?',
  accuracy: (precision: string, recall: string, flagged: string) =>
    `I valideringsdata kom ${flagged} af medlemmerne i målgruppe 2. Af dem blev ${precision} langtidsledige. Af alle, der blev langtidsledige, fandt modellen ${recall}. Modellen tager altså fejl i begge retninger.`,
  accuracyWithoutData: (flagged: string) =>
    `I træningsdata kom ${flagged} af medlemmerne i målgruppe 2. Hvor mange af dem der blev langtidsledige, viser modelkortet, når det er lavet med valideringsdata.`,
  simulated: 'Denne model er estimeret på simulerede data. Den viser, hvordan systemet virker, og må ikke bruges til rigtige medlemmer.',
  questions:
    'Giver et resultat ikke mening, så skriv det i begrundelsen og sig det til den ansvarlige analytiker: det er sådan fejl i modellen bliver fundet.',
} as const;

/** Labels of the caseworker page's facts table (Danish). */
export const CASEWORKER_FACTS_DA = {
  version: 'Modelversion',
  trained: 'Estimeret',
  period: 'Træningsperiode',
  cutoff: 'Grænse for målgruppe 2',
  data: 'Data',
  simulated: 'simulerede data',
  register: 'registerdata',
} as const;
