import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateToTemp, type SimulatedFiles } from './helpers.js';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

// Golden values: a change to the generator (a draw, its order, a number, the formatting) changes them.
// That is sometimes intended; then bump GENERATOR_VERSION in src/data/simulate/truth.ts, update
// training/SIMULATION.md, and paste the new hashes here.
const GOLDEN = {
  n: 2000,
  seed: 20180626,
  spellsWithOutcome: 'a6124718f4d4c2a4ad443e8a6ed1468fc965ed5c6300399c122b4d00f60fef28',
  spellsWithoutOutcome: '5bc2e15d1bcbb16d0e12ed9f8942a436688ef8c8328bacf018797cb08add51bc',
  hours: 'ae5add5e6631f1a866c706f4d28d0850d553e987de10d1c22abc2e4acaaae35d',
};

describe('simulate: reproducibility', () => {
  const runs: SimulatedFiles[] = [];
  afterAll(() => runs.forEach((r) => r.cleanup()));
  const run = async (n: number, seed: number, withHours: boolean) => {
    const r = await simulateToTemp(n, seed, withHours);
    runs.push(r);
    return r;
  };

  it('writes byte-identical files for the same seed', async () => {
    const a = await run(3000, 7, true);
    const b = await run(3000, 7, true);
    expect(readFileSync(a.spellsPath).equals(readFileSync(b.spellsPath))).toBe(true);
    expect(readFileSync(a.hoursPath!).equals(readFileSync(b.hoursPath!))).toBe(true);
  });

  it('writes different files for a different seed', async () => {
    const a = await run(500, 7, true);
    const b = await run(500, 8, true);
    expect(sha256(a.spellsPath)).not.toBe(sha256(b.spellsPath));
    expect(sha256(a.hoursPath!)).not.toBe(sha256(b.hoursPath!));
    // Not just one field: most rows differ.
    const la = readFileSync(a.spellsPath, 'utf8').split('\n');
    const lb = readFileSync(b.spellsPath, 'utf8').split('\n');
    const same = la.slice(1).filter((line, i) => line !== '' && line === lb[i + 1]).length;
    expect(same).toBe(0);
  });

  it('keeps seeds that differ only above 32 bits apart', async () => {
    const a = await run(200, 5, false);
    const b = await run(200, 5 + 2 ** 32, false);
    expect(sha256(a.spellsPath)).not.toBe(sha256(b.spellsPath));
  });

  it('draws the same spells with and without hours: only the long_term column differs', async () => {
    const withOutcome = await run(2000, 11, false);
    const withHours = await run(2000, 11, true);
    const a = readFileSync(withOutcome.spellsPath, 'utf8').split('\n');
    const b = readFileSync(withHours.spellsPath, 'utf8').split('\n');
    expect(a[0]).toBe(b[0] + ',long_term');
    expect(a.length).toBe(b.length);
    for (let i = 1; i < a.length; i++) {
      if (a[i] === '') continue;
      expect(a[i]).toMatch(/,[01]$/);
      expect(a[i].slice(0, -2)).toBe(b[i]);
    }
  });

  it('draws the first k spells the same whatever n is', async () => {
    const small = await run(100, 13, true);
    const large = await run(150, 13, true);
    const spells = (r: SimulatedFiles) => readFileSync(r.spellsPath, 'utf8').split('\n');
    expect(spells(large).slice(0, 101)).toEqual(spells(small).slice(0, 101));
    const hours = (r: SimulatedFiles) =>
      readFileSync(r.hoursPath!, 'utf8')
        .split('\n')
        .filter((l) => l !== '' && l < 'S0000101');
    expect(hours(large)).toEqual(hours(small));
  });

  it('matches the committed golden hashes', async () => {
    const plain = await run(GOLDEN.n, GOLDEN.seed, false);
    const hours = await run(GOLDEN.n, GOLDEN.seed, true);
    expect({
      spellsWithOutcome: sha256(plain.spellsPath),
      spellsWithoutOutcome: sha256(hours.spellsPath),
      hours: sha256(hours.hoursPath!),
    }).toEqual({ spellsWithOutcome: GOLDEN.spellsWithOutcome, spellsWithoutOutcome: GOLDEN.spellsWithoutOutcome, hours: GOLDEN.hours });
  });
});
