/**
 * The stored weeks text (src/data/weeksText.ts): the hand-written check against its regular expression
 * on seeded random texts near the format's edges, and the list the API shows.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/data/simulate/rng.js';
import { isWeeksText, MAX_STORED_WEEKS, WEEKS_TEXT_PATTERN, weeksOfText } from '../../src/data/weeksText.js';

describe('stored weeks text', () => {
  it('is checked by hand exactly as the pattern checks it, on random texts of its own characters', () => {
    const rng = createRng(21, 3);
    const pieces = ['202502', '2025', '0', '37', '12.5', '1.', '.5', '1234567', ':', ';', '.', ' ', 'a', '٣', '\n', '00', '999999'];
    let accepted = 0;
    const n = 30_000;
    for (let i = 0; i < n; i++) {
      // Half the texts are made of well-formed weeks with one piece bent in, half of random pieces.
      let text: string;
      if (rng.bernoulli(0.5)) {
        const weeks = Array.from({ length: rng.integer(0, 6) }, () => `${202500 + rng.integer(1, 52)}:${rng.integer(0, 37)}`);
        if (rng.bernoulli(0.6) && weeks.length > 0) {
          const k = rng.integer(0, weeks.length - 1);
          weeks[k] = weeks[k].slice(0, rng.integer(0, weeks[k].length)) + pieces[rng.integer(0, pieces.length - 1)];
        }
        text = weeks.join(';');
      } else text = Array.from({ length: rng.integer(0, 8) }, () => pieces[rng.integer(0, pieces.length - 1)]).join('');
      const expected = WEEKS_TEXT_PATTERN.test(text);
      expect(isWeeksText(text), JSON.stringify(text)).toBe(expected);
      if (expected) accepted++;
    }
    expect(accepted).toBeGreaterThan(n * 0.2);
    expect(accepted).toBeLessThan(n * 0.8);
  });

  it('holds at most the most weeks a record may have', () => {
    const weeks = (k: number) => Array.from({ length: k }, () => '202502:37.5').join(';');
    for (const k of [0, 1, MAX_STORED_WEEKS - 1, MAX_STORED_WEEKS, MAX_STORED_WEEKS + 1]) {
      expect(isWeeksText(weeks(k))).toBe(k <= MAX_STORED_WEEKS);
      expect(WEEKS_TEXT_PATTERN.test(weeks(k))).toBe(k <= MAX_STORED_WEEKS);
    }
  });

  it('reads back as the list the API shows', () => {
    expect(weeksOfText('')).toEqual([]);
    expect(weeksOfText('202502:37;202503:12.123456')).toEqual([
      { week: '202502', hours: '37' },
      { week: '202503', hours: '12.123456' },
    ]);
  });
});
