import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EDUCATION_LEVELS,
  GENDERS,
  INDUSTRIES,
  ORIGINS,
  Q10_BARRIERS,
  Q2_ANSWERS,
  REGIONS,
  DISCO_MAJOR_GROUPS,
} from '../../src/data/cohort/levels.js';
import {
  CODE_LABELS_DA,
  factorLabelDa,
  FEATURE_NAMES_DA,
  knownFactorLabelDa,
  MEMBER_SUMMARY_DA,
  PDF_TEXT_DA,
  reasonTextDa,
  ASSESSMENT_REASONS_DA,
  factorWeightDa,
  TARGET_GROUP_DESCRIPTIONS_DA,
  type FactorSubject,
} from '../../src/i18n/da.js';
import { ACTIVITY_TEXTS_DA } from '../../src/i18n/daActivities.js';
import { formatDateDa, formatDateTimeDa, formatNumberDa, formatOddsRatioDa, formatPercentDa } from '../../src/i18n/format.js';
import { MISSING_LEVEL } from '../../src/model/encoding/encoding.js';
import { featureSpecSchema, type Feature } from '../../src/model/spec/featureSpec.js';
import PDFDocument from 'pdfkit';
import { ASSESSMENT_REASONS } from '../../src/screening/assessmentReason.js';
import { drawableText, FONT_FILES } from '../../src/screening/pdf/fonts.js';

const specFile = new URL('../../training/default-spec.json', import.meta.url);
const modelFile = new URL('../../models/sim-2026.12-1.json', import.meta.url);
const spec = featureSpecSchema.parse(JSON.parse(readFileSync(specFile, 'utf8')));

/** Every subject a feature of the specification can produce as a factor, sensitive features included. */
function subjects(f: Feature): FactorSubject[] {
  switch (f.type) {
    case 'categorical':
      return [
        ...(f.levels ?? []).map((level) => ({ kind: 'level' as const, level })),
        ...(f.missing === 'level' ? [{ kind: 'missing' as const }] : []),
      ];
    case 'multiselect':
      return f.options.map((level) => ({ kind: 'level' as const, level }));
    case 'boolean':
      return [{ kind: 'flag' }, ...(f.missing === 'level' ? [{ kind: 'missing' as const }] : [])];
    case 'numeric':
      if (f.transform.kind === 'bands') return (f.transform.labels ?? []).map((level) => ({ kind: 'level' as const, level }));
      return [
        { kind: 'value', value: 0 },
        { kind: 'value', value: 1 },
        { kind: 'value', value: 12.5 },
        { kind: 'value', value: 1200 },
      ];
  }
}

