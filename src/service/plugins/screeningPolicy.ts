import { readFile } from 'node:fs/promises';
import fp from 'fastify-plugin';
import { DEFAULT_SCREENING_POLICY, screeningPolicySchema } from '../screening/engine.js';

/** The screening policy (referral rule, activity table) as `app.screeningPolicy`: the default, or SCREENING_POLICY_FILE. */
export const screeningPolicyPlugin = fp(
  async (app) => {
    const file = app.config.screeningPolicyFile;
    if (file === null) {
      app.decorate('screeningPolicy', DEFAULT_SCREENING_POLICY);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      throw new Error(`SCREENING_POLICY_FILE ${file}: ${(err as Error).message}`);
    }
    const r = screeningPolicySchema.safeParse(json);
    if (!r.success) {
      throw new Error(`SCREENING_POLICY_FILE ${file}: ` + r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    app.decorate('screeningPolicy', r.data);
    app.log.info({ file }, 'screening policy read from SCREENING_POLICY_FILE');
  },
  { name: 'screening-policy', dependencies: ['config'] },
);
