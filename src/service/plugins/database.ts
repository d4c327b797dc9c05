import fp from 'fastify-plugin';
import { openRepository } from '../../storage/openRepository.js';
import type { Repository } from '../../storage/repository.js';

/**
 * Opens the configured repository (creating the SQLite file or applying PostgreSQL migrations on first
 * start) as `app.repository`, and closes it with the app. A repository passed in (tests) is used as is
 * and left open for its owner to close.
 */
export const databasePlugin = fp<{ repository?: Repository }>(
  async (app, opts) => {
    const owned = opts.repository === undefined;
    const repository =
      opts.repository ??
      (await openRepository(app.config.database, {
        onError: (err) => app.log.error({ err }, 'database connection failed'),
        onScrubError: (err) => app.log.warn({ err }, 'clean-up after an erasure did not finish (the erasure is committed)'),
        dataKeys: app.config.dataKeys,
        citizenKeyId: app.config.cprSecrets.current.id,
      }));
    app.decorate('repository', repository);
    if (owned) app.addHook('onClose', async () => repository.close());
  },
  { name: 'database', dependencies: ['config'] },
);
