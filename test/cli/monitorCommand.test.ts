import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'lp-monitor-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ledighedsprofil monitor', () => {
  it('refuses bad usage with exit code 2, naming the option, before touching a database', async () => {
    const db = ['--database', `sqlite:${join(dir, 'x.sqlite')}`, '--out', join(dir, 'm.html')];
    const cases: [string[], RegExp][] = [
      [['--out', join(dir, 'm.html')], /--database: required/],
      [[...db, '--fund', '015'], /--fund/],
      [[...db, '--from', '2025-05-01', '--to', '2025-01-01'], /--to: must not be before --from/],
      [[...db, '--as-of', '2025-02-30'], /not a calendar date/],
      [['--database', 'mysql://x', '--out', join(dir, 'm.html')], /--database: expected/],
    ];
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      for (const [args, message] of cases) {
        const r = await runCli(['monitor', ...args]);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.stderr).toMatch(message);
      }
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });

  it('writes a page and JSON for an empty database, saying there is nothing yet', async () => {
    const html = join(dir, 'empty.html');
    const json = join(dir, 'empty.json');
    const r = await runCli([
      'monitor',
      '--database',
      `sqlite:${join(dir, 'empty.sqlite')}`,
      '--out',
      html,
      '--json',
      json,
      '--as-of',
      '2026-12-01',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ as_of: '2026-12-01', screenings: 0, versions: [] });
    expect(readFileSync(html, 'utf8')).toContain('No screened benefit period in the selection.');
  });
});
