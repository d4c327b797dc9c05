/**
 * The service's retention job: runs the repository's retention on a timer, one run at a time. The
 * timer is unref'd (it never keeps the process alive) and each next run is scheduled only when the
 * previous one has finished, so runs never overlap; across instances on PostgreSQL the repository's
 * advisory lock lets one of them run at a time. A failed run is logged and retried at the next tick:
 * retention must never take the service down.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Repository, RetentionPolicy, RetentionResult } from '../../storage/repository.js';
import { periodicJob } from '../periodicJob.js';

/** What the job needs. */
export interface RetentionJobOptions {
  repository: Repository;
  policy: RetentionPolicy;
  /** Between the end of one run and the start of the next. */
  intervalMs: number;
  /** From `start()` to the first run; default a minute, or the interval if shorter. */
  firstDelayMs?: number;
  log: FastifyBaseLogger;
}

/** A retention timer. */
export interface RetentionJob {
  /** Starts the timer (again a no-op once started or stopped). */
  start(): void;
  /** Runs retention now, or joins the run in progress; null when it failed (the error is logged). */
  runOnce(): Promise<RetentionResult | null>;
  /** Stops the timer and ends a run in progress at its next batch boundary; resolves when it has. */
  stop(): Promise<void>;
}

/** Thrown between batches once the job is stopped, so a long run does not hold up shutdown. */
class RetentionStopped extends Error {}

/** Makes the job; nothing runs until `start()` or `runOnce()`. */
export function retentionJob(o: RetentionJobOptions): RetentionJob {
  const pause = () =>
    new Promise<void>((resolve, reject) => {
      if (job.stopped) reject(new RetentionStopped('the service is shutting down'));
      else setImmediate(resolve);
    });

  async function runIt(): Promise<RetentionResult | null> {
    try {
      const r = await o.repository.applyRetention(o.policy, { pause });
      if (r.status === 'busy') o.log.info('retention: another instance is running it; skipped');
      else
        o.log.info(
          { runId: r.runId, screenings: r.screenings, assessments: r.assessments, auditEntries: r.auditEntries, cutoffs: r.cutoffs },
          'retention run finished',
        );
      return r;
    } catch (err) {
      if (err instanceof RetentionStopped) o.log.info('retention run stopped at shutdown; the next run continues it');
      else o.log.error({ err }, 'retention run failed; it is tried again at the next interval');
      return null;
    }
  }

  const job = periodicJob(runIt, o);
  return job;
}
