import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256File } from '../../../src/data/sha256File.js';
import { readTrainingTable } from '../../../src/model/training/trainingTable.js';
import { genericSpec } from '../../../src/model/spec/genericSpec.js';
import { trainModel } from '../../../src/model/training/trainModel.js';
import { renderReportHtml } from '../../../src/report/calibrationReport/html.js';
import { buildReportDocument, columnsToKeep } from '../../../src/report/calibrationReport/reportDocument.js';
import { tempDir } from './helpers.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 400 rows whose reference level holds a semicolon, the separator of the encoding's prose. */
function writeData(): string {
  const file = join(dir, 'semicolon.csv');
  const lines = ['y,x,region'];
  for (let i = 0; i < 400; i++) {
    const x = ((i * 37) % 100) / 25 - 2;
    const region = i % 3 === 0 ? 'south' : 'north; east';
    const y = ((i * 7919) % 1000) / 1000 < 1 / (1 + Math.exp(-(x + (region === 'south' ? 0.5 : 0)))) ? 1 : 0;
    lines.push(`${y},${x},"${region}"`);
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('reference levels in the report', () => {
  it('carries each reference level as data, whole even when it holds a ";"', async () => {
    const file = writeData();
    const spec = genericSpec({ outcome: 'y', numeric: ['x'], categorical: ['region'], references: { region: 'north; east' } });
    const sha = await sha256File(file);
    const table = await readTrainingTable(file, spec);
    const { artifact } = trainModel(table, spec, {
      split: { kind: 'none' },
      l2: 0,
      cutoff: { probability: 0.25 },
      version: 'semicolon',
      description: 'reference level with a semicolon',
      simulatedData: true,
      dataFile: 'semicolon.csv',
      dataSha256: sha,
      censored: null,
      dateColumn: null,
      command: 'test',
      packageVersion: '0.0.0',
      now: () => new Date('2026-01-01T00:00:00Z'),
    });
    const reportTable = await readTrainingTable(file, artifact.encoding.spec, { keep: columnsToKeep(artifact) });
    const doc = buildReportDocument(artifact, reportTable, {
      dataFile: file,
      dataSha256: sha,
      bootstrap: 0,
      bandResamples: 2,
      seed: 1,
      packageVersion: '0.0.0',
    });
    const features = doc.model.specification.features;
    expect(features.find((f) => f.name === 'region')!.reference).toBe('north; east');
    expect(features.find((f) => f.name === 'x')!.reference).toBeNull();
    const html = await renderReportHtml(doc);
    expect(html).toContain('Reference levels: region = north; east.');
  });
});
