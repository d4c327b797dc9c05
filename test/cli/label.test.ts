import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode } from '../../src/cli/exitCodes.js';
import { parseWeekField } from '../../src/data/labels.js';
import { yearWeekOfWeekIndex } from '../../src/data/isoWeek.js';
import { runCli } from './runCli.js';

/** The label command through the real CLI (main()), as a script calling the binary would run it. */
const cli = (args: string[]) => runCli(['label', ...args]);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'label-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const path = (name: string) => join(dir, name);
function file(name: string, lines: string[]): string {
  writeFileSync(path(name), lines.join('\n') + '\n');
  return path(name);
}
const read = (name: string) => readFileSync(path(name), 'utf8');

/** Hours rows for `count` consecutive weeks from `firstYearWeek`. */
function weeks(id: string, firstYearWeek: number, count: number, hours = '37'): string[] {
  const w0 = parseWeekField(String(firstYearWeek)) as number;
  return Array.from({ length: count }, (_, k) => `${id},${yearWeekOfWeekIndex(w0 + k)},${hours}`);
}

/**
 * Four spells; data to 202152. s1: exactly 1,539.2 hours → 1. s2: 1,539.1 → 0. s3: starts 2021-06-01
 * (week 202122), censored. s4: a Sunday start in 2020 week 53, full 52 weeks to 202151 → 1.
 */
function standardFixture(): { spells: string; hours: string } {
  const spells = file('spells.csv', [
    'spell_id,spell_start,age,kommune,note',
    's1,2021-01-04,45,101,"Jensen, A"',
    's2,2021-01-10,29,851,ø',
    's3,2021-06-01,61,101,',
    's4,2021-01-03,38,461,"say ""hi"""',
  ]);
  const rows = [
    ...weeks('s1', 202101, 41),
    's1,202142,22.2',
    ...weeks('s2', 202101, 41),
    's2,202142,22.1',
    's2,202152,0', // the 52nd week of s2, with no hours
    's2,202053,37', // the week before s2's first week: not counted
    ...weeks('s3', 202122, 31),
    ...weeks('s4', 202053, 52),
    's4,202152,37', // the 53rd week of s4: not counted
  ];
  rows.reverse(); // unsorted input
  const hours = file('hours.csv', ['spell_id,year_week,hours', ...rows]);
  return { spells, hours };
}

