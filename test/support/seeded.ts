/** A seeded source of choices for tests (the project's Mersenne Twister), so every run sends the same inputs. */
import type { Rng } from '../../src/data/simulate/rng.js';
import { mersenneTwister } from '../../src/stats/mersenneTwister.js';

/** A seeded source of choices: integers below n, chances, picks from a list. */
export function chooser(seed: number) {
  const mt = mersenneTwister(seed);
  const int = (n: number) => Math.floor(mt.uniform() * n);
  return {
    int,
    chance: (p: number) => mt.uniform() < p,
    pick: <T>(xs: readonly T[]): T => xs[int(xs.length)],
  };
}

/** What {@link chooser} returns. */
export type Chooser = ReturnType<typeof chooser>;

/** One element of `list`, drawn from a simulator stream (createRng), for tests generating records with it. */
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[rng.integer(0, list.length - 1)];

/** Values of the wrong kind or at a kind's edge, for any field of a generated record. */
export const ODD_VALUES: readonly unknown[] = [
  'x',
  1,
  0,
  -1,
  null,
  undefined,
  [],
  {},
  true,
  false,
  '',
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
];
