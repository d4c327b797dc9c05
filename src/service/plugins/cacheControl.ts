import fp from 'fastify-plugin';

/**
 * `Cache-Control: no-store` on every /v1 answer but the model descriptions, and on every answer of the
 * STAR layer (/star/): screenings, citizen results, history, scores and the audit log hold personal data that no shared or browser cache may keep. Set
 * when the request arrives, so refusals carry it too; a route may still set its own.
 */
export const cacheControlPlugin = fp(
  async (app) => {
    app.addHook('onRequest', (request, reply, done) => {
      const url = request.url;
      if ((url.startsWith('/v1/') && !url.startsWith('/v1/models')) || url.startsWith('/star/')) reply.header('cache-control', 'no-store');
      done();
    });
  },
  { name: 'cache-control' },
);
