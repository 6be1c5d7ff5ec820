// New decisions to treat for the simulation, drawn like the seed generator draws its waiting list:
// home place near the listing hospital (same distance weighting, fewer from across the border),
// priority group by the procedure's profile, ASA class within what the hospital may take, consent to
// care elsewhere, travel limit and work-up time. A new decision has waited 0 days, so no excluded
// period and no long-wait skew of the ASA class. The simulation core gets this as a plain function
// (the CLI composes them), so src/simulation never imports seed/.
import type { ProblemPatient } from '../solver/model/problem.ts';
import type { RegionSnapshot } from '../src/domain/snapshot.ts';
import type { ArrivalDraw, PatientFactory } from '../src/simulation/types.ts';
import { WeightedSampler, type Rng } from '../src/random/rng.ts';
import {
  ASA_CLASSES,
  ASA_WEIGHTS,
  CONSENT_ELSEWHERE_SHARE,
  HOME_DISTANCE_SCALE_KM,
  HOME_WEIGHT_FLOOR,
  HTA_OVERRIDE_SHARE,
  OTHER_REGION_HOME_FACTOR,
  drawMaxTravelKm,
  procedureId,
  roadKm,
} from './generate.ts';
import { PROCEDURES } from './data/procedures.ts';
import { PRIORITY_GROUP_NAMES } from './data/regions.ts';

/** Priority weights P1..P4 of a procedure id (the seed's profile; an unknown procedure: P3). */
const PRIORITY_BY_PROCEDURE = new Map(PROCEDURES.map((p) => [procedureId(p.kva), p.priority]));

export function seedPatientFactory(snapshot: RegionSnapshot): PatientFactory {
  const hospitals = new Map(snapshot.hospitals.map((h) => [h.id, h]));
  const procedures = new Map(snapshot.procedures.map((p) => [p.id, p]));
  const gridDays = new Map(
    snapshot.priorityGrids.map((g) => [g.regionId, new Map(g.groups.map((x) => [x.group, x.maxDays]))]),
  );
  const homeSamplers = new Map<string, WeightedSampler<{ placeId: string; regionId: string; km: number }>>();
  const homeSampler = (
    hospitalId: string,
  ): WeightedSampler<{ placeId: string; regionId: string; km: number }> => {
    const cached = homeSamplers.get(hospitalId);
    if (cached) return cached;
    const h = hospitals.get(hospitalId);
    if (h === undefined) throw new RangeError(`arrival at unknown hospital ${hospitalId}`);
    // Places of the hospital's copy of the region set only (the seed's copies are far apart).
    const places = snapshot.places.filter((pl) => Math.abs(pl.lat - h.lat) < 1.5);
    const items = places.map((pl) => ({
      placeId: pl.id,
      regionId: pl.regionId,
      km: roadKm(pl.lat, pl.lon, h.lat, h.lon),
    }));
    const sampler = new WeightedSampler(
      items,
      items.map(
        (it) =>
          (Math.exp(-it.km / HOME_DISTANCE_SCALE_KM) + HOME_WEIGHT_FLOOR) *
          (it.regionId === h.regionId ? 1 : OTHER_REGION_HOME_FACTOR),
      ),
    );
    homeSamplers.set(hospitalId, sampler);
    return sampler;
  };

  return (rng: Rng, a: ArrivalDraw): ProblemPatient => {
    const h = hospitals.get(a.hospitalId);
    const proc = procedures.get(a.procedureId);
    if (h === undefined || proc === undefined)
      throw new RangeError(`arrival ${a.id}: unknown hospital or procedure`);
    const home = homeSampler(a.hospitalId).sample(rng);
    const grid = gridDays.get(home.regionId);
    const profile = PRIORITY_BY_PROCEDURE.get(a.procedureId) ?? [0, 0, 1, 0];
    const groups = PRIORITY_GROUP_NAMES.filter((g) => grid?.has(g) ?? false);
    const priorityGroup =
      groups.length > 0
        ? rng.weighted(
            groups,
            groups
              .map((g) => profile[PRIORITY_GROUP_NAMES.indexOf(g)] ?? 0)
              .map((w, _i, all) => (all.some((x) => x > 0) ? w : 1)),
          )
        : 'P3';
    const targetDays = grid?.get(priorityGroup) ?? 90;
    const asaWeights = ASA_WEIGHTS.map((w, k) => (h.acute || k + 1 <= proc.maxAsaNonAcute ? w : 0));
    const asaClass = rng.weighted(ASA_CLASSES, asaWeights);
    const consentElsewhere = rng.bool(CONSENT_ELSEWHERE_SHARE);
    const maxTravelKm = drawMaxTravelKm(rng, home.km);
    const earliest = a.decisionDay + rng.int(7, 40);
    return {
      id: a.id,
      homeRegionId: home.regionId,
      homePlaceId: home.placeId,
      listingHospitalId: a.hospitalId,
      procedureId: a.procedureId,
      asaClass,
      priorityGroup,
      decisionDay: a.decisionDay,
      targetDay: a.decisionDay + targetDays,
      earliestDay: earliest,
      consentElsewhere,
      maxTravelKm,
      excludedPeriods: [],
      htaOverride: proc.htaDoNotDo && rng.bool(HTA_OVERRIDE_SHARE),
    };
  };
}
