// The small test snapshot with named surgeons and a session plan (ADR 0024): two ortho surgeons
// at SUS Lund (one may visit Hässleholm), one general surgeon, and sessions of every allocation
// kind, a split day among them. Each call returns a fresh object.
import type { RegionSnapshot } from '../../src/domain/snapshot.ts';
import { smallSnapshot } from './smallSnapshot.ts';

export function staffSnapshot(): RegionSnapshot {
  const s = smallSnapshot();
  s.surgeons = [
    {
      id: 'op-lund-ortho-1',
      name: 'Eva Lindqvist',
      homeHospitalId: 'h-sus-lund',
      specialtyId: 'ortho',
      procedureIds: ['p-hip', 'p-knee'],
      maxMinPerDay: 480,
      weekdays: [1, 2, 3],
      unavailableDates: ['2026-03-03'],
      extraDates: ['2026-03-07'],
      visitingHospitalIds: ['h-hassleholm'],
      maxParallelTheatres: 2,
    },
    {
      id: 'op-lund-ortho-2',
      name: 'Nils Bergström',
      homeHospitalId: 'h-sus-lund',
      specialtyId: 'ortho',
      procedureIds: ['p-knee'],
      maxMinPerDay: 450,
      weekdays: [4, 5],
      unavailableDates: [],
      extraDates: [],
      visitingHospitalIds: [],
      maxParallelTheatres: 1,
    },
    {
      id: 'op-lund-gensurg-1',
      name: 'Sara Holm',
      homeHospitalId: 'h-sus-lund',
      specialtyId: 'gensurg',
      procedureIds: ['p-chole'],
      maxMinPerDay: 420,
      weekdays: [1, 2, 3, 4, 5],
      unavailableDates: [],
      extraDates: [],
      visitingHospitalIds: [],
      maxParallelTheatres: 1,
    },
  ];
  s.sessions = [
    {
      id: 'se-lund-op1-0302-day',
      hospitalId: 'h-sus-lund',
      theatreId: 'h-sus-lund-op1',
      date: '2026-03-02',
      part: 'day',
      startTime: '07:45',
      lengthMin: 450,
      allocation: { kind: 'specialty', specialtyId: 'ortho' },
    },
    {
      id: 'se-lund-op2-0302-am',
      hospitalId: 'h-sus-lund',
      theatreId: 'h-sus-lund-op2',
      date: '2026-03-02',
      part: 'am',
      startTime: '07:45',
      lengthMin: 225,
      allocation: { kind: 'surgeon', surgeonId: 'op-lund-ortho-1' },
    },
    {
      id: 'se-lund-op2-0302-pm',
      hospitalId: 'h-sus-lund',
      theatreId: 'h-sus-lund-op2',
      date: '2026-03-02',
      part: 'pm',
      startTime: '11:30',
      lengthMin: 225,
      allocation: { kind: 'surgeon', surgeonId: 'op-lund-gensurg-1' },
    },
    {
      id: 'se-hlm-op1-0303-day',
      hospitalId: 'h-hassleholm',
      theatreId: 'h-hassleholm-op1',
      date: '2026-03-03',
      part: 'day',
      startTime: '08:00',
      lengthMin: 465,
      allocation: { kind: 'open' },
    },
  ];
  const knee = s.waitingList.find((p) => p.procedureId === 'p-knee' && p.listingHospitalId === 'h-sus-lund');
  const hip = s.waitingList.find((p) => p.procedureId === 'p-hip');
  if (knee === undefined || hip === undefined) throw new Error('small snapshot lacks a knee or hip patient');
  knee.surgeonId = 'op-lund-ortho-2';
  hip.preferredSurgeonId = 'op-lund-ortho-1';
  return s;
}
