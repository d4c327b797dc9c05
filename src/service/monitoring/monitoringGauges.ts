/**
 * The Prometheus gauges of live monitoring, per model version: the population stability index of every
 * input and of the score (only once it is read: from PSI_MIN_ROWS periods on, below which a high index
 * is chance, so an alert on the gauge does not fire on a new model's first screenings) with the periods
 * it is computed on, and the live calibration (slope, intercept, AUC) on known outcomes, the share in
 * målgruppe 2 and the count of known outcomes. A threshold crossed (PSI read as "act", a calibration
 * slope whose interval excludes 1, an intercept whose interval excludes 0) is logged as a warning once
 * when it is first seen, and once more (as info) when it is back within.
 */
import type { FastifyBaseLogger } from 'fastify';
import { Gauge, type Registry } from 'prom-client';
import type { MonitoringReport } from '../../monitoring/monitor.js';

/** The gauges on a registry, and how to set them from a report. */
export interface MonitoringGauges {
  update(report: MonitoringReport, log: FastifyBaseLogger): void;
}

/** Registers the gauges on `register`. */
export function monitoringGauges(register: Registry): MonitoringGauges {
  const gauge = (name: string, help: string, labelNames: string[]) => new Gauge({ name, help, labelNames, registers: [register] });
  const psi = gauge('ledighedsprofil_psi', 'Population stability index of a model input (or "score") against its training distribution', [
    'model_version',
    'input',
  ]);
  const slope = gauge('ledighedsprofil_live_calibration_slope', 'Calibration slope on benefit periods with a known 52-week outcome', [
    'model_version',
  ]);
  const intercept = gauge(
    'ledighedsprofil_live_calibration_intercept',
    'Calibration intercept on benefit periods with a known 52-week outcome',
    ['model_version'],
  );
  const auc = gauge('ledighedsprofil_live_auc', 'AUC on benefit periods with a known 52-week outcome', ['model_version']);
  const known = gauge('ledighedsprofil_live_outcomes_known', 'Benefit periods with a known 52-week outcome', ['model_version']);
  const share2 = gauge('ledighedsprofil_target_group_2_share', 'Share of screened benefit periods in målgruppe 2', ['model_version']);
  const driftRows = gauge('ledighedsprofil_drift_rows', 'Benefit periods the population stability indexes are computed on', [
    'model_version',
  ]);
  const refreshed = gauge('ledighedsprofil_monitoring_refreshed_timestamp_seconds', 'When the monitoring gauges were last refreshed', []);
  const crossed = new Set<string>();

  return {
    update(report, log) {
      for (const g of [psi, slope, intercept, auc, known, share2, driftRows]) g.reset();
      const now = new Set<string>();
      const cross = (key: string, message: string, fields: Record<string, unknown>) => {
        now.add(key);
        if (!crossed.has(key)) log.warn(fields, message);
      };
      for (const v of report.versions) {
        const mv = v.model_version;
        known.set({ model_version: mv }, v.outcomes_known);
        const g2 = v.target_group_2_by_month.reduce((s, m) => s + m.target_group_2, 0);
        if (v.screenings > 0) share2.set({ model_version: mv }, g2 / v.screenings);
        const c = v.calibration;
        if (c !== null) {
          if (c.calibration_slope !== null) slope.set({ model_version: mv }, c.calibration_slope);
          if (c.calibration_intercept !== null) intercept.set({ model_version: mv }, c.calibration_intercept);
          if (c.auc !== null) auc.set({ model_version: mv }, c.auc);
          const lo = c.calibration_slope_ci_low;
          const hi = c.calibration_slope_ci_high;
          if (lo !== null && hi !== null && (lo > 1 || hi < 1))
            cross(`${mv} slope`, 'monitoring: the live calibration slope interval excludes 1', {
              modelVersion: mv,
              slope: c.calibration_slope,
              ciLow: lo,
              ciHigh: hi,
            });
          const ilo = c.calibration_intercept_ci_low;
          const ihi = c.calibration_intercept_ci_high;
          if (ilo !== null && ihi !== null && (ilo > 0 || ihi < 0))
            cross(`${mv} intercept`, 'monitoring: the live calibration intercept interval excludes 0', {
              modelVersion: mv,
              intercept: c.calibration_intercept,
              ciLow: ilo,
              ciHigh: ihi,
            });
        }
        if (v.drift.available) {
          driftRows.set({ model_version: mv }, v.drift.rows);
          const entries = [
            { input: 'score', psi: v.drift.score.psi, reading: v.drift.score.reading },
            ...v.drift.inputs.map((i) => ({ input: i.feature, psi: i.psi, reading: i.reading })),
          ];
          for (const e of entries) {
            // No reading: no index, or too few periods for it to mean drift.
            if (e.psi === null || e.reading === null) continue;
            psi.set({ model_version: mv, input: e.input }, e.psi);
            if (e.reading === 'act')
              cross(`${mv} psi ${e.input}`, 'monitoring: population stability index above 0.25 (act)', {
                modelVersion: mv,
                input: e.input,
                psi: e.psi,
              });
          }
        }
      }
      for (const key of crossed) if (!now.has(key)) log.info({ crossing: key }, 'monitoring: back within its threshold');
      crossed.clear();
      for (const key of now) crossed.add(key);
      refreshed.set(Date.now() / 1000);
    },
  };
}
