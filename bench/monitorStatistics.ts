// What monitoring must compute, apart from reading the database: the monitoring accumulator (drift of
// every input and of the score, the per-group audit of the calibration report, overrides, months) on N
// periods already read and opened, beside valProb alone (all that `calibrate` computes) on the same
// probabilities and outcomes, in one process. The ratio is the floor of `monitor` / `calibrate` on one
// core, whatever the database and the sealing cost.
// Usage: npm run build && npx tsx bench/monitor.ts --n 1000 --only sqlite  (trains the model once), then
//        npx tsx bench/monitorStatistics.ts [--n 200000]
import { join } from 'node:path';
import { readArtifact } from '../src/model/artifact/artifactFile.js';
import { monitoringAccumulator } from '../src/monitoring/monitor.js';
import type { MonitoringRow } from '../src/monitoring/monitoringRow.js';
import { EXAMPLE_MEMBER_INPUT } from '../src/screening/member/memberSchema.js';
import { valProb } from '../src/stats/valProb.js';
import { BENCH_OUT } from './lib/cohortFile.js';

const i = process.argv.indexOf('--n');
const n = i > 0 ? Number(process.argv[i + 1]) : 200_000;
const VERSION = 'bench-drift-1';
const artifact = await readArtifact(join(BENCH_OUT, 'monitor', 'models', `${VERSION}.json`));

let seed = 0x2545f491;
const uniform = () => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
// The same members as bench/monitor.ts stores (age and gender vary), opened.
const rows: MonitoringRow[] = Array.from({ length: n }, () => {
  const start = new Date(Date.UTC(2022, 0, 3) + Math.floor(uniform() * 700) * 86_400_000).toISOString().slice(0, 10);
  const age = 18 + Math.floor(uniform() * 47);
  const input = { ...EXAMPLE_MEMBER_INPUT, member: { ...EXAMPLE_MEMBER_INPUT.member, age, gender: uniform() < 0.5 ? 'kvinde' : 'mand' } };
  const p = 0.02 + 0.9 * uniform() ** 2;
  return {
    modelVersion: VERSION,
    probability: p,
    targetGroup: p >= 0.25 ? 2 : 1,
    correctedTargetGroup: null,
    screeningDate: start,
    benefitPeriodStart: start,
    outcome: { state: 'known', longTerm: uniform() < p ? 1 : 0 },
    input,
    shadows: [],
  };
});
const p = Float64Array.from(rows, (r) => r.probability);
const y = Uint8Array.from(rows, (r) => r.outcome!.longTerm!);

const time = (f: () => void) => {
  const t = performance.now();
  f();
  return (performance.now() - t) / 1000;
};
const runs: { monitor: number; add: number; valProb: number }[] = [];
for (let r = 0; r < 3; r++) {
  const acc = monitoringAccumulator({ asOf: '2026-12-01', artifacts: new Map([[VERSION, artifact]]) });
  const add = time(() => {
    for (const row of rows) acc.add(row);
  });
  const finish = time(() => acc.finish({ fundId: null }));
  const vp = time(() => valProb(p, y));
  runs.push({ monitor: add + finish, add, valProb: vp });
}
const best = (k: 'monitor' | 'add' | 'valProb') => Math.min(...runs.map((r) => r[k]));
console.log(
  `n=${n}: monitoring statistics ${best('monitor').toFixed(2)} s (of which add ${best('add').toFixed(2)} s), ` +
    `valProb alone ${best('valProb').toFixed(2)} s; ratio ${(best('monitor') / best('valProb')).toFixed(2)} (best of 3)`,
);
