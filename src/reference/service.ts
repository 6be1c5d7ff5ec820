// Reference use cases beyond plain reads: the calendar of a year (Swedish closure days and the
// loaded snapshot's settings: summer weeks, extra closures).
import type { Db } from '../db/db.ts';
import { closureDays } from '../calendar/holidays.ts';
import { explainCapacityOn } from '../calendar/summer.ts';
import { CalendarSettings } from '../domain/snapshot.ts';
import { getRegionSetMeta } from './repo.ts';
import type { CalendarResponse } from './schemas.ts';

export async function calendarOf(db: Db, year: number): Promise<CalendarResponse> {
  const meta = await getRegionSetMeta(db);
  const settings = meta === undefined ? undefined : CalendarSettings.parse(meta.calendar);
  const extra = (settings?.extraClosureDates ?? []).filter((x) => x.startsWith(`${year}-`));
  return {
    year,
    closureDays: closureDays(year),
    extraClosureDates: extra,
    settings: settings ?? null,
    summer:
      settings === undefined
        ? null
        : {
            fromWeek: settings.summerFromWeek,
            toWeek: settings.summerToWeek,
            capacityFactor: settings.summerCapacityFactor,
            example: explainCapacityOn(`${year}-07-15`, settings),
          },
  };
}
