import { describe, expect, it } from 'vitest';
import { citizenKey, createCitizenKeyer, generateCprSecret, parseCprSecret } from '../../src/privacy/citizenKey.js';
import { containsCpr } from '../../src/privacy/cprInText.js';
import { maskCpr } from '../../src/privacy/cprMask.js';
import { cprBirthYear, CprError, isValidCpr, normaliseCpr, parseCpr, passesModulus11 } from '../../src/privacy/cprNumber.js';

// A fixed "today" so that century and future-date cases do not change with the calendar.
const today = new Date('2025-06-15T12:00:00Z');
const parse = (s: string) => parseCpr(s, { today });

describe('cprBirthYear (the CPR office table for the 7th digit)', () => {
  it.each([
    // [yy, 7th digit, year]
    [0, 0, 1900],
    [99, 3, 1999],
    [36, 1, 1936],
    [0, 4, 2000],
    [36, 4, 2036],
    [37, 4, 1937],
    [99, 4, 1999],
    [0, 9, 2000],
    [36, 9, 2036],
    [37, 9, 1937],
    [99, 9, 1999],
    [0, 5, 2000],
    [57, 5, 2057],
    [58, 5, 1858],
    [99, 8, 1899],
    [57, 8, 2057],
    [58, 6, 1858],
  ])('YY %i with 7th digit %i is %i', (yy, digit, year) => {
    expect(cprBirthYear(yy, digit)).toBe(year);
  });
});

describe('parseCpr', () => {
  it('accepts both spellings and normalises to 10 digits', () => {
    const a = parse('070761-4285');
    const b = parse('0707614285');
    expect(a).toEqual({ ok: true, cpr: '0707614285', birthDate: '1961-07-07', passesModulus11: true });
    expect(b).toEqual(a);
    expect(parse('  0707614285 \n').ok).toBe(true);
  });

  it('accepts a number failing modulus 11 (issued since 2007) and reports it', () => {
    // 0·4+7·3+0·2+7·7+6·6+1·5+4·4+2·3+8·2+5·1 = 154 = 14·11; changing the last digit breaks it.
    expect(passesModulus11('0707614285')).toBe(true);
    const r = parse('070761-4286');
    expect(r).toMatchObject({ ok: true, passesModulus11: false });
    expect(passesModulus11('0707614286')).toBe(false);
  });

  it('decides the century from the 7th digit', () => {
    expect(parse('0101204000')).toMatchObject({ ok: true, birthDate: '2020-01-01' });
    expect(parse('0101371000')).toMatchObject({ ok: true, birthDate: '1937-01-01' });
    expect(parse('0101374000')).toMatchObject({ ok: true, birthDate: '1937-01-01' });
    expect(parse('0101589000')).toMatchObject({ ok: true, birthDate: '1958-01-01' });
    expect(parse('0101585000')).toMatchObject({ ok: true, birthDate: '1858-01-01' });
    expect(parse('0101057999')).toMatchObject({ ok: true, birthDate: '2005-01-01' });
  });

  it('handles 29 February by the real calendar of the derived century', () => {
    expect(parse('290296-1234')).toMatchObject({ ok: true, birthDate: '1996-02-29' });
    expect(parse('290297-1234')).toMatchObject({ ok: false, problem: 'date' });
    // 2000 is a leap year (divisible by 400), 1900 is not (divisible by 100): same six digits, different answer.
    expect(parse('290200-4234')).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(parse('290200-1234')).toMatchObject({ ok: false, problem: 'date' });
    // 1860 (7th digit 5–8, YY ≥ 58) is a leap year.
    expect(parse('290260-5234')).toMatchObject({ ok: true, birthDate: '1860-02-29' });
    expect(parse('290259-5234')).toMatchObject({ ok: false, problem: 'date' });
  });

  it.each(['320190-1234', '310490-1234', '000190-1234', '011390-1234', '010090-1234', '610190-1234'])(
    'rejects %s: not a real date (replacement numbers with day + 60 included)',
    (s) => {
      expect(parse(s)).toMatchObject({ ok: false, problem: 'date' });
    },
  );

  it('rejects birth dates after today', () => {
    expect(parse('0101369000')).toMatchObject({ ok: false, problem: 'future' }); // 2036
    expect(parse('0101575000')).toMatchObject({ ok: false, problem: 'future' }); // 2057
    expect(parse('1506254000')).toMatchObject({ ok: true, birthDate: '2025-06-15' });
  });

  it.each(['', '010190123', '01019012345', '01019o1234', '0101-901234', '010190 1234', '010190--1234', '010190/1234', '+4501019012'])(
    'rejects the format of %j',
    (s) => {
      expect(parse(s)).toMatchObject({ ok: false, problem: 'format' });
    },
  );

  it('never puts the number in an error', () => {
    for (const s of ['320190-1234', '3201901234', '01019012345', '0101575000']) {
      const r = parse(s);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).not.toMatch(/\d{4}/);
      try {
        normaliseCpr(s, { today });
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(CprError);
        expect(String(err)).not.toContain(s.slice(0, 6));
      }
    }
  });

  it('isValidCpr and normaliseCpr agree with parseCpr', () => {
    expect(isValidCpr('070761-4285', { today })).toBe(true);
    expect(isValidCpr('070761-428', { today })).toBe(false);
    expect(normaliseCpr('070761-4285', { today })).toBe('0707614285');
  });
});

