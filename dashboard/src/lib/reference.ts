// Reference data (hospitals, procedures, specialties, regions, theatres, teams): read once per
// session; small, and it changes only with a new snapshot.
import { api } from './api.ts';
import { useAsync, type Async } from './async.ts';
import type { Hospital, Named, Procedure, RegionalTeam, Specialty, Theatre } from './types.ts';
import type { Lang } from './i18n.ts';

export interface Reference {
  asOfDate: string;
  hospitals: Hospital[];
  hospital: Map<string, Hospital>;
  procedures: Map<string, Procedure>;
  specialties: Specialty[];
  specialty: Map<string, Specialty>;
  regions: Map<string, Named>;
  theatres: Map<string, Theatre>;
  teams: Map<string, RegionalTeam>;
}

let cache: Promise<Reference> | undefined;

export function loadReference(): Promise<Reference> {
  cache ??= (async () => {
    const [meta, hospitals, procedures, specialties, regions, theatres, teams] = await Promise.all([
      api<{ asOfDate: string } | null>('/api/region-set'),
      api<Hospital[]>('/api/hospitals'),
      api<Procedure[]>('/api/procedures'),
      api<Specialty[]>('/api/specialties'),
      api<Named[]>('/api/regions'),
      api<Theatre[]>('/api/theatres'),
      api<RegionalTeam[]>('/api/regional-teams'),
    ]);
    return {
      asOfDate: meta?.asOfDate ?? new Date().toISOString().slice(0, 10),
      hospitals,
      hospital: new Map(hospitals.map((h) => [h.id, h])),
      procedures: new Map(procedures.map((p) => [p.id, p])),
      specialties,
      specialty: new Map(specialties.map((s) => [s.id, s])),
      regions: new Map(regions.map((r) => [r.id, r])),
      theatres: new Map(theatres.map((t) => [t.id, t])),
      teams: new Map(teams.map((t) => [t.id, t])),
    };
  })().catch((e: unknown) => {
    cache = undefined;
    throw e;
  });
  return cache;
}

export function useReference(): Async<Reference> {
  return useAsync(loadReference, []);
}

export const hospitalName = (ref: Reference, id: string): string => ref.hospital.get(id)?.shortName ?? id;
export const theatreName = (ref: Reference, id: string): string => ref.theatres.get(id)?.name ?? id;
export const specialtyName = (ref: Reference, id: string, l: Lang): string => {
  const s = ref.specialty.get(id);
  return s === undefined ? id : l === 'sv' ? s.nameSv : s.nameEn;
};
export const procedureLabel = (ref: Reference, id: string, l: Lang): string => {
  const p = ref.procedures.get(id);
  return p === undefined ? id : `${l === 'sv' ? p.nameSv : p.nameEn} (${p.kvaCode})`;
};
export const regionName = (ref: Reference, id: string): string => ref.regions.get(id)?.name ?? id;
