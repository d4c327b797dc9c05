/**
 * The drift gauges against a real pass: a recession cohort screened by the bundled model (trained on the
 * baseline cohort) drifts in age. Below PSI_MIN_ROWS periods the index has no reading, so no PSI gauge is
 * set and nothing is logged (a new model's first screenings must not fire an alert on the gauge); from
 * there on the gauge carries the index, and "act" is logged once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateCohort } from '../../src/data/simulate/cohort.js';
import { readArtifact } from '../../src/model/artifact/artifactFile.js';
import type { ModelArtifact } from '../../src/model/artifact/artifactSchema.js';
import { createScorer } from '../../src/model/scorer.js';
import { monitoringAccumulator, type MonitoringReport } from '../../src/monitoring/monitor.js';
import type { MonitoringRow } from '../../src/monitoring/monitoringRow.js';
import { memberInputSchema } from '../../src/screening/member/memberSchema.js';
import { toModelRecord } from '../../src/screening/member/modelInput.js';
import { DEFAULT_MODEL_VERSION } from '../../src/service/config.js';
import { monitoringGauges } from '../../src/service/monitoring/monitoringGauges.js';
import { PSI_MIN_ROWS } from '../../src/stats/populationStabilityIndex.js';
import { readRows } from '../data/simulate/helpers.js';
import { logCapture } from '../service/helpers.js';
import { screeningRequestOf } from '../support/simulatedMembers.js';

const root = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'lp-gauges-'));
let artifact: ModelArtifact;
let rows: MonitoringRow[];

beforeAll(async () => {
  artifact = await readArtifact(join(root, `models/${DEFAULT_MODEL_VERSION}.json`));
  const scorer = createScorer(artifact);
  const spells = join(dir, 'recession.csv');
  await simulateCohort({ n: 700, seed: 51, spellsPath: spells, scenario: 'recession' });
  rows = readRows(spells).map((r): MonitoringRow => {
    const { member, questionnaire } = screeningRequestOf(r, '0101501001');
    const input = memberInputSchema.parse({ member, questionnaire });
    const s = scorer.score(toModelRecord(input));
    if (!s.ok) throw new Error(`unscorable simulated member: ${JSON.stringify(s)}`);
    return {
      modelVersion: DEFAULT_MODEL_VERSION,
      probability: s.probability,
      targetGroup: s.probability >= artifact.cutoff.probability ? 2 : 1,
      correctedTargetGroup: null,
      screeningDate: r.spell_start,
      benefitPeriodStart: r.spell_start,
      outcome: null,
      input: input as unknown as Record<string, unknown>,
      shadows: [],
    };
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function passOver(n: number): MonitoringReport {
  const acc = monitoringAccumulator({ asOf: '2026-12-01', artifacts: new Map([[DEFAULT_MODEL_VERSION, artifact]]) });
  for (const row of rows.slice(0, n)) acc.add(row);
  return acc.finish({ fundId: null });
}

function gaugesAfter(report: MonitoringReport) {
  const register = new Registry();
  const log = logCapture();
  monitoringGauges(register).update(report, pino({ level: 'info' }, log.stream));
  return { register, log };
}

describe('the drift gauges', () => {
  it('carry no index and log nothing below PSI_MIN_ROWS periods, however high the index', async () => {
    const few = passOver(PSI_MIN_ROWS - 1);
    const drift = few.versions[0].drift;
    if (!drift.available) throw new Error(drift.reason);
    const age = drift.inputs.find((i) => i.feature === 'age')!;
    expect(age.psi).toBeGreaterThan(0.25);
    expect(age.reading).toBeNull();
    const { register, log } = gaugesAfter(few);
    expect(await register.getSingleMetricAsString('ledighedsprofil_psi')).not.toMatch(/ledighedsprofil_psi\{/);
    expect(await register.getSingleMetricAsString('ledighedsprofil_drift_rows')).toContain(
      `ledighedsprofil_drift_rows{model_version="${DEFAULT_MODEL_VERSION}"} ${PSI_MIN_ROWS - 1}`,
    );
    expect(log.text()).not.toContain('population stability index');
  });

  it('carry the index and log "act" once it is read', async () => {
    const enough = passOver(rows.length);
    const drift = enough.versions[0].drift;
    if (!drift.available) throw new Error(drift.reason);
    expect(drift.rows).toBeGreaterThanOrEqual(PSI_MIN_ROWS);
    const age = drift.inputs.find((i) => i.feature === 'age')!;
    expect(age.reading).toBe('act');
    const { register, log } = gaugesAfter(enough);
    const line = (await register.getSingleMetricAsString('ledighedsprofil_psi'))
      .split('\n')
      .find((l) => l.startsWith(`ledighedsprofil_psi{model_version="${DEFAULT_MODEL_VERSION}",input="age"}`));
    expect(Number(line?.split(' ')[1])).toBeCloseTo(age.psi!, 12);
    expect(log.text().match(/"input":"age".*population stability index above 0\.25/g)).toHaveLength(1);
  });
});
