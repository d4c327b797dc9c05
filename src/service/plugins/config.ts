import fp from 'fastify-plugin';
import type { ServiceConfig } from '../config.js';

/** Makes the validated configuration available as `app.config`. */
export const configPlugin = fp<{ config: ServiceConfig }>(
  async (app, opts) => {
    app.decorate('config', opts.config);
  },
  { name: 'config' },
);