describe('maskCpr', () => {
  it('keeps the date and hides the sequence number', () => {
    expect(maskCpr('070761-4285')).toBe('070761-XXXX');
    expect(maskCpr('0707614285')).toBe('070761-XXXX');
  });
  it('hides everything of malformed input', () => {
    expect(maskCpr('07076142851')).toBe('XXXXXX-XXXX');
    expect(maskCpr('hello')).toBe('XXXXXX-XXXX');
  });
});

describe('containsCpr', () => {
  it('finds a CPR number in free text, with or without hyphen', () => {
    expect(containsCpr('borgeren 070761-4285 ringede')).toBe(true);
    expect(containsCpr('{"note":"0707614286"}')).toBe(true);
    expect(containsCpr('cpr:0707614285.')).toBe(true);
  });
  it('ignores dates, longer digit runs and digit runs that are not dates', () => {
    expect(containsCpr('2024-01-15T10:00:00.000Z')).toBe(false);
    expect(containsCpr('07076142851')).toBe(false);
    expect(containsCpr('3201901234')).toBe(false);
    expect(containsCpr('probability 0.1234 and 350000 kr')).toBe(false);
  });
});

describe('keyed hashing', () => {
  const hexSecret = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';

  it('is HMAC-SHA256 of the 10 digits (vector computed with openssl dgst -mac HMAC)', () => {
    // echo -n 0101901234 | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102…1e1f
    expect(citizenKey(Buffer.from(hexSecret, 'hex'), '010190-1234')).toBe(
      'ec8ee9f1171562dc7ab8560142b9c1767eb5da8bffddaf89d58e89da3db166af',
    );
  });

  it('gives one key for both spellings, and different keys for different secrets', () => {
    const k1 = createCitizenKeyer(hexSecret);
    const k2 = createCitizenKeyer(generateCprSecret());
    expect(k1('0707614285')).toBe(k1('070761-4285'));
    expect(k1('0707614285')).not.toBe(k2('0707614285'));
    expect(k1('0707614285')).not.toBe(k1('0707614286'));
    expect(k1('0707614285')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the secret as hex or base64url, the same bytes giving the same keys', () => {
    const bytes = Buffer.from(hexSecret, 'hex');
    expect(parseCprSecret(hexSecret)).toEqual(bytes);
    expect(parseCprSecret(bytes.toString('base64url'))).toEqual(bytes);
    expect(parseCprSecret(bytes.toString('base64url') + '=')).toEqual(bytes);
    expect(createCitizenKeyer(bytes.toString('base64url'))('0707614285')).toBe(createCitizenKeyer(hexSecret)('0707614285'));
    expect(parseCprSecret(generateCprSecret())).toHaveLength(32);
  });

  it('refuses short or malformed secrets without printing them', () => {
    expect(() => parseCprSecret('00'.repeat(31))).toThrow(/at least 32 bytes/);
    expect(() => parseCprSecret('not a secret!')).toThrow(/hex or base64url/);
    expect(() => parseCprSecret('')).toThrow();
    expect(() => citizenKey(Buffer.alloc(16), '0707614285')).toThrow(/32 bytes/);
    try {
      parseCprSecret('abcdefabcdef');
    } catch (err) {
      expect(String(err)).not.toContain('abcdefabcdef');
    }
  });

  it('refuses to hash an invalid CPR number', () => {
    expect(() => createCitizenKeyer(hexSecret)('3201901234')).toThrow(CprError);
  });
});
