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
