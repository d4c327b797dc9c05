/**
 * How far a calibration figure may lie from its ideal value and still be called "somewhat" off: beyond
 * this it is "much" off. For the slope b: |b − 1| ≤ 0.1, i.e. the predictions' log-odds are spread at most
 * 10 % too much or too little (0.9 is also the conventional line of relevant overfitting, Steyerberg,
 * Clinical Prediction Models, 2nd ed., §15.3). For calibration-in-the-large a: |a| ≤ 0.1, i.e. the
 * observed odds are at most about 10 % (e^0.1 = 1.105) above or below the predicted ones.
 */
export const CALIBRATION_BANDS = { slope: 0.1, inTheLarge: 0.1 } as const;

/**
 * What a calibration slope says about the spread of the predictions. `fits` when the 95 % interval
 * contains 1; otherwise `too_spread` (b < 1: predictions too extreme, the sign of overfitting) or
 * `too_narrow` (b > 1: too timid), `somewhat` or `much` by {@link CALIBRATION_BANDS}.
 */
export type SlopeReading = 'fits' | 'somewhat_too_spread' | 'much_too_spread' | 'somewhat_too_narrow' | 'much_too_narrow';

/**
 * What calibration-in-the-large says about the level of the predictions. `fits` when the 95 % interval
 * contains 0; otherwise `too_low` (a > 0: more outcomes than predicted, risk underestimated) or
 * `too_high` (a < 0), `somewhat` or `much` by {@link CALIBRATION_BANDS}.
 */
export type InTheLargeReading = 'fits' | 'somewhat_too_low' | 'much_too_low' | 'somewhat_too_high' | 'much_too_high';

/** Reads a calibration slope with its 95 % interval; null when any of the three is undefined. */
export function readSlope(slope: number | null, ciLow: number | null, ciHigh: number | null): SlopeReading | null {
  if (slope === null || ciLow === null || ciHigh === null) return null;
  if (ciLow <= 1 && 1 <= ciHigh) return 'fits';
  // Written as bounds, not |b − 1| ≤ band: 1.1 − 1 is 0.10000000000000009 in floating point.
  const degree = slope >= 1 - CALIBRATION_BANDS.slope && slope <= 1 + CALIBRATION_BANDS.slope ? 'somewhat' : 'much';
  return slope < 1 ? `${degree}_too_spread` : `${degree}_too_narrow`;
}

/** Reads calibration-in-the-large with its 95 % interval; null when any of the three is undefined. */
export function readInTheLarge(a: number | null, ciLow: number | null, ciHigh: number | null): InTheLargeReading | null {
  if (a === null || ciLow === null || ciHigh === null) return null;
  if (ciLow <= 0 && 0 <= ciHigh) return 'fits';
  const degree = a >= -CALIBRATION_BANDS.inTheLarge && a <= CALIBRATION_BANDS.inTheLarge ? 'somewhat' : 'much';
  return a > 0 ? `${degree}_too_low` : `${degree}_too_high`;
}

/** Whether a 95 % interval reaches beyond the "somewhat" band around the ideal value on either side. */
export function reachesBeyondBand(ideal: number, band: number, ciLow: number, ciHigh: number): boolean {
  return ciLow < ideal - band || ciHigh > ideal + band;
}
