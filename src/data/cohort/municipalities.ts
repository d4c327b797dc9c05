import type { Region } from './levels.js';

/**
 * The 98 Danish municipalities (since the 2007 reform) plus Christiansø, which is administered by the
 * state but has its own code in Statistics Denmark's registers (KOM), 99 codes in all. Codes are the
 * official 3-digit municipality codes; names are the official short names.
 *
 * The populations are rounded figures for about 2016 (Statistics Denmark, FOLK1A). They are used only as
 * sampling weights by the simulator, so "about right" is all they need to be; do not quote them.
 */
export interface Municipality {
  /** The 3-digit municipality code, as a string so that leading digits stay as written. */
  code: string;
  name: string;
  region: Region;
  /** Approximate number of inhabitants, a sampling weight. */
  population: number;
}

export const MUNICIPALITIES: readonly Municipality[] = [
  // Region Hovedstaden (including Bornholm and Christiansø)
  { code: '101', name: 'København', region: 'hovedstaden', population: 602_000 },
  { code: '147', name: 'Frederiksberg', region: 'hovedstaden', population: 104_000 },
  { code: '151', name: 'Ballerup', region: 'hovedstaden', population: 48_000 },
  { code: '153', name: 'Brøndby', region: 'hovedstaden', population: 35_000 },
  { code: '155', name: 'Dragør', region: 'hovedstaden', population: 14_000 },
  { code: '157', name: 'Gentofte', region: 'hovedstaden', population: 75_000 },
  { code: '159', name: 'Gladsaxe', region: 'hovedstaden', population: 68_000 },
  { code: '161', name: 'Glostrup', region: 'hovedstaden', population: 23_000 },
  { code: '163', name: 'Herlev', region: 'hovedstaden', population: 28_000 },
  { code: '165', name: 'Albertslund', region: 'hovedstaden', population: 28_000 },
  { code: '167', name: 'Hvidovre', region: 'hovedstaden', population: 53_000 },
  { code: '169', name: 'Høje-Taastrup', region: 'hovedstaden', population: 50_000 },
  { code: '173', name: 'Lyngby-Taarbæk', region: 'hovedstaden', population: 56_000 },
  { code: '175', name: 'Rødovre', region: 'hovedstaden', population: 39_000 },
  { code: '183', name: 'Ishøj', region: 'hovedstaden', population: 22_000 },
  { code: '185', name: 'Tårnby', region: 'hovedstaden', population: 43_000 },
  { code: '187', name: 'Vallensbæk', region: 'hovedstaden', population: 16_000 },
  { code: '190', name: 'Furesø', region: 'hovedstaden', population: 40_000 },
  { code: '201', name: 'Allerød', region: 'hovedstaden', population: 25_000 },
  { code: '210', name: 'Fredensborg', region: 'hovedstaden', population: 40_000 },
  { code: '217', name: 'Helsingør', region: 'hovedstaden', population: 62_000 },
  { code: '219', name: 'Hillerød', region: 'hovedstaden', population: 50_000 },
  { code: '223', name: 'Hørsholm', region: 'hovedstaden', population: 25_000 },
  { code: '230', name: 'Rudersdal', region: 'hovedstaden', population: 56_000 },
  { code: '240', name: 'Egedal', region: 'hovedstaden', population: 43_000 },
  { code: '250', name: 'Frederikssund', region: 'hovedstaden', population: 45_000 },
  { code: '260', name: 'Halsnæs', region: 'hovedstaden', population: 31_000 },
  { code: '270', name: 'Gribskov', region: 'hovedstaden', population: 41_000 },
  { code: '400', name: 'Bornholm', region: 'hovedstaden', population: 40_000 },
  { code: '411', name: 'Christiansø', region: 'hovedstaden', population: 90 },
  // Region Sjælland (including Greve, Køge, Roskilde, Solrød and Lejre)
  { code: '253', name: 'Greve', region: 'sjaelland', population: 49_000 },
  { code: '259', name: 'Køge', region: 'sjaelland', population: 59_000 },
  { code: '265', name: 'Roskilde', region: 'sjaelland', population: 86_000 },
  { code: '269', name: 'Solrød', region: 'sjaelland', population: 22_000 },
  { code: '306', name: 'Odsherred', region: 'sjaelland', population: 33_000 },
  { code: '316', name: 'Holbæk', region: 'sjaelland', population: 70_000 },
  { code: '320', name: 'Faxe', region: 'sjaelland', population: 36_000 },
  { code: '326', name: 'Kalundborg', region: 'sjaelland', population: 49_000 },
  { code: '329', name: 'Ringsted', region: 'sjaelland', population: 34_000 },
  { code: '330', name: 'Slagelse', region: 'sjaelland', population: 78_000 },
  { code: '336', name: 'Stevns', region: 'sjaelland', population: 22_000 },
  { code: '340', name: 'Sorø', region: 'sjaelland', population: 30_000 },
  { code: '350', name: 'Lejre', region: 'sjaelland', population: 27_000 },
  { code: '360', name: 'Lolland', region: 'sjaelland', population: 42_000 },
  { code: '370', name: 'Næstved', region: 'sjaelland', population: 82_000 },
  { code: '376', name: 'Guldborgsund', region: 'sjaelland', population: 61_000 },
  { code: '390', name: 'Vordingborg', region: 'sjaelland', population: 45_000 },
  // Region Syddanmark
  { code: '410', name: 'Middelfart', region: 'syddanmark', population: 38_000 },
  { code: '420', name: 'Assens', region: 'syddanmark', population: 41_000 },
  { code: '430', name: 'Faaborg-Midtfyn', region: 'syddanmark', population: 51_000 },
  { code: '440', name: 'Kerteminde', region: 'syddanmark', population: 24_000 },
  { code: '450', name: 'Nyborg', region: 'syddanmark', population: 32_000 },
  { code: '461', name: 'Odense', region: 'syddanmark', population: 200_000 },
  { code: '479', name: 'Svendborg', region: 'syddanmark', population: 58_000 },
  { code: '480', name: 'Nordfyns', region: 'syddanmark', population: 29_000 },
  { code: '482', name: 'Langeland', region: 'syddanmark', population: 12_000 },
  { code: '492', name: 'Ærø', region: 'syddanmark', population: 6_000 },
  { code: '510', name: 'Haderslev', region: 'syddanmark', population: 56_000 },
  { code: '530', name: 'Billund', region: 'syddanmark', population: 26_000 },
  { code: '540', name: 'Sønderborg', region: 'syddanmark', population: 75_000 },
  { code: '550', name: 'Tønder', region: 'syddanmark', population: 38_000 },
  { code: '561', name: 'Esbjerg', region: 'syddanmark', population: 115_000 },
  { code: '563', name: 'Fanø', region: 'syddanmark', population: 3_400 },
  { code: '573', name: 'Varde', region: 'syddanmark', population: 50_000 },
  { code: '575', name: 'Vejen', region: 'syddanmark', population: 43_000 },
  { code: '580', name: 'Aabenraa', region: 'syddanmark', population: 59_000 },
  { code: '607', name: 'Fredericia', region: 'syddanmark', population: 51_000 },
  { code: '621', name: 'Kolding', region: 'syddanmark', population: 92_000 },
  { code: '630', name: 'Vejle', region: 'syddanmark', population: 113_000 },
  // Region Midtjylland (including Horsens and Hedensted)
  { code: '615', name: 'Horsens', region: 'midtjylland', population: 88_000 },
  { code: '657', name: 'Herning', region: 'midtjylland', population: 87_000 },
  { code: '661', name: 'Holstebro', region: 'midtjylland', population: 58_000 },
  { code: '665', name: 'Lemvig', region: 'midtjylland', population: 20_000 },
  { code: '671', name: 'Struer', region: 'midtjylland', population: 21_000 },
  { code: '706', name: 'Syddjurs', region: 'midtjylland', population: 42_000 },
  { code: '707', name: 'Norddjurs', region: 'midtjylland', population: 37_000 },
  { code: '710', name: 'Favrskov', region: 'midtjylland', population: 48_000 },
  { code: '727', name: 'Odder', region: 'midtjylland', population: 22_000 },
  { code: '730', name: 'Randers', region: 'midtjylland', population: 97_000 },
  { code: '740', name: 'Silkeborg', region: 'midtjylland', population: 91_000 },
  { code: '741', name: 'Samsø', region: 'midtjylland', population: 3_700 },
  { code: '746', name: 'Skanderborg', region: 'midtjylland', population: 59_000 },
  { code: '751', name: 'Aarhus', region: 'midtjylland', population: 336_000 },
  { code: '756', name: 'Ikast-Brande', region: 'midtjylland', population: 41_000 },
  { code: '760', name: 'Ringkøbing-Skjern', region: 'midtjylland', population: 57_000 },
  { code: '766', name: 'Hedensted', region: 'midtjylland', population: 46_000 },
  { code: '779', name: 'Skive', region: 'midtjylland', population: 46_000 },
  { code: '791', name: 'Viborg', region: 'midtjylland', population: 96_000 },
  // Region Nordjylland (including Morsø and Thisted)
  { code: '773', name: 'Morsø', region: 'nordjylland', population: 21_000 },
  { code: '787', name: 'Thisted', region: 'nordjylland', population: 44_000 },
  { code: '810', name: 'Brønderslev', region: 'nordjylland', population: 36_000 },
  { code: '813', name: 'Frederikshavn', region: 'nordjylland', population: 60_000 },
  { code: '820', name: 'Vesthimmerlands', region: 'nordjylland', population: 37_000 },
  { code: '825', name: 'Læsø', region: 'nordjylland', population: 1_800 },
  { code: '840', name: 'Rebild', region: 'nordjylland', population: 29_000 },
  { code: '846', name: 'Mariagerfjord', region: 'nordjylland', population: 42_000 },
  { code: '849', name: 'Jammerbugt', region: 'nordjylland', population: 38_000 },
  { code: '851', name: 'Aalborg', region: 'nordjylland', population: 211_000 },
  { code: '860', name: 'Hjørring', region: 'nordjylland', population: 65_000 },
];

const byCode = new Map(MUNICIPALITIES.map((m) => [m.code, m]));

/** The municipality with a 3-digit code, or undefined when no such code exists. */
export function municipalityByCode(code: string): Municipality | undefined {
  return byCode.get(code);
}

/** The region a municipality code belongs to, or undefined for an unknown code. */
export function regionOfMunicipality(code: string): Region | undefined {
  return byCode.get(code)?.region;
}
