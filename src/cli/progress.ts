import { SingleBar, Presets } from 'cli-progress';

/** A progress indicator that callers update without caring whether anything is drawn. */
export interface Progress {
  update(value: number): void;
  setTotal(total: number): void;
  stop(): void;
}

const silent: Progress = { update() {}, setTotal() {}, stop() {} };

/**
 * A progress bar on stderr for work that may take more than a second. It draws only on an interactive
 * terminal (never into a pipe, a log file or CI) and appears only after the first half second, so that
 * quick runs stay quiet.
 */
export function startProgress(label: string, total: number, unit = ''): Progress {
  if (!process.stderr.isTTY || process.env.CI) return silent;
  const bar = new SingleBar(
    {
      format: `${label.padEnd(14)} [{bar}] {percentage}% | {value}/{total}${unit ? ' ' + unit : ''} | {duration_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  const startedAt = Date.now();
  let started = false;
  let last = 0;
  let currentTotal = total;
  return {
    update(value) {
      last = value;
      if (!started && Date.now() - startedAt > 500) {
        bar.start(currentTotal, value);
        started = true;
      } else if (started) bar.update(value);
    },
    setTotal(t) {
      currentTotal = t;
      if (started) bar.setTotal(t);
    },
    stop() {
      if (started) {
        bar.update(last);
        bar.stop();
      }
    },
  };
}
