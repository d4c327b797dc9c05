/**
 * The codes used for the categorical predictors of the brief, in the simulated cohort, the default
 * feature specification and the API. Codes are ASCII and stable; Danish display texts for them live in
 * src/i18n/. Order is the order in which they are listed to people.
 */

export const GENDERS = ['kvinde', 'mand'] as const;

/** Highest completed education, in the bands Statistics Denmark's education register (UDDA) is summarised in. */
export const EDUCATION_LEVELS = [
  'grundskole',
  'gymnasial',
  'erhvervsfaglig',
  'kort_videregaaende',
  'mellemlang_videregaaende',
  'lang_videregaaende',
] as const;

/** "Herkomst" as Statistics Denmark defines it (IE_TYPE crossed with the western/non-western country grouping). */
export const ORIGINS = [
  'dansk',
  'indvandrer_vestlig',
  'indvandrer_ikke_vestlig',
  'efterkommer_vestlig',
  'efterkommer_ikke_vestlig',
] as const;

/** The five Danish regions. */
export const REGIONS = ['hovedstaden', 'sjaelland', 'syddanmark', 'midtjylland', 'nordjylland'] as const;

/** DISCO-08 major groups (first digit of the code), 0 = armed forces … 9 = elementary occupations. */
export const DISCO_MAJOR_GROUPS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** Industry (branche) in Statistics Denmark's 10-group DB07 grouping. */
export const INDUSTRIES = [
  'landbrug_skovbrug_fiskeri',
  'industri_raastof_forsyning',
  'bygge_anlaeg',
  'handel_transport',
  'information_kommunikation',
  'finansiering_forsikring',
  'ejendomshandel_udlejning',
  'erhvervsservice',
  'offentlig_undervisning_sundhed',
  'kultur_fritid_service',
] as const;

/** Q2 "Hvor hurtigt tror du, at du får et arbejde?" (Jobnet's forberedelsesskema), answer codes. */
export const Q2_ANSWERS = [
  'har_job',
  'inden_1_maaned',
  'inden_3_maaneder',
  'inden_6_maaneder',
  'over_6_maaneder',
  'orlov_efterloen_pension',
  'ved_ikke',
] as const;

/** Q10 "Er der noget, der gør det svært for dig at få et arbejde?": the barriers a member can tick. */
export const Q10_BARRIERS = [
  'fysisk_helbred',
  'psykisk_helbred',
  'personlige_sociale',
  'oekonomi',
  'misbrug',
  'laese_skrive_regne',
  'it',
  'sprog',
  'andet',
] as const;

export type Gender = (typeof GENDERS)[number];
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export type Origin = (typeof ORIGINS)[number];
export type Region = (typeof REGIONS)[number];
export type Industry = (typeof INDUSTRIES)[number];
export type Q2Answer = (typeof Q2_ANSWERS)[number];
export type Q10Barrier = (typeof Q10_BARRIERS)[number];
