import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './runCli.js';
import { fixture, tempDir } from '../model/helpers.js';

describe('ledighedsprofil train records its own command line', () => {
  it("writes the arguments given to main() into the artifact and the printed call, not the process's argv", async () => {
    const dir = tempDir();
    const model = join(dir, 'bw.json');
    const args = ['train', '--data', fixture('birthwt', 'birthwt.csv'), '--outcome', 'low', '--numeric', 'age,lwt', '--out', model];
    const r = await runCli(args);
    expect(r.code).toBe(0);
    const expected = ['ledighedsprofil', ...args].join(' ');
    // In a test worker process.argv is vitest's, so recording it would name vitest's arguments here.
    expect(JSON.parse(readFileSync(model, 'utf8')).training.command).toBe(expected);
    expect(r.stdout).toContain(expected);
  });
});
