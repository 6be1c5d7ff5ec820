// Stable, human-readable names of the hard rules, in the order the checker reports them. The API
// and dashboard show these names; never rename one without a migration note.
export const RULE_NAMES = [
  'unknown reference',
  'double booking',
  'procedure not offered',
  'acute back-up required',
  'ICU required',
  'moved without consent',
  'travel beyond consent',
  'before pre-op release',
  'excluded period',
  'HTA do-not-do',
  'planner exclusion',
  'pin broken',
  'closed theatre',
  'mixed specialty list',
  'staffed teams',
  'surgeon lists',
  'lending beyond spare lists',
  'regional team',
  'theatre overrun',
  'overrun risk',
  'booked capacity',
  'ward beds',
  'must treat',
] as const;

export type RuleName = (typeof RULE_NAMES)[number];
