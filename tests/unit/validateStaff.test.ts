import { describe, expect, it } from 'vitest';
import { validateSnapshot } from '../../src/domain/validateSnapshot.ts';
import type { RegionSnapshot } from '../../src/domain/snapshot.ts';
import { staffSnapshot } from '../helpers/staffSnapshot.ts';

const issuesOf = (s: RegionSnapshot): Array<{ field: string; row?: number; message: string }> => {
  const v = validateSnapshot(s);
  return v.ok ? [] : v.issues;
};

describe('snapshot validation: surgeons and sessions', () => {
  it('accepts the staff snapshot', () => {
    expect(issuesOf(staffSnapshot())).toEqual([]);
  });

  it('rejects a duplicate surgeon id, naming the row', () => {
    const s = staffSnapshot();
    s.surgeons.push({ ...s.surgeons[0]!, name: 'Other' });
    expect(issuesOf(s)).toContainEqual(expect.objectContaining({ field: 'surgeons[3].id', row: 4 }));
  });

  it('rejects an unknown home hospital', () => {
    const s = staffSnapshot();
    s.surgeons[1]!.homeHospitalId = 'h-nowhere';
    expect(issuesOf(s)).toContainEqual(expect.objectContaining({ field: 'surgeons[1].homeHospitalId' }));
  });

  it('rejects a specialty the home hospital lacks', () => {
    const s = staffSnapshot();
    s.surgeons[2]!.homeHospitalId = 'h-hassleholm';
    expect(issuesOf(s)).toContainEqual(expect.objectContaining({ field: 'surgeons[2].specialtyId' }));
  });

  it('rejects a procedure of another specialty', () => {
    const s = staffSnapshot();
    s.surgeons[0]!.procedureIds.push('p-chole');
    expect(issuesOf(s)).toContainEqual(expect.objectContaining({ field: 'surgeons[0].procedureIds[2]' }));
  });

  it('rejects an unknown visiting hospital', () => {
    const s = staffSnapshot();
    s.surgeons[0]!.visitingHospitalIds = ['h-nowhere'];
    expect(issuesOf(s)).toContainEqual(
      expect.objectContaining({ field: 'surgeons[0].visitingHospitalIds[0]' }),
    );
  });

  it('rejects a session in a theatre of another hospital', () => {
    const s = staffSnapshot();
    s.sessions[3]!.theatreId = 'h-sus-lund-op1';
    expect(issuesOf(s)).toContainEqual(
      expect.objectContaining({
        field: 'sessions[3].theatreId',
        message: expect.stringContaining("not a theatre of the row's hospital"),
      }),
    );
  });

  it('rejects a session allocated to a specialty the hospital lacks', () => {
    const s = staffSnapshot();
    s.sessions[3]!.allocation = { kind: 'specialty', specialtyId: 'gensurg' };
    expect(issuesOf(s)).toContainEqual(
      expect.objectContaining({ field: 'sessions[3].allocation.specialtyId' }),
    );
  });

  it('rejects a session of a surgeon who may not operate at the hospital', () => {
    const s = staffSnapshot();
    s.sessions[3]!.allocation = { kind: 'surgeon', surgeonId: 'op-lund-ortho-2' };
    expect(issuesOf(s)).toContainEqual(
      expect.objectContaining({ field: 'sessions[3].allocation.surgeonId' }),
    );
    s.sessions[3]!.allocation = { kind: 'surgeon', surgeonId: 'op-lund-ortho-1' };
    expect(issuesOf(s)).toEqual([]);
  });

  it('rejects two overlapping sessions in one theatre, naming the later row', () => {
    const s = staffSnapshot();
    s.sessions[2]!.startTime = '11:00';
    expect(issuesOf(s)).toContainEqual(
      expect.objectContaining({
        field: 'sessions[2].startTime',
        row: 3,
        message: expect.stringContaining('row 2'),
      }),
    );
  });

  it('rejects a duplicate session id', () => {
    const s = staffSnapshot();
    s.sessions[3]!.id = s.sessions[0]!.id;
    expect(issuesOf(s)).toContainEqual(expect.objectContaining({ field: 'sessions[3].id' }));
  });

  it('rejects a waiting-list surgeon who is unknown or does not do the procedure', () => {
    const s = staffSnapshot();
    const i = s.waitingList.findIndex((p) => p.surgeonId !== undefined);
    s.waitingList[i]!.surgeonId = 'op-nobody';
    const j = s.waitingList.findIndex((p) => p.preferredSurgeonId !== undefined);
    s.waitingList[j]!.preferredSurgeonId = 'op-lund-gensurg-1';
    const issues = issuesOf(s);
    expect(issues).toContainEqual(expect.objectContaining({ field: `waitingList[${i}].surgeonId` }));
    expect(issues).toContainEqual(expect.objectContaining({ field: `waitingList[${j}].preferredSurgeonId` }));
  });
});
