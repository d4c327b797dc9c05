/**
 * The Danish words of the monitoring page. Like the calibration report, the page is written in English
 * for the analyst, and each heading and reading carries its Danish text beside it for the fund.
 */

/** The page's title. */
export const MONITORING_TITLE = { en: 'Live monitoring', da: 'Løbende overvågning' } as const;

/** Section headings. */
export const MONITORING_HEADINGS = {
  overview: { en: 'Screenings and outcomes', da: 'Screeninger og udfald' },
  calibration: { en: 'Calibration on known outcomes', da: 'Kalibrering på kendte udfald' },
  groups: { en: 'Figures by group', da: 'Tal fordelt på grupper' },
  months: { en: 'Share in målgruppe 2 by month', da: 'Andel i målgruppe 2 pr. måned' },
  overrides: { en: 'Caseworker overrides', da: 'Sagsbehandlerens ændringer af målgruppen' },
  drift: { en: 'Drift against the training data', da: 'Afvigelse fra træningsdata' },
  shadows: { en: 'Shadow models on the same members', da: 'Skyggemodeller på de samme medlemmer' },
  notes: { en: 'How to read this page', da: 'Sådan læses siden' },
} as const;

/** The usual reading of a population stability index. */
export const PSI_READING_WORDS = {
  stable: { en: 'stable', da: 'stabil' },
  watch: { en: 'watch', da: 'hold øje' },
  act: { en: 'act', da: 'handl' },
} as const;

/** The notes at the end of the page. */
export const MONITORING_NOTES = {
  en: [
    'The unit is the benefit period: its first screening gives the prediction and the model version.',
    'An outcome counts only when it is known and the 52 weeks after the first day of the period are over by the as-of date; every other period is pending.',
    'The calibration figures are those of the calibrate command on the same predictions and outcomes.',
    'Groups with fewer periods than the minimum cell count are suppressed; groups under 100 periods or 10 events are marked small and not compared.',
    'PSI below 0.1 reads stable, 0.1–0.25 watch, above 0.25 act (investigate, consider retraining).',
  ],
  da: [
    'Enheden er ledighedsperioden: dens første screening giver forudsigelsen og modelversionen.',
    'Et udfald tæller kun, når det er kendt, og de 52 uger efter periodens første dag er gået på opgørelsesdagen; alle andre perioder afventer.',
    'Kalibreringstallene er dem, kommandoen calibrate giver på de samme forudsigelser og udfald.',
    'Grupper med færre perioder end den mindste cellestørrelse vises ikke; grupper under 100 perioder eller 10 hændelser er markeret som små og sammenlignes ikke.',
    'PSI under 0,1 læses som stabil, 0,1–0,25 hold øje, over 0,25 handl (undersøg, overvej at genestimere).',
  ],
} as const;
