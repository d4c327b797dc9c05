/**
 * The letter the member may read: the interview summary the fund hands over, and its second form for
 * a member who asks for an explanation. Plain Danish in short sentences. It never predicts the
 * member's fate: no probability, no percentage, no target group, no talk of risk or of long-term
 * unemployment (the tests check every string here and every rendered letter against
 * MEMBER_LETTER_FORBIDDEN). The rights are named with their articles so the member can quote them.
 */

/** The forms of the letter: the summary everyone gets, and the explanation a member may ask for. */
export const MEMBER_LETTER_FORMS = ['summary', 'explanation'] as const;

/** A form of the letter. */
export type MemberLetterForm = (typeof MEMBER_LETTER_FORMS)[number];

/** Patterns the letter must never match: words of fate and risk, and anything shaped like a probability. */
export const MEMBER_LETTER_FORBIDDEN: readonly RegExp[] = [
  /risik/i,
  /langtidsledig/i,
  /sandsynlig/i,
  /målgruppe/i,
  /procent/i,
  /%/,
  /odds/i,
  /\b0[,.]\d/,
  /\d+[,.]\d+\s*(pct|procent)/i,
];

/** The letter's fixed texts. */
export const MEMBER_LETTER_DA = {
  title: { summary: 'Opsummering af din samtale', explanation: 'Forklaring på din profilering' },
  pdfSubject: 'Brev til medlemmet om samtalen og den støtte, a-kassen tilbyder',
  defaultSender: 'Din a-kasse',
  cpr: 'CPR-nr.',
  date: 'Dato',
  greeting: 'Kære medlem',
  intro: (date: string) => `Tak for samtalen den ${date}. Her kan du læse, hvad vi har noteret, og hvad vi tilbyder dig.`,
  explanationIntro: 'Du har bedt om en forklaring. Derfor står der også, hvad der vejede mest, da forslaget blev lavet.',

  registeredHeading: 'Det har vi noteret',
  registeredText:
    'Vi har noteret dine svar i samtalen. Vi har også brugt oplysninger om din uddannelse, dit arbejde og din tidligere ledighed.',
  q2: 'Hvornår du tror, du får job',
  q10: 'Det gør det svært at søge job',
  q10None: 'Intet',

  supportHeading: 'Den støtte vi tilbyder dig',
  moreActivities: 'Der er flere tilbud til dig. Din sagsbehandler fortæller dig om dem.',
  noActivities: 'Din sagsbehandler hjælper dig med at søge job. I aftaler sammen, hvad der passer til dig.',
  why: 'Vi tilbyder støtte ud fra dine svar og dine oplysninger. Målet er, at du får den hjælp, der passer til dig. I aftaler sammen, hvad du skal i gang med.',

  decidesHeading: 'Hvem bestemmer',
  decides:
    'Det er din sagsbehandler i a-kassen, der bestemmer, hvilken støtte du får. Det er ikke et program. Programmet giver kun sagsbehandleren et forslag. Sagsbehandleren kan ændre forslaget.',

  howHeading: 'Sådan virker profileringen',
  how: 'Vi bruger et statistisk værktøj. Det ser på dine svar og oplysninger og sammenligner dem med tidligere ledige medlemmer. Ud fra det foreslår værktøjet, hvor meget støtte der kan være brug for. Det siger ikke noget sikkert om dig eller din fremtid.',

  factorsHeading: 'Det vejede mest i forslaget',
  factorsIntro: 'Her er de forhold, der betød mest. Vi nævner kun de vigtigste.',
  factorsMore: 'Talte for mere støtte',
  factorsLess: 'Talte for mindre støtte',
  factorsNone: 'Ingen',
  noFactors: 'Ingen enkelte forhold betød særlig meget.',

  rightsHeading: 'Dine rettigheder',
  rights: [
    'Du kan bede om en forklaring på, hvordan forslaget er lavet, og se de oplysninger, vi har om dig (databeskyttelsesforordningen artikel 15, stk. 1, litra h).',
    'Du har ret til, at et menneske ser på din sag. Du kan sige din mening og klage over beslutningen (databeskyttelsesforordningen artikel 22).',
    'Du kan få en forklaring på sagsbehandlerens beslutning og på, hvad værktøjet betød for den (AI-forordningen artikel 86).',
    'Er en oplysning forkert, kan du bede om at få den rettet (databeskyttelsesforordningen artikel 16).',
  ],
  askHeading: 'Sådan spørger du',
  ask: 'Kontakt os, hvis du vil have en forklaring, eller hvis noget skal rettes. Du kan skrive eller ringe.',
  contact: 'Kontakt',
  bullet: '• ',
} as const;
