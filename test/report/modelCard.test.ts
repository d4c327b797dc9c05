import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArtifact } from '../../src/model/artifact/artifactFile.js';
import { buildDesign } from '../../src/model/design/buildDesign.js';
import { createScorer } from '../../src/model/scorer.js';
import { readTrainingTable } from '../../src/model/training/trainingTable.js';
import type { ModelCardDocument } from '../../src/report/modelCard/modelCardDocument.js';
import { cutoffFigures } from '../../src/stats/cutoffFigures.js';
import { valProb } from '../../src/stats/valProb.js';
import { wilsonInterval } from '../../src/stats/wilsonInterval.js';
import { runCli } from '../cli/runCli.js';
import { cohort, readJsonFile, tempDir, trainOn } from './calibrationReport/helpers.js';

const BUNDLED = new URL('../../models/sim-2026.12-1.json', import.meta.url).pathname;
const SECTIONS = [
  'caseworker',
  'purpose',
  'misuse',
  'data',
  'predictors',
  'performance',
  'calibration',
  'cutoff',
  'groups',
  'limits',
  'oversight',
  'logging',
  'versions',
];

const dir = tempDir();
let training: string;
let validation: string;
let model: string;
let realModel: string;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  training = await cohort(dir, 3000, 7);
  validation = await cohort(dir, 2500, 8);
  model = await trainOn(training, join(dir, 'holdout.json'), { kind: 'holdout', fraction: 0.3, seed: 1 });
  realModel = await trainOn(training, join(dir, 'real.json'), { kind: 'holdout', fraction: 0.3, seed: 1 }, false);
});

const card = (...args: string[]) => runCli(['model-card', ...args]);

