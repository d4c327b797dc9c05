/**
 * The member's letter: one page in both forms, the required elements in its text (pdftotext), and the
 * wording rules over many seeded screenings (both groups, corrected and not, every factor) and over
 * the i18n strings themselves: never a percentage, a probability, the target group, risk or
 * long-term unemployment; factors only in the explanation form.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDUCATION_LEVELS, INDUSTRIES, Q10_BARRIERS, Q2_ANSWERS, REGIONS } from '../../src/data/cohort/levels.js';
import { CODE_LABELS_DA } from '../../src/i18n/da.js';
import { ACTIVITY_TEXTS_DA } from '../../src/i18n/daActivities.js';
import { MEMBER_LETTER_DA, MEMBER_LETTER_FORBIDDEN, type MemberLetterForm } from '../../src/i18n/daMemberLetter.js';
import { currentResult, type GroupCorrection } from '../../src/screening/currentResult.js';
import type { MemberInput } from '../../src/screening/member/memberSchema.js';
import { renderMemberLetter } from '../../src/screening/memberLetter/renderMemberLetter.js';
import { memberLetterView, type MemberLetterView } from '../../src/screening/memberLetter/view.js';
import { parseScreeningPolicy } from '../../src/screening/policy.js';
import { screenMemberInput, type ScreeningOutcome } from '../../src/screening/screeningResult.js';
import { bundledScorer, memberInput } from './helpers.js';

const scorer = bundledScorer();
// Every factor with any contribution, up to five each way: the most the letter can be asked to show.
const policy = parseScreeningPolicy({ version: 'test-letter', factors: { count: 5, minAbsContribution: 0 } });
const hasPoppler = spawnSync('pdftotext', ['-v']).error === undefined;
if (!hasPoppler && process.env.CI) throw new Error('pdftotext (poppler-utils) is required when CI is set');
const dir = mkdtempSync(join(tmpdir(), 'member-letter-'));
const FUND = { name: 'Testfagenes A-kasse', contact: 'Tlf. 70 10 20 30, post@testfag.dk' };

/** mulberry32: a small seeded generator, so the generated members are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random but valid member: every level, barrier and answer is reachable. */
function randomMember(r: () => number): MemberInput {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const barriers = Q10_BARRIERS.filter(() => r() < 0.3);
  return memberInput(
    {
      age: 18 + Math.floor(r() * 48),
      gender: r() < 0.5 ? 'kvinde' : 'mand',
      experienceYears: Math.floor(r() * 30),
      education: r() < 0.1 ? null : pick(EDUCATION_LEVELS),
      fromSicknessBenefit: r() < 0.2,
      priorDagpengeHours: Math.floor(r() * 3000),
      earlierSpells: Math.floor(r() * 6),
      region: pick(REGIONS),
      discoCode: r() < 0.1 ? null : `${Math.floor(r() * 10)}${Math.floor(r() * 10)}21`,
      industry: r() < 0.1 ? null : pick(INDUSTRIES),
      dimittend: r() < 0.15,
      previousIncome: Math.floor(100000 + r() * 700000),
      childrenAtHome: r() < 0.4,
    } as Partial<MemberInput['member']>,
    { q2JobExpectation: pick(Q2_ANSWERS), q10HasBarriers: barriers.length > 0, q10Barriers: barriers },
  );
}

/** The letter's view of a member, the group corrected to the other one when asked. */
function viewOf(m: MemberInput, form: MemberLetterForm, correct: boolean): { view: MemberLetterView; outcome: ScreeningOutcome } {
  const outcome = screenMemberInput(scorer, m, policy);
  const correction: GroupCorrection | null = correct
    ? outcome.targetGroup === 1
      ? { correctedTargetGroup: 2, correctedSubgroup: '2a' }
      : { correctedTargetGroup: 1, correctedSubgroup: null }
    : null;
  const current = currentResult(outcome, m, correction, policy);
  return {
    outcome,
    view: memberLetterView(outcome, m, current, { form, maskedCpr: '010170-XXXX', screenedAt: '2026-11-23T13:05:00.000Z', fund: FUND }),
  };
}

