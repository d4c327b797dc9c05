import { readFile } from 'node:fs/promises';
import { InputError } from '../../data/inputError.js';
import { featureSpecSchema, type FeatureSpec } from './featureSpec.js';

/** Reads and validates a feature specification file; errors name the JSON path and the reason. */
export async function readFeatureSpec(file: string): Promise<FeatureSpec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError({ file }, code === 'ENOENT' ? 'specification file not found' : `cannot read the specification (${code})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError({ file, ...jsonErrorPosition(text, err as Error) }, `not valid JSON: ${(err as Error).message}`);
  }
  const result = featureSpecSchema.safeParse(json);
  if (!result.success) {
    const first = result.error.issues[0];
    const more = result.error.issues.length - 1;
    throw new InputError(
      { file, field: first.path.join('.') || '(top level)' },
      first.message +
        (more > 0
          ? ` (and ${more} more: ${result.error.issues
              .slice(1, 4)
              .map((i) => `${i.path.join('.')}: ${i.message}`)
              .join('; ')})`
          : ''),
    );
  }
  return result.data;
}

/** Line and column of a JSON.parse error, from the character position V8 reports. */
function jsonErrorPosition(text: string, err: Error): { line?: number; column?: number } {
  const m = /position (\d+)/.exec(err.message);
  if (!m) return {};
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  return { line, column: Number(m[1]) - before.lastIndexOf('\n') };
}
