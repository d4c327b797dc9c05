/** A seeded source of choices for tests (the project's Mersenne Twister), so every run sends the same inputs. */
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
