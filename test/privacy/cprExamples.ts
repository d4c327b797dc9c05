/**
 * Texts that do and do not hold a CPR number by the one definition (src/privacy/cprInText.ts), with
 * the masked text expected. Shared by the definition's own test and the test over its users (logger,
 * storage guard, PDF), so every user is held to the same examples.
 */

/** A text holding a CPR number, and the same text as every user must show it. */
export interface CprExample {
  why: string;
  text: string;
  masked: string;
}

/** Texts that hold a CPR number. */
export const HOLDS_CPR: CprExample[] = [
  { why: 'hyphen', text: 'borgeren 070761-4285 ringede', masked: 'borgeren 070761-XXXX ringede' },
  { why: 'space', text: 'cpr 070761 4285 oplyst', masked: 'cpr 070761-XXXX oplyst' },
  { why: 'no separator', text: 'Ring til 0707614285 i morgen', masked: 'Ring til 070761-XXXX i morgen' },
  { why: 'two spaces', text: 'nr. 070761  4285', masked: 'nr. 070761-XXXX' },
  { why: 'spaced hyphen', text: 'nr. 070761 - 4285', masked: 'nr. 070761-XXXX' },
  { why: 'en dash', text: 'nr. 070761–4285', masked: 'nr. 070761-XXXX' },
  { why: 'no-break space', text: 'nr. 070761\u00A04285', masked: 'nr. 070761-XXXX' },
  { why: 'inside a word', text: 'cpr0707614285.', masked: 'cpr070761-XXXX.' },
  { why: 'in a URL path', text: '/v1/citizens/0707614285/screening-result', masked: '/v1/citizens/070761-XXXX/screening-result' },
  { why: 'in a URL query, space encoded', text: '/v1/audit?cpr=070761%204285&x=1', masked: '/v1/audit?cpr=070761-XXXX&x=1' },
  { why: 'in a URL query, space as +', text: '/v1/audit?cpr=070761+4285', masked: '/v1/audit?cpr=070761-XXXX' },
  { why: 'in JSON', text: '{"note":"0707614286"}', masked: '{"note":"070761-XXXX"}' },
  { why: 'failing modulus 11 (issued since 2007)', text: 'nr 070761-4286', masked: 'nr 070761-XXXX' },
  { why: 'born 29 February 2000 (7th digit 4: year 2000)', text: 'født 290200-4234', masked: 'født 290200-XXXX' },
  { why: 'a birth date in 2057 (the text rule ignores the clock)', text: 'id 0101575000', masked: 'id 010157-XXXX' },
  { why: 'two numbers', text: '0101701234 og 020280-1234', masked: '010170-XXXX og 020280-XXXX' },
];

/** Texts that hold no CPR number, each left as it is. */
export const HOLDS_NO_CPR: { why: string; text: string }[] = [
  { why: 'a UUID', text: 'request 6f1c2d3e-1111-4222-8333-944455556666' },
  { why: 'a UUID with dated 4-digit groups', text: 'id a1b2c3d4-0707-6142-8285-0c0d0e0f0a0b' },
  { why: 'an 11-digit number', text: 'nr 07076142851' },
  { why: 'an 11-digit number with a hyphen', text: 'nr 070761-42851' },
  { why: 'a digit before the date', text: 'nr 1070761-4285' },
  { why: 'day 32', text: 'nr 3201901234' },
  { why: 'day 32, hyphen', text: 'nr 320190-1234' },
  { why: 'day 32, space', text: 'nr 320190 1234' },
  { why: 'month 13', text: 'nr 011390-1234' },
  { why: 'day 00', text: 'nr 000190 1234' },
  { why: '29 February 1997', text: 'nr 290297-1234' },
  { why: '29 February 1900 (7th digit 1)', text: 'nr 290200-1234' },
  { why: 'a replacement number (day + 60)', text: 'nr 610190-1234' },
  { why: 'a timestamp', text: '2024-01-15T10:00:00.000Z' },
  { why: 'money and probabilities', text: 'probability 0.1234 and 350000 kr' },
  { why: 'the decimals of a number', text: 'p = 0.0707614285' },
  { why: 'a 13-digit millisecond time', text: 'time 1795466006297' },
  { why: 'a phone number', text: 'tlf. +45 12 34 56 78' },
  { why: 'a date spaced into pairs (not covered yet)', text: 'nr 07 07 61 4285' },
  { why: 'a line break between date and sequence', text: 'nr 070761\n4285' },
  { why: 'three spaces', text: 'nr 070761   4285' },
];
