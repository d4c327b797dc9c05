import { describe, expect, it } from 'vitest';
import { formatMicroHours, parseHoursMicro, type RoundingTally } from '../../src/data/decimalHours.js';
import {
  LONG_TERM_THRESHOLD_MICRO,
  LabelTable,
  SpellStatus,
  isCensored,
  isLongTerm,
  labelSpell,
  parseStartField,
  parseWeekField,
  windowStartWeek,
} from '../../src/data/labels.js';
import { parseIsoDate, weekIndexOfYearWeek, yearWeekOfWeekIndex } from '../../src/data/isoWeek.js';

/** `count` consecutive weeks from `firstYearWeek`, each with `hours`. */
function run(firstYearWeek: number, count: number, hours: string | number = 37): [number, string | number][] {
  const w0 = parseWeekField(String(firstYearWeek)) as number;
  return Array.from({ length: count }, (_, k) => [yearWeekOfWeekIndex(w0 + k), hours] as [number, string | number]);
}

/** The week `k` weeks after `yearWeek`, as `YYYYWW`. */
function plus(yearWeek: number, k: number): number {
  return yearWeekOfWeekIndex((parseWeekField(String(yearWeek)) as number) + k);
}

describe('exact hours', () => {
  it('parses plain decimals exactly into micro-hours', () => {
    expect(parseHoursMicro('37')).toBe(37_000_000);
    expect(parseHoursMicro('37.0')).toBe(37_000_000);
    expect(parseHoursMicro('37.000000')).toBe(37_000_000);
    expect(parseHoursMicro('12.5')).toBe(12_500_000);
    expect(parseHoursMicro(' 0.25 ')).toBe(250_000);
    expect(parseHoursMicro('.5')).toBe(500_000);
    expect(parseHoursMicro('0')).toBe(0);
    expect(parseHoursMicro('22.2')).toBe(22_200_000);
  });

  it('rejects what is not weekly hours, with a reason', () => {
    expect(parseHoursMicro('37.1')).toMatch(/more than 37/);
    expect(parseHoursMicro('38')).toMatch(/more than 37/);
    expect(parseHoursMicro('37.0000001')).toMatch(/more than 37/);
    expect(parseHoursMicro('-1')).toMatch(/negative/);
    expect(parseHoursMicro('12,5')).toMatch(/decimal comma/);
    expect(parseHoursMicro('')).toMatch(/empty/);
    expect(parseHoursMicro('1e1')).toMatch(/not a number/);
    expect(parseHoursMicro('NaN')).toMatch(/not a number/);
    expect(parseHoursMicro('.')).toMatch(/not a number/);
  });

  it('rounds more than six decimals half-up to six, and counts them', () => {
    const tally: RoundingTally = { rounded: 0 };
    expect(parseHoursMicro('12.3333333333', tally)).toBe(12_333_333);
    expect(parseHoursMicro('0.0000005', tally)).toBe(1);
    expect(parseHoursMicro('36.9999999', tally)).toBe(37_000_000);
    expect(parseHoursMicro('1.5', tally)).toBe(1_500_000);
    expect(tally.rounded).toBe(3);
  });

  it('formats micro-hours as the shortest exact decimal', () => {
    expect(formatMicroHours(1_539_200_000)).toBe('1539.2');
    expect(formatMicroHours(1_924_000_000)).toBe('1924');
    expect(formatMicroHours(0)).toBe('0');
    expect(formatMicroHours(1)).toBe('0.000001');
    expect(formatMicroHours(12_500_000)).toBe('12.5');
  });
});

