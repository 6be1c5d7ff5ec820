// Routes of the scenario slice: thin handlers over service.ts. Analysts and planners only; every
// other role gets 403 (and an access.denied audit row) before a handler runs.
import type { AnyRoute, RouteSpec } from '../http/route.ts';
import { AppError } from '../errors.ts';
import { SCENARIO_ROLES } from '../auth/access.ts';
import { Scenario } from './model.ts';
import { RunSpec } from './runs/contract.ts';
import type { ScenarioService } from './service.ts';
import * as S from './schemas.ts';

/** The routes of a server without a scenario service: 501, saying so in the problem's title. */
export function scenariosNotConfigured(): never {
  throw new AppError(
    'scenarios_not_configured',
    501,
    'this server has no scenario service configured: scenarios, runs and inverse questions are not available here',
    { details: { title: 'Scenarios are not configured on this server' } },
  );
}

export function scenarioRoutes(scenarios: () => ScenarioService): AnyRoute[] {
  const r: AnyRoute[] = [];
  const add = <P, Q, B>(spec: RouteSpec<P, Q, B>): void => {
    r.push(spec as AnyRoute);
  };
  const auth = SCENARIO_ROLES;
  const tag = 'scenarios';

  add({
    method: 'get',
    path: '/api/scenarios',
    tag,
    summary: 'Scenarios (latest version of each)',
    auth,
    response: S.ScenarioListResponse,
    handler: async ({ who }) => ({ body: await scenarios().list(who) }),
  });
  add({
    method: 'post',
    path: '/api/scenarios',
    tag,
    summary:
      'Save a new scenario: a JSON document, or the text of a scenario file as text/plain; errors name the field',
    auth,
    body: S.ScenarioBody,
    docBody: Scenario,
    status: 201,
    response: Scenario,
    handler: async ({ who, body }) => ({ status: 201, body: await scenarios().create(who, body) }),
  });
  add({
    method: 'get',
    path: '/api/scenarios/:id',
    tag,
    summary: 'A scenario (latest version, or ?version=)',
    auth,
    params: S.ScenarioIdParams,
    query: S.VersionQuery,
    response: Scenario,
    handler: async ({ who, params, query }) => ({
      body: await scenarios().get(who, params.id, query.version),
    }),
  });
  add({
    method: 'get',
    path: '/api/scenarios/:id/versions',
    tag,
    summary: 'Every saved version of a scenario, newest first',
    auth,
    params: S.ScenarioIdParams,
    response: S.ScenarioVersionsResponse,
    handler: async ({ who, params }) => ({ body: await scenarios().versions(who, params.id) }),
  });
  add({
    method: 'put',
    path: '/api/scenarios/:id',
    tag,
    summary: 'Save the next version of a scenario (the document id must match the URL)',
    auth,
    params: S.ScenarioIdParams,
    body: S.ScenarioBody,
    docBody: Scenario,
    response: Scenario,
    handler: async ({ who, params, body }) => ({ body: await scenarios().update(who, params.id, body) }),
  });
  add({
    method: 'delete',
    path: '/api/scenarios/:id',
    tag,
    summary: 'Delete every version of a scenario; runs that used it keep their own copy and results',
    auth,
    params: S.ScenarioIdParams,
    status: 204,
    handler: async ({ who, params }) => {
      await scenarios().remove(who, params.id);
      return { status: 204 };
    },
  });

  add({
    method: 'post',
    path: '/api/scenario-runs',
    tag,
    summary: 'Start a run: scenarios × policies × replications (same seed: common random numbers)',
    auth,
    body: RunSpec,
    status: 202,
    response: S.RunStatusResponse,
    handler: async ({ who, body }) => ({ status: 202, body: await scenarios().startRun(who, body) }),
  });
  add({
    method: 'get',
    path: '/api/scenario-runs',
    tag,
    summary: 'Recent runs with their progress',
    auth,
    response: S.RunListResponse,
    handler: async ({ who }) => ({ body: await scenarios().listRuns(who) }),
  });
  add({
    method: 'get',
    path: '/api/scenario-runs/:runId',
    tag,
    summary: 'Progress of a run: replications done of total, ETA',
    auth,
    params: S.RunIdParams,
    response: S.RunStatusResponse,
    handler: async ({ who, params }) => ({ body: await scenarios().run(who, params.runId) }),
  });
  add({
    method: 'delete',
    path: '/api/scenario-runs/:runId',
    tag,
    summary: 'Cancel a run (replications already stored stay)',
    auth,
    params: S.RunIdParams,
    response: S.RunStatusResponse,
    handler: async ({ who, params }) => ({ body: await scenarios().cancelRun(who, params.runId) }),
  });
  add({
    method: 'get',
    path: '/api/scenario-runs/:runId/results',
    tag,
    summary:
      'Reports per scenario and policy, and paired comparisons (each scenario vs the first; optimised vs baseline)',
    auth,
    params: S.RunIdParams,
    response: S.ResultsResponse,
    handler: async ({ who, params }) => ({ body: await scenarios().results(who, params.runId) }),
  });
  add({
    method: 'get',
    path: '/api/scenario-runs/:runId/results.csv',
    tag,
    summary: 'Results as one tidy CSV: scenario, version, policy, week, isoWeek, metric, mean, lo, hi',
    auth,
    params: S.RunIdParams,
    produces: 'text/csv',
    handler: async ({ who, params }) => ({
      text: {
        contentType: 'text/csv; charset=utf-8',
        value: await scenarios().resultsCsv(who, params.runId),
      },
      headers: { 'Content-Disposition': `attachment; filename="scenario-results.csv"` },
    }),
  });
  add({
    method: 'post',
    path: '/api/scenario-inverse',
    tag,
    summary:
      'The inverse question: the least regional-team days or extra lists per week that bring the share past the guarantee to a target',
    auth,
    body: S.InverseBody,
    status: 202,
    response: S.InverseStatusResponse,
    handler: async ({ who, body }) => ({ status: 202, body: await scenarios().startInverse(who, body) }),
  });
  add({
    method: 'get',
    path: '/api/scenario-inverse/:inverseId',
    tag,
    summary: 'State and answer of an inverse question',
    auth,
    params: S.InverseIdParams,
    response: S.InverseStatusResponse,
    handler: async ({ who, params }) => ({ body: await scenarios().inverse(who, params.inverseId) }),
  });
  return r;
}
