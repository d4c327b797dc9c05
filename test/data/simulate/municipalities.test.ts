import { describe, expect, it } from 'vitest';
import { REGIONS } from '../../../src/data/cohort/levels.js';
import { MUNICIPALITIES, municipalityByCode, regionOfMunicipality } from '../../../src/data/cohort/municipalities.js';

describe('municipalities', () => {
  it('lists the 98 municipalities and Christiansø once each, with 3-digit codes', () => {
    expect(MUNICIPALITIES.length).toBe(99);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(99);
    expect(new Set(MUNICIPALITIES.map((m) => m.name)).size).toBe(99);
    for (const m of MUNICIPALITIES) {
      expect(m.code).toMatch(/^\d{3}$/);
      expect(REGIONS).toContain(m.region);
      expect(m.population).toBeGreaterThan(0);
    }
  });

  it('puts them in the right regions', () => {
    const perRegion = Object.fromEntries(REGIONS.map((r) => [r, MUNICIPALITIES.filter((m) => m.region === r).length]));
    expect(perRegion).toEqual({ hovedstaden: 30, sjaelland: 17, syddanmark: 22, midtjylland: 19, nordjylland: 11 });
    const placed: [string, string, string][] = [
      ['253', 'Greve', 'sjaelland'],
      ['259', 'Køge', 'sjaelland'],
      ['265', 'Roskilde', 'sjaelland'],
      ['269', 'Solrød', 'sjaelland'],
      ['350', 'Lejre', 'sjaelland'],
      ['400', 'Bornholm', 'hovedstaden'],
      ['411', 'Christiansø', 'hovedstaden'],
      ['615', 'Horsens', 'midtjylland'],
      ['766', 'Hedensted', 'midtjylland'],
      ['773', 'Morsø', 'nordjylland'],
      ['787', 'Thisted', 'nordjylland'],
      ['101', 'København', 'hovedstaden'],
      ['461', 'Odense', 'syddanmark'],
      ['751', 'Aarhus', 'midtjylland'],
      ['851', 'Aalborg', 'nordjylland'],
    ];
    for (const [code, name, region] of placed) {
      expect(municipalityByCode(code)?.name).toBe(name);
      expect(regionOfMunicipality(code)).toBe(region);
    }
    expect(regionOfMunicipality('999')).toBeUndefined();
  });

  it('has populations that add up to about Denmark', () => {
    const total = MUNICIPALITIES.reduce((s, m) => s + m.population, 0);
    expect(total).toBeGreaterThan(5_500_000);
    expect(total).toBeLessThan(6_000_000);
  });
});
