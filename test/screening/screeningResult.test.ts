import { describe, expect, it } from 'vitest';
import { Q10_BARRIERS } from '../../src/data/cohort/levels.js';
import { buildScreeningResult, ScreeningInputError, screeningOutcomeSchema } from '../../src/screening/screeningResult.js';
import { DEFAULT_SCREENING_POLICY, parseScreeningPolicy } from '../../src/screening/policy.js';
import { bundledScorer, lowRiskMember, member, rawModel } from './helpers.js';

const scorer = bundledScorer();
const screen = (m: Record<string, unknown>, options = {}) => buildScreeningResult(scorer, m, DEFAULT_SCREENING_POLICY, options);
const codes = (o: { activities: { code: string }[] }) => o.activities.map((a) => a.code);

describe('buildScreeningResult', () => {
  it('returns the score, the model version and a JSON-serialisable outcome', () => {
    const m = member();
    const o = screen(m);
    const scored = scorer.score(m);
    if (!scored.ok) throw new Error('not scored');
    expect(o.probability).toBe(scored.probability);
    expect(o.linearPredictor).toBe(scored.linearPredictor);
    expect(o.modelVersion).toBe(rawModel.version);
    expect(o.simulatedData).toBe(true);
    expect(o.policyVersion).toBe(DEFAULT_SCREENING_POLICY.version);
    expect(screeningOutcomeSchema.parse(JSON.parse(JSON.stringify(o)))).toEqual(o);
  });

  it('puts the member in target group 2 at or above the model cut-off, else 1', () => {
    const high = screen(member());
    const low = screen(lowRiskMember());
    expect(high.cutoff).toBe(rawModel.cutoff.probability);
    expect(high.probability).toBeGreaterThanOrEqual(high.cutoff);
    expect(high.targetGroup).toBe(2);
    expect(low.probability).toBeLessThan(low.cutoff);
    expect(low.targetGroup).toBe(1);
    // A cut-off override moves the boundary; the result records the cut-off used.
    const strict = buildScreeningResult(scorer, lowRiskMember(), parseScreeningPolicy({ version: 'p', cutoffOverride: low.probability }));
    expect(strict.targetGroup).toBe(2);
    expect(strict.cutoff).toBe(low.probability);
  });

  it('gives the subgroup 2a/2b only in group 2 and only when the job goal is given', () => {
    expect(screen(member()).subgroup).toBeNull();
    expect(screen(member(), { jobGoalWithinTradeAreas: true }).subgroup).toBe('2a');
    expect(screen(member(), { jobGoalWithinTradeAreas: false }).subgroup).toBe('2b');
    expect(screen(lowRiskMember(), { jobGoalWithinTradeAreas: false }).subgroup).toBeNull();
  });

  it('reports every bad field at once, without the values', () => {
    let error: unknown;
    try {
      screen(member({ age: 'gammel', q10_barriers: 'fysisk_helbred;flyskræk', region: undefined }));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScreeningInputError);
    const fields = (error as ScreeningInputError).problems.map((p) => p.field).sort();
    expect(fields).toEqual(['age', 'q10_barriers', 'region']);
  });

  it('checks rule facts the model does not read', () => {
    expect(() => screen(member({ dimittend: 'måske' }))).toThrow(ScreeningInputError);
  });
});

describe('job-centre referral', () => {
  it('refers a member with mental health problems, in either group', () => {
    for (const m of [
      member({ q10_barriers: 'psykisk_helbred' }),
      lowRiskMember({ q10_barriers: 'psykisk_helbred', q2_job_expectation: 'har_job' }),
    ]) {
      const o = screen(m);
      expect(o.jobCentreReferral).toBe(true);
      expect(o.referralReasons).toEqual([{ rule: 'psykisk_helbred', reason: 'Psykiske helbredsproblemer (spørgsmål 10)' }]);
    }
    expect(screen(lowRiskMember({ q10_barriers: 'psykisk_helbred', q2_job_expectation: 'har_job' })).targetGroup).toBe(1);
  });

  it('refers a member with abuse problems', () => {
    expect(screen(lowRiskMember({ q10_barriers: 'misbrug', q2_job_expectation: 'har_job' })).referralReasons.map((r) => r.rule)).toEqual([
      'misbrug',
    ]);
  });

  it('refers personal or social problems only together with target group 2', () => {
    const g2 = screen(member({ q10_barriers: 'personlige_sociale' }));
    expect(g2.targetGroup).toBe(2);
    expect(g2.referralReasons).toEqual([
      { rule: 'personlige_sociale_maalgruppe_2', reason: 'Personlige eller sociale forhold (spørgsmål 10) og målgruppe 2' },
    ]);
    const g1 = screen(lowRiskMember({ q10_barriers: 'personlige_sociale', q2_job_expectation: 'har_job' }));
    expect(g1.targetGroup).toBe(1);
    expect(g1.jobCentreReferral).toBe(false);
  });

  it('does not refer physical health, reading or language problems alone', () => {
    for (const b of ['fysisk_helbred', 'laese_skrive_regne', 'sprog', 'it', 'oekonomi', 'andet']) {
      expect(screen(member({ q10_barriers: b })).jobCentreReferral, b).toBe(false);
    }
  });

  it('lists the referral as an activity with the referral rule as its reason', () => {
    const o = screen(member({ q10_barriers: 'misbrug;psykisk_helbred' }));
    const a = o.activities.find((x) => x.code === 'henvisning_jobcenter')!;
    expect(a.reasons).toEqual([
      'Henvises til jobcentret: alkohol- eller stofmisbrug (spørgsmål 10) og psykiske helbredsproblemer (spørgsmål 10)',
    ]);
    expect(codes(screen(member({ q10_barriers: '' })))).not.toContain('henvisning_jobcenter');
  });
});