describe('ledighedsprofil label', () => {
  it('labels spells, carries the columns through and summarises on stderr', async () => {
    const { spells, hours } = standardFixture();
    const r = await cli(['--spells', spells, '--hours', hours, '--out', path('out.csv'), '--censored-out', path('censored.csv')]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(read('out.csv')).toBe(
      [
        'spell_id,spell_start,age,kommune,note,hours_52w,long_term',
        's1,2021-01-04,45,101,"Jensen, A",1539.2,1',
        's2,2021-01-10,29,851,ø,1539.1,0',
        's4,2021-01-03,38,461,"say ""hi""",1924,1',
        '',
      ].join('\n'),
    );
    expect(read('censored.csv')).toBe(
      'spell_id,spell_start,age,kommune,note,first_week,window_end_week\ns3,2021-06-01,61,101,,202122,202221\n',
    );
    expect(r.stderr).toMatch(/spells read: +4/);
    expect(r.stderr).toMatch(/labelled: +3 .*long-term: 2, 66\.7 %/);
    expect(r.stderr).toMatch(/censored: +1 \(52 weeks not over by 202152, the last week in the hours file\)/);
    expect(r.stderr).toMatch(/invalid rows: +0/);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('labels a spell with exactly 52 weeks of data and censors one with 51 (--last-week)', async () => {
    const spells = file('spells.csv', ['spell_id,spell_start', 'a,2021-01-04', 'b,2021-01-11']);
    const hours = file('hours.csv', ['spell_id,year_week,hours', ...weeks('a', 202101, 42), ...weeks('b', 202102, 42)]);
    const r = await cli(['--spells', spells, '--hours', hours, '--out', path('out.csv'), '--last-week', '202152']);
    expect(r.code).toBe(0);
    expect(read('out.csv')).toBe('spell_id,spell_start,hours_52w,long_term\na,2021-01-04,1554,1\n');
    expect(r.stderr).toMatch(/censored: +1 .*202152, the last week given by --last-week/);
  });

  it('takes the last week from the hours file, across week 53', async () => {
    // Data to 202121: a spell from 202023 has exactly its 52 weeks (202023–202053, 202101–202121).
    const spells = file('spells.csv', ['spell_id,spell_start', 'a,2020-06-01', 'b,2020-06-08']);
    const hours = file('hours.csv', ['spell_id,year_week,hours', ...weeks('a', 202023, 52), ...weeks('b', 202024, 51)]);
    const r = await cli(['--spells', spells, '--hours', hours, '--out', path('out.csv')]);
    expect(r.code).toBe(0);
    expect(read('out.csv')).toBe('spell_id,spell_start,hours_52w,long_term\na,2020-06-01,1924,1\n');
  });

  it('accepts the DUR names DPTIMER and AARUGENR, in any case', async () => {
    const spells = file('spells.csv', ['spell_id,spell_start', 'a,2021-01-04']);
    const hours = file('hours.csv', [
      'AARUGENR,spell_id,dptimer',
      ...weeks('a', 202101, 52)
        .map((l) => l.split(','))
        .map(([id, w, h]) => `${w},${id},${h}`),
    ]);
    const r = await cli(['--spells', spells, '--hours', hours, '--out', path('out.csv')]);
    expect(r.code).toBe(0);
    expect(read('out.csv')).toBe('spell_id,spell_start,hours_52w,long_term\na,2021-01-04,1924,1\n');
  });

  it('replaces an existing long_term column with a warning and counts disagreements', async () => {
    const spells = file('spells.csv', ['spell_id,long_term,spell_start', 'a,0,2021-01-04', 'b,0,2021-01-04']);
    const hours = file('hours.csv', ['spell_id,year_week,hours', ...weeks('a', 202101, 52), 'b,202101,1']);
    const r = await cli(['--spells', spells, '--hours', hours, '--out', path('out.csv')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*already has "long_term": replaced/);
    expect(r.stderr).toMatch(/own long_term differs from the computed one for 1 labelled spells/);
    expect(read('out.csv')).toBe('spell_id,spell_start,hours_52w,long_term\na,2021-01-04,1924,1\nb,2021-01-04,1,0\n');
  });

  it('rounds hours with more than six decimals, and says so', async () => {
    const spells = file('spells.csv', ['spell_id,spell_start', 'a,2021-01-04']);
    const hours = file('hours.csv', ['spell_id,year_week,hours', 'a,202101,12.3333333333', 'a,202102,0.1', 'a,202152,24.6666666667']);
    const r = await cli(['--spells', spells, '--hours', hours, '--out', path('out.csv')]);
    expect(r.code).toBe(0);
    expect(read('out.csv')).toBe('spell_id,spell_start,hours_52w,long_term\na,2021-01-04,37.1,0\n');
    expect(r.stderr).toMatch(/2 hours values had more than 6 decimals and were rounded half-up to 6/);
  });

  it('notes spells without any hours rows (labelled from 0 hours)', async () => {
    const spells = file('spells.csv', ['spell_id,spell_start', 'a,2021-01-04', 'b,2021-01-04']);
    const hours = file('hours.csv', ['spell_id,year_week,hours', ...weeks('a', 202101, 52)]);
    const r = await cli(['--spells', spells, '--hours', hours, '--out', path('out.csv')]);
    expect(r.code).toBe(0);
    expect(read('out.csv')).toContain('b,2021-01-04,0,0');
    expect(r.stderr).toMatch(/1 labelled spells have no hours rows at all/);
  });

  describe('invalid rows', () => {
    function badFixture() {
      const spells = file('spells.csv', [
        'spell_id,spell_start,age',
        'a,2021-01-04,40', // line 2
        'b,2021-02-30,41', // line 3: not a calendar date
        'a,2021-01-05,42', // line 4: repeated id
        ',2021-01-04,43', // line 5: empty id
        'c,2021-01-04,44', // line 6
        'd,2021-01-04,45', // line 7
        'e,2021-01-04,46', // line 8: fine, labelled
      ]);
      const hours = file('hours.csv', [
        'spell_id,year_week,hours',
        'c,202101,37', // line 2
        'c,202102,38', // line 3: out of range
        'd,202153,37', // line 4: no week 53 in 2021
        'zz,202101,37', // line 5: unknown id
        'd,202101,12', // line 6
        'd,202101,12', // line 7: duplicate week
        'c,202103,abc', // line 8: not a number
        ...weeks('e', 202101, 52), // lines 9–60
        'b,202101,37', // line 61: a spell whose own row is invalid; ignored, not an unknown id
      ]);
      return { spells, hours };
    }

    it('stop (default): lists every problem with file, line, column and reason, writes nothing, exits 3', async () => {
      const { spells, hours } = badFixture();
      const r = await cli(['--spells', spells, '--hours', hours, '--out', path('out.csv')]);
      expect(r.code).toBe(ExitCode.invalidInput);
      expect(r.stderr).toContain('error: 8 invalid rows:');
      expect(r.stderr).toContain(`${spells}:3:2: spell_start: "2021-02-30" is not a calendar date`);
      expect(r.stderr).toContain(`${spells}:4:1: spell_id: duplicate spell_id "a": first on line 2`);
      expect(r.stderr).toContain(`${spells}:5:1: spell_id: empty: the spell id is missing`);
      expect(r.stderr).toContain(`${hours}:3:3: hours: 38 is more than 37 hours`);
      expect(r.stderr).toContain(`${hours}:4:2: year_week: week 53 does not exist in 2021, which has 52 ISO weeks`);
      expect(r.stderr).toContain(`${hours}:5:1: spell_id: unknown spell_id "zz": not in the spells file`);
      expect(r.stderr).toContain(`${hours}:7:2: year_week: duplicate week 202101 for spell_id "d"`);
      expect(r.stderr).toContain(`${hours}:8:3: hours: "abc" is not a number of hours`);
      expect(r.stderr).toMatch(/Nothing was written \(add --rejects FILE/);
      expect(existsSync(path('out.csv'))).toBe(false);
      expect(readdirSync(dir).sort()).toEqual(['hours.csv', 'spells.csv']);
    });

    it('stop: shows the first 20 problems and the count of the rest; --rejects gets them all', async () => {
      const spells = file('spells.csv', ['spell_id,spell_start', 'a,2021-01-04']);
      const hours = file('hours.csv', [
        'spell_id,year_week,hours',
        ...Array.from({ length: 25 }, (_, k) => `a,2021${String(k + 1).padStart(2, '0')},-1`),
      ]);
      const r = await cli(['--spells', spells, '--hours', hours, '--out', path('out.csv'), '--rejects', path('rejects.csv')]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('error: 25 invalid rows:');
      expect(r.stderr).toContain('… and 5 more');
      expect(r.stderr.match(/hours: -1 is negative/g)).toHaveLength(20);
      expect(r.stderr).toContain(`all of them are listed in ${path('rejects.csv')}`);
      expect(read('rejects.csv').trim().split('\n')).toHaveLength(26);
      expect(existsSync(path('out.csv'))).toBe(false);
    });

    it('skip: leaves invalid rows out, excludes their spells, records all in --rejects, exits 0', async () => {
      const { spells, hours } = badFixture();
      const r = await cli([
        '--spells',
        spells,
        '--hours',
        hours,
        '--out',
        path('out.csv'),
        '--on-invalid',
        'skip',
        '--rejects',
        path('rejects.csv'),
      ]);
      expect(r.code).toBe(0);
      // Only e is labelled: a is repeated, b has a bad date, c and d have invalid hours rows.
      expect(read('out.csv')).toBe('spell_id,spell_start,age,hours_52w,long_term\ne,2021-01-04,46,1924,1\n');
      expect(read('rejects.csv').trim().split('\n')).toEqual([
        'file,line,column,field,spell_id,value,reason',
        `${spells},3,2,spell_start,b,2021-02-30,"""2021-02-30"" is not a calendar date"`,
        `${spells},4,1,spell_id,a,a,"duplicate spell_id ""a"": first on line 2"`,
        `${spells},5,1,spell_id,,,empty: the spell id is missing`,
        `${hours},3,3,hours,c,38,"38 is more than 37 hours, the most a week can carry"`,
        `${hours},4,2,year_week,d,202153,"week 53 does not exist in 2021, which has 52 ISO weeks"`,
        `${hours},5,1,spell_id,zz,zz,"unknown spell_id ""zz"": not in the spells file"`,
        `${hours},7,2,year_week,d,202101,"duplicate week 202101 for spell_id ""d"": the week is given on an earlier row"`,
        `${hours},8,3,hours,c,abc,"""abc"" is not a number of hours (expected a plain decimal such as 37 or 12.5)"`,
        `${spells},2,,,a,,"spell excluded, not labelled: its spell_id is repeated on line 4, so its hours cannot be told apart"`,
        `${spells},6,,,c,,"spell excluded, not labelled from partial data: 2 invalid hours rows in ${hours} (first on line 3)"`,
        `${spells},7,,,d,,"spell excluded, not labelled from partial data: 2 invalid hours rows in ${hours} (first on line 4)"`,
      ]);
      expect(r.stderr).toMatch(/invalid rows: +8 skipped \(3 in spells, 5 in hours\)/);
      expect(r.stderr).toMatch(/excluded: +3 spells/);
      expect(r.stderr).toMatch(/labelled: +1 /);
      expect(r.stderr).toMatch(/1 hours rows of invalid spells ignored/);
    });

    it('skip without --rejects lists the skipped rows on stderr', async () => {
      const { spells, hours } = badFixture();
      const r = await cli(['--spells', spells, '--hours', hours, '--out', path('out.csv'), '--on-invalid', 'skip']);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/warning: skipped \(no --rejects file/);
      expect(r.stderr).toContain(`${hours}:8:3: hours: "abc"`);
      expect(r.stderr).toContain(`${spells}:6: spell_id "c": spell excluded`);
    });

    it('names the alias column in errors about the hours file', async () => {
      const spells = file('spells.csv', ['spell_id,spell_start', 'a,2021-01-04']);
      const hours = file('hours.csv', ['spell_id,aarugenr,DPTIMER', 'a,202101,"12,5"']);
      const r = await cli(['--spells', spells, '--hours', hours, '--out', path('out.csv')]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`${hours}:2:3: DPTIMER: "12,5" has a decimal comma`);
    });

    it('refuses an hours file without its required columns or with two names for one', async () => {
      const spells = file('spells.csv', ['spell_id,spell_start', 'a,2021-01-04']);
      file('h1.csv', ['spell_id,week,hours', 'a,202101,3']);
      let r = await cli(['--spells', spells, '--hours', path('h1.csv'), '--out', path('out.csv')]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('missing required column "year_week" (or "AARUGENR")');
      file('h2.csv', ['spell_id,year_week,hours,DPTIMER', 'a,202101,3,3']);
      r = await cli(['--spells', spells, '--hours', path('h2.csv'), '--out', path('out.csv')]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('columns "hours" and "DPTIMER" both give hours');
    });

    it('stops on malformed CSV even when skipping', async () => {
      const spells = file('spells.csv', ['spell_id,spell_start', 'a,2021-01-04']);
      const hours = file('hours.csv', ['spell_id,year_week,hours', 'a,202101,3', 'a,202102']);
      const r = await cli(['--spells', spells, '--hours', hours, '--out', path('out.csv'), '--on-invalid', 'skip']);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/hours\.csv:3.*malformed CSV/);
      expect(existsSync(path('out.csv'))).toBe(false);
    });
  });

  describe('usage', () => {
    it('exits 2 on a missing option, a bad --last-week or an unknown policy', async () => {
      const { spells, hours } = standardFixture();
      expect((await cli(['--spells', spells, '--hours', hours])).code).toBe(ExitCode.usage);
      const bad = await cli(['--spells', spells, '--hours', hours, '--out', path('o.csv'), '--last-week', '202153']);
      expect(bad.code).toBe(ExitCode.usage);
      expect(bad.stderr).toContain('week 53 does not exist in 2021');
      expect((await cli(['--spells', spells, '--hours', hours, '--out', path('o.csv'), '--on-invalid', 'ignore'])).code).toBe(
        ExitCode.usage,
      );
    });

    it('exits 3 on a missing input file', async () => {
      const { spells } = standardFixture();
      const r = await cli(['--spells', spells, '--hours', path('nope.csv'), '--out', path('o.csv')]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('nope.csv: file not found');
      expect(readdirSync(dir).sort()).toEqual(['hours.csv', 'spells.csv']);
    });

    it('exits 2 when an output would overwrite an input or goes to a missing directory', async () => {
      const { spells, hours } = standardFixture();
      const same = await cli(['--spells', spells, '--hours', hours, '--out', spells]);
      expect(same.code).toBe(ExitCode.usage);
      expect(same.stderr).toContain('is the same file as --spells');
      const twice = await cli(['--spells', spells, '--hours', hours, '--out', path('o.csv'), '--rejects', path('o.csv')]);
      expect(twice.stderr).toContain('--rejects');
      expect(twice.stderr).toContain('is the same file as --out');
      const noDir = await cli(['--spells', spells, '--hours', hours, '--out', path('no/such/o.csv')]);
      expect(noDir.code).toBe(ExitCode.usage);
      expect(noDir.stderr).toContain('does not exist');
    });

    it('documents the label, the aliases and the invalid-row policy in --help', async () => {
      const r = await cli(['--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('1,539.2');
      expect(r.stdout).toContain('DPTIMER');
      expect(r.stdout).toContain('AARUGENR');
      expect(r.stdout).toContain('--on-invalid stop');
      expect(r.stdout).toMatch(/count as 0 hours/);
    });
  });
});
