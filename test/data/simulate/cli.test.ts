import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/runCli.js';
import { formatTruthJson } from '../../../src/data/simulate/truth.js';

const dir = mkdtempSync(join(tmpdir(), 'ledighedsprofil-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('simulate through the CLI (main)', () => {
  const run = runCli;
  const sub = join(dir, 'cli');

  it('writes spells, hours and truth files and prints a summary', async () => {
    const spells = join(sub + '-spells.csv');
    const hours = join(sub + '-hours.csv');
    const truth = join(sub + '-truth.json');
    const r = await run(['simulate', '--n', '300', '--seed', '5', '--out', spells, '--hours-out', hours, '--truth', truth]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/simulated 300 spells \(seed 5/);
    expect(r.stdout).toMatch(/censored: +\d+/);
    const spellLines = readFileSync(spells, 'utf8').trimEnd().split('\n');
    expect(spellLines.length).toBe(301);
    expect(spellLines[0].split(',')).not.toContain('long_term');
    expect(readFileSync(hours, 'utf8').startsWith('spell_id,year_week,hours\n')).toBe(true);
    expect(readFileSync(truth, 'utf8')).toBe(formatTruthJson());
    // No temporary files are left beside the outputs.
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('writes the long_term column when no hours are asked for', async () => {
    const spells = join(sub + '-plain.csv');
    const r = await run(['simulate', '--n', '10', '--seed', '0', '--out', spells]);
    expect(r.code).toBe(0);
    expect(readFileSync(spells, 'utf8').split('\n')[0].endsWith(',q10_barriers,long_term')).toBe(true);
  });

  it('prints help', async () => {
    const r = await run(['simulate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--hours-out <file>');
    expect(r.stdout).toContain('--seed <seed>');
  });

  const bad: [string, string[]][] = [
    ['--n 0', ['--n', '0', '--seed', '1']],
    ['--n not a number', ['--n', 'many', '--seed', '1']],
    ['--n a fraction', ['--n', '1.5', '--seed', '1']],
    ['--n too large', ['--n', '100000001', '--seed', '1']],
    ['--seed negative', ['--n', '10', '--seed', '-1']],
    ['--seed not a number', ['--n', '10', '--seed', 'abc']],
    ['--seed missing', ['--n', '10']],
    ['--n missing', ['--seed', '1']],
    ['an unknown option', ['--n', '10', '--seed', '1', '--rows', '5']],
  ];
  it.each(bad)('rejects %s with exit code 2 and writes nothing', async (_, args) => {
    const spells = join(sub + '-bad.csv');
    const r = await run(['simulate', ...args, '--out', spells]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error/);
    expect(existsSync(spells)).toBe(false);
  });

  it('rejects a missing --out, the same file twice and a missing directory with exit code 2', async () => {
    expect((await run(['simulate', '--n', '10', '--seed', '1'])).code).toBe(2);
    const same = join(sub + '-same.csv');
    const r1 = await run(['simulate', '--n', '10', '--seed', '1', '--out', same, '--hours-out', same]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/different files/);
    expect(existsSync(same)).toBe(false);
    const r2 = await run(['simulate', '--n', '10', '--seed', '1', '--out', join(dir, 'no-such-dir', 'spells.csv')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/does not exist/);
    const spells = join(sub + '-badtruth.csv');
    const r4 = await run(['simulate', '--n', '10', '--seed', '1', '--out', spells, '--truth', join(dir, 'no-such-dir', 't.json')]);
    expect(r4.code).toBe(2);
    expect(existsSync(spells)).toBe(false);
    const r3 = await run(['simulate', '--n', '10', '--seed', '1', '--out', dir]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/is a directory/);
  });
});
