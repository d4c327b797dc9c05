import fp from 'fastify-plugin';
import { loadModelRegistry, servingProblem, type ModelCatalog } from '../models/modelRegistry.js';
import { createModelSync } from '../models/modelSync.js';

/**
 * Loads every model artifact in MODEL_DIR and every published one as `app.models`; the active and
 * shadow versions come from the database's latest events, else ACTIVE_MODEL_VERSION, and follow the
 * database while the service runs. Refuses to start without a servable active model, and in
 * production with one trained on simulated data unless ALLOW_SIMULATED_MODEL (then a warning).
 */
export const modelsPlugin = fp<{ models?: ModelCatalog }>(
  async (app, opts) => {
    const config = app.config;
    const models = opts.models ?? (await loadModelRegistry(config.modelDir, config.activeModelVersion));
    const rules = { production: config.nodeEnv === 'production', allowSimulated: config.allowSimulatedModel === true };
    const gauge = app.metrics.modelRole;
    const sync = createModelSync({
      catalog: models,
      store: app.repository.models,
      fallbackActive: config.activeModelVersion,
      rules,
      log: app.log,
      pollMs: config.modelPollMs ?? 1000,
      onSwitch: ({ active, shadow }) => {
        gauge.reset();
        gauge.set({ role: 'active', model_version: active, simulated: String(models.active.artifact.simulatedData) }, 1);
        if (shadow !== null) {
          gauge.set({ role: 'shadow', model_version: shadow, simulated: String(models.shadow?.artifact.simulatedData ?? false) }, 1);
        }
        if (rules.production && models.active.artifact.simulatedData) {
          app.log.warn(
            { activeModel: active },
            `ALLOW_SIMULATED_MODEL=true: the active model ${active} was trained on SIMULATED data and is served in production`,
          );
        }
      },
      onRefused: (role) => app.metrics.modelSwitchesRefused.inc({ role }),
    });
    await sync.refresh({ strict: true });
    const problem = servingProblem(models.active, 'active', rules);
    if (problem !== null) throw new Error(problem);
    app.decorate('models', models);
    app.decorate('modelSync', sync);
    app.addHook('onReady', async () => sync.start());
    app.addHook('onClose', async () => sync.stop());
    const a = models.active.artifact;
    app.log.info(
      {
        activeModel: a.version,
        shadowModel: models.shadow?.version ?? null,
        simulatedData: a.simulatedData,
        loaded: models.list().map((m) => m.version),
      },
      a.simulatedData
        ? `active model ${a.version} was trained on SIMULATED data: for demonstration and testing only, not for real members`
        : `active model ${a.version}`,
    );
  },
  { name: 'models', dependencies: ['config', 'database', 'metrics'] },
);