/** The text of one section of the card, tags removed, for checks on what it says. */
function sectionText(html: string, id: string): string {
  const m = html.match(new RegExp(`<section id="s-${id}"[\\s\\S]*?</section>`));
  expect(m, `section ${id}`).not.toBeNull();
  return m![0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

/** The share as the card prints it: 100x with one decimal and a percent sign. */
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

describe('model-card without --data (the bundled model)', () => {
  let html: string;
  let doc: ModelCardDocument;
  beforeAll(async () => {
    const out = join(dir, 'bundled.html');
    const r = await card('--model', BUNDLED, '--out', out, '--json', join(dir, 'bundled.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/SIMULATED/);
    html = readFileSync(out, 'utf8');
    doc = readJsonFile(join(dir, 'bundled.json'));
  });

  it('has every required section, each with a heading', () => {
    for (const s of SECTIONS) {
      expect(html).toContain(`<section id="s-${s}"`);
      expect(html).toContain(`<h2 id="h-${s}">`);
      expect(sectionText(html, s).length).toBeGreaterThan(80);
    }
  });

  it('is self-contained: no script, nothing fetched, tables with header cells', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link\b|<img\b|<iframe\b|@import|url\(/i);
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
    const tables = html.match(/<table\b[\s\S]*?<\/table>/g)!;
    for (const t of tables) expect(t).toMatch(/<th\b/);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('marks the simulated training data in the banner, the caseworker page, the data section and the footer', () => {
    expect(html).toMatch(/<div class="simulated" role="alert"><strong>SIMULATED DATA\./);
    expect(html).toContain('SIMULEREDE DATA.');
    expect(sectionText(html, 'caseworker')).toContain('simulerede data');
    expect(sectionText(html, 'data')).toContain('SIMULATED');
    expect(html).toContain('class="simulated-footer"');
  });

  it("fills training data, predictors, cut-off and stored performance from the artifact's own numbers", async () => {
    const a = await readArtifact(BUNDLED);
    const data = sectionText(html, 'data');
    expect(data).toContain(a.training.rows.toLocaleString('en-GB'));
    expect(data).toContain(a.training.events.toLocaleString('en-GB'));
    expect(data).toContain(`${a.training.censored!.toLocaleString('en-GB')} spells whose 52 weeks were not over`);
    expect(data).toContain(`${a.training.dateRange!.from} to ${a.training.dateRange!.to}`);
    expect(data).toContain(a.training.dataSha256);

    const perf = sectionText(html, 'performance');
    expect(perf).toContain('held-out metrics stored in the artifact');
    expect(perf).toMatch(/figures by group need --data/);
    expect(perf).toContain(a.validation!.auc!.toFixed(3));
    expect(perf).toContain(a.validation!.brier!.toFixed(4));
    expect(perf).toContain(a.validation!.rows.toLocaleString('en-GB'));
    const w = wilsonInterval(a.validation!.events, a.validation!.rows);
    expect(perf).toContain(`${pct(a.validation!.observedRate!)} (${pct(w.low)}–${pct(w.high)})`);
    expect(doc.stored!.auc).toBe(a.validation!.auc);
    expect(doc.stored!.observedRateInterval.ci_low).toBe(w.low);

    expect(sectionText(html, 'cutoff')).toContain(`${a.cutoff.probability.toFixed(3)} or more`);
    expect(sectionText(html, 'cutoff')).toContain(pct(a.cutoff.shareFlaggedInTraining));
    expect(sectionText(html, 'groups')).toMatch(/need validation data: run the card with --data/);
    // The Danish page gives the training share flagged in Danish notation.
    expect(sectionText(html, 'caseworker')).toContain(`${(100 * a.cutoff.shareFlaggedInTraining).toFixed(1).replace('.', ',')} %`);
    expect(sectionText(html, 'caseworker')).toContain('Du træffer vurderingen');
  });

  it('lists the sensitive attributes as excluded from the model', async () => {
    const a = await readArtifact(BUNDLED);
    const sensitive = a.encoding.spec.features.filter((f) => f.sensitive).map((f) => f.name);
    expect(sensitive).toEqual(['gender', 'origin']);
    expect(doc.predictors.sensitiveExcluded).toEqual(sensitive);
    expect(doc.predictors.sensitiveUsed).toEqual([]);
    const text = sectionText(html, 'predictors');
    expect(text).toContain('Sensitive attributes excluded from the model : gender , origin');
    for (const s of sensitive)
      expect(html).toMatch(new RegExp(`<code>${s}</code></th><td><strong>sensitive: excluded</strong></td><td>no</td>`));
  });

  it('says how to override and what the caseworker must watch for', () => {
    const o = sectionText(html, 'oversight');
    expect(o).toContain('The caseworker decides');
    expect(o).toContain('Automation bias');
    expect(o).toContain('correctedTargetGroup');
    expect(sectionText(html, 'versions')).toContain('sim-2026.12-1');
    expect(doc.versions).toHaveLength(1);
  });
});

describe('model-card with --data', () => {
  let html: string;
  let doc: ModelCardDocument;
  beforeAll(async () => {
    const out = join(dir, 'data.html');
    const r = await card('--model', model, '--data', validation, '--out', out, '--json', join(dir, 'data.json'), '--previous', BUNDLED);
    expect(r.code, r.stderr).toBe(0);
    html = readFileSync(out, 'utf8');
    doc = readJsonFile(join(dir, 'data.json'));
  });

  /** The model's predictions on the validation file and the file's gender column, computed here without the card. */
  async function scored() {
    const artifact = await readArtifact(model);
    const table = await readTrainingTable(validation, artifact.encoding.spec);
    const scorer = createScorer(artifact);
    const design = buildDesign(scorer.encoder, table);
    expect(design.unencodable).toHaveLength(0);
    const p = scorer.scoreDesign(design.x);
    const lines = readFileSync(validation, 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    const gender = lines.slice(1).map((l) => l.split(',')[header.indexOf('gender')]);
    expect(gender).toHaveLength(p.length);
    return { p, y: design.y, gender, artifact };
  }

  it('computes the overall figures on every row of external data, equal to valProb on the same predictions', async () => {
    const { p, y } = await scored();
    const m = valProb(p, y).metrics;
    expect(doc.validation!.kind).toBe('external');
    expect(doc.validation!.overall.n).toBe(2500);
    expect(doc.validation!.overall.auc).toBeCloseTo(m.auc!, 12);
    expect(doc.validation!.overall.auc_ci_low).toBeCloseTo(m.auc_ci_low!, 12);
    expect(doc.validation!.overall.calibration_slope).toBeCloseTo(m.calibration_slope!, 10);
    const perf = sectionText(html, 'performance');
    expect(perf).toContain(`${m.auc!.toFixed(3)} (${m.auc_ci_low!.toFixed(3)}–${m.auc_ci_high!.toFixed(3)})`);
    expect(perf).toContain(m.brier!.toFixed(4));
    expect(sectionText(html, 'calibration')).toContain(m.calibration_slope!.toFixed(3));
  });

  it('states what the cut-off does with Wilson intervals, as cutoffFigures and wilsonInterval give them', async () => {
    const { p, y, artifact } = await scored();
    const f = cutoffFigures(p, y, artifact.cutoff.probability);
    const c = doc.validation!.atCutoff;
    expect(c.flagged).toBe(f.flagged);
    expect(c.precision.value).toBeCloseTo(f.precision!, 14);
    expect(c.recall.value).toBeCloseTo(f.recall!, 14);
    const wp = wilsonInterval(f.true_positives, f.flagged);
    const wr = wilsonInterval(f.true_positives, f.events);
    const text = sectionText(html, 'cutoff');
    expect(text).toContain(`${pct(f.precision!)} (${pct(wp.low)}–${pct(wp.high)})`);
    expect(text).toContain(`${pct(f.recall!)} (${pct(wr.low)}–${pct(wr.high)})`);
    expect(text).toContain(`${f.flagged.toLocaleString('en-GB')} of 2,500`);
    // The Danish page gives precision and recall too, in Danish notation.
    expect(sectionText(html, 'caseworker')).toContain(`${(100 * f.precision!).toFixed(1).replace('.', ',')} %`);
  });

  it('gives per-group figures with intervals, equal to the statistics on the group rows', async () => {
    const { p, y, gender, artifact } = await scored();
    const byGender = doc.validation!.groups.find((g) => g.attribute === 'gender')!;
    expect(byGender.in_model).toBe(false);
    expect(doc.validation!.groups.map((g) => g.attribute)).toEqual(['gender', 'origin', 'age', 'region']);
    for (const level of ['kvinde', 'mand']) {
      const idx = gender.flatMap((g, i) => (g === level ? [i] : []));
      const gp = Float64Array.from(idx, (i) => p[i]);
      const gy = Float64Array.from(idx, (i) => y[i]);
      const m = valProb(gp, gy).metrics;
      const f = cutoffFigures(gp, gy, artifact.cutoff.probability);
      const g = byGender.groups.find((x) => x.group === level)!;
      expect(g.n).toBe(idx.length);
      expect(g.auc.value).toBeCloseTo(m.auc!, 12);
      expect(g.auc.ci_low).toBeCloseTo(m.auc_ci_low!, 12);
      const w = wilsonInterval(f.true_positives, f.flagged);
      expect(g.at_cutoff.precision.ci_low).toBeCloseTo(w.low, 14);
      expect(g.at_cutoff.precision.ci_high).toBeCloseTo(w.high, 14);
      const groupsHtml = html.slice(html.indexOf('id="s-groups"'));
      expect(groupsHtml).toContain(
        `${m.auc!.toFixed(3)} <span class="ci">(${m.auc_ci_low!.toFixed(3)}–${m.auc_ci_high!.toFixed(3)})</span>`,
      );
      expect(groupsHtml).toContain(`${pct(f.precision!)} <span class="ci">(${pct(w.low)}–${pct(w.high)})</span>`);
    }
  });

  it('lists the earlier versions given with --previous, oldest first', async () => {
    expect(doc.versions.map((v) => [v.version, v.current])).toEqual([
      ['test-model', true],
      ['sim-2026.12-1', false],
    ]);
    expect(sectionText(html, 'versions')).toContain('sim-2026.12-1');
    expect(sectionText(html, 'versions')).not.toContain('Only this version is listed');
  });
});

describe('model-card on a model trained on real data', () => {
  it('has no simulated-data warning', async () => {
    const out = join(dir, 'real.html');
    const r = await card('--model', realModel, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).not.toContain('SIMULATED DATA');
    expect(html).not.toContain('SIMULEREDE DATA');
    expect(sectionText(html, 'data')).toContain('real (register data)');
    expect(sectionText(html, 'caseworker')).toContain('registerdata');
  });
});
