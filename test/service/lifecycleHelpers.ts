/**
 * Model artifacts for the life-cycle tests: copies of the bundled model under other versions, edited
 * and re-sealed, and a bounded wait for what another instance does by polling.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sealArtifact } from '../../src/model/artifact/artifactFile.js';
import type { ModelArtifact } from '../../src/model/artifact/artifactSchema.js';

/** The bundled model's file. */
export const BUNDLED = join(import.meta.dirname, '../../models/sim-2026.12-1.json');

/** A copy of the bundled model under another version, optionally edited, with its checksum re-sealed. */
export function variant(version: string, edit: (a: ModelArtifact) => void = () => {}): ModelArtifact {
  const { checksum: _c, ...content } = JSON.parse(readFileSync(BUNDLED, 'utf8')) as ModelArtifact;
  const a = { ...content, version, createdAt: '2027-01-04T00:00:00.000Z' } as ModelArtifact;
  edit(a);
  const { checksum: _d, ...edited } = a;
  return sealArtifact(edited);
}

/** A variant whose intercept is raised by `by`, so every probability it gives is higher. */
export function raised(version: string, by = 0.7): ModelArtifact {
  return variant(version, (a) => {
    a.coefficients[0] = { ...a.coefficients[0], estimate: a.coefficients[0].estimate! + by };
  });
}

/** A variant that only knows members up to age 50 (the sample member is 57). */
export function narrower(version: string): ModelArtifact {
  return variant(version, (a) => {
    const age = a.encoding.features.find((x) => x.spec.name === 'age')!;
    (age.spec as { max: number }).max = 50;
    (a.encoding.spec.features.find((x) => x.name === 'age') as { max: number }).max = 50;
  });
}

/** Polls `probe` every 25 ms until it returns true; resolves with the time it took, rejects after `limitMs`. */
export async function within(limitMs: number, probe: () => Promise<boolean>, what: string): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - start;
    if (Date.now() - start > limitMs) throw new Error(`${what}: not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
