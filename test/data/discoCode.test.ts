import { describe, expect, it } from 'vitest';
import { discoCodeProblem, exampleDiscoCode } from '../../src/data/discoCode.js';
import { parseFeatureValue } from '../../src/model/encoding/parseValue.js';
import { featureSchema } from '../../src/model/spec/featureSpec.js';

describe('DISCO-08 codes', () => {
  it('accepts 4 and 6 digits with the leading zero', () => {
    for (const ok of ['0210', '9112', '251230', ' 5223 ', 2512]) expect(discoCodeProblem(ok), String(ok)).toBeNull();
  });

  it('refuses a code that lost its leading zero, naming the code it probably was', () => {
    expect(discoCodeProblem('210')).toMatch(/^"210" has 3 digits: .*leading zero \("0210", not "210", if a zero was lost\)$/);
    expect(discoCodeProblem(210)).toMatch(/"0210", not "210"/);
    expect(discoCodeProblem('25123')).toMatch(/"025123", not "25123"/);
  });

  it('refuses other lengths and anything but digits', () => {
    for (const bad of ['2', '21', '1234567', '0210x', '02.1', '-210', '']) expect(discoCodeProblem(bad), bad).not.toBeNull();
    expect(discoCodeProblem(true)).toMatch(/as text/);
  });

  it('is applied by the parser to the disco_code column only, before the prefix is taken', () => {
    const disco = featureSchema.parse({ name: 'disco_major', column: 'disco_code', type: 'categorical', prefix: 1, missing: 'level' });
    expect(parseFeatureValue(disco, '0210')).toBe('0');
    expect(() => parseFeatureValue(disco, '210')).toThrow(/has 3 digits/);
    expect(parseFeatureValue(disco, '')).toBeNull();
    const other = featureSchema.parse({ name: 'code', type: 'categorical', prefix: 1 });
    expect(parseFeatureValue(other, '210')).toBe('2');
  });

  it('gives a typical member a real unit group of the reference major group', () => {
    expect(exampleDiscoCode('5')).toBe('5111');
    expect(exampleDiscoCode('0')).toBe('0110');
    expect(exampleDiscoCode('21')).toBe('2111');
    expect(exampleDiscoCode('(missing)')).toBeUndefined();
  });
});
