import mt19937 from '@stdlib/random-base-mt19937';
import { describe, expect, it } from 'vitest';
import { mersenneTwister } from '../../src/stats/mersenneTwister.js';

describe('mersenneTwister', () => {
  it("gives the reference code's words for init_by_array({0x123, 0x234, 0x345, 0x456}) (mt19937ar.out)", () => {
    const g = mersenneTwister(new Uint32Array([0x123, 0x234, 0x345, 0x456]));
    expect([g.uint32(), g.uint32(), g.uint32(), g.uint32(), g.uint32()]).toEqual([
      1067595299, 955945823, 477289528, 4107218783, 4228976476,
    ]);
  });

  it("gives C++ std::mt19937's first words for the default seed 5489", () => {
    const g = mersenneTwister(5489);
    expect([g.uint32(), g.uint32(), g.uint32()]).toEqual([3499211612, 581869302, 3890346734]);
  });

  it("gives numpy's np.random.seed(3); np.random.random_sample(3) (genrand_res53 of init_genrand(3))", () => {
    const g = mersenneTwister(3);
    expect([g.uniform(), g.uniform(), g.uniform()]).toEqual([0.5507979025745755, 0.7081478226181048, 0.2909047389129443]);
  });

  it("draws the very doubles of stdlib's normalized(), which the split and the bootstraps used before", () => {
    const ours = mersenneTwister(20240601);
    // The typings give factory() a plain function type; the generator also carries normalized().
    const theirs = mt19937.factory({ seed: 20240601 }) as unknown as { normalized(): number };
    for (let i = 0; i < 10_000; i++) expect(ours.uniform()).toBe(theirs.normalized());
  });
});
