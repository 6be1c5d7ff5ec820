// One patient as the role may see them: the API decides (full for planners and the coordinators
// concerned, pseudonymised for analysts); this only renders what it was given.
import type { PatientView } from '../lib/types.ts';

export function patientText(id: string, p: PatientView | null | undefined): string {
  if (p === null || p === undefined) return id;
  if (p.view === 'full') return `${p.familyName}, ${p.givenName} (${p.personnummer})`;
  return `${p.id} · ${p.ageBand}`;
}