describe('the long-term bar', () => {
  it('is 1,539.2 hours, compared exactly', () => {
    expect(LONG_TERM_THRESHOLD_MICRO).toBe(1_539_200_000);
    expect(isLongTerm(1_539_200_000)).toBe(true);
    expect(isLongTerm(1_539_199_999)).toBe(false);
  });

  it('labels 41 full weeks plus 22.2 hours long-term and plus 22.1 hours not', () => {
    const weeks = run(202101, 41);
    const exact = labelSpell('2021-01-04', [...weeks, [202142, '22.2']], 202252);
    expect(exact).toMatchObject({ censored: false, hoursMicro: 1_539_200_000, longTerm: true });
    const under = labelSpell('2021-01-04', [...weeks, [202142, '22.1']], 202252);
    expect(under).toMatchObject({ censored: false, hoursMicro: 1_539_100_000, longTerm: false });
  });

  it('sums tenths that floats cannot hold exactly', () => {
    // 52 weeks of 29.6 hours = 1539.2 exactly, but adding 29.6 52 times in floats gives
    // 1539.199999999999, which a float comparison would call not long-term.
    let floatSum = 0;
    for (let k = 0; k < 52; k++) floatSum += 29.6;
    expect(floatSum >= 1539.2).toBe(false);
    const r = labelSpell('2021-01-04', run(202101, 52, '29.6'), 202152);
    expect(r).toMatchObject({ hoursMicro: 1_539_200_000, longTerm: true });
  });
});

describe('ISO weeks', () => {
  it('parses YYYYWW including week 53 where the year has one', () => {
    expect(parseWeekField('202053')).toBe(weekIndexOfYearWeek(2020, 53));
    expect(parseWeekField('201553')).toBe(weekIndexOfYearWeek(2015, 53));
    expect((parseWeekField('202101') as number) - (parseWeekField('202053') as number)).toBe(1);
    expect((parseWeekField('201601') as number) - (parseWeekField('201553') as number)).toBe(1);
  });

  it('rejects weeks that do not exist', () => {
    expect(parseWeekField('202153')).toMatch(/week 53 does not exist in 2021, which has 52 ISO weeks/);
    expect(parseWeekField('202000')).toMatch(/week 00/);
    expect(parseWeekField('202054')).toMatch(/does not exist in 2020, which has 53/);
    expect(parseWeekField('2020W01')).toMatch(/not an ISO year-week YYYYWW/);
    expect(parseWeekField('20201')).toMatch(/not an ISO year-week/);
    expect(parseWeekField('')).toMatch(/empty/);
  });

  it('agrees with the isoWeek module on every week of 1990–2040', () => {
    for (let w = weekIndexOfYearWeek(1990, 1); w <= weekIndexOfYearWeek(2040, 52); w++) {
      expect(parseWeekField(String(yearWeekOfWeekIndex(w)))).toBe(w);
    }
  });

  it('starts the window on the Monday of the week of the first day', () => {
    const week = (date: string) => yearWeekOfWeekIndex(windowStartWeek(parseIsoDate(date)!));
    expect(week('2021-01-04')).toBe(202101); // a Monday
    expect(week('2021-01-10')).toBe(202101); // the Sunday after
    expect(week('2021-01-03')).toBe(202053); // the Sunday before: still 2020's week 53
    expect(week('2020-12-28')).toBe(202053);
    expect(week('2015-12-31')).toBe(201553);
    expect(week('2016-01-03')).toBe(201553);
    expect(week('2016-01-04')).toBe(201601);
  });

  it('rejects start dates that are not calendar dates', () => {
    expect(parseStartField('2021-02-29')).toMatch(/not a calendar date/);
    expect(parseStartField('04-01-2021')).toMatch(/not a date YYYY-MM-DD/);
    expect(parseStartField('')).toMatch(/empty/);
    expect(parseStartField('2021-01-04')).toBe(parseIsoDate('2021-01-04'));
  });
});

