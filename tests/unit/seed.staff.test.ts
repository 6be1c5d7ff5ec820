import { describe, expect, it } from 'vitest';
import { isoWeekday } from '../../src/calendar/isoWeek.ts';
import { capacityFactorOn } from '../../src/calendar/summer.ts';
import { validateSnapshot } from '../../src/domain/validateSnapshot.ts';
import { generateRegion } from '../../seed/generate.ts';
import { apportionLists } from '../../seed/staff.ts';

const snap = generateRegion({ seed: 11, scale: 0.2 });
const availableOn = (s: (typeof snap.surgeons)[number], d: string): boolean =>
  !s.unavailableDates.includes(d) && (s.extraDates.includes(d) || s.weekdays.includes(isoWeekday(d)));

describe('seed: named surgeons and sessions', () => {
  it('generates surgeons and sessions that pass validation', () => {
    expect(snap.surgeons.length).toBeGreaterThan(100);
    expect(snap.sessions.length).toBeGreaterThan(1000);
    const v = validateSnapshot(snap);
    expect(v.ok ? [] : v.issues.slice(0, 3)).toEqual([]);
  });

  it('rosters surgeons so that a weekday template has its surgeon-list count', () => {
    for (const t of snap.rosterTemplates) {
      for (const [sp, n] of Object.entries(t.surgeonLists)) {
        const rostered = snap.surgeons.filter(
          (s) => s.homeHospitalId === t.hospitalId && s.specialtyId === sp && s.weekdays.includes(t.weekday),
        ).length;
        expect(rostered, `${t.hospitalId} ${sp} weekday ${t.weekday}`).toBe(n);
      }
    }
  });

  it('covers leave so that almost every operating date has the roster count available', () => {
    const dates = [...new Set(snap.sessions.map((x) => x.date))].sort();
    let checked = 0;
    let off = 0;
    for (const h of snap.hospitals)
      for (const d of dates) {
        if (capacityFactorOn(d, snap.calendar) <= 0) continue;
        const r =
          snap.rosterOverrides.find((o) => o.hospitalId === h.id && o.date === d) ??
          snap.rosterTemplates.find((t) => t.hospitalId === h.id && t.weekday === isoWeekday(d));
        for (const sp of h.specialtyIds) {
          const n = snap.surgeons.filter(
            (s) => s.homeHospitalId === h.id && s.specialtyId === sp && availableOn(s, d),
          ).length;
          checked++;
          if (n !== (r?.surgeonLists[sp] ?? 0)) off++;
        }
      }
    expect(checked).toBeGreaterThan(1000);
    expect(off / checked).toBeLessThan(0.01);
  });

  it('lends spine surgeons from Blekinge, Halland and Kronoberg to Skåne', () => {
    const lenders = snap.surgeons.filter(
      (s) => s.specialtyId === 'spine' && s.visitingHospitalIds.length > 0,
    );
    expect(new Set(lenders.map((s) => s.homeHospitalId))).toEqual(
      new Set(['h-karlskrona', 'h-vaxjo', 'h-halmstad']),
    );
    for (const s of lenders) expect(s.visitingHospitalIds).toContain('h-sus-lund');
  });

  it('gives each open theatre-day the roster number of lists and the list minutes', () => {
    const byDay = new Map<string, number>();
    for (const x of snap.sessions)
      byDay.set(`${x.theatreId}|${x.date}`, (byDay.get(`${x.theatreId}|${x.date}`) ?? 0) + x.lengthMin);
    const listMin = new Map(snap.hospitals.map((h) => [h.id, h.listMin]));
    for (const [key, min] of byDay) {
      const theatre = snap.theatres.find((t) => t.id === key.split('|')[0]);
      expect(min).toBe(listMin.get(theatre?.hospitalId ?? ''));
    }
    const kinds = new Set(snap.sessions.map((x) => x.allocation.kind));
    expect(kinds).toEqual(new Set(['specialty', 'surgeon', 'open']));
    const specialty = snap.sessions.filter((x) => x.allocation.kind === 'specialty').length;
    expect(specialty / snap.sessions.length).toBeGreaterThan(0.6);
  });

  it('allocates surgeon sessions only to a surgeon available that day, once a day', () => {
    const seen = new Set<string>();
    const byId = new Map(snap.surgeons.map((s) => [s.id, s]));
    for (const x of snap.sessions) {
      if (x.allocation.kind !== 'surgeon') continue;
      const s = byId.get(x.allocation.surgeonId);
      expect(s && availableOn(s, x.date)).toBe(true);
      const key = `${x.allocation.surgeonId}|${x.date}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });

  it('apportions lists by the surgeon counts, capped at each count', () => {
    expect(
      apportionLists(4, [
        ['a', 3],
        ['b', 1],
      ]),
    ).toEqual(['a', 'a', 'a', 'b']);
    expect(
      apportionLists(2, [
        ['a', 3],
        ['b', 1],
      ]),
    ).toEqual(['a', 'a']);
    expect(
      apportionLists(6, [
        ['a', 3],
        ['b', 1],
      ]),
    ).toEqual(['a', 'a', 'a', 'b']);
  });
});
