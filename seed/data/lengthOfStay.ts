// Expected post-operative length of stay (nights in a ward bed) per procedure of the Södra seed,
// keyed by procedure id; 0 = day surgery (home the same day). Rough Swedish values for elective
// care with enhanced recovery: a hip or knee replacement stays 2–3 nights, a lumbar fusion about
// five, an open aortic repair about a week (ICU first), a laparoscopic cholecystectomy often one
// night. Procedures missing here fall back to 0 for day care and the specialty's value below.
export const LENGTH_OF_STAY_DAYS: Readonly<Record<string, number>> = {
  'p-nfb49': 3, // total hip replacement
  'p-ngb49': 3, // total knee replacement
  'p-ngd11': 0,
  'p-nge35': 0,
  'p-nhk19': 0,
  'p-acc51': 0,
  'p-nbg19': 0,
  'p-nbj62': 0,
  'p-abc07': 1, // lumbar discectomy
  'p-abc26': 2, // lumbar decompression
  'p-nag49': 5, // posterior lumbar fusion
  'p-jab30': 0,
  'p-jab97': 0,
  'p-jka21': 1, // laparoscopic cholecystectomy: one night is common
  'p-jaf10': 0,
  'p-ked22': 2, // TURP (catheter)
  'p-kac21': 3, // laparoscopic nephrectomy
  'p-kbj22': 0,
  'p-kfc10': 0,
  'p-lcd00': 3, // abdominal hysterectomy
  'p-lcd01': 2, // vaginal hysterectomy
  'p-lcd11': 1, // total laparoscopic hysterectomy
  'p-lef13': 0,
  'p-emb10': 0,
  'p-dqd40': 0,
  'p-djc10': 0,
  'p-cje20': 0, // cataract
  'p-ckd65': 0,
  'p-pdh10': 7, // open aortic aneurysm repair
  'p-paf20': 2, // carotid endarterectomy
  'p-php10': 0,
  'p-had30': 1, // breast reduction
  'p-ndm19': 0,
};

/** Fallback for an inpatient procedure without its own row. */
export const INPATIENT_DEFAULT_LOS_DAYS = 2;
