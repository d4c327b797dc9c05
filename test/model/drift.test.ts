import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFeatureSpec } from '../../src/model/spec/readSpec.js';
import { readTrainingTable, type TrainingTable } from '../../src/model/training/trainingTable.js';
import { trainModel } from '../../src/model/training/trainModel.js';
import { readArtifact, writeArtifact } from '../../src/model/artifact/artifactFile.js';
import type { ModelArtifact } from '../../src/model/artifact/artifactSchema.js';
import type { FeatureSpec } from '../../src/model/spec/featureSpec.js';
import { inputDrift, inputDriftOfTable, type InputDrift } from '../../src/model/drift.js';
import { simulateToTemp, readRows, type SimulatedFiles } from '../data/simulate/helpers.js';
import { tempDir, trainOptions } from './helpers.js';

const root = new URL('../../', import.meta.url).pathname;
/** The bundled default model, and the one it replaced (same coefficients, written before training distributions). */
const BUNDLED = join(root, 'models/sim-2026.12-1.json');
const OLDER = join(root, 'models/sim-2026.11-1.json');

let sim: SimulatedFiles;
let spec: FeatureSpec;
let table: TrainingTable;
let artifact: ModelArtifact;
let records: Record<string, string>[];

beforeAll(async () => {
  sim = await simulateToTemp(6000, 31, false);
  spec = await readFeatureSpec(join(root, 'training/default-spec.json'));
  table = await readTrainingTable(sim.spellsPath, spec);
  artifact = trainModel(table, spec, trainOptions({ cutoff: { flagShare: 0.2 } })).artifact;
  records = readRows(sim.spellsPath);
});
afterAll(() => sim?.cleanup());

const available = (d: InputDrift) => {
  if (!d.available) throw new Error(`drift unavailable: ${d.reason}`);
  return d;
};
const psiOf = (d: InputDrift, feature: string) => available(d).inputs.find((x) => x.feature === feature)!.psi!;

/** A deterministic bootstrap resample (its own generator, not the project's). */
function resample<T>(rows: T[], n: number, seed: number): T[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return rows[Math.floor((s / 2 ** 32) * rows.length)];
  });
}

describe('the training distribution in the artifact', () => {
  it('records every input of the specification and the score, with shares summing to 1', () => {
    const d = artifact.trainingDistribution!;
    expect(d.rows).toBe(6000);
    expect(d.inputs.map((x) => x.feature)).toEqual(spec.features.map((f) => f.name));
    // Gender and origin are sensitive and left out of the default model, but kept for monitoring.
    expect(d.inputs.find((x) => x.feature === 'gender')!.inModel).toBe(false);
    expect(d.inputs.find((x) => x.feature === 'age')!.inModel).toBe(true);
    for (const { distribution: x } of d.inputs) {
      if (x.kind === 'options') continue;
      expect(x.shares.reduce((a, b) => a + b, 0) + x.missing).toBeCloseTo(1, 12);
    }
    const age = d.inputs.find((x) => x.feature === 'age')!.distribution;
    expect(age.kind).toBe('numeric');
    if (age.kind === 'numeric') {
      expect(age.edges.length).toBeGreaterThanOrEqual(8);
      expect(age.shares.every((s) => s > 0.05 && s < 0.2)).toBe(true);
    }
    const sick = d.inputs.find((x) => x.feature === 'from_sickness_benefit')!.distribution;
    expect(sick).toMatchObject({ kind: 'levels', levels: ['0', '1'] });
    const share1 = records.filter((r) => r.from_sickness_benefit === '1').length / records.length;
    if (sick.kind === 'levels') expect(sick.shares[1]).toBeCloseTo(share1, 12);
    // Score deciles: ten bins of about a tenth each.
    expect(d.score.edges).toHaveLength(9);
    expect(d.score.shares.every((s) => Math.abs(s - 0.1) < 0.01)).toBe(true);
  });

  it('survives writing and reading the artifact (the checksum covers it)', async () => {
    const file = join(tempDir(), 'm.json');
    await writeArtifact(file, artifact);
    const back = await readArtifact(file);
    expect(back.trainingDistribution).toEqual(artifact.trainingDistribution);
  });

  it('leaves an artifact written before it existed loadable, with drift unavailable', async () => {
    const old = await readArtifact(OLDER);
    expect(old.trainingDistribution).toBeUndefined();
    const d = inputDrift(old, records.slice(0, 10));
    expect(d.available).toBe(false);
    if (!d.available) expect(d.reason).toMatch(/sim-2026\.11-1 was written before training distributions were recorded/);
  });

  it('is in the bundled default model, whose coefficients are those of the model it replaced', async () => {
    const bundled = await readArtifact(BUNDLED);
    const older = await readArtifact(OLDER);
    expect(bundled.coefficients).toEqual(older.coefficients);
    expect(bundled.encoding).toEqual(older.encoding);
    const d = available(inputDrift(bundled, records));
    // Every input of the specification, the sensitive ones kept for the audit included, and the score.
    expect(d.inputs.map((x) => x.feature).sort()).toEqual(spec.features.map((f) => f.name).sort());
    expect(d.score.rows).toBe(records.length);
    // The same simulator made these rows: nothing has drifted.
    for (const x of [...d.inputs, d.score]) expect(x.psi ?? 0, JSON.stringify(x.bins)).toBeLessThan(0.1);
  });
});

