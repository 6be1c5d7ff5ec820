// The hard rules, one file each, in RULE_NAMES order.
import { acuteBackup } from './acuteBackup.ts';
import { bookedCapacity } from './bookedCapacity.ts';
import { beforeRelease } from './beforeRelease.ts';
import { closedTheatre } from './closedTheatre.ts';
import { doubleBooking } from './doubleBooking.ts';
import { excludedPeriod } from './excludedPeriod.ts';
import { htaDoNotDo } from './htaDoNotDo.ts';
import { icuRequired } from './icuRequired.ts';
import { lending } from './lending.ts';
import { mixedSpecialty } from './mixedSpecialty.ts';
import { movedWithoutConsent } from './movedWithoutConsent.ts';
import { mustTreat } from './mustTreat.ts';
import { overrunRisk } from './overrunRisk.ts';
import { pinBroken } from './pinBroken.ts';
import { plannerExclusion } from './plannerExclusion.ts';
import { procedureNotOffered } from './procedureNotOffered.ts';
import { regionalTeam } from './regionalTeam.ts';
import type { Rule } from './rule.ts';
import { staffedTeams } from './staffedTeams.ts';
import { surgeonLists } from './surgeonLists.ts';
import { theatreOverrun } from './theatreOverrun.ts';
import { travelBeyondConsent } from './travelBeyondConsent.ts';
import { unknownReference } from './unknownReference.ts';
import { wardBeds } from './wardBeds.ts';
import {
  sessionRule,
  surgeonAvailability,
  surgeonMinutes,
  surgeonOnePlace,
  surgeonProcedure,
  tiedSurgeon,
} from './surgeons.ts';

export { RULE_NAMES, type RuleName } from './names.ts';
export type { Rule } from './rule.ts';

export const RULES: readonly Rule[] = [
  unknownReference,
  doubleBooking,
  procedureNotOffered,
  acuteBackup,
  icuRequired,
  movedWithoutConsent,
  travelBeyondConsent,
  beforeRelease,
  excludedPeriod,
  htaDoNotDo,
  plannerExclusion,
  pinBroken,
  closedTheatre,
  mixedSpecialty,
  staffedTeams,
  surgeonLists,
  lending,
  regionalTeam,
  theatreOverrun,
  overrunRisk,
  bookedCapacity,
  wardBeds,
  mustTreat,
  surgeonMinutes,
  surgeonOnePlace,
  sessionRule,
  tiedSurgeon,
  surgeonProcedure,
  surgeonAvailability,
];
