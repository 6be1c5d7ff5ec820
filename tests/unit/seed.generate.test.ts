// The Södra seed at scale 1, generated once for the file: shape, validity, calibration to
// the design notes (docs/design.md) and synthetic identities.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateRegion, SYNTHETIC_SERIAL_MAX, SYNTHETIC_SERIAL_MIN } from '../../seed/generate.ts';
import { listShare, summariseSnapshot } from '../../seed/summary.ts';
import { guaranteeDays } from '../../src/domain/careGuarantee.ts';
import { checkPersonnummer } from '../../src/domain/personnummer.ts';
import type { RegionSnapshot, WaitingListEntry } from '../../src/domain/snapshot.ts';
import { validateSnapshot } from '../../src/domain/validateSnapshot.ts';

const SODRA = [
  'h-sus-lund',
  'h-sus-malmo',
  'h-helsingborg',
  'h-csk',
  'h-ystad',
  'h-trelleborg',
  'h-landskrona',
  'h-hassleholm',
  'h-angelholm',
  'h-karlskrona',
  'h-karlshamn',
  'h-vaxjo',
  'h-ljungby',
  'h-halmstad',
  'h-varberg',
  'h-kungsbacka',
];
const SUS = new Set(['h-sus-lund', 'h-sus-malmo']);
const SMALL = ['h-trelleborg', 'h-landskrona', 'h-angelholm', 'h-karlshamn', 'h-ljungby', 'h-kungsbacka'];

let s: RegionSnapshot;
let specialtyOf: Map<string, string>;
beforeAll(() => {
  s = generateRegion({ seed: 7, scale: 1 });
  specialtyOf = new Map(s.procedures.map((p) => [p.id, p.specialtyId]));
});

const share = (f: (e: WaitingListEntry) => boolean): number => listShare(s, f).share;