describe('suggested activities', () => {
  it('suggests job matching to everyone', () => {
    expect(codes(screen(lowRiskMember()))).toEqual(['jobformidling']);
    expect(codes(screen(member()))).toContain('jobformidling');
  });

  it('gives group 2 the focus interviews, webinars, theme meetings and company-based offers', () => {
    const o = screen(member({ q10_barriers: '' }));
    expect(o.targetGroup).toBe(2);
    expect(codes(o)).toEqual(expect.arrayContaining(['fokussamtaler', 'webinarer', 'temamoeder', 'virksomhedsrettet_tilbud']));
    expect(o.activities.find((a) => a.code === 'fokussamtaler')!.reasons).toEqual(['Målgruppe 2']);
    expect(codes(screen(lowRiskMember()))).not.toContain('fokussamtaler');
  });

  it('maps each barrier as documented in docs/screening-policy.md', () => {
    const expected: Record<string, string[]> = {
      laese_skrive_regne: ['laese_skrive_regnetest', 'fvu'],
      it: ['it_kursus'],
      sprog: ['danskundervisning'],
      psykisk_helbred: ['henvisning_jobcenter'],
      misbrug: ['henvisning_jobcenter'],
      fysisk_helbred: [],
      personlige_sociale: [],
      oekonomi: [],
      andet: [],
    };
    expect(Object.keys(expected).sort()).toEqual([...Q10_BARRIERS].sort());
    const base = codes(screen(lowRiskMember({ q2_job_expectation: 'har_job' })));
    for (const [barrier, extra] of Object.entries(expected)) {
      const o = screen(lowRiskMember({ q2_job_expectation: 'har_job', q10_barriers: barrier }));
      expect(o.targetGroup, barrier).toBe(1);
      expect(
        codes(o).filter((c) => !base.includes(c)),
        barrier,
      ).toEqual(extra);
    }
    const fvu = screen(lowRiskMember({ q10_barriers: 'laese_skrive_regne' })).activities.find((a) => a.code === 'fvu')!;
    expect(fvu.title).toBe('FVU-forløb (op til 60 timer)');
    expect(fvu.reasons).toEqual(['Læse-, stave- eller regneproblemer (spørgsmål 10)']);
  });

  it('gives brancheskift guidance, sporskifte and 6-week education to 2b only', () => {
    const b = codes(screen(member({ q10_barriers: '' }), { jobGoalWithinTradeAreas: false }));
    const a = codes(screen(member({ q10_barriers: '' }), { jobGoalWithinTradeAreas: true }));
    for (const c of ['brancheskift_vejledning', 'sporskifte', 'jobrettet_uddannelse']) {
      expect(b).toContain(c);
      expect(a).not.toContain(c);
    }
  });

  it('suggests a trainee-forløb to new graduates, and voksenlærling and realkompetencevurdering after sickness benefit', () => {
    expect(codes(screen(lowRiskMember({ dimittend: true })))).toContain('trainee_forloeb');
    const sick = codes(screen(lowRiskMember({ from_sickness_benefit: true })));
    expect(sick).toEqual(expect.arrayContaining(['realkompetencevurdering', 'voksenlaerling']));
  });

  it('lists each activity once, in catalogue order, with every reason', () => {
    const o = screen(member({ from_sickness_benefit: true, education: 'grundskole', age: 57 }));
    const v = o.activities.find((a) => a.code === 'voksenlaerling')!;
    expect(v.rules).toEqual(['fra_sygedagpenge', 'ufaglaert_25_maalgruppe_2']);
    expect(v.reasons).toEqual(['Kommer fra sygedagpenge', 'Ingen uddannelse ud over grundskole, 57 år og målgruppe 2']);
    const order = DEFAULT_SCREENING_POLICY.activities.catalogue.map((c) => c.code);
    const positions = codes(o).map((c) => order.indexOf(c));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(new Set(codes(o)).size).toBe(o.activities.length);
  });

  it('follows an override table', () => {
    const policy = parseScreeningPolicy({
      version: 'fund-2027.1',
      activities: {
        catalogue: [
          { code: 'jobformidling' },
          { code: 'cv_vaerksted', title: 'CV-værksted', description: 'Hjælp til CV og ansøgning.', memberText: 'Hjælp til dit CV' },
        ],
        rules: [
          { id: 'alle', when: {}, suggest: ['jobformidling'] },
          {
            id: 'usikker',
            when: { q2Answers: ['ved_ikke', 'over_6_maaneder'] },
            suggest: ['cv_vaerksted'],
            reason: 'Usikker på jobudsigterne',
          },
        ],
      },
    });
    const o = buildScreeningResult(scorer, member(), policy);
    expect(o.policyVersion).toBe('fund-2027.1');
    expect(o.activities.map((a) => [a.code, a.title, a.reasons])).toEqual([
      ['jobformidling', 'Jobformidling og jobmatch', ['Tilbydes alle medlemmer']],
      ['cv_vaerksted', 'CV-værksted', ['Usikker på jobudsigterne']],
    ]);
    // The referral section was not given, so the default rule still applies.
    expect(buildScreeningResult(scorer, member({ q10_barriers: 'misbrug' }), policy).jobCentreReferral).toBe(true);
  });
});
