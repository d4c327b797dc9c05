/**
 * What the plugins add to Fastify's instance, request and route config, declared once so every
 * route sees the same types.
 */
import type { Registry } from 'prom-client';
import type { Repository } from '../storage/repository.js';
import type { ServiceConfig } from './config.js';
import type { ServiceMetrics } from './plugins/metrics.js';
import type { ModelRegistry } from './models/modelRegistry.js';
import type { ModelSync } from './models/modelSync.js';
import type { ApiClient, Role } from './security/apiKeys.js';
import type { RetentionJob } from './retention/retentionJob.js';
import type { MonitoringJob } from './monitoring/monitoringJob.js';
import type { MonitoringPasses } from './monitoring/monitoringPasses.js';
import type { ScreeningPolicy } from './screening/engine.js';

/**
 * Who may call a route: `public` for health and documentation, otherwise an authenticated client
 * holding at least one of `roles` (an empty list: any authenticated client) and, with `fund`, a fund
 * registration: every operation on citizens and screenings acts within the client's fund. With
 * `operator`, the client must have no fund: the model life cycle is the operator's, not one fund's.
 */
export type AuthRequirement = 'public' | { roles: readonly Role[]; fund?: boolean; operator?: boolean };

declare module 'fastify' {
  interface FastifyInstance {
    config: ServiceConfig;
    models: ModelRegistry;
    /** Keeps `models` in step with the database's published models and activations. */
    modelSync: ModelSync;
    repository: Repository;
    metrics: ServiceMetrics;
    metricsRegistry: Registry;
    screeningPolicy: ScreeningPolicy;
    /** The retention timer, or null when RETENTION_* configure nothing to delete. */
    retention: RetentionJob | null;
    /** The monitoring gauges' refresh timer, or null when MONITORING_REFRESH_SECONDS is 0. */
    monitoring: MonitoringJob | null;
    /** Monitoring reports shared among requests for the same figures on unchanged data, one pass at a time. */
    monitoringPasses: MonitoringPasses;
    /** The keyed hash under which a citizen is stored; the CPR must already be validated. */
    citizenKeyOf(cpr: string): string;
    /** The citizen's key under the current CPR secret and, while one is configured, under the previous one. */
    citizenLookupOf(cpr: string): { current: string; previous: string | null };
  }
  interface FastifyRequest {
    /** The authenticated client, or null. */
    client: ApiClient | null;
  }
  interface FastifyContextConfig {
    auth?: AuthRequirement;
  }
}
