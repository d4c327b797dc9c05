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
  // No example: the documentation never shows a real-looking CPR number (the create request's example
  // holds a fictitious one, FICTITIOUS_CPR).
  .describe('CPR number, DDMMYYSSSS or DDMMYY-SSSS; never logged, stored only as a keyed hash');

/**
 * The CPR number of the documentation's examples. It cannot belong to anyone: born 1 January 1901 by
 * its century digit, so any number it had was issued in 1968, when every number passed the modulus-11
 * check, and this one fails it. It still validates, since numbers issued since 2007 may fail the check.
 */
export const FICTITIOUS_CPR = '010101-1234';

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
