import { describe, expect, it } from 'vitest';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './runCli.js';
import { tempDir } from '../model/helpers.js';

/** A path that stat cannot resolve for a reason other than absence: a symbolic link to itself (ELOOP). */
function loopingPath(): string {
  const path = join(tempDir(), 'loop.csv');
  symlinkSync(path, path);
  return path;
}

describe('an input file that exists but cannot be read is not reported as missing', () => {
  // score and report read the model before the data, so they need a valid one: the bundled default.
  const model = new URL('../../models/sim-2026.12-1.json', import.meta.url).pathname;
  const commands: [string, (data: string, out: string) => string[]][] = [
    ['train', (data, out) => ['train', '--data', data, '--outcome', 'low', '--numeric', 'age', '--out', join(out, 'm.json')]],
    ['score', (data, out) => ['score', '--model', model, '--data', data, '--out', join(out, 'p.csv')]],
    ['report', (data, out) => ['report', '--model', model, '--data', data, '--out', join(out, 'r.html')]],
  ];

  for (const [name, args] of commands) {
    it(`${name}: names the file system's error (ELOOP) and exits 3`, async () => {
      const data = loopingPath();
      const r = await runCli(args(data, tempDir()));
      expect(r.stderr).toContain(`--data ${data}: cannot read the file (ELOOP`);
      expect(r.stderr).not.toContain('not found');
      expect(r.code).toBe(3);
    });

    it(`${name}: still says "file not found" when the file is absent`, async () => {
      const data = join(tempDir(), 'absent.csv');
      const r = await runCli(args(data, tempDir()));
      expect(r.stderr).toContain(`--data ${data}: file not found`);
      expect(r.code).toBe(3);
    });
  }
});
