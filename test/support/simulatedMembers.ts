/**
 * Simulated spells (rows of `ledighedsprofil simulate`) as the API's screening requests, and CPR numbers
 * for them, for the tests that screen a whole cohort through the service.
 */
import { parseCpr, passesModulus11 } from '../../src/privacy/cprNumber.js';

/**
 * Valid, fictitious CPR numbers, each once: born 1950–1999 (7th digit 1) and failing the modulus-11
 * check, which every number issued before 2007 passes, so none is a real person's.
 */
export function* fictitiousCprNumbers(): Generator<string> {
  for (let n = 0; n < 28 * 12 * 50; n++) {
    const dd = String(1 + (n % 28)).padStart(2, '0');
    const mm = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0');
    const yy = String(50 + Math.floor(n / 336));
    for (let serial = 1000; serial < 1010; serial++) {
      const cpr = `${dd}${mm}${yy}${serial}`;
      if (parseCpr(cpr).ok && !passesModulus11(cpr)) yield cpr;
    }
  }
}

/**
 * A simulated spell as the create's request (the CPR number in the body, the spell's first day as the
 * benefit period's and the screening's date); a value the simulator leaves missing is sent as null (unknown).
 */
export function screeningRequestOf(r: Readonly<Record<string, string>>, cpr: string) {
  const orNull = (v: string) => (v === '' ? null : v);
  return {
    cpr,
    benefitPeriodStart: r.spell_start,
    screeningDate: r.spell_start,
    member: {
      age: Number(r.age),
      gender: r.gender,
      experienceYears: Number(r.experience_years),
      education: orNull(r.education),
      fromSicknessBenefit: r.from_sickness_benefit === '1',
      priorDagpengeHours: Number(r.prior_dagpenge_hours),
      earlierSpells: Number(r.earlier_spells),
      municipality: r.municipality,
      origin: r.origin,
      discoCode: orNull(r.disco_code),
      industry: orNull(r.industry),
      dimittend: r.dimittend === '1',
      previousIncome: Number(r.previous_income),
      childrenAtHome: r.children_at_home === '1',
    },
    questionnaire: {
      q2JobExpectation: r.q2_job_expectation,
      q10HasBarriers: r.q10_has_barriers === '1' && r.q10_barriers !== '',
      q10Barriers: r.q10_barriers === '' ? [] : r.q10_barriers.split(';'),
    },
  };
}
