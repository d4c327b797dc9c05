/**
 * JSON with object keys sorted recursively and no white space: the same bytes for the same content,
 * whatever order the keys were written in, so that a checksum survives re-formatting but not edits.
 * ECMAScript's number serialisation already is the shortest round-trip form RFC 8785 (JCS) asks for, so
 * sorting keys is all that is left to do; a dependency for these few lines would add nothing.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonical JSON cannot hold NaN or Infinity');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return '{' + entries.map(([k, v]) => JSON.stringify(k) + ':' + canonicalJson(v)).join(',') + '}';
}
