// A plan edit request (pins, exclusions, moves) as the solver's edit operations, each remembering
// the body field it came from so that a refusal names the field and row.
import type { EditOp } from '../../solver/edit/index.ts';
import { epochDay } from '../calendar/isoWeek.ts';
import type { PlanEdit } from './schemas.ts';

/**
 * The API's edit body as solver edit operations, in the order they apply (exclusions, moves, pins),
 * and for each operation the body field it came from (so a refusal names it).
 */
export function editOps(edit: PlanEdit): { ops: EditOp[]; fieldOf: (i: number) => EditField } {
  const ops: EditOp[] = [];
  const fields: EditField[] = [];
  const push = (op: EditOp, field: EditField): void => {
    ops.push(op);
    fields.push(field);
  };
  const at = (field: string, i: number, scalar: boolean): EditField => ({
    field: `${field}[${i}]`,
    row: i + 1,
    scalar,
  });
  (edit.exclusions?.add ?? []).forEach((patientId, i) =>
    push({ kind: 'exclude', patientId }, at('body.exclusions.add', i, true)),
  );
  (edit.exclusions?.remove ?? []).forEach((patientId, i) =>
    push({ kind: 'include', patientId }, at('body.exclusions.remove', i, true)),
  );
  (edit.moves ?? []).forEach((m, i) =>
    push(
      {
        kind: 'move',
        patientId: m.patientId,
        hospitalId: m.hospitalId,
        theatreId: m.theatreId,
        day: epochDay(m.date),
      },
      at('body.moves', i, false),
    ),
  );
  (edit.pins?.add ?? []).forEach((pin, i) =>
    push({ kind: 'pin', patientId: pin.patientId }, at('body.pins.add', i, false)),
  );
  (edit.pins?.remove ?? []).forEach((patientId, i) =>
    push({ kind: 'unpin', patientId }, at('body.pins.remove', i, true)),
  );
  return { ops, fieldOf: (i) => fields[i] ?? { field: 'body', row: 1, scalar: true } };
}

/** Where an edit operation came from in the request body (`scalar`: the entry is the patient id). */
export interface EditField {
  field: string;
  row: number;
  scalar: boolean;
}

/** A decision names one patient: a refusal points at the body's patientId. */
export const PATIENT_FIELD: EditField = { field: 'body.patientId', row: 1, scalar: true };
