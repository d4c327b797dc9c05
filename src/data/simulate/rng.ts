import { mersenneTwister } from '../../stats/mersenneTwister.js';

/**
 * A seeded random stream for the simulator. Only the 32-bit integer output of the Mersenne Twister is
 * taken from the library; every distribution is built here from it, so the sequence of draws (and with
 * it every simulated file) depends on nothing but the seed and this code. The transcendental functions
 * used (Math.log, Math.exp, Math.cos) are V8's fdlibm ports, which give the same bits on every platform.
 */
export interface Rng {
  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number;
  /** Uniform on (0, 1): safe to take the logarithm of. */
  uniformOpen(): number;
  /** A whole number uniform on lo … hi, both included. */
  integer(lo: number, hi: number): number;
  /** 1 with probability p, else 0. */
  bernoulli(p: number): 0 | 1;
  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number;
  /** Poisson with mean lambda (Knuth's multiplication method: fine for the small means used here). */
  poisson(lambda: number): number;
  /** An index drawn with probability proportional to weights[i] (non-negative, not all zero). */
  categorical(weights: readonly number[]): number;
  /** The same as {@link categorical}, faster for long lists: takes {@link cumulativeWeights}. */
  categoricalCumulative(cumulative: Float64Array): number;
}

/** Running sums of weights, for {@link Rng.categoricalCumulative}. */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const cum = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    if (!(w >= 0)) throw new RangeError(`weights must be non-negative, got ${w}`);
    total += w;
    cum[i] = total;
  });
  if (total <= 0) throw new RangeError('categorical weights are all zero');
  return cum;
}

/** Independent streams of one seed: members and outcomes use one, weekly hours the other. */
export const RNG_STREAM = { members: 1, hours: 2 } as const;

/**
 * Creates a stream from a whole-number seed (0 … 2^53 − 1) and a stream number. The seed array
 * [stream, low 32 bits, high 32 bits] keeps streams of one seed, and seeds that differ only above bit 32,
 * apart.
 */
export function createRng(seed: number, stream: number): Rng {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a whole number ≥ 0, got ${seed}`);
  const low = seed % 2 ** 32;
  const high = Math.floor(seed / 2 ** 32);
  // genrand_res53 from the reference implementation: 27 + 26 bits make one double.
  const uniform = mersenneTwister(new Uint32Array([stream, low, high])).uniform;
  let spare: number | undefined;
  const uniformOpen = (): number => {
    let u = uniform();
    while (u === 0) u = uniform();
    return u;
  };

  return {
    uniform,
    uniformOpen,
    integer(lo, hi) {
      return lo + Math.floor(uniform() * (hi - lo + 1));
    },
    bernoulli(p) {
      return uniform() < p ? 1 : 0;
    },
    normal() {
      if (spare !== undefined) {
        const z = spare;
        spare = undefined;
        return z;
      }
      const r = Math.sqrt(-2 * Math.log(uniformOpen()));
      const theta = 2 * Math.PI * uniform();
      spare = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
    poisson(lambda) {
      if (!(lambda >= 0) || lambda > 30) throw new RangeError(`poisson mean must be in [0, 30], got ${lambda}`);
      const limit = Math.exp(-lambda);
      let k = 0;
      let prod = uniform();
      while (prod > limit) {
        k++;
        prod *= uniform();
      }
      return k;
    },
    categorical(weights) {
      let total = 0;
      for (const w of weights) total += w;
      // Walking the cumulative weights: the category lists are at most 99 long, so no table is needed.
      let u = uniform() * total;
      for (let i = 0; i < weights.length; i++) {
        u -= weights[i];
        if (u < 0) return i;
      }
      // Rounding can leave u at a hair above zero after the last weight: give the last positive category.
      for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
      throw new RangeError('categorical weights are all zero');
    },
    categoricalCumulative(cum) {
      const u = uniform() * cum[cum.length - 1];
      // The first index whose running sum exceeds u; zero-weight entries can never be chosen.
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cum[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
  };
}
