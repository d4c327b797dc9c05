/**
 * Each citizen's data key (envelope encryption): a random AES-256 key per (fund, citizen), stored in
 * `data_keys` wrapped under the configured key-encryption key (KEK) whose id sits beside it. The
 * special-category values of that citizen's rows are sealed under the data key, and erasure deletes
 * the data key with the rows (crypto-shredding): a copy of a sealed value that survives elsewhere (a
 * backup, a dead tuple, a WAL segment) no longer opens. Rotating the KEK re-wraps data keys only, so
 * the immutable screenings and assessments are never touched.
 *
 * A citizen may end up with more than one data key (two first writes racing on PostgreSQL, or two
 * stored citizen keys merging when the CPR secret is rotated): every sealed value names its own data
 * key, so that is harmless, and erasure deletes them all.
 */
import { randomUUID } from 'node:crypto';
import { currentKey, type KeyRing } from '../privacy/keyRing.js';
import { newDataKey, open, seal, sealedKeyId, SealedValueError } from '../privacy/sealedValue.js';
import { inLists, marks } from './batches.js';
import { rows, run, type Work } from './dialect.js';
import { CorruptRecordError } from './errors.js';

/** An unwrapped data key. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/** Where a wrapped data key lives: bound into its AAD, so a wrapped key copied onto another row does not open. */
const wrapPlace = (id: string) => `ledighedsprofil/data_keys/${id}/wrapped`;

/** The data keys over one key ring; `cache` holds keys unwrapped within one unit of work. */
export function dataKeysOver(ring: KeyRing) {
  const unwrap = (id: string, wrapped: string): DataKey => {
    try {
      return { id, key: open((kid) => ring.keys.get(kid), wrapped, wrapPlace(id)) };
    } catch (err) {
      if (err instanceof SealedValueError) throw new CorruptRecordError('data_keys', `${id}: ${err.message}`);
      throw err;
    }
  };

  /** Makes a data key for the citizen and stores it wrapped under the current KEK. */
  function* create(fundId: string, citizenKey: string, citizenKeyId: string | null, at: string): Work<DataKey> {
    const dk = { id: randomUUID(), key: newDataKey() };
    const kek = currentKey(ring);
    yield* run(
      'INSERT INTO data_keys (id, fund_id, citizen_key, citizen_key_id, kek_id, wrapped, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [dk.id, fundId, citizenKey, citizenKeyId, kek.id, seal(kek, dk.key, wrapPlace(dk.id)), at],
    );
    return dk;
  }

  return {
    /** The citizen's data key in this fund, made (and wrapped under the current KEK) on first use. */
    *forCitizen(fundId: string, citizenKey: string, citizenKeyId: string | null, at: string): Work<DataKey> {
      const [found] = yield* rows(
        'SELECT id, wrapped FROM data_keys WHERE fund_id = ? AND citizen_key = ? ORDER BY created_at, id LIMIT 1',
        [fundId, citizenKey],
      );
      if (found) return unwrap(String(found.id), String(found.wrapped));
      return yield* create(fundId, citizenKey, citizenKeyId, at);
    },

    /**
     * The data keys these citizens already have in this fund, unwrapped, by citizen key, in a few
     * queries: each citizen's first, the one forCitizen returns. A citizen without one is absent.
     */
    *ofCitizens(fundId: string, citizenKeys: readonly string[]): Work<Map<string, DataKey>> {
      const found = new Map<string, DataKey>();
      for (const list of inLists([...new Set(citizenKeys)])) {
        const got = yield* rows(
          `SELECT citizen_key, id, wrapped FROM data_keys WHERE fund_id = ? AND citizen_key IN (${marks(list.length)})
             ORDER BY citizen_key, created_at, id`,
          [fundId, ...list],
        );
        for (const r of got) {
          const k = String(r.citizen_key);
          if (!found.has(k)) found.set(k, unwrap(String(r.id), String(r.wrapped)));
        }
      }
      return found;
    },

    /** A new data key for the citizen in this fund, wrapped under the current KEK (for one who has none: see ofCitizens). */
    create,

    /** The data key `id` from its wrapped form as read from its row (a scan that reads the row itself). */
    unwrap,

    /** The data key a sealed value names, or null when it is gone (erased). */
    *forSealed(envelope: string, cache: Map<string, DataKey | null>): Work<DataKey | null> {
      const id = sealedKeyId(envelope);
      if (id === null) throw new CorruptRecordError('sealed value', 'not a v1 sealed value');
      if (cache.has(id)) return cache.get(id)!;
      const [found] = yield* rows('SELECT id, wrapped FROM data_keys WHERE id = ?', [id]);
      const dk = found ? unwrap(id, String(found.wrapped)) : null;
      cache.set(id, dk);
      return dk;
    },

    /**
     * The data keys of these ids, unwrapped, in a few queries (IN lists of the fixed lengths batches.ts
     * gives, so the statement caches stay small): a scan over many citizens' sealed values would
     * otherwise cost one round trip per citizen. An id that is gone (erased) is absent.
     */
    *many(ids: readonly string[]): Work<Map<string, DataKey>> {
      const found = new Map<string, DataKey>();
      for (const list of inLists([...new Set(ids)])) {
        const got = yield* rows(`SELECT id, wrapped FROM data_keys WHERE id IN (${marks(list.length)})`, list);
        for (const r of got) found.set(String(r.id), unwrap(String(r.id), String(r.wrapped)));
      }
      return found;
    },

    /**
     * Re-wraps up to `limit` data keys not under the current KEK; returns how many. The UPDATE names
     * the old wrapping, so a key re-wrapped (or erased) meanwhile by another process is left alone.
     */
    *rewrap(limit: number): Work<number> {
      const kek = currentKey(ring);
      const old = yield* rows('SELECT id, wrapped FROM data_keys WHERE kek_id <> ? ORDER BY id LIMIT ?', [kek.id, limit]);
      let n = 0;
      for (const r of old) {
        const dk = unwrap(String(r.id), String(r.wrapped));
        n += yield* run('UPDATE data_keys SET kek_id = ?, wrapped = ? WHERE id = ? AND wrapped = ?', [
          kek.id,
          seal(kek, dk.key, wrapPlace(dk.id)),
          dk.id,
          String(r.wrapped),
        ]);
      }
      return n;
    },

    /** How many data keys each KEK id wraps. */
    *census(): Work<Record<string, number>> {
      const found = yield* rows('SELECT kek_id, count(*) AS n FROM data_keys GROUP BY kek_id ORDER BY kek_id');
      return Object.fromEntries(found.map((r) => [String(r.kek_id), Number(r.n)]));
    },
  };
}

/** The data-key operations of one key ring. */
export type DataKeys = ReturnType<typeof dataKeysOver>;
