import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The variable names a TypeScript file reads: `process.env.NAME` and `env.NAME` (an environment passed in). */
function namesRead(text: string): string[] {
  return [...text.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)].map((m) => m[1]);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('.env.example', () => {
  const listed = new Set([...readFileSync(join(root, '.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));

  it('lists every variable the service configuration validates', () => {
    const config = readFileSync(join(root, 'src/service/config.ts'), 'utf8');
    const schema = /const envSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(config)?.[1] ?? '';
    const names = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]);
    expect(names).toContain('DATABASE_SCHEMA');
    expect(names.filter((n) => !listed.has(n))).toEqual([]);
  });

  it('lists every variable read anywhere in src/ and by the tests', () => {
    const names = new Set(
      [...sourceFiles(join(root, 'src')), join(root, 'test/storage/postgresTestSchema.ts')].flatMap((f) =>
        namesRead(readFileSync(f, 'utf8')),
      ),
    );
    expect(names).toContain('LEDIGHEDSPROFIL_DEBUG');
    expect([...names].filter((n) => !listed.has(n))).toEqual([]);
  });
});
