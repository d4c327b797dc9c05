import { containsCprInUrlText } from '../privacy/cprInText.js';
import { PersonalDataError } from './errors.js';

/**
 * Refuses text bound for storage that contains a CPR number in clear. The service should never pass
 * one, but a caseworker's comment or a mis-mapped input field could; this is the last line of defence
 * that keeps "a leaked database does not reveal CPR numbers" true. Encoded numbers are refused too
 * (`070761%2D4285`, fullwidth digits): a client may send a value encoded, and a reader can decode it.
 */
export function assertNoCpr(fields: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (containsCprInUrlText(text)) throw new PersonalDataError(field);
  }
}
