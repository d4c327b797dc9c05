/**
 * prepareAudits (a batch's audit entries, shared fields validated once) against prepareAudit entry by
 * entry, on seeded random lists near the fields' edges: the same prepared entries, or the same error.
 */
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../src/data/simulate/rng.js';
import { pick } from '../support/seeded.js';
import { prepareAudit, prepareAudits } from '../../src/storage/prepare.js';
import type { NewAuditEntry } from '../../src/storage/records.js';

const NOW = new Date('2026-12-02T10:00:00.000Z');

const VALUES: Record<string, unknown[]> = {
  clientId: ['bench', 'other', '', 'a\nb', 'x'.repeat(100), 'x'.repeat(101), '0707614285', 7],
  fundId: ['15', '16', null, '', '015', 15],
  action: ['outcome.create', 'outcome.correct', 'outcome.batch', 'outcome.nope'],
  outcome: ['success', 'conflict', 'fine'],
  citizenKey: ['a'.repeat(64), 'b'.repeat(64), null, undefined, 'A'.repeat(64), 'a'.repeat(63), 1],
  screeningId: [undefined, null, '6f1c1a58-8f0e-4d7a-9b1e-0c3d5a6b7c8d', 'nope'],
  requestId: [undefined, null, 'req-1', '', 'a\u0000b', '070761-4285'],
  detail: [
    'revision=1 state=known',
    'revision=2 state=pending',
    'idempotent replay',
    null,
    undefined,
    '',
    'x'.repeat(500),
    'x'.repeat(501),
    '😀'.repeat(500),
    '😀'.repeat(501),
    'cpr 0707614285',
    3,
  ],
};

function goodEntry(rng: Rng): Record<string, unknown> {
  return {
    clientId: 'bench',
    fundId: '15',
    requestId: pick(rng, [undefined, null, 'req-1']),
    action: pick(rng, ['outcome.create', 'outcome.correct']),
    outcome: 'success',
    citizenKey: pick(rng, ['a'.repeat(64), 'b'.repeat(64)]),
    detail: pick(rng, ['revision=1 state=known', 'revision=2 state=pending', 'idempotent replay']),
  };
}

function bent(rng: Rng): Record<string, unknown> {
  const e = goodEntry(rng);
  if (rng.bernoulli(0.7)) return e;
  const what = rng.integer(0, 3);
  const fields = Object.keys(VALUES);
  if (what <= 1) {
    const f = pick(rng, fields);
    e[f] = pick(rng, VALUES[f]);
  } else if (what === 2) delete e[pick(rng, fields)];
  else e[pick(rng, ['extra', 'at', 'toString'])] = 1;
  return e;
}

/** The prepared entries, or the error's class and message. */
function outcomeOf(f: () => unknown): unknown {
  try {
    return { ok: f() };
  } catch (err) {
    return { error: (err as Error).constructor.name, message: (err as Error).message };
  }
}

describe('prepareAudits', () => {
  it('prepares what prepareAudit prepares, entry by entry, or throws what it throws', () => {
    const rng = createRng(11, 7);
    let failed = 0;
    for (let i = 0; i < 4000; i++) {
      const list = Array.from({ length: rng.integer(1, 12) }, () => bent(rng)) as NewAuditEntry[];
      const batch = outcomeOf(() => prepareAudits(list, NOW));
      const single = outcomeOf(() => list.map((e) => prepareAudit(e, NOW)));
      expect(batch).toStrictEqual(single);
      if ('error' in (single as object)) failed++;
    }
    expect(failed).toBeGreaterThan(400);
    expect(failed).toBeLessThan(3600);
  });
});
