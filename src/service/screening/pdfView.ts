/** PROVISIONAL until src/screening/pdf lands. */
import type { ScreeningWithAssessments } from '../../storage/repository.js';
import type { ModelRegistry } from '../models/modelRegistry.js';

/** Renders the latest screening as the caseworker's one-page PDF. */
export async function renderLatestPdf(stored: ScreeningWithAssessments, cpr: string, models: ModelRegistry): Promise<Buffer> {
  void stored;
  void cpr;
  void models;
  return Buffer.from('%PDF-1.4\n%%EOF\n');
}
