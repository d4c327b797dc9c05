/** `ledighedsprofil retention` on a SQLite file, through the real CLI (main()), as cron would run it. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exitCodes.js';
import { openSqliteRepository } from '../../src/storage/sqlite/sqliteRepository.js';
import { CPRS, sampleScreening, testClock, toKey } from '../storage/repositoryContract.js';
import { runCli } from './runCli.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'retention-cli-'));
  file = join(dir, 'lp.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes audit entries at the given times into the file, through the repository. */
async function seedAudit(times: string[]): Promise<void> {
  const clock = testClock();
  const repo = await openSqliteRepository({ path: file, now: clock.now });
  for (const [i, at] of times.entries()) {
    clock.set(at);
    await repo.appendAudit({ fundId: null, clientId: 'seed', action: 'model.read', outcome: 'success', detail: `e${i}` });
  }
  await repo.close();
}

function stored(sql: string): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe('ledighedsprofil retention', () => {
  it('deletes audit entries past the limit, prints what it deleted, and records the run', async () => {
    await seedAudit(['2024-12-31T00:00:00.000Z', '2025-01-10T11:59:59.999Z', '2025-01-10T12:00:00.000Z']);
    const r = await runCli(['retention', '--database', `sqlite:${file}`, '--audit-years', '1', '--now', '2026-01-10T12:00:00Z']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(ExitCode.ok);
    expect(r.stdout).toBe(
      'retention run 1 as of 2026-01-10T12:00:00.000Z\n' +
        '  screenings:    kept (no --screening-months)\n' +
        '  audit entries: deleted 2 (written before 2025-01-10T12:00:00.000Z)\n',
    );
    expect(stored("SELECT detail FROM audit_log WHERE action = 'model.read'")).toEqual([{ detail: 'e2' }]);
    expect(stored("SELECT client_id, outcome, at FROM audit_log WHERE action = 'retention.run'")).toEqual([
      { client_id: 'cli', outcome: 'success', at: '2026-01-10T12:00:00.000Z' },
    ]);
  });

  it('deletes the screenings of periods that ended the given months ago, with their assessments, and says so', async () => {
    const clock = testClock('2025-12-01T10:00:00.000Z');
    const repo = await openSqliteRepository({ path: file, now: clock.now });
    const ctx = { fundId: '15', clientId: 'c' };
    const gone = (
      await repo.createScreening(sampleScreening(toKey(CPRS[0]), { benefitPeriodStart: '2024-07-11', screeningDate: '2024-07-15' }), ctx)
    ).screening;
    await repo.addAssessment({ screeningId: gone.id, correctedTargetGroup: 1, caseworkerId: 'sb' }, ctx);
    const kept = (
      await repo.createScreening(sampleScreening(toKey(CPRS[1]), { benefitPeriodStart: '2024-07-12', screeningDate: '2024-07-15' }), ctx)
    ).screening;
    await repo.close();
    const r = await runCli([
      'retention',
      '--database',
      file,
      '--screening-months',
      '6',
      '--audit-years',
      '5',
      '--now',
      '2026-01-10T12:00:00Z',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(ExitCode.ok);
    expect(r.stdout).toMatch(/^ {2}screenings: {4}deleted 1 with 1 assessments \(benefit periods ended on or before 2025-07-10\)$/m);
    expect(r.stdout).toMatch(/^ {2}audit entries: deleted 0 \(written before 2021-01-10T12:00:00.000Z\)$/m);
    expect(stored('SELECT id FROM screenings')).toEqual([{ id: kept.id }]);
    expect(stored('SELECT count(*) AS n FROM assessments')).toEqual([{ n: 0 }]);
  });

  it('counts on --dry-run and leaves the file as it was', async () => {
    await seedAudit(['2024-12-31T00:00:00.000Z', '2025-12-31T00:00:00.000Z']);
    const r = await runCli(['retention', '--database', file, '--audit-years', '1', '--dry-run', '--now', '2026-01-10']);
    expect(r.code).toBe(ExitCode.ok);
    expect(r.stdout).toMatch(/^retention dry run \(nothing deleted\) as of 2026-01-10T00:00:00.000Z\n/);
    expect(r.stdout).toMatch(/audit entries: would delete 1 \(written before 2025-01-10T00:00:00.000Z\)/);
    expect(stored('SELECT count(*) AS n FROM audit_log')).toEqual([{ n: 2 }]);
    expect(stored('SELECT count(*) AS n FROM retention_runs')).toEqual([{ n: 0 }]);
  });

  it('exits 3 with the database refusal when its clock says an entry is younger than 184 days, and deletes nothing', async () => {
    const recent = new Date(Date.now() - 30 * 86_400_000).toISOString();
    await seedAudit([recent]);
    const future = new Date(Date.now() + 400 * 86_400_000).toISOString();
    const r = await runCli(['retention', '--database', file, '--audit-years', '0.5', '--now', future]);
    expect(r.code).toBe(ExitCode.invalidInput);
    expect(r.stderr).toMatch(/^error: the database refused the deletion: .*at least 184 days before the database clock/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(stored('SELECT count(*) AS n FROM audit_log')).toEqual([{ n: 1 }]);
  });

  it('exits 2 on wrong usage, naming the option', async () => {
    const cases: [string[], RegExp][] = [
      [['--database', 'x.sqlite'], /nothing to do: give --screening-months, --audit-years or both/],
      [['--database', 'x.sqlite', '--audit-years', '0.25'], /--audit-years.*at least 0.5/],
      [['--database', 'x.sqlite', '--audit-years', '1.1'], /--audit-years.*whole number of months/],
      [['--database', 'x.sqlite', '--screening-months', 'six'], /--screening-months.*expected a whole number/],
      [['--database', 'x.sqlite', '--audit-years', '1', '--now', 'tomorrow'], /--now.*expected an ISO date or time/],
      [['--database', 'mysql://u:hunter2@h/db', '--audit-years', '1'], /--database: expected sqlite:PATH/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['retention', ...args]);
      expect(r.code, args.join(' ')).toBe(ExitCode.usage);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/hunter2/);
    }
  });
});
