// The route table: every slice's routes, in the order they are registered and documented. The
// slices own their schemas, handlers and use cases; this file only composes them.
import type { Db } from '../src/db/db.ts';
import type { Config } from '../src/config.ts';
import type { Auditor } from '../src/auth/audit.ts';
import type { SessionGuard } from '../src/auth/sessions.ts';
import type { Lockout } from '../src/auth/lockout.ts';
import type { AnyRoute } from '../src/http/route.ts';
import type { PlanService } from '../src/plans/service.ts';
import type { CapacityService } from '../src/capacity/service.ts';
import { userRoutes } from '../src/users/routes.ts';
import { referenceRoutes } from '../src/reference/routes.ts';
import { capacityRoutes } from '../src/capacity/routes.ts';
import { waitingListRoutes } from '../src/waiting-list/routes.ts';
import { planRoutes } from '../src/plans/routes.ts';
import { exportRoutes } from '../src/exports/routes.ts';
import { auditRoutes } from '../src/audit/routes.ts';
import { scenarioRoutes, scenariosNotConfigured } from '../src/scenarios/routes.ts';
import type { ScenarioService } from '../src/scenarios/service.ts';

export interface RouteDeps {
  db: Db;
  config: Config;
  clock: () => Date;
  auditor: Auditor;
  plans: PlanService;
  capacity: CapacityService;
  sessions: SessionGuard;
  lockout: Lockout;
  /** Absent: the scenario routes are still mounted and answer 501 (not configured). */
  scenarios?: ScenarioService;
}

export function routes(d: RouteDeps): AnyRoute[] {
  return [
    ...userRoutes(d),
    ...referenceRoutes(d),
    ...capacityRoutes(d),
    ...waitingListRoutes(d),
    ...planRoutes(d),
    ...exportRoutes({
      ...d,
      tokenSecret: d.config.tokenSecret,
      assertPlanVisible: (who, planId) => d.plans.kpis(who, planId),
    }),
    ...auditRoutes(d),
    ...scenarioRoutes(() => d.scenarios ?? scenariosNotConfigured()),
  ];
}
