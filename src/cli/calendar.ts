// `opflow calendar --year 2027 [--json]`: the Swedish closure days of a year, so a planner can check
// the calendar the optimiser will use before trusting a plan around Easter or midsommar.
import { z } from 'zod';
import { closureDays, MAX_HOLIDAY_YEAR, MIN_HOLIDAY_YEAR } from '../calendar/holidays.ts';
import { isoWeekday, isoWeekOf } from '../calendar/isoWeek.ts';
import { parseFlags } from './args.ts';
import type { Command } from './main.ts';

const yearMessage = `expected a year ${MIN_HOLIDAY_YEAR}–${MAX_HOLIDAY_YEAR}, e.g. --year 2027`;

const flags = {
  year: {
    type: 'string',
    help: 'the year, e.g. 2027',
    schema: z
      .string({ error: `required: ${yearMessage}` })
      .regex(/^\d{4}$/, yearMessage)
      .transform(Number)
      .refine((y) => y >= MIN_HOLIDAY_YEAR && y <= MAX_HOLIDAY_YEAR, yearMessage),
  },
  json: { type: 'boolean', help: 'JSON instead of a table', schema: z.boolean().default(false) },
} as const;

const WEEKDAYS_SV = ['mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'];

export const run: Command = async (args, io) => {
  const { year, json } = parseFlags(args, flags);
  const days = closureDays(year);
  if (json) {
    io.out(JSON.stringify(days, null, 2));
    return 0;
  }
  io.out(`Swedish closure days ${year} (public holidays and de-facto closure days)`);
  io.out(`${'date'.padEnd(10)}  ${'day'.padEnd(3)}  ${'week'.padEnd(4)}  ${'kind'.padEnd(14)}  name`);
  for (const d of days) {
    const weekday = WEEKDAYS_SV[isoWeekday(d.date) - 1] ?? '';
    const week = `v${String(isoWeekOf(d.date).week).padStart(2, '0')}`;
    io.out(
      `${d.date}  ${weekday.padEnd(3)}  ${week.padEnd(4)}  ${d.kind.padEnd(14)}  ${d.nameSv} (${d.nameEn})`,
    );
  }
  return 0;
};
