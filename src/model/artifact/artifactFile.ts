import { createHash } from 'node:crypto';
import { readFile, writeFile, rename } from 'node:fs/promises';
import { InputError } from '../../data/inputError.js';
import { canonicalJson } from './canonicalJson.js';
import { ARTIFACT_SCHEMA_VERSION, modelArtifactSchema, type ModelArtifact } from './artifactSchema.js';

/** The SHA-256 of an artifact's content (every field but the checksum), as hex. */
export function artifactChecksum(artifact: Omit<ModelArtifact, 'checksum'> | ModelArtifact): string {
  const { checksum: _ignored, ...content } = artifact as ModelArtifact;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** Adds the checksum to an artifact's content. */
export function sealArtifact(content: Omit<ModelArtifact, 'checksum'>): ModelArtifact {
  return { ...content, checksum: { algorithm: 'sha256', value: artifactChecksum(content) } };
}

/** Writes an artifact as indented JSON, atomically (a reader never sees half a file). */
export async function writeArtifact(file: string, artifact: ModelArtifact): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, JSON.stringify(artifact, null, 1) + '\n');
  await rename(tmp, file);
}

/**
 * Validates parsed JSON as a model artifact: format, schema version, every field, and the checksum.
 * Throws an InputError naming the first problem; a file edited by hand fails the checksum.
 */
export function parseArtifact(json: unknown, file = 'model'): ModelArtifact {
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== 'ledighedsprofil-model') {
    throw new InputError({ file }, 'not a ledighedsprofil model file (missing "format": "ledighedsprofil-model")');
  }
  const version = (json as { schemaVersion?: unknown }).schemaVersion;
  if (version !== ARTIFACT_SCHEMA_VERSION) {
    throw new InputError(
      { file },
      `model schema version ${String(version)} is not supported (this program reads version ${ARTIFACT_SCHEMA_VERSION})`,
    );
  }
  // Checksum first, on the content exactly as stored, before validation could normalise anything.
  const stored = (json as { checksum?: { value?: unknown } }).checksum?.value;
  const actual = artifactChecksum(json as ModelArtifact);
  if (stored !== actual) {
    throw new InputError(
      { file, field: 'checksum' },
      `checksum mismatch: the file was changed after it was written (stored ${String(stored).slice(0, 12)}…, content ${actual.slice(0, 12)}…)`,
    );
  }
  const result = modelArtifactSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      { file, field: issue.path.join('.') || undefined },
      `invalid model file: ${issue.message}` +
        (result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : ''),
    );
  }
  return result.data;
}

/** Reads and validates a model artifact file. */
export async function readArtifact(file: string): Promise<ModelArtifact> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError({ file }, code === 'ENOENT' ? 'model file not found' : `cannot read the model file (${code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError({ file }, `not valid JSON: ${(err as Error).message}`);
  }
  return parseArtifact(json, file);
}
