/**
 * Exit codes scripts can rely on. Documented in README.md ("Exit codes"); keep the two in step.
 */
export const ExitCode = {
  /** Finished; the output was written. */
  ok: 0,
  /** An unexpected internal failure (a bug): please report it. */
  internal: 1,
  /** Wrong command-line usage: unknown option, missing or malformed argument. */
  usage: 2,
  /** Invalid input data or configuration (CSV rows, feature specification, model file). */
  invalidInput: 3,
  /** The model could not be fitted as asked (did not converge, singular information matrix). */
  fitFailed: 4,
  /** Finished and wrote the output, but some rows could not be scored (they are marked in the output). */
  partial: 5,
  /** The database did not answer or was locked; nothing half-done was left, run the command again. */
  unavailable: 6,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
