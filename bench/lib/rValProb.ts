// Shared by the calibration and report benchmarks: R's val.prob on the same predictions, timed.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValProbMetrics } from '../../src/stats/valProb.js';

/** Wall time and peak memory of a command run under GNU time, with its standard output. */
export interface Timed {
  stdout: string;
  wallSeconds: number;
  maxRssMb: number;
}

/** Runs a command under GNU time for its wall time and peak resident memory. */
export function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const r = spawnSync('/usr/bin/time', ['-v', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 26, env });
  if (r.status !== 0) throw new Error(`${command} failed (${r.status}):\n${r.stderr}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  return {
    stdout: r.stdout,
    maxRssMb: rss ? Number(rss[1]) / 1024 : NaN,
    wallSeconds: wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN,
  };
}

/** Writes predictions as a CSV `y,p` in `dir` and returns its path. */
export function writePredictionsCsv(dir: string, y: ArrayLike<number>, p: ArrayLike<number>): string {
  const file = join(dir, 'predictions.csv');
  const lines = new Array<string>(p.length + 1);
  lines[0] = 'y,p';
  for (let i = 0; i < p.length; i++) lines[i + 1] = `${y[i]},${p[i]}`;
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** What the R script prints: seconds to read the CSV, seconds in val.prob, and val.prob's figures. */
export interface RValProb {
  read: number;
  valprob: number;
  stats: Record<string, number | null>;
}

/** Runs `rms::val.prob(p, y)` on a predictions CSV under GNU time. */
export function runRValProb(dir: string, csvFile: string): { run: Timed; out: RValProb } {
  const script = join(dir, 'valprob.R');
  writeFileSync(
    script,
    `suppressMessages(library(rms))
t0 <- proc.time()[["elapsed"]]
d <- read.csv(${JSON.stringify(csvFile)}, colClasses = c("integer", "numeric"))
t1 <- proc.time()[["elapsed"]]
v <- val.prob(d$p, d$y, pl = FALSE)
t2 <- proc.time()[["elapsed"]]
cat(jsonlite::toJSON(list(read = t1 - t0, valprob = t2 - t1, stats = as.list(v)), auto_unbox = TRUE, digits = NA, na = "null"))
`,
  );
  const run = timed('Rscript', [script]);
  return { run, out: JSON.parse(run.stdout) as RValProb };
}

/** rms::val.prob's names for its figures, and the keys ours go by (the calibrate command's JSON keys). */
export const VAL_PROB_KEYS: Record<string, keyof ValProbMetrics> = {
  'C (ROC)': 'c_statistic',
  Dxy: 'dxy',
  R2: 'r2_nagelkerke',
  D: 'discrimination_d',
  U: 'unreliability_u',
  Q: 'quality_q',
  Brier: 'brier',
  Intercept: 'calibration_intercept',
  Slope: 'calibration_slope',
  Emax: 'emax',
  E90: 'e90',
  Eavg: 'eavg',
  'S:z': 'spiegelhalter_z',
  'S:p': 'spiegelhalter_p',
};
