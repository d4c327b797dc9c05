/**
 * Moving a citizen's stored key to the current CPR secret. A keyed hash cannot be recomputed without
 * the CPR number, so a key moves when the citizen is next looked up with their CPR number while the
 * previous secret is still configured (or when `ledighedsprofil rekey` reads the fund's member
 * register). Screenings, outcomes and data keys are updated in place (the citizen key is the one column of a
 * screening its trigger lets change); the audit log is append-only, so the move is recorded in
 * `citizen_key_moves`, through which entries under the old key stay findable by the new one after the
 * previous secret is retired.
 */
import { rows, run, type Work } from './dialect.js';

/** How many rows moved from `previous` to `current`. */
export interface KeyMove {
  screenings: number;
  dataKeys: number;
  outcomes: number;
}

/** The `citizen.rekey` audit detail of a move (outcomes named only when some moved, so older entries read the same). */
export function moveDetail(currentId: string, m: KeyMove): string {
  return `moved to CPR secret ${currentId}: screenings=${m.screenings} data_keys=${m.dataKeys}${m.outcomes > 0 ? ` outcomes=${m.outcomes}` : ''}`;
}

/** `AND fund_id = ?` and its parameter for one fund, nothing for every fund. */
function inFund(fundId: string | null): { sql: string; params: string[] } {
  return fundId === null ? { sql: '', params: [] } : { sql: ' AND fund_id = ?', params: [fundId] };
}

/**
 * Moves the rows stored under `previous` to `current` (recording its secret id), in one fund or (null)
 * in every fund, and records the move once rows moved.
 */
export function* moveCitizenKey(
  previous: string,
  current: string,
  currentId: string | null,
  at: string,
  fundId: string | null,
): Work<KeyMove> {
  const f = inFund(fundId);
  const set = 'SET citizen_key = ?, citizen_key_id = ? WHERE citizen_key = ?';
  const screenings = yield* run(`UPDATE screenings ${set}${f.sql}`, [current, currentId, previous, ...f.params]);
  const dataKeys = yield* run(`UPDATE data_keys ${set}${f.sql}`, [current, currentId, previous, ...f.params]);
  const outcomes = yield* run(`UPDATE outcomes ${set}${f.sql}`, [current, currentId, previous, ...f.params]);
  if (screenings + dataKeys + outcomes > 0) {
    // A pair moved again (rows stored under the old key by an instance not yet given the new secret)
    // takes the later time: the monitoring stamp reads max(moved_at) to see every re-keying.
    yield* run(
      'INSERT INTO citizen_key_moves (old_key, new_key, moved_at) VALUES (?, ?, ?) ON CONFLICT (old_key, new_key) DO UPDATE SET moved_at = excluded.moved_at',
      [previous, current, at],
    );
  }
  return { screenings, dataKeys, outcomes };
}

/**
 * Records the secret id of rows stored under `current` before key ids existed (citizen_key_id NULL), now
 * that the CPR number shows which secret made them, in one fund or (null) every fund; returns how many.
 */
export function* labelCitizenKey(current: string, currentId: string, fundId: string | null): Work<number> {
  const f = inFund(fundId);
  const where = `WHERE citizen_key = ? AND citizen_key_id IS NULL${f.sql}`;
  const s = yield* run(`UPDATE screenings SET citizen_key_id = ? ${where}`, [currentId, current, ...f.params]);
  const k = yield* run(`UPDATE data_keys SET citizen_key_id = ? ${where}`, [currentId, current, ...f.params]);
  const o = yield* run(`UPDATE outcomes SET citizen_key_id = ? ${where}`, [currentId, current, ...f.params]);
  return s + k + o;
}

/** SQL matching `column` against `keys` and every key that moved to one of them; with its parameters. */
export function keyOrMovedFrom(column: string, keys: readonly string[]): { sql: string; params: string[] } {
  const marks = keys.map(() => '?').join(', ');
  return {
    sql: `(${column} IN (${marks}) OR ${column} IN (SELECT old_key FROM citizen_key_moves WHERE new_key IN (${marks})))`,
    params: [...keys, ...keys],
  };
}

/** Distinct stored citizen keys by the id of the CPR secret they were made with ('' for keys stored before ids existed). */
export function* citizenKeyCensus(): Work<Record<string, number>> {
  const found = yield* rows(
    `SELECT coalesce(citizen_key_id, '') AS id, count(*) AS n FROM
       (SELECT citizen_key, citizen_key_id FROM screenings UNION SELECT citizen_key, citizen_key_id FROM data_keys
        UNION SELECT citizen_key, citizen_key_id FROM outcomes) k
     GROUP BY coalesce(citizen_key_id, '') ORDER BY 1`,
  );
  return Object.fromEntries(found.map((r) => [String(r.id), Number(r.n)]));
}
