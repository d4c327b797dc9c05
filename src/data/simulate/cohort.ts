import { drawSpellHours, isCensored } from './hours.js';
import { HOURS_HEADER, hoursText, spellId, spellIdWidth, spellLine, spellsHeader, yearWeekCode } from './format.js';
import { drawMember } from './member.js';
import { drawOutcome } from './outcome.js';
import { createRng, RNG_STREAM } from './rng.js';
import { openChunkedFile, type ChunkedFile } from './writer.js';
import { SCENARIOS, type ScenarioName } from './scenario.js';

/** What to simulate and where to write it. */
export interface SimulateOptions {
  n: number;
  seed: number;
  /** The spells CSV. */
  spellsPath: string;
  /** The weekly hours CSV; when given, the spells CSV has no long_term column. */
  hoursPath?: string;
  /** The cohort to draw (default `baseline`; see scenario.ts). */
  scenario?: ScenarioName;
  /** Called now and then with the number of spells done. */
  onProgress?: (done: number) => void;
}

/** Counts of a finished simulation, for the summary the CLI prints. */
export interface SimulateSummary {
  n: number;
  longTerm: number;
  /** Spells whose 52 weeks reach past the data window (their label cannot be computed from hours). */
  censored: number;
  longTermUncensored: number;
  hoursRows: number;
}

const PROGRESS_EVERY = 10_000;

/**
 * Simulates n spells and streams them to disk. Members and outcomes come from one random stream and
 * weekly hours from another, so the spells (all but the long_term column) are the same whether or not
 * hours are written.
 */
export async function simulateCohort(options: SimulateOptions): Promise<SimulateSummary> {
  const { n, seed } = options;
  const scenario = SCENARIOS[options.scenario ?? 'baseline'];
  const memberRng = createRng(seed, RNG_STREAM.members);
  const hoursRng = createRng(seed, RNG_STREAM.hours);
  const width = spellIdWidth(n);
  const withHours = options.hoursPath !== undefined;
  const files: ChunkedFile[] = [];
  const summary: SimulateSummary = { n, longTerm: 0, censored: 0, longTermUncensored: 0, hoursRows: 0 };
  try {
    const spells = await openChunkedFile(options.spellsPath);
    files.push(spells);
    const hours = withHours ? await openChunkedFile(options.hoursPath!) : undefined;
    if (hours) files.push(hours);

    await spells.write(spellsHeader(!withHours));
    await hours?.write(HOURS_HEADER);
    for (let i = 0; i < n; i++) {
      const member = drawMember(memberRng, scenario);
      const longTerm = drawOutcome(memberRng, member, scenario.interceptShift);
      const id = spellId(i, width);
      const censored = isCensored(member.startDay);
      summary.longTerm += longTerm;
      if (censored) summary.censored++;
      else summary.longTermUncensored += longTerm;

      const pending = spells.write(spellLine(id, member, withHours ? undefined : longTerm));
      if (pending) await pending;
      if (hours) {
        const { firstWeek, tenths } = drawSpellHours(hoursRng, member.startDay, longTerm === 1);
        let text = '';
        for (let w = 0; w < tenths.length; w++) text += `${id},${yearWeekCode(firstWeek + w)},${hoursText(tenths[w])}\n`;
        summary.hoursRows += tenths.length;
        const pendingHours = hours.write(text);
        if (pendingHours) await pendingHours;
      }
      if ((i + 1) % PROGRESS_EVERY === 0) options.onProgress?.(i + 1);
    }
    options.onProgress?.(n);
    for (const f of files) await f.commit();
  } catch (err) {
    for (const f of files) await f.discard();
    throw err;
  }
  return summary;
}
