import { describe, expect, it } from 'vitest';
import { containsCprInUrlText, maskCprsInFieldPath, maskCprsInUrlText } from '../../src/privacy/cprInText.js';

describe('CPR numbers in URLs and field paths', () => {
  it('masks numbers whose separator or digits are percent-encoded, and leaves malformed encoding as sent', () => {
    expect(maskCprsInUrlText('/v1/citizens/%200707614285%20/x')).toBe('/v1/citizens/ 070761-XXXX /x');
    expect(maskCprsInUrlText('/v1/citizens/%09070761%C2%A04285')).toBe('/v1/citizens/\t070761-XXXX');
    expect(maskCprsInUrlText('/v1/%30707614285/%ZZ')).toBe('/v1/070761-XXXX/%ZZ');
    expect(maskCprsInUrlText('/v1/models/sim-2026.12-1')).toBe('/v1/models/sim-2026.12-1');
  });

  it('masks a CPR number used as a key after an array index, which the text rule reads as decimals', () => {
    expect(maskCprsInFieldPath('members.0.0707614285')).toBe('members.0.070761-XXXX');
    expect(maskCprsInFieldPath('member.age.0.0707614285.__proto__')).toBe('member.age.0.070761-XXXX.__proto__');
    expect(maskCprsInFieldPath('members.0.member.age')).toBe('members.0.member.age');
  });

  it('masks a key sent percent-encoded, segment by segment', () => {
    expect(maskCprsInFieldPath('member.%30%37%30%37%36%31%34%32%38%35')).toBe('member.070761-XXXX');
    expect(maskCprsInFieldPath('members.0.070761%2D4285')).toBe('members.0.070761-XXXX');
    expect(maskCprsInFieldPath('member.%ZZ')).toBe('member.%ZZ');
    expect(maskCprsInFieldPath('member.\uff10\uff17\uff10\uff17\uff16\uff11-\uff14\uff12\uff18\uff15')).toBe('member.070761-XXXX');
    expect(maskCprsInUrlText('/v1/citizens/%EF%BC%90%EF%BC%97%EF%BC%90%EF%BC%97%EF%BC%96%EF%BC%914285')).toBe('/v1/citizens/070761-XXXX');
    expect(maskCprsInUrlText('/v1/models/sim-2026.12-1 æøå')).toBe('/v1/models/sim-2026.12-1 æøå');
  });

  it('holds text to contain a CPR number when its percent-decoding does, for the storage guard', () => {
    const fullwidth = '\uff10\uff17\uff10\uff17\uff16\uff11\uff14\uff12\uff18\uff15';
    for (const text of [
      '070761%2D4285',
      '%30%37%30%37%36%31%34%32%38%35',
      'nr 070761%C2%A04285',
      'nr 070761%094285',
      '0707614285',
      fullwidth,
    ]) {
      expect(containsCprInUrlText(text), text).toBe(true);
    }
    for (const text of ['100%20 of 0707614', '070761%0A4285', '%ZZ07076142851', 'sim-2026.12-1', '50%2D60 %']) {
      expect(containsCprInUrlText(text), text).toBe(false);
    }
  });
});
