import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../src/service/plugins/securityHeaders.js';

describe('security headers', () => {
  it("are helmet's, computed once: CSP without upgrade-insecure-requests, nosniff, HSTS, same-origin resources", () => {
    const h = securityHeaders();
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(h['cross-origin-resource-policy']).toBe('same-origin');
    expect(h['content-security-policy']).toMatch(/default-src 'self'/);
    expect(h['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    expect(h).not.toHaveProperty('x-powered-by');
  });

  it('refuses options helmet refuses, at start-up rather than on the first request', () => {
    expect(() => securityHeaders({ contentSecurityPolicy: { directives: { 'default-src': ["'self' nonsense;"] } } })).toThrow();
  });
});
