import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const depcruise = fileURLToPath(new URL('../../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url));
const config = fileURLToPath(new URL('../../.dependency-cruiser.cjs', import.meta.url));

/**
 * Runs the repository's layer check on `src` under `cwd` as `npm run layers` does (same config, same text
 * output, whose exit status is the number of errors), and reads the violations from its report.
 */
async function layerCheck(cwd: string): Promise<{ exitCode: number; violations: string[]; modules: number }> {
  const run = promisify(execFile)(process.execPath, [depcruise, '--config', config, 'src'], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const { stdout, exitCode } = await run.then(
    (r) => ({ stdout: r.stdout, exitCode: 0 }),
    (e: { stdout: string; code: number }) => ({ stdout: e.stdout, exitCode: e.code }),
  );
  const violations = [...stdout.matchAll(/^\s*error (\S+): (\S+) → (\S+)$/gm)].map(([, rule, from, to]) => `${rule}: ${from} → ${to}`);
  const modules = Number(/(\d+) modules, \d+ dependencies cruised/.exec(stdout)?.[1] ?? 0);
  return { exitCode, violations: violations.sort(), modules };
}

describe('layer check', () => {
  it('reports a back import, a sibling import, a ground-floor import and a folder outside the layers, and fails', async () => {
    const result = await layerCheck(fileURLToPath(new URL('../fixtures/layers/', import.meta.url)));
    expect(result.violations).toEqual([
      'layer-data: src/data/rows.ts → src/model/fit.ts',
      'layer-report: src/report/summary.ts → src/screening/outcome.ts',
      'layer-stats: src/stats/mean.ts → src/data/rows.ts',
      'not-in-a-layer: src/scratch/note.ts → src/report/summary.ts',
    ]);
    expect(result.exitCode).not.toBe(0);
  });

  it('finds no import against the layers in src/', async () => {
    const result = await layerCheck(root);
    // The check resolved the tree (an unresolved import would be a violation of its own, not-to-unresolvable).
    expect(result.modules).toBeGreaterThan(100);
    expect(result.violations).toEqual([]);
    expect(result.exitCode).toBe(0);
  });
});
