// Capacity use cases: roster overrides (date-specific staffing), closures and regional-team
// availability. Editable by planners and by the coordinator of the hospital concerned; every change
// is one transaction, audited, and announced as `capacity.changed`.
import type { Db } from '../db/db.ts';
import {
  deleteClosure,
  insertClosure,
  listClosures,
  listRegionalTeams,
  listRosterOverrides,
  replaceRosterOverrides,
  setTeamAvailability,
  theatreOf,
  type ClosureRow,
  type OverrideRow,
} from './repo.ts';
import { hospitalExists } from '../reference/repo.ts';
import { NotFoundError, ValidationError, type FieldIssue } from '../errors.ts';
import { requireHospitalWrite, type Principal } from '../auth/roles.ts';
import { withAudit, type Auditor } from '../auth/audit.ts';
import type { EventSink } from '../planning/events.ts';
import { importSessions, importSurgeons, type ImportInput } from './staffImport.ts';
import { sessionsOfHospital, surgeonsOfHospital } from '../db/staffRepo.ts';

export interface CapacityDeps {
  db: Db;
  auditor: Auditor;
  events: EventSink;
}

export type CapacityService = ReturnType<typeof createCapacityService>;

export function createCapacityService({ db, auditor, events }: CapacityDeps) {
  const ensureHospital = async (id: string): Promise<void> => {
    if (!(await hospitalExists(db, id))) throw new NotFoundError(`hospital ${id} not found`);
  };
  const announce = (hospitalId: string, kind: string, details: Record<string, unknown>): void => {
    const payload = { hospitalId, kind, ...details };
    events.emit('capacity.changed', {
      planners: payload,
      analysts: payload,
      hospitals: new Map([[hospitalId, payload]]),
    });
  };

  return {
    async overrides(hospitalId: string, from?: string, to?: string): Promise<OverrideRow[]> {
      await ensureHospital(hospitalId);
      return listRosterOverrides(db, hospitalId, from, to);
    },

    async replaceOverrides(
      who: Principal,
      hospitalId: string,
      body: { from: string; to: string; overrides: Omit<OverrideRow, 'hospitalId'>[] },
    ): Promise<{ deleted: number; inserted: number }> {
      requireHospitalWrite(who, hospitalId, 'roster overrides');
      await ensureHospital(hospitalId);
      const issues: FieldIssue[] = [];
      if (body.from > body.to) issues.push({ field: 'body.to', message: 'must not be before from' });
      const dates = new Set<string>();
      body.overrides.forEach((o, i) => {
        if (o.date < body.from || o.date > body.to)
          issues.push({
            field: `body.overrides[${i}].date`,
            row: i + 1,
            message: `outside ${body.from}..${body.to}`,
          });
        if (dates.has(o.date))
          issues.push({
            field: `body.overrides[${i}].date`,
            row: i + 1,
            message: `duplicate date ${o.date}`,
          });
        dates.add(o.date);
        for (const [s, n] of Object.entries(o.lendableSurgeonLists)) {
          if (n > (o.surgeonLists[s] ?? 0))
            issues.push({
              field: `body.overrides[${i}].lendableSurgeonLists.${s}`,
              row: i + 1,
              message: 'more than the surgeon lists of that specialty',
            });
        }
      });
      if (issues.length > 0) throw new ValidationError('invalid roster overrides', issues);
      const res = await withAudit<{ deleted: number; inserted: number }>(
        db,
        auditor,
        who,
        (r) => ({
          action: 'capacity.change',
          hospitalId,
          details: { kind: 'roster-overrides', from: body.from, to: body.to, ...r },
        }),
        (tx) =>
          replaceRosterOverrides(
            tx,
            hospitalId,
            body.from,
            body.to,
            body.overrides.map((o) => ({ ...o, hospitalId })),
          ),
      );
      announce(hospitalId, 'roster-overrides', { from: body.from, to: body.to });
      return res;
    },

    async closures(hospitalId: string): Promise<ClosureRow[]> {
      await ensureHospital(hospitalId);
      return listClosures(db, hospitalId);
    },

    async addClosure(
      who: Principal,
      hospitalId: string,
      c: { theatreId?: string | undefined; date: string; reason: string },
    ): Promise<ClosureRow> {
      requireHospitalWrite(who, hospitalId, 'closures');
      await ensureHospital(hospitalId);
      if (c.theatreId !== undefined && (await theatreOf(db, c.theatreId)) !== hospitalId) {
        throw new ValidationError('invalid closure', [
          { field: 'body.theatreId', message: `theatre ${c.theatreId} is not at ${hospitalId}` },
        ]);
      }
      const row = await withAudit<ClosureRow>(
        db,
        auditor,
        who,
        (closure) => ({ action: 'capacity.change', hospitalId, details: { kind: 'closure.add', closure } }),
        (tx) =>
          insertClosure(tx, {
            hospitalId,
            ...(c.theatreId !== undefined ? { theatreId: c.theatreId } : {}),
            date: c.date,
            reason: c.reason,
          }),
      );
      announce(hospitalId, 'closure.add', { closure: row });
      return row;
    },

    async removeClosure(who: Principal, hospitalId: string, id: number): Promise<void> {
      requireHospitalWrite(who, hospitalId, 'closures');
      await withAudit(
        db,
        auditor,
        who,
        { action: 'capacity.change', hospitalId, details: { kind: 'closure.remove', closureId: id } },
        async (tx) => {
          // Throwing rolls the audit row back with the (absent) change.
          if (!(await deleteClosure(tx, hospitalId, id)))
            throw new NotFoundError(`closure ${id} of ${hospitalId} not found`);
        },
      );
      announce(hospitalId, 'closure.remove', { closureId: id });
    },

    teams: () => listRegionalTeams(db),

    async surgeons(hospitalId: string) {
      await ensureHospital(hospitalId);
      return surgeonsOfHospital(db, hospitalId);
    },

    async sessions(hospitalId: string, from?: string, to?: string) {
      await ensureHospital(hospitalId);
      return sessionsOfHospital(db, hospitalId, from, to);
    },

    /** Surgeon roster import (ADR 0024): add or update surgeons by id, all or nothing, audited. */
    async importSurgeons(who: Principal, input: ImportInput) {
      const res = await importSurgeons(db, auditor, who, input);
      for (const h of res.hospitalIds) announce(h, 'surgeons.import', { received: res.received });
      return res;
    },

    /** Session plan import (ADR 0024): replace each hospital's sessions over the file's dates. */
    async importSessions(who: Principal, input: ImportInput) {
      const res = await importSessions(db, auditor, who, input);
      for (const h of res.hospitals) announce(h.hospitalId, 'sessions.import', { from: h.from, to: h.to });
      return res;
    },

    async setTeamAvailability(
      who: Principal,
      teamId: string,
      body: { weekdays: number[]; unavailableDates: string[] },
    ) {
      const team = (await listRegionalTeams(db)).find((t) => t.id === teamId);
      if (team === undefined) throw new NotFoundError(`regional team ${teamId} not found`);
      // The team belongs to its base hospital: that coordinator (or a planner) manages it.
      requireHospitalWrite(who, team.baseHospitalId, 'regional team availability');
      const weekdays = [...new Set(body.weekdays)].sort((a, b) => a - b);
      const unavailableDates = [...new Set(body.unavailableDates)].sort();
      await withAudit(
        db,
        auditor,
        who,
        {
          action: 'capacity.change',
          hospitalId: team.baseHospitalId,
          details: { kind: 'team', teamId, weekdays, unavailableDates },
        },
        (tx) => setTeamAvailability(tx, teamId, weekdays, unavailableDates),
      );
      announce(team.baseHospitalId, 'team', { teamId });
      return { ...team, weekdays, unavailableDates };
    },
  };
}
