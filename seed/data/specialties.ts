// Surgical specialties of the Södra seed. Ids are stable keys used by hospitals, rosters and
// procedures; the names are what the dashboard shows.
export interface SpecialtySeed {
  id: string;
  nameSv: string;
  nameEn: string;
}

export const SPECIALTIES: readonly SpecialtySeed[] = [
  { id: 'ortho', nameSv: 'Ortopedi', nameEn: 'Orthopaedics' },
  { id: 'spine', nameSv: 'Ryggkirurgi', nameEn: 'Spine surgery' },
  { id: 'general', nameSv: 'Allmänkirurgi', nameEn: 'General surgery' },
  { id: 'urology', nameSv: 'Urologi', nameEn: 'Urology' },
  { id: 'gyn', nameSv: 'Gynekologi', nameEn: 'Gynaecology' },
  { id: 'ent', nameSv: 'Öron-, näs- och halssjukvård', nameEn: 'Ear, nose and throat (ENT)' },
  { id: 'eye', nameSv: 'Ögonsjukvård', nameEn: 'Ophthalmology' },
  { id: 'vascular', nameSv: 'Kärlkirurgi', nameEn: 'Vascular surgery' },
  { id: 'plastic', nameSv: 'Plastikkirurgi', nameEn: 'Plastic surgery' },
];
