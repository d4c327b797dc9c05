import { describe, expect, it } from 'vitest';
import { newDataKey, seal } from '../../src/privacy/sealedValue.js';
import { CorruptRecordError } from '../../src/storage/errors.js';
import { openScreening, sealedPlace, sealScreening } from '../../src/storage/sealing.js';

const dk = { id: 'dk-test', key: newDataKey() };
const sealText = (id: string, text: string) => seal(dk, text, sealedPlace('screenings', id));

describe('openScreening', () => {
  it('gives back what was sealed, nested values included', () => {
    const s = {
      input: { member: { age: 57, discoCode: '0210', barriers: ['it', 'sprog'], x: null }, questionnaire: {} },
      factors: [{ term: 'age=55-59', contribution: 0.9 }, 'a', 3, null],
      activities: [],
      details: { nested: { deep: [1, { two: true }] } },
    };
    expect(openScreening(dk, 'id-1', sealScreening(dk, 'id-1', s))).toEqual(s);
  });

  it.each([
    ['an extra key', '{"input":{},"factors":[],"activities":[],"details":{},"more":1}'],
    ['a missing key', '{"input":{},"factors":[],"activities":[]}'],
    ['input as an array', '{"input":[],"factors":[],"activities":[],"details":{}}'],
    ['input null', '{"input":null,"factors":[],"activities":[],"details":{}}'],
    ['factors as an object', '{"input":{},"factors":{},"activities":[],"details":{}}'],
    ['activities as text', '{"input":{},"factors":[],"activities":"x","details":{}}'],
    ['details as an array', '{"input":{},"factors":[],"activities":[],"details":[]}'],
    ['not an object', '[1,2]'],
  ])('refuses a sealed value with %s as corrupt', (_, text) => {
    expect(() => openScreening(dk, 'id-2', sealText('id-2', text))).toThrow(CorruptRecordError);
  });

  it('reads a __proto__ key as an own key, never as the prototype', () => {
    const opened = openScreening(
      dk,
      'id-3',
      sealText('id-3', '{"input":{"__proto__":{"polluted":1}},"factors":[],"activities":[],"details":{}}'),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(opened.input)).not.toEqual({ polluted: 1 });
  });
});
