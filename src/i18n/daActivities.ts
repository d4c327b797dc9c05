/**
 * The activity catalogue's Danish texts: a title and a description for the caseworker, and a short
 * line the member may read (no talk of risk). The activities are those the sources name (the fund's
 * application section 2.1, FTF's trainee-forløb, LO/FTF on voksenlærlinge and
 * realkompetencevurdering, the 2018 agreement on FVU). A policy override may add activities with its
 * own texts; these are the built-in ones, in the order they are listed to people.
 */

/** The texts of one activity. */
export interface ActivityTextDa {
  title: string;
  description: string;
  /** What the member reads in the interview summary. */
  memberText: string;
}

/** The built-in activities' texts, keyed by activity code. */
export const ACTIVITY_TEXTS_DA = {
  jobformidling: {
    title: 'Jobformidling og jobmatch',
    description:
      'Formidling til ordinære job gennem a-kassens jobformidling, vejledning om jobsøgning i og uden for faget (A-B-C-plan) og respons på ansøgninger.',
    memberText: 'Hjælp til at finde ledige job, der passer til dig, og sparring på dine ansøgninger',
  },
  fokussamtaler: {
    title: 'To personlige fokussamtaler',
    description:
      'Ret til to ekstra samtaler med fokus på medlemmets særlige ønsker, behov og udfordringer i jobsøgningen; kan holdes som telefon- eller videosamtale.',
    memberText: 'To ekstra personlige samtaler om dine ønsker og behov i jobsøgningen',
  },
  webinarer: {
    title: 'Webinarer om jobsøgning',
    description:
      'Sådan finder du dit nye job, sådan søger du jobbet, sådan går du til samtale, og: kan jeg blive i mit fag? Hjælp i afdelingen til at deltage, hvis IT er svært.',
    memberText: 'Webinarer om at finde og søge job og om at gå til jobsamtale',
  },
  temamoeder: {
    title: 'Temamøder i afdelingen',
    description: 'Temamøder om jobsøgning, jobformidling, IT-redskaber og uddannelse.',
    memberText: 'Temamøder i din afdeling om jobsøgning, IT og uddannelse',
  },
  laese_skrive_regnetest: {
    title: 'Læse-, skrive- og regnetest',
    description: 'En test afklarer, om medlemmet har brug for at styrke læse-, skrive-, stave- eller regnefærdigheder med et FVU-forløb.',
    memberText: 'En kort test af læse-, skrive- og regnefærdigheder',
  },
  fvu: {
    title: 'FVU-forløb (op til 60 timer)',
    description:
      'Forberedende voksenundervisning i læsning, skrivning eller regning på op til 60 timer med fokus på jobsøgning, når testen viser behov.',
    memberText: 'Et kursus i læsning, skrivning eller regning (FVU), hvis testen viser, at det kan hjælpe dig',
  },
  it_kursus: {
    title: 'IT-kursus eller IT-café',
    description: 'Hjælp til Jobnet, CV, jobagenter og andre digitale redskaber i jobsøgningen.',
    memberText: 'Hjælp til IT og de digitale redskaber i jobsøgningen',
  },
  danskundervisning: {
    title: 'Danskundervisning',
    description: 'Undervisning i dansk, så sproget ikke står i vejen for jobsøgning og job.',
    memberText: 'Danskundervisning',
  },
  brancheskift_vejledning: {
    title: 'Vejledning om brancheskift',
    description:
      'Afklaring af kompetencer og muligheder i en ny branche eller nye arbejdsfunktioner, med vægt på områder med gode jobmuligheder.',
    memberText: 'Vejledning om dine muligheder i en ny branche',
  },
  sporskifte: {
    title: 'Sporskifte',
    description: 'Uddannelse til et nyt fagområde gennem sporskifteordningen, når hidtidige arbejdsfunktioner ikke længere kan varetages.',
    memberText: 'Uddannelse til et nyt fagområde (sporskifte)',
  },
  jobrettet_uddannelse: {
    title: '6 ugers jobrettet uddannelse',
    description: 'Kort erhvervsrettet kursus fra positivlisten, der kan give adgang til job på et nyt område.',
    memberText: 'Et kort jobrettet kursus (6 ugers jobrettet uddannelse)',
  },
  trainee_forloeb: {
    title: 'Trainee-forløb for dimittender',
    description:
      'Praktisk læringsforløb på en fagrelevant arbejdsplads (virksomhedspraktik, løntilskud eller jobrotation) kombineret med fagligt opkvalificerende kurser; godkendes af jobcentret.',
    memberText: 'Et trainee-forløb med praktik på en arbejdsplads og faglige kurser',
  },
  virksomhedsrettet_tilbud: {
    title: 'Virksomhedspraktik, løntilskud eller jobrotation',
    description: 'Virksomhedsrettet tilbud, der giver erfaring og kontakt til en arbejdsplads; aftales med og godkendes af jobcentret.',
    memberText: 'Praktik, job med løntilskud eller jobrotation på en arbejdsplads',
  },
  realkompetencevurdering: {
    title: 'Realkompetencevurdering',
    description:
      'Vurdering af kompetencer erhvervet i arbejdslivet uden for uddannelsessystemet, som grundlag for et nyt jobmål eller en afkortet uddannelse.',
    memberText: 'En vurdering af de kompetencer, du allerede har fra dit arbejdsliv',
  },
  voksenlaerling: {
    title: 'Voksenlærlingeforløb',
    description: 'Erhvervsuddannelse som voksenlærling (fra 25 år) med tilskud til arbejdsgiveren.',
    memberText: 'Mulighed for en erhvervsuddannelse som voksenlærling',
  },
  henvisning_jobcenter: {
    title: 'Henvisning til jobcentret',
    description:
      'Komplekse problemer: sideløbende kontaktforløb i jobcentret, hvis jobcentret kan tilbyde en indsats, a-kassen ikke kan. Aftales med jobcentret pr. telefon.',
    memberText: 'Samarbejde med jobcentret om den ekstra støtte, de kan tilbyde',
  },
} as const satisfies Record<string, ActivityTextDa>;

/** Codes of the built-in activities. */
export type BuiltInActivityCode = keyof typeof ACTIVITY_TEXTS_DA;
