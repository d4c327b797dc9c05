import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDate, parseYearWeek, weekIndexOfDay, weekIndexOfYearWeek } from '../../../src/data/isoWeek.js';
import { readRows, simulateToTemp, type SimulatedFiles } from './helpers.js';

// The label is recomputed here from the files alone, with the ISO week functions of src/data/isoWeek.ts
// and nothing of the simulator: the hours file must carry exactly the outcome the simulator drew.

const N = 20_000;
const SEED = 99;
const THRESHOLD_TENTHS = 15_392; // 0.8 × 52 × 37 = 1,539.2 hours
const LAST_WEEK = weekIndexOfYearWeek(2018, 26);

/** Hours text → whole tenths, rejecting anything but 0–37 with at most one decimal. */
function tenths(text: string): number {
  const m = /^(\d{1,2})(?:\.(\d))?$/.exec(text);
  if (!m) throw new Error(`bad hours "${text}"`);
  const t = Number(m[1]) * 10 + Number(m[2] ?? 0);
  if (t > 370) throw new Error(`hours above 37: "${text}"`);
  return t;
}

// Simulating and parsing the cohort takes seconds, more when the test files run side by side.
const HOOK_TIMEOUT_MS = 120_000;

describe('simulate: weekly hours agree with the drawn outcome', () => {
  let withOutcome: SimulatedFiles;
  let withHours: SimulatedFiles;
  let outcome: Map<string, { start: number; longTerm: boolean }>;
  let weeks: Map<string, Map<number, number>>;

  beforeAll(async () => {
    // Same seed: the spells are the same, and the run without hours states the outcome it drew.
    withOutcome = await simulateToTemp(N, SEED, false);
    withHours = await simulateToTemp(N, SEED, true);
    outcome = new Map(
      readRows(withOutcome.spellsPath).map((r) => [r.spell_id, { start: parseIsoDate(r.spell_start)!, longTerm: r.long_term === '1' }]),
    );
    weeks = new Map();
    const lines = readFileSync(withHours.hoursPath!, 'utf8').split('\n');
    expect(lines[0]).toBe('spell_id,year_week,hours');
    expect(lines[lines.length - 1]).toBe('');
    for (const line of lines.slice(1, -1)) {
      const [id, yw, h, extra] = line.split(',');
      expect(extra).toBeUndefined();
      const parsed = parseYearWeek(yw);
      if (!parsed) throw new Error(`bad year_week "${yw}"`);
      const w = weekIndexOfYearWeek(parsed.year, parsed.week);
      let spell = weeks.get(id);
      if (!spell) {
        spell = new Map();
        weeks.set(id, spell);
      }
      if (spell.has(w)) throw new Error(`${id}: week ${yw} twice`);
      spell.set(w, tenths(h));
    }
  }, HOOK_TIMEOUT_MS);
  afterAll(() => {
    withOutcome.cleanup();
    withHours.cleanup();
  });

  it('has no long_term column in the spells file when hours are written', () => {
    const header = readFileSync(withHours.spellsPath, 'utf8').split('\n', 1)[0];
    expect(header.split(',')).not.toContain('long_term');
    expect(header.endsWith(',q10_barriers')).toBe(true);
  });

  it('writes rows only for known spells, from the week of the first day to at most 2018 week 26', () => {
    let latest = -Infinity;
    for (const [id, spell] of weeks) {
      const o = outcome.get(id);
      expect(o, id).toBeDefined();
      const first = weekIndexOfDay(o!.start);
      for (const w of spell.keys()) {
        if (w < first || w > LAST_WEEK) throw new Error(`${id}: week index ${w} outside ${first} … ${LAST_WEEK}`);
        if (w > latest) latest = w;
      }
    }
    // The data reach the last week, so a labeller that takes the latest week from the file finds 2018 week 26.
    expect(latest).toBe(LAST_WEEK);
  });

  it('puts every uncensored spell on the correct side of 1,539.2 hours, with all 52 weeks present', () => {
    let uncensored = 0;
    let longTerm = 0;
    const wrong: string[] = [];
    const near = { longAt: 0, longNear: 0, shortAt: 0, shortNear: 0 };
    for (const [id, o] of outcome) {
      const first = weekIndexOfDay(o.start);
      if (first + 51 > LAST_WEEK) continue; // censored: the 52 weeks are not over in the data
      uncensored++;
      const spell = weeks.get(id) ?? new Map<number, number>();
      let sum = 0;
      for (let w = first; w < first + 52; w++) {
        const h = spell.get(w);
        if (h === undefined) throw new Error(`${id}: no row for week ${w - first + 1} of 52`);
        sum += h;
      }
      if (sum >= THRESHOLD_TENTHS !== o.longTerm) wrong.push(`${id}: ${sum / 10} hours but long_term ${o.longTerm}`);
      if (o.longTerm) longTerm++;
      if (sum === THRESHOLD_TENTHS) near.longAt++;
      else if (sum > THRESHOLD_TENTHS && sum <= THRESHOLD_TENTHS + 100) near.longNear++;
      else if (sum === THRESHOLD_TENTHS - 1) near.shortAt++;
      else if (sum < THRESHOLD_TENTHS && sum >= THRESHOLD_TENTHS - 100) near.shortNear++;
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(uncensored).toBe(withHours.summary.n - withHours.summary.censored);
    expect(longTerm).toBe(withHours.summary.longTermUncensored);
    // Spells close to the bar on both sides, including exactly on it (1,539.2) and a tenth below (1,539.1).
    expect(near.longAt).toBeGreaterThan(0);
    expect(near.shortAt).toBeGreaterThan(0);
    expect(near.longNear).toBeGreaterThan(50);
    expect(near.shortNear).toBeGreaterThan(50);
  });

  it('censors the spells that start after mid-2017 and only those', () => {
    let censored = 0;
    for (const o of outcome.values()) if (weekIndexOfDay(o.start) + 51 > LAST_WEEK) censored++;
    expect(censored).toBe(withHours.summary.censored);
    // Starts are uniform over 2014–2017, so about half a year in four is censored.
    expect(censored / N).toBeGreaterThan(0.1);
    expect(censored / N).toBeLessThan(0.15);
  });

  it('looks like benefit spells: full weeks, part-time weeks and exits to work', () => {
    let full = 0;
    let partial = 0;
    let zero = 0;
    let decimals = 0;
    for (const spell of weeks.values()) {
      for (const h of spell.values()) {
        if (h === 370) full++;
        else if (h === 0) zero++;
        else partial++;
        if (h % 10 !== 0) decimals++;
      }
    }
    const total = full + partial + zero;
    expect(full / total).toBeGreaterThan(0.3);
    expect(partial / total).toBeGreaterThan(0.02);
    expect(zero / total).toBeGreaterThan(0.2);
    expect(decimals).toBeGreaterThan(0);
  });
});
