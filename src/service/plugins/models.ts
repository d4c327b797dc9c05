import fp from 'fastify-plugin';
import { loadModelRegistry, type ModelRegistry } from '../models/modelRegistry.js';

/** Loads every model artifact in MODEL_DIR as `app.models`; refuses to start without the active one. */
export const modelsPlugin = fp<{ models?: ModelRegistry }>(
  async (app, opts) => {
    const models = opts.models ?? (await loadModelRegistry(app.config.modelDir, app.config.activeModelVersion));
    app.decorate('models', models);
    const a = models.active.artifact;
    app.log.info(
      { activeModel: a.version, simulatedData: a.simulatedData, loaded: models.list().map((m) => m.version) },
      a.simulatedData
        ? `active model ${a.version} was trained on SIMULATED data: for demonstration and testing only, not for real members`
        : `active model ${a.version}`,
    );
  },
  { name: 'models', dependencies: ['config'] },
);
