import { describe, expect, it } from 'vitest';
import { MEMBER_SUMMARY_FORBIDDEN_WORDS } from '../../src/i18n/da.js';
import { formatNumberDa } from '../../src/i18n/format.js';
import { memberSummary } from '../../src/screening/memberSummary.js';
import { buildScreeningResult } from '../../src/screening/screeningResult.js';
import { bundledScorer, lowRiskMember, member } from './helpers.js';

const scorer = bundledScorer();
const outcomes = [
  buildScreeningResult(
    scorer,
    member({
      q10_barriers: 'fysisk_helbred;psykisk_helbred;personlige_sociale;oekonomi;misbrug;laese_skrive_regne;it;sprog;andet',
      dimittend: true,
    }),
    undefined,
    { jobGoalWithinTradeAreas: false },
  ),
  buildScreeningResult(scorer, member()),
  buildScreeningResult(scorer, lowRiskMember()),
];

describe('memberSummary', () => {
  it('speaks of the support offered', () => {
    const text = memberSummary(outcomes[0]);
    expect(text).toContain('Tak for samtalen');
    for (const a of outcomes[0].activities) expect(text).toContain(a.memberText);
  });

  it.each(outcomes.map((o, i) => [i, o] as const))('never mentions the probability, the group or a predicted fate (member %i)', (_i, o) => {
    const text = memberSummary(o).toLowerCase();
    for (const word of [
      ...MEMBER_SUMMARY_FORBIDDEN_WORDS,
      'langtidsledig',
      'langtidsledighed',
      'risiko',
      'målgruppe',
      'jobcentret vil vurdere',
    ]) {
      expect(text).not.toContain(word);
    }
    const pct = o.probability * 100;
    for (const shown of [
      formatNumberDa(pct),
      formatNumberDa(pct, 1),
      pct.toFixed(0),
      o.probability.toFixed(2),
      formatNumberDa(o.probability, 2),
    ]) {
      expect(text).not.toMatch(new RegExp(`(^|[^0-9])${shown.replace(/[.,]/g, '\\$&')}([^0-9]|$)`));
    }
  });

  it('has a text when nothing is suggested', () => {
    expect(memberSummary({ activities: [] })).toMatch(/sagsbehandler/);
  });
});