describe('factor labels', () => {
  it('has a label for every term of the default specification, sensitive features included', () => {
    const missing: string[] = [];
    for (const f of spec.features) {
      for (const s of subjects(f)) {
        if (knownFactorLabelDa(f.name, s) === undefined) missing.push(`${f.name} ${JSON.stringify(s)}`);
      }
      if (FEATURE_NAMES_DA[f.name] === undefined) missing.push(`${f.name} (feature name)`);
    }
    expect(spec.features.some((f) => f.sensitive)).toBe(true);
    expect(missing).toEqual([]);
  });

  it('has a label for every term of the bundled model', () => {
    const artifact = JSON.parse(readFileSync(modelFile, 'utf8'));
    const byName = new Map(spec.features.map((f) => [f.name, f]));
    for (const term of artifact.encoding.terms.slice(1) as string[]) {
      const [name, level] = term.split('=');
      const f = byName.get(name)!;
      const s: FactorSubject =
        level === undefined
          ? f.type === 'boolean'
            ? { kind: 'flag' }
            : { kind: 'value', value: 3 }
          : level === MISSING_LEVEL
            ? { kind: 'missing' }
            : { kind: 'level', level };
      expect(knownFactorLabelDa(name, s), term).toBeDefined();
    }
  });

  it('phrases factors as a caseworker reads them', () => {
    const f = (name: string, s: FactorSubject) => factorLabelDa({ name }, s);
    expect(f('age', { kind: 'level', level: '55-59' })).toBe('55-59 år');
    expect(f('age', { kind: 'level', level: '60+' })).toBe('60 år eller ældre');
    expect(f('education', { kind: 'level', level: 'grundskole' })).toBe('Ingen uddannelse ud over grundskole');
    expect(f('education', { kind: 'missing' })).toBe('Ukendt uddannelse');
    expect(f('from_sickness_benefit', { kind: 'flag' })).toBe('Kommer fra sygedagpenge');
    expect(f('q10_barriers', { kind: 'level', level: 'fysisk_helbred' })).toBe('Fysiske helbredsproblemer');
    expect(f('q2_job_expectation', { kind: 'level', level: 'inden_1_maaned' })).toBe('Forventer at få arbejde inden for 1 måned');
    expect(f('prior_dagpenge_hours', { kind: 'value', value: 1200 })).toBe('Har brugt 1.200 timer af dagpengeretten');
    expect(f('experience_years', { kind: 'value', value: 12 })).toBe('12 års erhvervserfaring');
    expect(f('previous_income', { kind: 'value', value: 310000 })).toBe('Tidligere indkomst 310.000 kr.');
    expect(f('disco_major', { kind: 'level', level: '9' })).toBe('Stilling: andet manuelt arbejde');
    expect(f('region', { kind: 'level', level: 'sjaelland' })).toBe('Bor i Region Sjælland');
  });

  it('falls back to the feature name for features it does not know', () => {
    expect(factorLabelDa({ name: 'tenure' }, { kind: 'value', value: 3.25 })).toBe('tenure: 3,25');
    expect(factorLabelDa({ name: 'sector' }, { kind: 'level', level: 'privat' })).toBe('sector: privat');
    expect(knownFactorLabelDa('sector', { kind: 'level', level: 'privat' })).toBeUndefined();
  });
});

describe('category code labels', () => {
  const cases: [string, readonly string[], Readonly<Record<string, string>>][] = [
    ['gender', GENDERS, CODE_LABELS_DA.gender],
    ['education', EDUCATION_LEVELS, CODE_LABELS_DA.education],
    ['origin', ORIGINS, CODE_LABELS_DA.origin],
    ['region', REGIONS, CODE_LABELS_DA.region],
    ['disco', DISCO_MAJOR_GROUPS, CODE_LABELS_DA.disco],
    ['industry', INDUSTRIES, CODE_LABELS_DA.industry],
    ['q2', Q2_ANSWERS, CODE_LABELS_DA.q2],
    ['q10', Q10_BARRIERS, CODE_LABELS_DA.q10],
  ];
  it.each(cases)('labels every %s code and nothing else', (_name, codes, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...codes].sort());
    for (const c of codes) expect(labels[c].length).toBeGreaterThan(0);
  });
});

