import fp from 'fastify-plugin';
import { DEFAULT_SCREENING_POLICY, loadScreeningPolicy } from '../../screening/policy.js';

/**
 * The screening policy (job-centre referral rule, activity table, number of factors) as
 * `app.screeningPolicy`: the built-in default, or the file SCREENING_POLICY_FILE names, validated at
 * start so a broken policy stops the service instead of failing screenings.
 */
export const screeningPolicyPlugin = fp(
  async (app) => {
    const file = app.config.screeningPolicyFile;
    const policy = file === null ? DEFAULT_SCREENING_POLICY : await loadScreeningPolicy(file);
    app.decorate('screeningPolicy', policy);
    app.log.info(
      { policyVersion: policy.version, file },
      file === null ? 'built-in screening policy' : 'screening policy from SCREENING_POLICY_FILE',
    );
  },
  { name: 'screening-policy', dependencies: ['config'] },
);
