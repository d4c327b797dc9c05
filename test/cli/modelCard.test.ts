import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exitCodes.js';
import { tempDir, trainOn, cohort } from '../report/calibrationReport/helpers.js';
import { runCli } from './runCli.js';

const BUNDLED = new URL('../../models/sim-2026.12-1.json', import.meta.url).pathname;
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
// CI installs Chromium: there a missing browser must fail the suite, not skip the PDF test.
if (!hasChromium && process.env.CI) throw new Error(`${CHROMIUM} is required when CI is set (the model card's --pdf test)`);
if (!hasChromium) console.warn(`${CHROMIUM} not found: the model card's PDF test is skipped (apt-get install chromium)`);

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const card = (...args: string[]) => runCli(['model-card', ...args]);

describe('ledighedsprofil model-card: bad input', () => {
  it('documents itself under --help', async () => {
    const r = await card('--help');
    expect(r.code).toBe(ExitCode.ok);
    for (const o of ['--model', '--data', '--out', '--pdf', '--json', '--previous']) expect(r.stdout).toContain(o);
    expect(r.stdout).toMatch(/held-out metrics\s+stored\s+in\s+the\s+artifact/);
    const top = await runCli(['--help']);
    expect(top.stdout).toContain('model-card');
  });

  it('refuses a missing --out as usage (2)', async () => {
    const r = await card('--model', BUNDLED);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toMatch(/--out/);
  });

  it('reports a missing model file as invalid input (3), writing nothing', async () => {
    const out = join(dir, 'missing.html');
    const r = await card('--model', join(dir, 'nope.json'), '--out', out);
    expect(r.code).toBe(ExitCode.invalidInput);
    expect(r.stderr).toMatch(/nope\.json.*model file not found/);
    expect(existsSync(out)).toBe(false);
  });

  it('reports an artifact that is not valid, or whose checksum does not match, as invalid input (3)', async () => {
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, '{"format": "ledighedsprofil-model", ');
    const a = await card('--model', garbage, '--out', join(dir, 'g.html'));
    expect(a.code).toBe(ExitCode.invalidInput);
    expect(a.stderr).toMatch(/garbage\.json.*not valid JSON/);

    const tampered = join(dir, 'tampered.json');
    const json = JSON.parse(readFileSync(BUNDLED, 'utf8'));
    json.cutoff.probability = 0.1;
    writeFileSync(tampered, JSON.stringify(json));
    const b = await card('--model', tampered, '--out', join(dir, 't.html'));
    expect(b.code).toBe(ExitCode.invalidInput);
    expect(b.stderr).toMatch(/tampered\.json/);
    expect(existsSync(join(dir, 't.html'))).toBe(false);

    const c = await card('--model', BUNDLED, '--previous', garbage, '--out', join(dir, 'p.html'));
    expect(c.code).toBe(ExitCode.invalidInput);
    expect(existsSync(join(dir, 'p.html'))).toBe(false);
  });

  it('reports a missing --data file as invalid input (3)', async () => {
    const r = await card('--model', BUNDLED, '--data', join(dir, 'missing.csv'), '--out', join(dir, 'd.html'));
    expect(r.code).toBe(ExitCode.invalidInput);
    expect(r.stderr).toMatch(/--data .*missing\.csv: file not found/);
  });

  it('refuses two different artifacts with the same version in the history (3)', async () => {
    const a = await trainOn(await cohort(dir, 1500, 21), join(dir, 'a.json'), { kind: 'none' });
    const b = await trainOn(await cohort(dir, 1500, 22), join(dir, 'b.json'), { kind: 'none' });
    const r = await card('--model', a, '--previous', b, '--out', join(dir, 'same.html'));
    expect(r.code).toBe(ExitCode.invalidInput);
    expect(r.stderr).toMatch(/two different artifacts have version "test-model"/);
    expect(existsSync(join(dir, 'same.html'))).toBe(false);
  });

  it('refuses --pdf without Chromium (2) before writing anything', async () => {
    const saved = process.env.LEDIGHEDSPROFIL_CHROMIUM;
    process.env.LEDIGHEDSPROFIL_CHROMIUM = join(dir, 'no-such-chromium');
    try {
      const out = join(dir, 'nopdf.html');
      const r = await card('--model', BUNDLED, '--out', out, '--pdf', join(dir, 'x.pdf'));
      expect(r.code).toBe(ExitCode.usage);
      expect(r.stderr).toMatch(/needs headless Chromium/);
      expect(existsSync(out)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.LEDIGHEDSPROFIL_CHROMIUM;
      else process.env.LEDIGHEDSPROFIL_CHROMIUM = saved;
    }
  });
});

describe.skipIf(!hasChromium)('ledighedsprofil model-card --pdf', () => {
  it('prints the card to a PDF with headless Chromium', { timeout: 120_000 }, async () => {
    const pdf = join(dir, 'card.pdf');
    const r = await card('--model', BUNDLED, '--out', join(dir, 'card.html'), '--pdf', pdf);
    expect(r.code, r.stderr).toBe(ExitCode.ok);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // More than one page: the caseworker page, then the technical documentation.
    expect((bytes.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThan(1);
  });
});