describe('the 52-week window', () => {
  it('counts a Sunday start from the Monday of its week', () => {
    // 2021-01-10 is a Sunday in week 202101: hours of that whole week count.
    const r = labelSpell('2021-01-10', run(202101, 52), 202152);
    expect(r).toMatchObject({ hoursMicro: 1_924_000_000, longTerm: true });
  });

  it('does not count the weeks before the start week or after the 52nd', () => {
    const before = run(plus(202101, -10), 10);
    const inside = run(202101, 41);
    const after = [[plus(202101, 52), 37] as [number, number], [plus(202101, 60), 37] as [number, number]];
    const r = labelSpell('2021-01-06', [...before, ...inside, ...after], 202252);
    expect(r).toMatchObject({ hoursMicro: 41 * 37_000_000, longTerm: false });
  });

  it('counts the 52nd week and not the 53rd', () => {
    const r52 = labelSpell('2021-01-04', [...run(202101, 41), [plus(202101, 51), '22.2']], 202252);
    expect(r52).toMatchObject({ longTerm: true });
    const r53 = labelSpell('2021-01-04', [...run(202101, 41), [plus(202101, 52), '22.2']], 202252);
    expect(r53).toMatchObject({ hoursMicro: 41 * 37_000_000, longTerm: false });
  });

  it('crosses a 53-week year: week 202053 is one of the 52', () => {
    // From 202023 the window is 202023–202053 (31 weeks) and 202101–202121 (21 weeks).
    expect(plus(202023, 51)).toBe(202121);
    const weeks = run(202023, 52);
    expect(weeks.map(([w]) => w)).toContain(202053);
    expect(labelSpell('2020-06-01', weeks, 202121)).toMatchObject({ censored: false, hoursMicro: 1_924_000_000 });
    // Dropping week 53 and adding 202122 instead loses 37 hours: 202122 is outside the window.
    const shifted = [...weeks.filter(([w]) => w !== 202053), [202122, 37] as [number, number]];
    expect(labelSpell('2020-06-01', shifted, 202122)).toMatchObject({ hoursMicro: 51 * 37_000_000 });
  });

  it('starts in week 53 of 2020 and runs to 202151', () => {
    expect(plus(202053, 51)).toBe(202151);
    const r = labelSpell('2021-01-01', run(202053, 52), 202151);
    expect(r).toMatchObject({ censored: false, startWeek: weekIndexOfYearWeek(2020, 53), hoursMicro: 1_924_000_000 });
  });

  it('starts in late December 2015 (week 201553) and runs to 201651', () => {
    expect(plus(201553, 51)).toBe(201651);
    const r = labelSpell('2015-12-29', [...run(201553, 41), [201651, '22.2']], 201651);
    expect(r).toMatchObject({ censored: false, longTerm: true });
  });

  it('counts missing weeks as 0 hours', () => {
    expect(labelSpell('2021-01-04', run(202101, 42), 202152)).toMatchObject({ hoursMicro: 42 * 37_000_000, longTerm: true });
    expect(labelSpell('2021-01-04', run(202101, 41), 202152)).toMatchObject({ hoursMicro: 41 * 37_000_000, longTerm: false });
    expect(labelSpell('2021-01-04', [], 202152)).toMatchObject({ hoursMicro: 0, longTerm: false });
  });
});

describe('censoring', () => {
  it('labels a spell whose 52 weeks are exactly available and censors one with 51', () => {
    const start = weekIndexOfYearWeek(2021, 1);
    expect(isCensored(start, start + 51)).toBe(false);
    expect(isCensored(start, start + 50)).toBe(true);
    expect(labelSpell('2021-01-04', run(202101, 52), 202152)).toMatchObject({ censored: false });
    expect(labelSpell('2021-01-04', run(202101, 51), 202151)).toMatchObject({ censored: true });
  });

  it('censors across week 53: from 202023 the last needed week is 202121', () => {
    expect(labelSpell('2020-06-01', [], 202121)).toMatchObject({ censored: false });
    expect(labelSpell('2020-06-01', [], 202053)).toMatchObject({ censored: true });
    expect(labelSpell('2020-06-01', [], 202120)).toMatchObject({ censored: true });
  });
});

