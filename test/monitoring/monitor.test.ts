import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftAccumulator, inputDrift } from '../../src/model/drift.js';
import type { ModelArtifact } from '../../src/model/artifact/artifactSchema.js';
import { readFeatureSpec } from '../../src/model/spec/readSpec.js';
import { readTrainingTable } from '../../src/model/training/trainingTable.js';
import { trainModel } from '../../src/model/training/trainModel.js';
import { lastCompleteStart, monitoringAccumulator } from '../../src/monitoring/monitor.js';
import type { MonitoringRow } from '../../src/monitoring/monitoringRow.js';
import { EXAMPLE_MEMBER_INPUT } from '../../src/screening/member/memberSchema.js';
import { toModelRecord } from '../../src/screening/member/modelInput.js';
import { valProb } from '../../src/stats/valProb.js';
import { readRows, simulateToTemp, type SimulatedFiles } from '../data/simulate/helpers.js';
import { trainOptions } from '../model/helpers.js';

const root = new URL('../../', import.meta.url).pathname;

const row = (over: Partial<MonitoringRow> = {}): MonitoringRow => ({
  modelVersion: 'v1',
  probability: 0.3,
  targetGroup: 2,
  correctedTargetGroup: null,
  screeningDate: '2024-01-10',
  benefitPeriodStart: '2024-01-01',
  outcome: { state: 'known', longTerm: 1 },
  input: EXAMPLE_MEMBER_INPUT,
  shadows: [],
  ...over,
});

describe('the label delay', () => {
  it('counts a period whose 52 weeks end on the as-of day, and not one a day later', () => {
    expect(lastCompleteStart('2025-12-31')).toBe('2025-01-01');
    const acc = monitoringAccumulator({ asOf: '2025-12-30', artifacts: new Map() });
    acc.add(row({ benefitPeriodStart: '2024-12-31', probability: 0.2 }));
    acc.add(row({ benefitPeriodStart: '2025-01-01', probability: 0.4, outcome: { state: 'known', longTerm: 0 } }));
    acc.add(row({ benefitPeriodStart: '2024-06-01', outcome: { state: 'pending', longTerm: null } }));
    acc.add(row({ benefitPeriodStart: '2024-06-01', outcome: { state: 'not_given', longTerm: null } }));
    acc.add(row({ benefitPeriodStart: '2024-06-01', outcome: null }));
    const v = acc.finish({ fundId: null }).versions[0];
    expect(v.screenings).toBe(5);
    expect(v.outcomes_known).toBe(1);
    expect(v.pending).toBe(4);
    expect(v.pending_reasons).toEqual({ label_delay: 1, outcome_pending: 1, outcome_not_given: 1, no_outcome: 1 });
    expect(v.calibration!.n).toBe(1);
  });
});

describe('the monitoring pass', () => {
  it("gives valProb's figures on the known periods in their order, overrides, months and suppressed small cells", () => {
    const acc = monitoringAccumulator({ asOf: '2026-12-01', artifacts: new Map(), minCellCount: 5 });
    const p: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 40; i++) {
      const prob = 0.05 + (0.9 * ((i * 37) % 40)) / 40;
      const outcome = (i * 7) % 3 === 0 ? 1 : 0;
      const old = i < 4; // Four members aged 70: an age band below the minimum cell count.
      acc.add(
        row({
          probability: prob,
          targetGroup: prob >= 0.25 ? 2 : 1,
          correctedTargetGroup: i % 5 === 0 ? (prob >= 0.25 ? 1 : 2) : i % 5 === 1 ? (prob >= 0.25 ? 2 : 1) : null,
          screeningDate: i < 10 ? '2024-01-15' : '2024-02-15',
          outcome: { state: 'known', longTerm: outcome as 0 | 1 },
          input: { ...EXAMPLE_MEMBER_INPUT, member: { ...EXAMPLE_MEMBER_INPUT.member, age: old ? 70 : 45 } },
        }),
      );
      p.push(prob);
      y.push(outcome);
    }
    const r = acc.finish({ fundId: '15', from: '2024-01-01' });
    expect(r.selection).toEqual({ fund: '15', from: '2024-01-01', to: null });
    const v = r.versions[0];
    expect(v.calibration).toEqual(valProb(Float64Array.from(p), Uint8Array.from(y)).metrics);
    expect(v.overrides.overall).toMatchObject({ screenings: 40, assessed: 16, overridden: 8, rate: 0.2 });
    expect(v.target_group_2_by_month.map((m) => [m.month, m.screenings])).toEqual([
      ['2024-01', 10],
      ['2024-02', 30],
    ]);
    const age = v.groups!.attributes.find((a) => a.attribute === 'age')!;
    expect(age.groups.find((g) => g.group === '60+')).toEqual({ group: '60+', suppressed: true });
    expect(age.groups.find((g) => g.group === '40-49')).toMatchObject({ n: 36, suppressed: false });
    const overAge = v.overrides.by_attribute.find((a) => a.attribute === 'age')!;
    expect(overAge.groups.find((g) => g.group === '60+')).toMatchObject({ screenings: null, suppressed: true });
    expect(v.drift).toMatchObject({ available: false });
  });
});

describe('driftAccumulator', () => {
  let sim: SimulatedFiles;
  let artifact: ModelArtifact;
  beforeAll(async () => {
    sim = await simulateToTemp(3000, 5, false);
    const spec = await readFeatureSpec(join(root, 'training/default-spec.json'));
    artifact = trainModel(await readTrainingTable(sim.spellsPath, spec), spec, trainOptions()).artifact;
  });
  afterAll(() => sim?.cleanup());

  it('computes exactly what inputDrift computes, and takes the stored probability for the score when given', () => {
    const records = readRows(sim.spellsPath).slice(0, 800);
    const acc = driftAccumulator(artifact);
    for (const r of records) acc.add(r);
    expect(acc.finish()).toEqual(inputDrift(artifact, records));
    const fixed = driftAccumulator(artifact);
    for (const r of records) fixed.add(r, 0.5);
    const d = fixed.finish();
    if (!d.available) throw new Error(d.reason);
    // Every score in one decile bin: the score's PSI is large, the inputs' unchanged.
    expect(d.score.psi!).toBeGreaterThan(1);
    const plain = inputDrift(artifact, records);
    if (!plain.available) throw new Error(plain.reason);
    expect(d.inputs).toEqual(plain.inputs);
  });

  it('reads the API member input through the same mapping the scorer uses', () => {
    // The documentation's example leaves the sensitive fields out; a fund that sends them has them read too.
    const withSensitive = {
      ...EXAMPLE_MEMBER_INPUT,
      member: { ...EXAMPLE_MEMBER_INPUT.member, gender: 'kvinde', origin: 'dansk' },
    } as const;
    const acc = driftAccumulator(artifact);
    acc.add(toModelRecord(withSensitive));
    const d = acc.finish();
    if (!d.available) throw new Error(d.reason);
    expect(d.inputs.every((i) => i.invalid === 0)).toBe(true);
    // Without them, only those two go unread; every model input is still read.
    const without = driftAccumulator(artifact);
    without.add(toModelRecord(EXAMPLE_MEMBER_INPUT));
    const w = without.finish();
    if (!w.available) throw new Error(w.reason);
    expect(
      w.inputs
        .filter((i) => i.invalid > 0)
        .map((i) => i.column)
        .sort(),
    ).toEqual(['gender', 'origin']);
    expect(w.inputs.filter((i) => i.inModel).every((i) => i.invalid === 0)).toBe(true);
  });
});