describe('Södra seed at scale 1', () => {
  it('passes validateSnapshot (shape, references, personnummer)', () => {
    const v = validateSnapshot(JSON.parse(JSON.stringify(s)));
    expect(v.ok ? [] : v.issues.slice(0, 5)).toEqual([]);
  });

  it('has the 16 Södra hospitals with surgery plus the contracted private providers', () => {
    const ids = s.hospitals.map((h) => h.id);
    expect(ids.slice(0, 16)).toEqual(SODRA);
    const priv = s.hospitals.filter((h) => h.privateProvider);
    expect(priv.length).toBeGreaterThanOrEqual(1);
    expect(priv.length).toBeLessThanOrEqual(2);
    expect(s.hospitals).toHaveLength(16 + priv.length);
    expect(s.regions.map((r) => [r.id, r.countyCode])).toEqual([
      ['r-skane', '12'],
      ['r-blekinge', '10'],
      ['r-halland', '13'],
      ['r-kronoberg', '07'],
    ]);
    // ICU only where there is 24-hour acute care.
    for (const h of s.hospitals) if (h.icu) expect(h.acute).toBe(true);
    expect(s.hospitals.find((h) => h.id === 'h-trelleborg')?.acute).toBe(false);
  });

  it('has 20,000–25,000 waiting-list entries', () => {
    expect(s.waitingList.length).toBeGreaterThanOrEqual(20_000);
    expect(s.waitingList.length).toBeLessThanOrEqual(25_000);
  });

  it('has at least 9 specialties and about 30 procedures, two of them HTA "do not do"', () => {
    expect(s.specialties.length).toBeGreaterThanOrEqual(9);
    expect(s.procedures.length).toBeGreaterThanOrEqual(28);
    expect(s.procedures.length).toBeLessThanOrEqual(36);
    expect(new Set(s.procedures.map((p) => p.specialtyId)).size).toBeGreaterThanOrEqual(9);
    const codes = s.procedures.map((p) => p.kvaCode);
    for (const c of ['NFB49', 'NGB49', 'JAB30', 'JKA21', 'KED22', 'CJE20', 'EMB10'])
      expect(codes).toContain(c);
    expect(codes.some((c) => c.startsWith('LCD'))).toBe(true);
    // KVÅ: three letters and two digits, each code once.
    for (const c of codes) expect(c).toMatch(/^[A-Z]{3}\d{2}$/);
    expect(new Set(codes).size).toBe(codes.length);
    expect(s.procedures.filter((p) => p.htaDoNotDo)).toHaveLength(2);
    const hip = s.procedures.find((p) => p.kvaCode === 'NFB49');
    expect(Math.exp(hip?.durationLogMu ?? 0)).toBeCloseTo(100, 0);
    for (const p of s.procedures) {
      expect(p.priceSek).toBeGreaterThanOrEqual(10_000);
      expect(p.priceSek).toBeLessThanOrEqual(250_000);
    }
  });

  it('names the hysterectomy codes as KVÅ does (LCD00 abdominal, LCD01 total laparoscopic, LCD10 vaginal)', () => {
    const name = (code: string): string | undefined => s.procedures.find((p) => p.kvaCode === code)?.nameEn;
    expect(name('LCD00')).toMatch(/^Abdominal hysterectomy/);
    expect(name('LCD01')).toBe('Total laparoscopic hysterectomy');
    expect(name('LCD10')).toBe('Vaginal hysterectomy');
    // LCD11 is laparoscopically assisted vaginal hysterectomy: the seed has none, and no other
    // procedure may carry the code.
    expect(name('LCD11')).toBeUndefined();
    for (const p of s.procedures) {
      if (/hysterectomy/i.test(p.nameEn)) expect(p.kvaCode).toMatch(/^LCD/);
    }
  });

  it('gives each priority group the days its label says', () => {
    for (const g of s.priorityGrids.flatMap((x) => x.groups)) {
      const weeks = /^Within (\d+) weeks?$/.exec(g.labelEn);
      const months = /^Within (\d+) months?$/.exec(g.labelEn);
      if (weeks) expect(g.maxDays).toBe(Number(weeks[1]) * 7);
      else if (months) expect(g.maxDays).toBe(Number(months[1]) * 30);
      else throw new Error(`unexpected label ${g.labelEn}`);
      expect(
        g.labelSv.replace('Inom', 'Within').replace('veckor', 'weeks').replace('månader', 'months'),
      ).toBe(g.labelEn);
    }
  });

  it('respects each hospital remit: no ICU or acute-backup procedure at a hospital without it', () => {
    const proc = new Map(s.procedures.map((p) => [p.id, p]));
    for (const h of s.hospitals) {
      for (const id of h.procedureIds) {
        const p = proc.get(id);
        if (p?.needsIcu) expect(h.icu, `${h.id} ${id}`).toBe(true);
        if (p?.needsAcuteBackup) expect(h.acute, `${h.id} ${id}`).toBe(true);
      }
    }
    const kungsbacka = s.hospitals.find((h) => h.id === 'h-kungsbacka');
    for (const id of kungsbacka?.procedureIds ?? []) expect(proc.get(id)?.care).toBe('day');
    expect(s.hospitals.find((h) => h.id === 'h-vaxjo')?.procedureIds).toContain('p-kac21');
  });

  it('staffs fewer theatres than it has (staff is binding), SUS the tightest, weekends empty', () => {
    const theatres = new Map<string, number>();
    for (const t of s.theatres) theatres.set(t.hospitalId, (theatres.get(t.hospitalId) ?? 0) + 1);
    const ratio = (id: string): number => {
      const mon = s.rosterTemplates.find((r) => r.hospitalId === id && r.weekday === 1);
      return Math.min(mon?.anaesthesiaTeams ?? 0, mon?.nursingTeams ?? 0) / (theatres.get(id) ?? 1);
    };
    for (const id of SODRA) expect(ratio(id), id).toBeLessThan(1);
    for (const id of SODRA)
      if (!SUS.has(id)) expect(ratio(id)).toBeGreaterThanOrEqual(ratio('h-sus-lund') - 0.15);
    expect(theatres.get('h-sus-lund')).toBeGreaterThanOrEqual(20);
    for (const r of s.rosterTemplates.filter((x) => x.weekday >= 6)) {
      expect(r.anaesthesiaTeams + r.nursingTeams).toBe(0);
    }
    const lendable = s.rosterTemplates.filter((r) => Object.keys(r.lendableSurgeonLists).length > 0);
    expect(lendable.some((r) => SUS.has(r.hospitalId))).toBe(true);
    expect(s.regionalTeams.map((t) => t.baseHospitalId).sort()).toEqual(['h-csk', 'h-sus-malmo']);
    for (const t of s.regionalTeams) {
      expect(t.costSekPerDay).toBeGreaterThanOrEqual(60_000);
      expect(t.costSekPerDay).toBeLessThanOrEqual(90_000);
    }
    expect(s.rosterOverrides.length).toBeGreaterThan(0);
    expect(s.closures.length).toBeGreaterThan(0);
  });

  it('has distances for every place->hospital and hospital->hospital pair, road factor 1.25', () => {
    const n = s.places.length * s.hospitals.length + s.hospitals.length * (s.hospitals.length - 1);
    expect(s.distances).toHaveLength(n);
    const d = s.distances.find((x) => x.fromId === 'h-sus-lund' && x.toId === 'h-sus-malmo');
    // Lund–Malmö is about 16 km as the crow flies.
    expect(d?.km).toBeGreaterThan(17);
    expect(d?.km).toBeLessThan(23);
    for (const x of s.distances) expect(Math.round(x.km * 10) / 10).toBe(x.km);
  });

  it('is calibrated to published figures: SUS orthopaedics ~51 %, spine ~70 % past 90 days, small hospitals less', () => {
    const sus = (sp: string) =>
      share((e) => SUS.has(e.listingHospitalId) && specialtyOf.get(e.procedureId) === sp);
    expect(sus('ortho')).toBeGreaterThanOrEqual(0.45);
    expect(sus('ortho')).toBeLessThanOrEqual(0.65);
    expect(sus('spine')).toBeGreaterThanOrEqual(0.6);
    const summary = summariseSnapshot(s);
    const byId = new Map(summary.perHospital.map((r) => [r.hospitalId, r]));
    const susShare = share((e) => SUS.has(e.listingHospitalId));
    for (const id of SMALL) {
      const r = byId.get(id);
      expect(r?.share, id).toBeGreaterThanOrEqual(0.05);
      expect(r?.share, id).toBeLessThanOrEqual(0.32);
      expect(r?.share ?? 1).toBeLessThan(susShare - 0.15);
    }
    expect(summary.share).toBeGreaterThanOrEqual(0.35);
    expect(summary.share).toBeLessThanOrEqual(0.45);
    // SUS carries the largest lists.
    const sizes = summary.perHospital.toSorted((a, b) => b.listSize - a.listSize).map((r) => r.hospitalId);
    expect(new Set(sizes.slice(0, 2))).toEqual(SUS);
  });

  it('draws waiting-list fields in the documented ranges', () => {
    const n = s.waitingList.length;
    const frac = (f: (e: WaitingListEntry) => boolean) => s.waitingList.filter(f).length / n;
    expect(frac((e) => e.consentElsewhere)).toBeGreaterThan(0.62);
    expect(frac((e) => e.consentElsewhere)).toBeLessThan(0.72);
    expect(frac((e) => e.excludedPeriods.length > 0)).toBeGreaterThan(0.06);
    expect(frac((e) => e.excludedPeriods.length > 0)).toBeLessThan(0.1);
    expect(frac((e) => e.asaClass === 3)).toBeGreaterThan(0.15);
    expect(frac((e) => e.asaClass === 3)).toBeLessThan(0.25);
    expect(frac((e) => e.asaClass <= 2)).toBeGreaterThan(0.7);
    // Besides the booked patients (scheduled, see the bookings test), almost everyone waits.
    const booked = new Set(s.bookings.map((b) => b.patientId));
    const unbooked = s.waitingList.filter((e) => !booked.has(e.id));
    expect(unbooked.filter((e) => e.status === 'waiting').length / unbooked.length).toBeGreaterThan(0.97);
    expect(s.waitingList.filter((e) => booked.has(e.id)).every((e) => e.status === 'scheduled')).toBe(true);
    expect(frac((e) => e.maxTravelKm >= 60 && e.maxTravelKm <= 150)).toBeGreaterThan(0.7);
    expect(s.waitingList.some((e) => e.htaOverride)).toBe(true);
    const kinds = new Set(s.waitingList.flatMap((e) => e.excludedPeriods.map((p) => p.kind)));
    expect(kinds).toEqual(new Set(['PvV', 'MoV', 'SoV']));
    const grids = new Map(s.priorityGrids.map((g) => [g.regionId, g]));
    const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    const bad: string[] = [];
    for (const e of s.waitingList) {
      const maxDays = grids.get(e.homeRegionId)?.groups.find((g) => g.group === e.priorityGroup)?.maxDays;
      const pre = days(e.decisionDate, e.earliestDate);
      if (e.maxTravelKm < 30) bad.push(`${e.id} maxTravelKm`);
      if (days(e.decisionDate, e.medicalTargetDate) !== maxDays) bad.push(`${e.id} medicalTargetDate`);
      if (pre < 7 || pre > 40) bad.push(`${e.id} earliestDate`);
      if (days(e.decisionDate, s.asOfDate) > 560) bad.push(`${e.id} decisionDate older than ~18 months`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
    // The grid is data and one region's grid differs.
    const maxDaysSets = new Set(s.priorityGrids.map((g) => g.groups.map((x) => x.maxDays).join(',')));
    expect(maxDaysSets.size).toBeGreaterThan(1);
  });

  it('gives older decisions mostly low priority', () => {
    const old = s.waitingList.filter(
      (e) => guaranteeDays(e.decisionDate, s.asOfDate, e.excludedPeriods) > 180,
    );
    const low = old.filter((e) => e.priorityGroup === 'P3' || e.priorityGroup === 'P4');
    expect(old.length).toBeGreaterThan(1000);
    expect(low.length / old.length).toBeGreaterThan(0.9);
  });

  it('lists patients mostly near and in the region of their hospital', () => {
    const regionOf = new Map(s.hospitals.map((h) => [h.id, h.regionId]));
    const same = s.waitingList.filter((e) => e.homeRegionId === regionOf.get(e.listingHospitalId)).length;
    expect(same / s.waitingList.length).toBeGreaterThan(0.9);
  });

  it('uses only synthetic, valid, unique identities with serials 980–999 and pseudonymous ids', () => {
    expect(s.synthetic).toBe(true);
    const seen = new Set<string>();
    let centenarians = 0;
    const bad: string[] = [];
    for (const e of s.waitingList) {
      const check = checkPersonnummer(e.personnummer, s.asOfDate);
      const serial = Number(e.personnummer.slice(9, 12));
      if (!e.synthetic) bad.push(`${e.id} not synthetic`);
      if (!check.ok) bad.push(`${e.id} ${e.personnummer}: ${check.reason}`);
      if (serial < SYNTHETIC_SERIAL_MIN || serial > SYNTHETIC_SERIAL_MAX)
        bad.push(`${e.id} serial ${serial}`);
      if (seen.has(e.personnummer)) bad.push(`${e.id} duplicate ${e.personnummer}`);
      seen.add(e.personnummer);
      if (e.personnummer[8] === '+') centenarians++;
      if (!/^P\d{7}$/.test(e.id)) bad.push(`${e.id} id format`);
      // Age 18 or more (the + separator covers 100+).
      if (2026 - Number(e.personnummer.slice(0, 4)) < 18) bad.push(`${e.id} younger than 18`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(centenarians).toBeGreaterThan(0);
    expect(new Set(s.waitingList.map((e) => e.id)).size).toBe(s.waitingList.length);
  });

  it('has arrival rates for every hospital × procedure it performs', () => {
    const pairs = s.hospitals.flatMap((h) => h.procedureIds.map((p) => `${h.id}|${p}`));
    expect(s.arrivals.map((a) => `${a.hospitalId}|${a.procedureId}`)).toEqual(pairs);
    const total = s.arrivals.reduce((n, a) => n + a.perWeek, 0);
    // Little's law: a list of ~22,000 waiting ~5 months on average turns over ~1,000–3,000 a week.
    expect(total).toBeGreaterThan(1000);
    expect(total).toBeLessThan(3000);
  });

  it('gives realistic lengths of stay: hip/knee 2–4 nights, spine fusion ~5, cataract 0, day care 0', () => {
    const los = new Map(s.procedures.map((p) => [p.kvaCode, p.lengthOfStayDays]));
    for (const kva of ['NFB49', 'NGB49']) expect(los.get(kva)).toBeGreaterThanOrEqual(2);
    for (const kva of ['NFB49', 'NGB49']) expect(los.get(kva)).toBeLessThanOrEqual(4);
    expect(los.get('NAG49')).toBe(5);
    expect(los.get('CJE20')).toBe(0);
    for (const p of s.procedures) {
      expect(p.lengthOfStayDays, p.id).toBeDefined();
      if (p.care === 'inpatient') expect(p.lengthOfStayDays, p.id).toBeGreaterThan(0);
    }
  });

  it('books the two weeks after the snapshot date, mostly full lists, within the beds', () => {
    const asOf = Date.parse(s.asOfDate);
    const dayOf = (d: string) => (Date.parse(d) - asOf) / 86_400_000;
    expect(s.bookings.length).toBeGreaterThan(2000);
    expect(s.bookings.every((b) => dayOf(b.date) >= 0 && dayOf(b.date) < 14)).toBe(true);
    // Booked theatre-days: most of their list minutes are taken (lists already full).
    const proc = new Map(s.procedures.map((p) => [p.id, p]));
    const pat = new Map(s.waitingList.map((p) => [p.id, p]));
    const hosp = new Map(s.hospitals.map((h) => [h.id, h]));
    const used = new Map<string, { min: number; listMin: number }>();
    for (const b of s.bookings) {
      const pr = proc.get(pat.get(b.patientId)?.procedureId ?? '');
      const h = hosp.get(b.hospitalId);
      expect(pr && h && h.procedureIds.includes(pr.id)).toBe(true);
      if (!pr || !h) continue;
      const min = Math.round(Math.exp(pr.durationLogMu + pr.durationLogSigma ** 2 / 2)) + pr.turnoverMin;
      const key = `${b.theatreId}|${b.date}`;
      const e = used.get(key) ?? { min: 0, listMin: h.listMin };
      e.min += min;
      used.set(key, e);
    }
    const fill = [...used.values()].map((e) => e.min / e.listMin);
    expect(Math.max(...fill)).toBeLessThanOrEqual(1);
    expect(fill.filter((f) => f >= 0.8).length / fill.length).toBeGreaterThan(0.8);
    // Week one is booked more fully than week two (some lists still open there).
    const perWeek = [0, 0];
    for (const k of used.keys()) perWeek[dayOf(k.split('|')[1] as string) < 7 ? 0 : 1]! += 1;
    expect(perWeek[0]!).toBeGreaterThan(perWeek[1]!);
    expect(new Set(s.bookings.map((b) => b.patientId)).size).toBe(s.bookings.length);
  });

  it('has ward beds per weekday for every hospital with inpatient care, and bookings that fill some', () => {
    const withBeds = new Set(s.wardBeds.map((b) => b.hospitalId));
    for (const h of s.hospitals) {
      const inpatient = h.procedureIds.some(
        (id) => s.procedures.find((p) => p.id === id)?.care === 'inpatient',
      );
      if (inpatient) expect(withBeds.has(h.id), h.id).toBe(true);
    }
    for (const id of withBeds) expect(s.wardBeds.filter((b) => b.hospitalId === id)).toHaveLength(7);
    expect(s.wardBedOverrides.length).toBeGreaterThan(0);
    // Beds taken by bookings per hospital-day, never above the day's beds; full on some days.
    const los = new Map(s.procedures.map((p) => [p.id, p.lengthOfStayDays ?? 0]));
    const pat = new Map(s.waitingList.map((p) => [p.id, p]));
    const taken = new Map<string, number>();
    for (const b of s.bookings) {
      const n = los.get(pat.get(b.patientId)?.procedureId ?? '') ?? 0;
      for (let t = 0; t < n; t++) {
        const d = new Date(Date.parse(b.date) + t * 86_400_000).toISOString().slice(0, 10);
        taken.set(`${b.hospitalId}|${d}`, (taken.get(`${b.hospitalId}|${d}`) ?? 0) + 1);
      }
    }
    const bedsOn = (h: string, d: string): number =>
      s.wardBedOverrides.find((o) => o.hospitalId === h && o.date === d)?.beds ??
      s.wardBeds.find((b) => b.hospitalId === h && b.weekday === ((new Date(d).getUTCDay() + 6) % 7) + 1)
        ?.beds ??
      Infinity;
    let full = 0;
    for (const [key, n] of taken) {
      const [h, d] = key.split('|') as [string, string];
      expect(n, key).toBeLessThanOrEqual(bedsOn(h, d));
      if (n === bedsOn(h, d)) full++;
    }
    expect(full).toBeGreaterThan(0);
    expect(full / taken.size).toBeLessThan(0.25);
  });
});
