import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The service's own metrics, beside the process metrics prom-client collects. */
export interface ServiceMetrics {
  httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  screeningsCreated: Counter<'model_version' | 'target_group'>;
  membersScored: Counter<'model_version'>;
  assessmentsCreated: Counter<'reason' | 'target_group'>;
  modelRole: Gauge<'role' | 'model_version' | 'simulated'>;
  modelSwitchesRefused: Counter<'role'>;
  shadowScores: Counter<'model_version' | 'outcome'>;
}

/**
 * Prometheus metrics on a registry of the app's own (so several apps in one test process do not clash):
 * request durations by route pattern (never the raw URL, which can hold a CPR number), screenings
 * created by model version and target group, assessments by reason and corrected group, members scored,
 * the served model versions and the shadow model's scores. Served at GET /metrics to the admin role.
 */
export const metricsPlugin = fp(
  async (app) => {
    const register = new Registry();
    collectDefaultMetrics({ register });
    const metrics: ServiceMetrics = {
      httpDuration: new Histogram({
        name: 'http_request_duration_seconds',
        help: 'HTTP request duration by route pattern and status code',
        labelNames: ['method', 'route', 'status_code'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        registers: [register],
      }),
      screeningsCreated: new Counter({
        name: 'ledighedsprofil_screenings_created_total',
        help: 'Screenings stored, by model version and statistical target group (replays not counted)',
        labelNames: ['model_version', 'target_group'],
        registers: [register],
      }),
      assessmentsCreated: new Counter({
        name: 'ledighedsprofil_assessments_created_total',
        help: "Caseworkers' assessments stored, by reason and corrected target group (replays not counted)",
        labelNames: ['reason', 'target_group'],
        registers: [register],
      }),
      membersScored: new Counter({
        name: 'ledighedsprofil_members_scored_total',
        help: 'Members scored without storing (POST /v1/score), by model version',
        labelNames: ['model_version'],
        registers: [register],
      }),
      modelRole: new Gauge({
        name: 'ledighedsprofil_model_serving',
        help: 'The model versions this instance serves: 1 for the active one and the shadow one, by role',
        labelNames: ['role', 'model_version', 'simulated'],
        registers: [register],
      }),
      modelSwitchesRefused: new Counter({
        name: 'ledighedsprofil_model_switches_refused_total',
        help: 'Activations or shadow changes recorded in the database that this instance refused to serve, by role',
        labelNames: ['role'],
        registers: [register],
      }),
      shadowScores: new Counter({
        name: 'ledighedsprofil_shadow_scores_total',
        help: 'New screenings the shadow model scored (stored) or could not score (unscorable, error), by shadow version',
        labelNames: ['model_version', 'outcome'],
        registers: [register],
      }),
    };
    app.decorate('metrics', metrics);
    app.decorate('metricsRegistry', register);
    // One pre-bound child per (method, route pattern, status): prom-client would otherwise hash the
    // label object on every observation. Route patterns and statuses are few, so the map stays small.
    const children = new Map<string, { observe(seconds: number): void }>();
    app.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const key = `${request.method} ${reply.statusCode} ${route}`;
      let child = children.get(key);
      if (child === undefined) {
        child = metrics.httpDuration.labels({ method: request.method, route, status_code: String(reply.statusCode) });
        children.set(key, child);
      }
      child.observe(reply.elapsedTime / 1000);
      done();
    });
  },
  { name: 'metrics' },
);
