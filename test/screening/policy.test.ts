import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_TEXTS_DA } from '../../src/i18n/daActivities.js';
import {
  DEFAULT_POLICY_VERSION,
  DEFAULT_SCREENING_POLICY,
  loadScreeningPolicy,
  parseScreeningPolicy,
  ScreeningPolicyError,
} from '../../src/screening/policy.js';

function issues(json: unknown): { path: string; message: string }[] {
  try {
    parseScreeningPolicy(json, 'test.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ScreeningPolicyError);
    return (err as ScreeningPolicyError).issues;
  }
  throw new Error('expected the policy to be rejected');
}

describe('the default policy', () => {
  it('takes the cut-off from the model and shows 3 factors each way', () => {
    expect(DEFAULT_SCREENING_POLICY.version).toBe(DEFAULT_POLICY_VERSION);
    expect(DEFAULT_SCREENING_POLICY.cutoffOverride).toBeNull();
    expect(DEFAULT_SCREENING_POLICY.factors).toEqual({ count: 3, minAbsContribution: 0.05 });
  });

  it('lists every built-in activity in its catalogue and suggests each of them from some rule', () => {
    const catalogue = DEFAULT_SCREENING_POLICY.activities.catalogue.map((c) => c.code);
    expect(catalogue).toEqual(Object.keys(ACTIVITY_TEXTS_DA));
    const suggested = new Set(DEFAULT_SCREENING_POLICY.activities.rules.flatMap((r) => r.suggest));
    expect([...suggested].sort()).toEqual([...catalogue].sort());
  });

  it('refers misbrug, psykisk helbred, and personlige/sociale forhold in group 2', () => {
    expect(DEFAULT_SCREENING_POLICY.referral.rules.map((r) => [r.id, r.when])).toEqual([
      ['misbrug', { anyBarriers: ['misbrug'] }],
      ['psykisk_helbred', { anyBarriers: ['psykisk_helbred'] }],
      ['personlige_sociale_maalgruppe_2', { anyBarriers: ['personlige_sociale'], targetGroups: [2] }],
    ]);
  });
});

describe('policy overrides', () => {
  it('keep the default sections that are left out', () => {
    const p = parseScreeningPolicy({ version: 'fund-1', factors: { count: 5 } });
    expect(p.factors).toEqual({ count: 5, minAbsContribution: 0.05 });
    expect(p.referral).toEqual(DEFAULT_SCREENING_POLICY.referral);
    expect(p.activities).toEqual(DEFAULT_SCREENING_POLICY.activities);
  });

  it('require a version', () => {
    expect(issues({ factors: { count: 2 } })).toEqual([{ path: 'version', message: expect.stringContaining('is required') }]);
  });

  it('reject unknown keys, barrier codes and activities with the path of each problem', () => {
    const found = issues({
      version: 'fund-1',
      factor: { count: 2 },
      referral: { rules: [{ id: 'x', when: { anyBarriers: ['flyskraek'] } }] },
      activities: {
        catalogue: [{ code: 'jobformidling' }],
        rules: [
          { id: 'a', when: { targetGroups: [3] }, suggest: ['jobformidling'] },
          { id: 'b', when: {}, suggest: ['yoga'] },
        ],
      },
    });
    const paths = found.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['(top level)', 'referral.rules.0.when.anyBarriers.0', 'activities.rules.0.when.targetGroups.0']),
    );
    expect(found.find((i) => i.path === '(top level)')!.message).toMatch(/factor/);
    // Cross-field checks run once the shapes are right.
    expect(
      issues({ version: 'v', activities: { catalogue: [{ code: 'jobformidling' }], rules: [{ id: 'b', when: {}, suggest: ['yoga'] }] } }),
    ).toEqual([{ path: 'activities.rules.0.suggest.0', message: 'unknown activity "yoga": add it to activities.catalogue' }]);
  });

  it('reject duplicate ids, self-referring referral rules and new activities without texts', () => {
    const found = issues({
      version: 'v',
      referral: {
        rules: [
          { id: 'r', when: { referred: true } },
          { id: 'r', when: {} },
        ],
      },
      activities: { catalogue: [{ code: 'yoga', title: 'Yoga' }], rules: [{ id: 'a', when: {}, suggest: ['yoga'] }] },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        { path: 'referral.rules.1.id', message: 'rule id "r" is given twice' },
        { path: 'referral.rules.0.when.referred', message: 'a referral rule cannot depend on the referral itself' },
        { path: 'activities.catalogue.0.description', message: 'is required for "yoga", which is not a built-in activity' },
        { path: 'activities.catalogue.0.memberText', message: 'is required for "yoga", which is not a built-in activity' },
      ]),
    );
  });

  it('reject member texts that speak of risk', () => {
    expect(
      issues({ version: 'v', activities: { catalogue: [{ code: 'fvu', memberText: 'Du er i risiko for langtidsledighed' }], rules: [] } }),
    ).toEqual([{ path: 'activities.catalogue.0.memberText', message: 'a member may read this text; it must not contain "langtidsledig"' }]);
  });

  it('reject out-of-range numbers', () => {
    const paths = issues({ version: 'v', cutoffOverride: 1.5, factors: { count: 0, minAbsContribution: -1 } }).map((i) => i.path);
    expect(paths.sort()).toEqual(['cutoffOverride', 'factors.count', 'factors.minAbsContribution']);
  });

  it('load from a JSON file and report the file in the message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ version: 'fund-2', factors: { count: 4 } }));
    expect((await loadScreeningPolicy(good)).factors.count).toBe(4);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "version": "x", }');
    await expect(loadScreeningPolicy(bad)).rejects.toThrow(/bad\.json[\s\S]*not valid JSON/);
    await expect(loadScreeningPolicy(join(dir, 'none.json'))).rejects.toThrow(/file not found/);
    const invalid = join(dir, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ version: 'x', factors: { count: 9 } }));
    await expect(loadScreeningPolicy(invalid)).rejects.toThrow(/invalid\.json[\s\S]*factors\.count/);
  });
});
