/**
 * The timer both background jobs run on (retention, the monitoring gauges): one run at a time, the
 * next scheduled only when the last has finished, so runs never overlap; the timer is unref'd, so it
 * never keeps the process alive. The run itself logs and swallows its errors (returning null): a
 * background job must never take the service down.
 */

/** A job on a timer. */
export interface PeriodicJob<T> {
  /** Starts the timer (a no-op once started or stopped). */
  start(): void;
  /** Runs now, or joins the run in progress; null when it failed. */
  runOnce(): Promise<T | null>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
  /** True once `stop()` was called, so a long run can end early. */
  readonly stopped: boolean;
}

/** When the job runs: the pause between runs, and from `start()` to the first (default a minute, or the interval if shorter). */
export interface PeriodicTiming {
  intervalMs: number;
  firstDelayMs?: number;
}

/** Makes a job that calls `run` on the timer; nothing runs until `start()` or `runOnce()`. */
export function periodicJob<T>(run: () => Promise<T | null>, timing: PeriodicTiming): PeriodicJob<T> {
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<T | null> | null = null;
  let started = false;
  let stopped = false;

  function runOnce(): Promise<T | null> {
    if (current === null) {
      current = run().finally(() => {
        current = null;
      });
    }
    return current;
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void runOnce().then(() => schedule(timing.intervalMs));
    }, delayMs);
    timer.unref();
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      schedule(timing.firstDelayMs ?? Math.min(60_000, timing.intervalMs));
    },
    runOnce,
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await current;
    },
    get stopped() {
      return stopped;
    },
  };
}
