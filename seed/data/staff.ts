// Seed tables for named surgeons (operatörer) and the session plan (ADR 0024). All names are
// synthetic: common Swedish given names combined with common Swedish family names at random, not
// any real person's name. Subspecialty groups and lending are plausible seed data, not a survey.

/** Family names for surgeons (a wider set than the patients' so that combinations rarely repeat). */
export const SURGEON_FAMILY_NAMES: readonly string[] = [
  'Lindqvist',
  'Bergström',
  'Holm',
  'Sjöberg',
  'Lundgren',
  'Ekström',
  'Nyström',
  'Lindberg',
  'Håkansson',
  'Axelsson',
  'Björk',
  'Engström',
  'Forsberg',
  'Hedlund',
  'Isaksson',
  'Jakobsson',
  'Kvist',
  'Lund',
  'Mattsson',
  'Nordin',
  'Sandberg',
  'Strand',
  'Wallin',
  'Åberg',
  'Öberg',
  'Dahl',
  'Blom',
  'Falk',
  'Göransson',
  'Hellström',
  'Lindahl',
  'Månsson',
  'Norberg',
  'Rydberg',
  'Sundberg',
  'Törnqvist',
  'Viklund',
  'Westerberg',
  'Ahlgren',
  'Borg',
];

/**
 * Subspecialty groups per specialty (KVÅ codes). A surgeon at a hospital with enough surgeons of
 * the specialty operates one group; groups overlap on common procedures. Where a hospital has too
 * few surgeons of the specialty to subspecialise, every surgeon operates every procedure.
 */
export const SUBSPECIALTY_GROUPS: Readonly<
  Record<string, ReadonlyArray<{ key: string; kvas: readonly string[] }>>
> = {
  ortho: [
    { key: 'arthroplasty', kvas: ['NFB49', 'NGB49', 'NBJ62'] },
    { key: 'sports', kvas: ['NGD11', 'NGE35', 'NBG19', 'NBJ62'] },
    { key: 'hand-foot', kvas: ['ACC51', 'NHK19', 'NBJ62'] },
  ],
  spine: [
    { key: 'decompression', kvas: ['ABC07', 'ABC26'] },
    { key: 'fusion', kvas: ['ABC07', 'ABC26', 'NAG49'] },
  ],
  general: [
    { key: 'hernia', kvas: ['JAB30', 'JAB97', 'JAF10'] },
    { key: 'biliary', kvas: ['JKA21', 'JAB30', 'JAF10'] },
  ],
  urology: [
    { key: 'endourology', kvas: ['KED22', 'KBJ22', 'KFC10'] },
    { key: 'laparoscopy', kvas: ['KAC21', 'KED22', 'KFC10'] },
  ],
  gyn: [
    { key: 'laparoscopy', kvas: ['LCD01', 'LCD00', 'LCD10'] },
    { key: 'vaginal', kvas: ['LCD10', 'LEF13', 'LCD00'] },
  ],
  eye: [
    { key: 'cataract', kvas: ['CJE20'] },
    { key: 'retina', kvas: ['CKD65', 'CJE20'] },
  ],
  vascular: [
    { key: 'open', kvas: ['PDH10', 'PAF20'] },
    { key: 'venous', kvas: ['PHP10', 'PAF20'] },
  ],
};

/**
 * Documented lending. Spine surgeons of Blekinge, Halland and Kronoberg operate spine lists in
 * Skåne; some SUS surgeons operate at Skåne hospitals with theatres standing idle. The number of
 * lending surgeons per hospital and specialty is the roster's `lendable` count (at least one for
 * the spine lenders).
 */
export const LENDING: ReadonlyArray<{
  fromHospitalKeys: readonly string[];
  specialtyIds: readonly string[];
  toHospitalKeys: readonly string[];
}> = [
  {
    fromHospitalKeys: ['karlskrona', 'vaxjo', 'halmstad'],
    specialtyIds: ['spine'],
    toHospitalKeys: ['sus-lund', 'sus-malmo', 'helsingborg', 'hassleholm'],
  },
  {
    fromHospitalKeys: ['sus-lund', 'sus-malmo'],
    specialtyIds: ['ortho', 'general', 'gyn', 'urology'],
    toHospitalKeys: ['trelleborg', 'ystad', 'landskrona', 'hassleholm', 'angelholm'],
  },
];

/** Hospitals whose ortho theatres let one arthroplasty surgeon run two theatres on a day. */
export const PARALLEL_THEATRE_MIN_THEATRES = 10;
