import mt19937 from '@stdlib/random-base-mt19937';

/** A seeded Mersenne Twister stream: its raw 32-bit words and uniform doubles built from them. */
export interface MersenneTwister {
  /** The next tempered 32-bit output, a whole number in 0 … 2³² − 1. */
  uint32(): number;
  /** Uniform on [0, 1) with 53 random bits, taking two words. */
  uniform(): number;
}

const TWO_POW_26 = 67_108_864;
const TWO_POW_53 = 9_007_199_254_740_992;

/**
 * MT19937 of Matsumoto & Nishimura (1998, ACM TOMACS 8, 3–30), the one seeded generator of the project:
 * the simulator, the hold-out split and both bootstraps draw from it. The words come from stdlib's
 * implementation, seeded as the reference code's init_genrand (a number) or init_by_array (an array).
 * `uniform` is the reference code's genrand_res53, ((a >>> 5)·2²⁶ + (b >>> 6)) / 2⁵³ for consecutive
 * words a, b; stdlib's `normalized()` multiplies by 2⁻⁵³ instead, which for a power of two is the same
 * double, so the streams drawn before this module existed are unchanged bit for bit.
 */
export function mersenneTwister(seed: number | Uint32Array): MersenneTwister {
  const next = mt19937.factory({ seed });
  const uint32 = (): number => next();
  return {
    uint32,
    uniform: () => ((next() >>> 5) * TWO_POW_26 + (next() >>> 6)) / TWO_POW_53,
  };
}
