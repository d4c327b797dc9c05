import { z } from 'zod';
import { parseCpr } from '../../privacy/cprNumber.js';

/**
 * Zod schema of a CPR number: DDMMYYSSSS or DDMMYY-SSSS starting with a real birth date that is not in
 * the future (modulus 11 is not required: the CPR office has issued numbers failing it since 2007).
 * The error message never repeats the number.
 */
export const cprSchema = z
  .string()
  .max(20, 'CPR number must be 10 digits, written DDMMYYSSSS or DDMMYY-SSSS')
  .superRefine((value, ctx) => {
    const r = parseCpr(value);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  })
  .describe('CPR number, DDMMYYSSSS or DDMMYY-SSSS; never logged, stored only as a keyed hash')
  .meta({ example: '0707614285' });

/** Zod schema of the path parameters of the citizen routes. */
export const cprParamsSchema = z.object({ cpr: cprSchema });

/**
 * The request header carrying the citizen's CPR number, as in STAR's REST services: a header, unlike a
 * path or query, is not written to the access logs of the proxies and agents in front of the service.
 * Node lowercases header names, so the schema key is lowercase.
 */
export const CPR_HEADER = 'x-civil-registration-identifier';

/**
 * Zod schema of the headers of a citizen operation. Loose: the validated object replaces request.headers,
 * so the other headers (authorization, idempotency-key, …) must pass through.
 */
export const cprHeadersSchema = z.looseObject({ [CPR_HEADER]: cprSchema });

/** The same with the header optional (the audit query filters by citizen only when it is sent). */
export const optionalCprHeadersSchema = z.looseObject({
  [CPR_HEADER]: cprSchema.optional().describe('Only entries about this citizen (matched by the keyed hash)'),
});
