// Every JSON route declares its output schema (the API tests parse each response with it), and the
// check itself tells a matching response from a drifted one.
import { describe, expect, it } from 'vitest';
import { routeTable } from '../helpers/fuzz.ts';
import { responseMismatch, routeOf } from '../helpers/responses.ts';

describe('route output schemas', () => {
  const table = routeTable();

  it('every route answering JSON declares a response schema', () => {
    const missing = table
      .filter((r) => r.status !== 204 && r.produces === undefined && r.response === undefined)
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('finds the route of a concrete path, parameters and query included', () => {
    expect(routeOf(table, 'GET', '/api/plans/12/decisions?hospitalId=h-x')?.path).toBe(
      '/api/plans/:id/decisions',
    );
    expect(routeOf(table, 'GET', '/api/plans/3/diff/4')?.path).toBe('/api/plans/:a/diff/:b');
    expect(routeOf(table, 'GET', '/api/nowhere')).toBeUndefined();
  });

  it('accepts a matching body and names the field of a drifted one', () => {
    const ok = { revoked: 2 };
    const json = 'application/json; charset=utf-8';
    expect(responseMismatch(table, 'DELETE', '/api/users/u-1/sessions', 200, json, ok)).toBeUndefined();
    const bad = responseMismatch(table, 'DELETE', '/api/users/u-1/sessions', 200, json, { revoked: 'two' });
    expect(bad).toMatch(/response\.revoked/);
    // Errors and non-JSON bodies are not the output schema's business.
    expect(responseMismatch(table, 'DELETE', '/api/users/u-1/sessions', 404, json, {})).toBeUndefined();
  });

  it('a pseudonymised patient view may not carry a personnummer or name', () => {
    const row = {
      view: 'pseudonymised',
      id: 'ps-1',
      ageBand: '70-79',
      homeRegionId: 'r-1',
      listingHospitalId: 'h-1',
      procedureId: 'p-1',
      priorityGroup: 'P2',
      decisionDate: '2026-01-01',
      medicalTargetDate: '2026-03-01',
      earliestDate: '2026-01-10',
      asaClass: 2,
      status: 'waiting',
      category: 'elektiv',
      guaranteeDays: 10,
      pastGuarantee: false,
      guaranteeWaived: false,
    };
    const page = (r: object) => ({ rows: [r], total: 1, limit: 100, offset: 0, asOfDate: '2026-11-23' });
    const json = 'application/json';
    expect(responseMismatch(table, 'GET', '/api/waiting-list', 200, json, page(row))).toBeUndefined();
    const leak = responseMismatch(
      table,
      'GET',
      '/api/waiting-list',
      200,
      json,
      page({ ...row, personnummer: '19450101-9801' }),
    );
    expect(leak).toMatch(/personnummer/);
  });
});
