/**
 * Idempotency fingerprints are stored beside their keys, so they must not change between versions:
 * a retry after an upgrade would otherwise be refused as a different request. The values below were
 * computed by the fingerprint code as it was before it moved onto the model's canonical JSON.
 */
import { describe, expect, it } from 'vitest';
import { requestFingerprint } from '../../src/storage/fingerprint.js';
import { prepareAssessment, prepareScreening, prepareScreeningRequest } from '../../src/storage/prepare.js';
import { sampleScreening } from './repositoryContract.js';

const citizenKey = 'ab'.repeat(32);
const input = {
  age: 57,
  gender: 'kvinde',
  education: 'grundskole',
  fromSicknessBenefit: true,
  priorDagpengeHours: 412.5,
  municipality: '101',
  disco: '9112',
  q2: 'more_than_6_months',
  q10: { hasBarriers: true, barriers: ['physical_health', 'it_skills'] },
  'ø-key': 'æøå "quoted" \u2028',
  Z: null,
  a: [1, -0, 1e21, 0.1],
};

describe('request fingerprints', () => {
  it('are the ones stored so far for a fixed screening and correction request', () => {
    expect(requestFingerprint({ citizenKey, input, caseworkerId: 'sagsbehandler-17' })).toBe(
      '1134101784fa7e8ea33ddf02e3ddb09c77f14bd9c0d2c99cddf22f9d7c354c32',
    );
    expect(requestFingerprint({ citizenKey, input, caseworkerId: null })).toBe(
      'b67d802e179cdff240c8db0ed98b6883c03cd65cf92b5a6278a57d73542886bc',
    );
    const correction = {
      screeningId: '11111111-1111-4111-8111-111111111111',
      correctedTargetGroup: 2,
      correctedSubgroup: '2b',
      comment: 'Brancheskift',
      caseworkerId: 'sb',
    } as const;
    expect(requestFingerprint(correction)).toBe('e3670b38f88d02f69aba9ed7ad5cde746528fe60d3e275105e23d45998821c43');
    expect(prepareAssessment(correction, { fundId: '1', clientId: 'c', idempotencyKey: 'k' }, new Date()).meta.fingerprint).toBe(
      'e3670b38f88d02f69aba9ed7ad5cde746528fe60d3e275105e23d45998821c43',
    );
  });

  it('of a create come from the request alone, equal to the one stored with the screening', () => {
    const context = { fundId: '1', clientId: 'c', idempotencyKey: 'k' };
    const stored = prepareScreening(sampleScreening(citizenKey, { input, caseworkerId: 'sagsbehandler-17' }), context, new Date());
    expect(stored.meta.fingerprint).toBe('1134101784fa7e8ea33ddf02e3ddb09c77f14bd9c0d2c99cddf22f9d7c354c32');
    const looked = prepareScreeningRequest(
      { citizenKey, input, caseworkerId: 'sagsbehandler-17' },
      { fundId: '1', clientId: 'c', idempotencyKey: 'k' },
    );
    expect(looked.meta).toEqual(stored.meta);
    // Without a caseworker, null and absent are one request.
    expect(prepareScreeningRequest({ citizenKey, input }, { fundId: '1', clientId: 'c', idempotencyKey: 'k' }).meta.fingerprint).toBe(
      'b67d802e179cdff240c8db0ed98b6883c03cd65cf92b5a6278a57d73542886bc',
    );
  });

  it('of a create tell requests with a different occasion, benefit period or screening date apart', () => {
    const context = { fundId: '1', clientId: 'c', idempotencyKey: 'k' };
    const print = (timing: object) => prepareScreeningRequest({ citizenKey, input, ...timing }, context).meta.fingerprint;
    const plain = print({});
    // The defaults, spelt out, are the same request as leaving them out.
    expect(print({ occasion: 'other', benefitPeriodStart: null, screeningDate: null })).toBe(plain);
    const variants = [
      { occasion: 'first_interview' },
      { benefitPeriodStart: '2025-03-03' },
      { screeningDate: '2025-03-03' },
      { occasion: 'first_interview', benefitPeriodStart: '2025-03-03' },
      { occasion: 'first_interview', screeningDate: '2025-03-03' },
    ].map(print);
    expect(new Set([plain, ...variants]).size).toBe(6);
    // What the stored screening was fingerprinted with is the request, not its defaulted date.
    const stored = prepareScreening(sampleScreening(citizenKey, { input, occasion: 'week_9' }), context, new Date('2025-03-03T12:00:00Z'));
    expect(stored.screening.screeningDate).toBe('2025-03-03');
    expect(stored.meta.fingerprint).toBe(print({ occasion: 'week_9', caseworkerId: 'sagsbehandler-17' }));
  });
});
