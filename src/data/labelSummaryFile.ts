import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import type { LabelSummary } from './labelFiles.js';
import { InputError } from './inputError.js';
import { sha256File } from './sha256File.js';

/**
 * What `label --summary-json` writes: the run's counts and the SHA-256 of the labelled file, so that
 * `train --label-summary` can record the censored spells of exactly the data it trains on.
 */
export const labelSummaryFileSchema = z.object({
  kind: z.literal('ledighedsprofil-label-summary'),
  labelledFile: z.string(),
  labelledSha256: z.string().regex(/^[0-9a-f]{64}$/),
  spellRows: z.number().int().nonnegative(),
  labelled: z.number().int().nonnegative(),
  longTerm: z.number().int().nonnegative(),
  censored: z.number().int().nonnegative(),
  excludedSpells: z.number().int().nonnegative(),
  lastWeek: z.number().int(),
});

export type LabelSummaryFile = z.infer<typeof labelSummaryFileSchema>;

/** Writes the label summary JSON for the labelled file `out`. */
export async function writeLabelSummary(file: string, s: LabelSummary, out: string): Promise<void> {
  const content: LabelSummaryFile = {
    kind: 'ledighedsprofil-label-summary',
    labelledFile: basename(out),
    labelledSha256: await sha256File(out),
    spellRows: s.spellRows,
    labelled: s.labelled,
    longTerm: s.longTerm,
    censored: s.censored,
    excludedSpells: s.excludedSpells,
    lastWeek: s.lastWeek,
  };
  await writeFile(file, JSON.stringify(content, null, 2) + '\n');
}

/** Reads a label summary and checks that it describes the data file with the given SHA-256. */
export async function readLabelSummary(file: string, dataSha256: string): Promise<LabelSummaryFile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError({ file }, code === 'ENOENT' ? 'label summary not found' : `not a readable JSON file (${(err as Error).message})`);
  }
  const parsed = labelSummaryFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      { file, field: issue.path.join('.') || undefined },
      `not a label summary written by \`label --summary-json\`: ${issue.message}`,
    );
  }
  if (parsed.data.labelledSha256 !== dataSha256) {
    throw new InputError(
      { file },
      `describes another file than --data (its SHA-256 differs): label the data again or drop --label-summary`,
    );
  }
  return parsed.data;
}
