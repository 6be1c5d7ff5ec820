// zod schemas of the exports slice: day lists (CSV, print HTML, signed link) and settlement.
import { z } from 'zod';
import { Id, IsoDate } from '../domain/snapshot.ts';

export const DayListQuery = z.object({ hospitalId: Id, date: IsoDate.optional() });
export const DayListHtmlQuery = DayListQuery.extend({
  token: z
    .string()
    .max(2000)
    .optional()
    .meta({ description: 'a signed link token from day-list-link (instead of Authorization)' }),
});
export const DayListLinkResponse = z.object({
  url: z.string().meta({ description: 'same-origin path of the HTML day list, with its token' }),
  expiresAt: z.string(),
});
