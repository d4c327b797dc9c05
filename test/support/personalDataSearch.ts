/**
 * Searching what the service leaves behind (responses, the log, the metrics text, database files) for
 * personal data that must not be there: CPR numbers in their three common spellings, and any other
 * text (an erased member's comment). Bytes are searched as they lie on disk, so a database file is read
 * as the page images a thief would copy, not through SQL. Shared by the privacy tests; the checks on
 * erasure use the same helpers.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type pg from 'pg';
import { cprBirthYear } from '../../src/privacy/cprNumber.js';
import type { Chooser } from './seeded.js';

/** One thing searched, found where it must not be. */
export interface Finding {
  /** Where: a file path, or a name such as `response 17 body` or `log`. */
  where: string;
  /** What was found, as it was written there (a CPR spelling or the phrase). */
  found: string;
  /** Byte or character offset in the searched text. */
  offset: number;
}

/** A place to search: a name and its bytes or text. */
export interface Haystack {
  where: string;
  content: Buffer | string;
}

/** The spellings of a CPR number (given as its ten digits) that are searched: DDMMYYSSSS, DDMMYY-SSSS, DDMMYY SSSS. */
export function cprSpellings(cpr: string): string[] {
  const [date, sequence] = [cpr.slice(0, 6), cpr.slice(6)];
  return [cpr, `${date}-${sequence}`, `${date} ${sequence}`];
}

// Candidates are found by one pass of a lookahead (so overlapping runs are all seen), then looked up
// in a set: searching for each of a few hundred numbers in turn over megabytes of pages would not be.
const CANDIDATES = /(?=(\d{6}[- ]?\d{4}))/g;

/**
 * Every spelling (see {@link cprSpellings}) of every number in `cprs` found in the haystacks. Bytes
 * are read as Latin-1, one character per byte, so offsets are byte offsets and UTF-8 text with ASCII
 * digits is matched as written.
 */
export function findCprs(haystacks: readonly Haystack[], cprs: Iterable<string>): Finding[] {
  const wanted = new Set<string>();
  for (const cpr of cprs) for (const s of cprSpellings(cpr)) wanted.add(s);
  const findings: Finding[] = [];
  for (const { where, content } of haystacks) {
    const text = typeof content === 'string' ? content : content.toString('latin1');
    for (const m of text.matchAll(CANDIDATES)) {
      if (wanted.has(m[1])) findings.push({ where, found: m[1], offset: m.index });
    }
  }
  return findings;
}

/** Every occurrence of `phrase` (as UTF-8 bytes) in the haystacks. */
export function findPhrase(haystacks: readonly Haystack[], phrase: string): Finding[] {
  const needle = Buffer.from(phrase, 'utf8');
  const findings: Finding[] = [];
  for (const { where, content } of haystacks) {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) findings.push({ where, found: phrase, offset: at });
  }
  return findings;
}

/** The files of a SQLite database that exist now: the database, its write-ahead log and its shared-memory index. */
export function sqliteFiles(path: string): Haystack[] {
  return [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]
    .filter((p) => existsSync(p))
    .map((p) => ({ where: p, content: readFileSync(p) }));
}

/** Whether the process may read the server's data directory (tests run as root on the server's own machine). */
export async function postgresDataDirectory(client: pg.Client): Promise<{ path: string } | { problem: string }> {
  const { rows } = await client.query<{ dir: string }>(`SELECT current_setting('data_directory') AS dir`);
  const dir = rows[0].dir;
  try {
    readdirSync(join(dir, 'base'));
    return { path: dir };
  } catch (err) {
    return { problem: `the PostgreSQL data directory ${dir} cannot be read here: ${(err as Error).message}` };
  }
}

/**
 * The on-disk files of every table, index, TOAST table and TOAST index of `schema`, read after a
 * CHECKPOINT so that every committed change has reached them: each relation's main fork with its 1 GB
 * segments (`16384`, `16384.1`, …) and its other forks (`_fsm`, `_vm`). CHECKPOINT needs a superuser
 * or pg_checkpoint; the test database's user is one.
 */
export async function postgresRelationFiles(client: pg.Client, schema: string): Promise<Haystack[]> {
  const data = await postgresDataDirectory(client);
  if ('problem' in data) throw new Error(data.problem);
  await client.query('CHECKPOINT');
  const { rows } = await client.query<{ name: string; path: string | null }>(
    `WITH own AS (
       SELECT c.oid, c.reltoastrelid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relkind IN ('r', 'i', 'm', 'S', 'p', 'I')
     ), toast AS (
       SELECT reltoastrelid AS oid FROM own WHERE reltoastrelid <> 0
       UNION SELECT i.indexrelid FROM pg_index i JOIN own o ON i.indrelid = o.reltoastrelid WHERE o.reltoastrelid <> 0
     )
     SELECT c.oid::regclass::text AS name, pg_relation_filepath(c.oid) AS path
     FROM pg_class c WHERE c.oid IN (SELECT oid FROM own UNION SELECT oid FROM toast)`,
    [schema],
  );
  const out: Haystack[] = [];
  for (const r of rows) {
    if (r.path === null) continue;
    const full = join(data.path, r.path);
    const dir = dirname(full);
    const base = basename(full);
    for (const f of readdirSync(dir)) {
      if (f === base || f.startsWith(`${base}.`) || f.startsWith(`${base}_`)) {
        out.push({ where: `${r.name} (${join(dir, f)})`, content: readFileSync(join(dir, f)) });
      }
    }
  }
  return out;
}

/** Whether poppler's pdftotext is installed (poppler-utils). */
export const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

/** The text of a PDF as pdftotext reads it, or undefined without pdftotext. */
export function pdfText(pdf: Buffer): string | undefined {
  if (!hasPdftotext) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'pds-pdf-'));
  try {
    const file = join(dir, 'p.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `n` distinct valid CPR numbers (ten digits): a real birth date between 1 January 1930 and 31 December
 * 2005 (never in the future), a 7th digit that gives that century by the CPR office's table, and a
 * random sequence otherwise; half of them fail modulus 11, as numbers issued since 2007 may.
 */
export function generatedCprs(c: Chooser, n: number): string[] {
  const out = new Set<string>();
  const from = Date.UTC(1930, 0, 1);
  const days = (Date.UTC(2005, 11, 31) - from) / 86_400_000;
  while (out.size < n) {
    const d = new Date(from + c.int(days + 1) * 86_400_000);
    const year = d.getUTCFullYear();
    const yy = year % 100;
    const seventh = c.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((s) => cprBirthYear(yy, s) === year));
    const two = (x: number) => String(x).padStart(2, '0');
    const cpr = `${two(d.getUTCDate())}${two(d.getUTCMonth() + 1)}${two(yy)}${seventh}${String(c.int(1000)).padStart(3, '0')}`;
    out.add(cpr);
  }
  return [...out];
}

/** Findings summarised for an assertion message: at most `max`, each with where and what. */
export function describeFindings(findings: readonly Finding[], max = 10): string[] {
  return findings.slice(0, max).map((f) => `${f.where} @${f.offset}: ${f.found}`);
}