describe('LabelTable', () => {
  function table(spells: [string, string][]): LabelTable {
    const t = new LabelTable();
    spells.forEach(([id, start], k) => expect(t.addSpell(id, start, k + 2)).toBeUndefined());
    return t;
  }

  it('sums each spell window from unsorted rows', () => {
    const t = table([
      ['a', '2021-01-04'],
      ['b', '2021-01-11'],
    ]);
    const rows = [...run(202101, 52).map(([w, h]) => ['a', w, h] as const), ...run(202102, 41).map(([w, h]) => ['b', w, h] as const)];
    rows.reverse();
    rows.forEach(([id, w, h], k) => expect(t.addHours(id, String(w), String(h), k + 2)).toBeUndefined());
    expect(t.sumOf(t.indexOf('a')!)).toBe(1_924_000_000);
    expect(t.sumOf(t.indexOf('b')!)).toBe(41 * 37_000_000);
    expect(t.counts.hoursOutsideWindow).toBe(0);
    expect(yearWeekOfWeekIndex(t.lastWeekSeen!)).toBe(202152);
  });

  it('grows past its initial capacity', () => {
    const t = new LabelTable();
    for (let k = 0; k < 5000; k++) t.addSpell(`s${k}`, '2021-01-04', k + 2);
    t.addHours('s4999', '202101', '37', 2);
    expect(t.size).toBe(5000);
    expect(t.sumOf(t.indexOf('s4999')!)).toBe(37_000_000);
    expect(t.lineOf(t.indexOf('s4999')!)).toBe(5001);
  });

  it('reports invalid spells rows by field and excludes a repeated id', () => {
    const t = new LabelTable();
    expect(t.addSpell('a', '2021-01-04', 2)).toBeUndefined();
    expect(t.addSpell(' ', '2021-01-04', 3)).toEqual([{ field: 'spell_id', reason: expect.stringMatching(/empty/) }]);
    expect(t.addSpell('b', '2021-02-30', 4)).toEqual([{ field: 'spell_start', reason: expect.stringMatching(/not a calendar date/) }]);
    expect(t.addSpell('a', '2021-01-05', 5)).toEqual([{ field: 'spell_id', reason: 'duplicate spell_id "a": first on line 2' }]);
    expect(t.statusOf(t.indexOf('a')!)).toBe(SpellStatus.excluded);
    expect(t.statusOf(t.indexOf('b')!)).toBe(SpellStatus.rejected);
  });

  it('reports invalid hours rows by field and excludes their spell', () => {
    const t = table([
      ['a', '2021-01-04'],
      ['b', '2021-01-04'],
      ['c', '2021-01-04'],
    ]);
    expect(t.addHours('x', '202101', '37', 2)).toEqual([{ field: 'spell_id', reason: 'unknown spell_id "x": not in the spells file' }]);
    expect(t.addHours('', '202101', '37', 3)).toEqual([{ field: 'spell_id', reason: expect.stringMatching(/empty/) }]);
    expect(t.addHours('a', '202153', '37', 4)).toEqual([
      { field: 'year_week', reason: expect.stringMatching(/week 53 does not exist in 2021/) },
    ]);
    expect(t.addHours('b', '202101', '40', 5)).toEqual([{ field: 'hours', reason: expect.stringMatching(/more than 37/) }]);
    expect(t.addHours('c', '202101', '37', 6)).toBeUndefined();
    expect(t.addHours('c', '202101', '37', 7)).toEqual([
      { field: 'year_week', reason: expect.stringMatching(/duplicate week 202101 for spell_id "c"/) },
    ]);
    expect(t.addHours('x', 'abc', '-2', 8)?.map((p) => p.field)).toEqual(['spell_id', 'year_week', 'hours']);
    for (const id of ['a', 'b', 'c']) expect(t.statusOf(t.indexOf(id)!)).toBe(SpellStatus.excluded);
    expect(t.exclusionOf(t.indexOf('c')!)).toMatchObject({ line: 7, badHoursRows: 1 });
  });

  it('ignores (and counts) the hours of a spell whose own row is invalid', () => {
    const t = new LabelTable();
    t.addSpell('a', 'not a date', 2);
    expect(t.addHours('a', '202101', '37', 2)).toBeUndefined();
    expect(t.counts.hoursOfRejectedSpells).toBe(1);
  });
});
