import { CALIBRATION_BANDS, type InTheLargeReading, reachesBeyondBand, type SlopeReading } from '../stats/calibrationReading.js';

/**
 * The Danish words of the calibration report, in one place. The report is written in English for the
 * analyst (who reads AUC, Brier and the like as English terms); each section heading carries its Danish
 * name beside the English one for the fund's management, and the simulated-data warning is given in
 * both languages. Kept with the project's other Danish texts.
 */
export const REPORT_HEADINGS = {
  summary: { en: 'Summary', da: 'Sammenfatning' },
  model: { en: 'The model', da: 'Modellen' },
  discrimination: { en: 'Discrimination', da: 'Evne til at skelne' },
  calibration: { en: 'Calibration', da: 'Kalibrering' },
  cutoff: { en: 'The target-group cut-off', da: 'Grænsen for målgruppe 2' },
  fairness: { en: 'Fairness across groups', da: 'Ligebehandling af grupper' },
  validation: { en: 'Validation', da: 'Validering' },
  notes: { en: 'Methods and notes', da: 'Metoder og bemærkninger' },
} as const;

/** The report's title, in both languages. */
export const REPORT_TITLE = { en: 'Calibration report', da: 'Kalibreringsrapport' } as const;

/** The warning shown at the top of every page when the model was trained on simulated data. */
export const SIMULATED_WARNING = {
  en: "SIMULATED DATA. This model was trained on the project's simulated cohort, not on register data. Its figures describe the simulation, not real members: do not use it for real decisions.",
  da: 'SIMULEREDE DATA. Modellen er estimeret på projektets simulerede kohorte, ikke på registerdata. Tallene beskriver simulationen, ikke virkelige medlemmer: brug den ikke til rigtige afgørelser.',
} as const;

/** The two target groups as the fund names them. */
export const TARGET_GROUPS_DA = { 1: 'målgruppe 1', 2: 'målgruppe 2' } as const;

/** English and Danish words for what the calibration slope's 95 % interval says (see readSlope for the rule and bands). */
export const SLOPE_READING: Record<SlopeReading, { en: string; da: string }> = {
  fits: {
    en: 'the spread of the predictions fits the outcomes (the 95 % interval contains 1)',
    da: 'forudsigelsernes spredning passer til udfaldene (95 %-intervallet indeholder 1)',
  },
  somewhat_too_spread: {
    en: 'the predictions are somewhat too spread: a little too high for high-risk and too low for low-risk members (mild overfitting)',
    da: 'forudsigelserne er noget for spredte: lidt for høje for medlemmer med høj risiko og for lave for medlemmer med lav risiko (let overtilpasning)',
  },
  much_too_spread: {
    en: 'the predictions are much too spread: too high for high-risk and too low for low-risk members (overfitting)',
    da: 'forudsigelserne er meget for spredte: for høje for medlemmer med høj risiko og for lave for medlemmer med lav risiko (overtilpasning)',
  },
  somewhat_too_narrow: {
    en: 'the predictions are somewhat too narrow: the model could separate members a little more than it does',
    da: 'forudsigelserne er noget for samlede: modellen kunne skelne lidt mere mellem medlemmerne, end den gør',
  },
  much_too_narrow: {
    en: 'the predictions are much too narrow: the model could separate members more than it does',
    da: 'forudsigelserne er meget for samlede: modellen kunne skelne mere mellem medlemmerne, end den gør',
  },
};

/** English and Danish words for what calibration-in-the-large's 95 % interval says (see readInTheLarge). */
export const IN_THE_LARGE_READING: Record<InTheLargeReading, { en: string; da: string }> = {
  fits: {
    en: 'the predictions are right on average (the 95 % interval contains 0)',
    da: 'forudsigelserne rammer rigtigt i gennemsnit (95 %-intervallet indeholder 0)',
  },
  somewhat_too_low: {
    en: 'the predictions are somewhat too low on average: a few more members became long-term unemployed than predicted',
    da: 'forudsigelserne er i gennemsnit noget for lave: lidt flere blev langtidsledige end forudsagt',
  },
  much_too_low: {
    en: 'the predictions are much too low on average: more members became long-term unemployed than predicted',
    da: 'forudsigelserne er i gennemsnit meget for lave: flere blev langtidsledige end forudsagt',
  },
  somewhat_too_high: {
    en: 'the predictions are somewhat too high on average: a few fewer members became long-term unemployed than predicted',
    da: 'forudsigelserne er i gennemsnit noget for høje: lidt færre blev langtidsledige end forudsagt',
  },
  much_too_high: {
    en: 'the predictions are much too high on average: fewer members became long-term unemployed than predicted',
    da: 'forudsigelserne er i gennemsnit meget for høje: færre blev langtidsledige end forudsagt',
  },
};

/**
 * Added to a "fits" whose interval is so wide that it also holds a value the bands call "much" off:
 * the data then show no misfit, but cannot rule out a large one either.
 */
export const WIDE_INTERVAL = {
  en: 'but the interval is too wide to rule out a clear misfit',
  da: 'men intervallet er for bredt til at udelukke en tydelig skævhed',
} as const;

/** The words for a calibration slope's reading, with the caveat of a wide interval; null when the slope is undefined. */
export function slopeWords(
  m: { calibration_slope_reading: SlopeReading | null; calibration_slope_ci_low: number | null; calibration_slope_ci_high: number | null },
  lang: 'en' | 'da',
): string | null {
  const r = m.calibration_slope_reading;
  if (r === null) return null;
  const wide =
    r === 'fits' && reachesBeyondBand(1, CALIBRATION_BANDS.slope, m.calibration_slope_ci_low ?? 1, m.calibration_slope_ci_high ?? 1);
  return SLOPE_READING[r][lang] + (wide ? `, ${WIDE_INTERVAL[lang]}` : '');
}

/** The words for calibration-in-the-large's reading, with the caveat of a wide interval; null when undefined. */
export function inTheLargeWords(
  m: {
    calibration_in_the_large_reading: InTheLargeReading | null;
    calibration_in_the_large_ci_low: number | null;
    calibration_in_the_large_ci_high: number | null;
  },
  lang: 'en' | 'da',
): string | null {
  const r = m.calibration_in_the_large_reading;
  if (r === null) return null;
  const wide =
    r === 'fits' &&
    reachesBeyondBand(0, CALIBRATION_BANDS.inTheLarge, m.calibration_in_the_large_ci_low ?? 0, m.calibration_in_the_large_ci_high ?? 0);
  return IN_THE_LARGE_READING[r][lang] + (wide ? `, ${WIDE_INTERVAL[lang]}` : '');
}