let n = 0;
/** The PDF's text (pdftotext) and its page count (pdfinfo, when installed). */
function extract(pdf: Buffer): { text: string; pages: number | null } {
  const file = join(dir, `l${n++}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  const pages = existsSync('/usr/bin/pdfinfo')
    ? Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1])
    : null;
  return { text, pages };
}

/** The rules a text the member reads must keep; returns the rules it breaks. */
const broken = (text: string): string[] => MEMBER_LETTER_FORBIDDEN.filter((re) => re.test(text)).map(String);

/** Every string in a nested object of texts (functions called with a sample date). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') return [String((value as (d: string) => string)('23. november 2026'))];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('the texts of the letter', () => {
  it('break none of the wording rules, nor do the activity lines and answers the letter prints', () => {
    const texts = [
      ...strings(MEMBER_LETTER_DA),
      ...Object.values(ACTIVITY_TEXTS_DA).map((a) => a.memberText),
      ...Object.values(CODE_LABELS_DA.q2),
      ...Object.values(CODE_LABELS_DA.q10),
    ];
    expect(texts.length).toBeGreaterThan(40);
    for (const t of texts) expect({ text: t, broken: broken(t) }).toEqual({ text: t, broken: [] });
  });

  it('keep to short sentences (at most 25 words, the article references not counted)', () => {
    for (const t of strings(MEMBER_LETTER_DA)) {
      for (const sentence of t.replace(/\([^)]*\)/g, '').split(/[.!?]\s+/)) {
        expect({ sentence, words: sentence.split(/\s+/).filter(Boolean).length <= 25 }).toEqual({ sentence, words: true });
      }
    }
  });

  it('catch what they are meant to catch: the rules are not vacuous', () => {
    for (const bad of ['35 %', '0,42', 'Din risiko er høj', 'du bliver langtidsledig', 'sandsynligvis', 'målgruppe 2', '12,5 procent']) {
      expect(broken(bad).length, bad).toBeGreaterThan(0);
    }
    expect(broken('databeskyttelsesforordningen artikel 15, stk. 1, litra h; 23. november 2026; 55-59 år')).toEqual([]);
  });
});

describe.skipIf(!hasPoppler)("the member's letter", () => {
  it('is one page in both forms and says what was registered, the support, who decides, how it works and how to ask', async () => {
    const m = memberInput({}, { q10Barriers: ['fysisk_helbred', 'sprog'] });
    for (const form of ['summary', 'explanation'] as const) {
      const { view } = viewOf(m, form, false);
      const { text, pages } = extract(await renderMemberLetter(view));
      if (pages !== null) expect(pages).toBe(1);
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain(MEMBER_LETTER_DA.title[form]);
      expect(flat).toContain('010170-XXXX');
      expect(flat).toContain(FUND.name);
      expect(flat).toContain(FUND.contact);
      expect(flat).toContain(`${MEMBER_LETTER_DA.q2}: ${CODE_LABELS_DA.q2.over_6_maaneder}`);
      expect(flat).toContain(CODE_LABELS_DA.q10.sprog);
      expect(view.activities.length).toBeGreaterThan(0);
      for (const a of view.activities) expect(flat).toContain(a);
      expect(flat).toContain('Det er din sagsbehandler i a-kassen, der bestemmer');
      expect(flat).toContain('Det er ikke et program');
      expect(flat).toContain(MEMBER_LETTER_DA.howHeading);
      expect(flat).toContain('artikel 15, stk. 1, litra h');
      expect(flat).toContain('artikel 22');
      expect(flat).toContain('AI-forordningen artikel 86');
      expect(flat).toContain('få den rettet');
      expect(flat.includes(MEMBER_LETTER_DA.factorsHeading)).toBe(form === 'explanation');
    }
  });

  it('fits the fullest letter on its page without leaving out an offer: every barrier, every activity the policy gives, factors both ways', async () => {
    const m = memberInput({ dimittend: true, discoCode: '2221' }, { q10Barriers: [...Q10_BARRIERS] });
    const { view } = viewOf(m, 'explanation', true);
    const full = { ...view, activities: [...view.activities, ...Object.values(ACTIVITY_TEXTS_DA).map((a) => a.memberText)].slice(0, 9) };
    expect(full.activities.length).toBe(9);
    const { text, pages } = extract(await renderMemberLetter(full));
    if (pages !== null) expect(pages).toBe(1);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).not.toContain(MEMBER_LETTER_DA.moreActivities);
    for (const a of full.activities) expect(flat).toContain(a);
    expect(flat).toContain(MEMBER_LETTER_DA.rights[3]);
    // Beyond what fits, the member is told there are more offers rather than left to guess.
    const tooMany = { ...full, activities: Array.from({ length: 30 }, (_, i) => `Tilbud nummer ${i + 1}`) };
    const cut = extract(await renderMemberLetter(tooMany));
    if (cut.pages !== null) expect(cut.pages).toBe(1);
    expect(cut.text.replace(/\s+/g, ' ')).toContain(MEMBER_LETTER_DA.moreActivities);
  });

  it('keeps the wording rules for many screenings: both groups, corrected and not, every factor; factors only when explaining', async () => {
    const r = rng(20261123);
    const groups = new Set<number>();
    const features = new Set<string>();
    let corrected = 0;
    for (let i = 0; i < 40; i++) {
      const m = randomMember(r);
      const correct = i % 2 === 1;
      for (const form of ['summary', 'explanation'] as const) {
        const { view, outcome } = viewOf(m, form, correct);
        groups.add(outcome.targetGroup);
        if (correct) corrected++;
        const { text, pages } = extract(await renderMemberLetter(view));
        if (pages !== null) expect(pages).toBe(1);
        expect({ i, form, broken: broken(text) }).toEqual({ i, form, broken: [] });
        expect(text).not.toMatch(/\d\s*%|procent/i);
        const flat = text.replace(/\s+/g, ' ');
        if (form === 'summary') {
          expect(view.factors).toEqual([]);
          expect(flat).not.toContain(MEMBER_LETTER_DA.factorsHeading);
        } else {
          expect(view.factors.length).toBe(outcome.factors.length);
          expect(flat.includes(MEMBER_LETTER_DA.moreActivities)).toBe(false);
          expect(flat).toContain(MEMBER_LETTER_DA.factorsHeading);
          // The first factor each way is in the text, in words.
          for (const f of ['raises', 'lowers'].map((d) => view.factors.find((x) => x.direction === d)).filter((x) => x !== undefined))
            expect(flat).toContain(f.label.replace(/\s+/g, ' ').slice(0, 20));
          for (const f of outcome.factors) features.add(f.feature.split(':')[0]);
        }
      }
    }
    expect([...groups].sort()).toEqual([1, 2]);
    expect(corrected).toBeGreaterThan(0);
    // Every modelled feature was among the factors of some letter.
    for (const ff of scorer.artifact.encoding.features) expect(features, ff.spec.name).toContain(ff.spec.name);
  }, 120_000);

  it('keeps the rules for the factor labels of many more members (views only, no rendering)', () => {
    const r = rng(7);
    for (let i = 0; i < 400; i++) {
      const { view } = viewOf(randomMember(r), 'explanation', i % 3 === 0);
      for (const f of view.factors) expect({ label: f.label, broken: broken(f.label) }).toEqual({ label: f.label, broken: [] });
    }
  });
});