describe('Danish formatting', () => {
  it('formats numbers with "." thousands and "," decimals', () => {
    expect(formatNumberDa(1200)).toBe('1.200');
    expect(formatNumberDa(310000)).toBe('310.000');
    expect(formatNumberDa(1234567.891, 2)).toBe('1.234.567,89');
    expect(formatNumberDa(12.5, 1)).toBe('12,5');
    expect(formatNumberDa(12.0, 1)).toBe('12');
    expect(formatNumberDa(-1234.5, 1)).toBe('-1.234,5');
    expect(formatNumberDa(-0.004, 2)).toBe('0');
    expect(formatNumberDa(999)).toBe('999');
  });

  it('formats percentages and odds ratios', () => {
    expect(formatPercentDa(0.3149)).toBe('31 %');
    expect(formatPercentDa(0.001)).toBe('under 1 %');
    expect(formatPercentDa(0.999)).toBe('over 99 %');
    expect(formatPercentDa(0)).toBe('0 %');
    expect(formatOddsRatioDa(2.7656)).toBe('×2,8');
    expect(formatOddsRatioDa(0.4539)).toBe('×0,45');
  });

  it('formats dates in Danish time, across the daylight-saving changes', () => {
    expect(formatDateTimeDa('2026-11-23T13:05:00Z')).toBe('23. november 2026 kl. 14.05');
    expect(formatDateTimeDa('2026-07-02T08:30:00Z')).toBe('2. juli 2026 kl. 10.30');
    expect(formatDateTimeDa('2026-03-29T00:59:00Z')).toBe('29. marts 2026 kl. 01.59');
    expect(formatDateTimeDa('2026-03-29T01:00:00Z')).toBe('29. marts 2026 kl. 03.00');
    expect(formatDateTimeDa('2026-10-25T00:59:00Z')).toBe('25. oktober 2026 kl. 02.59');
    expect(formatDateTimeDa('2026-10-25T01:00:00Z')).toBe('25. oktober 2026 kl. 02.00');
    expect(formatDateDa('2026-12-31T23:30:00Z')).toBe('1. januar 2027');
  });
});

describe('reasons', () => {
  it('writes the reason from the matched parts', () => {
    expect(reasonTextDa([])).toBe('Tilbydes alle medlemmer');
    expect(reasonTextDa([{ kind: 'targetGroup', group: 2 }])).toBe('Målgruppe 2');
    expect(reasonTextDa([{ kind: 'barriers', barriers: ['misbrug'] }])).toBe('Alkohol- eller stofmisbrug (spørgsmål 10)');
    expect(
      reasonTextDa([
        { kind: 'barriers', barriers: ['personlige_sociale'] },
        { kind: 'targetGroup', group: 2 },
      ]),
    ).toBe('Personlige eller sociale forhold (spørgsmål 10) og målgruppe 2');
  });
});

describe('every Danish text can be drawn with the PDF font (DejaVu Sans Condensed)', () => {
  const texts: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string') texts.push(value);
    else if (typeof value === 'function') texts.push(String(value(3)), String(value('2026-11-23T13:05:00Z')));
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(CODE_LABELS_DA);
  collect(FEATURE_NAMES_DA);
  collect(PDF_TEXT_DA);
  collect(MEMBER_SUMMARY_DA);
  collect(TARGET_GROUP_DESCRIPTIONS_DA);
  collect(ACTIVITY_TEXTS_DA);
  collect(ASSESSMENT_REASONS_DA);
  for (const f of spec.features) for (const s of subjects(f)) texts.push(factorLabelDa(f, s));

  it('has a glyph for every character, in every face', () => {
    const doc = new PDFDocument({ font: FONT_FILES.Regular });
    const bad = Object.values(FONT_FILES).flatMap((file) => {
      doc.font(file);
      return texts.filter((t) => drawableText(doc, t) !== t.normalize('NFC')).map((t) => `${file}: "${t}"`);
    });
    expect(texts.length).toBeGreaterThan(100);
    expect(bad).toEqual([]);
  });
});

describe('assessment reasons and factor weights', () => {
  it('labels every assessment reason', () => {
    expect(Object.keys(ASSESSMENT_REASONS_DA).sort()).toEqual([...ASSESSMENT_REASONS].sort());
  });

  it('says how much a factor moves the risk in words, by its odds ratio', () => {
    expect(factorWeightDa(2.8)).toBe('øger risikoen meget');
    expect(factorWeightDa(2)).toBe('øger risikoen meget');
    expect(factorWeightDa(1.5)).toBe('øger risikoen noget');
    expect(factorWeightDa(1.1)).toBe('øger risikoen lidt');
    expect(factorWeightDa(0.5)).toBe('mindsker risikoen meget');
    expect(factorWeightDa(0.7)).toBe('mindsker risikoen noget');
    expect(factorWeightDa(0.93)).toBe('mindsker risikoen lidt');
  });
});