describe('inputDrift', () => {
  it('is near 0 for a resample of the training rows', () => {
    const d = available(inputDrift(artifact, resample(records, 6000, 7)));
    expect(d.rows).toBe(6000);
    for (const x of d.inputs) {
      expect(x.psi, x.feature).toBeLessThan(0.02);
      expect(x.reading, x.feature).toBe('stable');
      expect(x.invalid).toBe(0);
    }
    expect(d.score.psi!).toBeLessThan(0.02);
    expect(d.score.unscorable).toBe(0);
    // The training rows themselves: their own bins, so the index is 0 up to rounding.
    const self = available(inputDrift(artifact, records));
    expect(Math.max(...self.inputs.map((x) => x.psi!), self.score.psi!)).toBeLessThan(1e-12);
  });

  it('is large for a shifted sample: members aged 50 and over', () => {
    const older = records.filter((r) => Number(r.age) >= 50);
    const d = available(inputDrift(artifact, older));
    expect(psiOf(d, 'age')).toBeGreaterThan(1);
    expect(d.inputs.find((x) => x.feature === 'age')!.reading).toBe('act');
    // Age moves the score only moderately (older members also have more experience, which lowers it).
    expect(d.score.psi!).toBeGreaterThan(0.04);
    // A sample of the members the model ranks highest moves the score a lot.
    const sick = records.filter((r) => r.from_sickness_benefit === '1' || r.q2_job_expectation === 'over_6_maaneder');
    const s = available(inputDrift(artifact, sick));
    expect(s.score.psi!).toBeGreaterThan(0.25);
    expect(s.score.reading).toBe('act');
    // An input unrelated to age by construction stays quiet.
    expect(psiOf(d, 'gender')).toBeLessThan(0.05);
  });

  it('gives the same figures from records and from a table of the same rows', async () => {
    const older = records.filter((r) => Number(r.age) >= 50);
    const fromRecords = available(inputDrift(artifact, older));
    // The same rows as a table, through a file, as the CLI would read them.
    const dir = tempDir();
    const file = join(dir, 'older.csv');
    const header = Object.keys(records[0]);
    writeFileSync(
      file,
      [
        header.join(','),
        ...older.map((r) => header.map((h) => (/[",]/.test(r[h]) ? `"${r[h].replace(/"/g, '""')}"` : r[h])).join(',')),
      ].join('\n') + '\n',
    );
    const fromTable = available(inputDriftOfTable(artifact, await readTrainingTable(file, spec)));
    expect(fromTable.rows).toBe(older.length);
    fromRecords.inputs.forEach((x, k) => expect(fromTable.inputs[k].psi, x.feature).toBeCloseTo(x.psi!, 12));
    expect(fromTable.score.psi!).toBeCloseTo(fromRecords.score.psi!, 12);
  });

  it('counts unseen levels and unreadable values instead of failing', () => {
    const rows = resample(records, 500, 3).map((r, i) => (i < 100 ? { ...r, region: 'bornholm', age: 'old' } : r));
    const d = available(inputDrift(artifact, rows));
    const region = d.inputs.find((x) => x.feature === 'region')!;
    // region has fixed levels in the specification, so "bornholm" is invalid, not unseen.
    expect(region.invalid).toBe(100);
    expect(d.inputs.find((x) => x.feature === 'age')!.invalid).toBe(100);
    expect(d.score.unscorable).toBe(100);
    const industry = inputDrift(artifact, [{ ...records[0], disco_code: '' }]);
    expect(
      available(industry)
        .inputs.find((x) => x.feature === 'disco_major')!
        .bins.find((b) => b.label === '(missing)')!.actual,
    ).toBe(1);
  });
});
