// UI strings of the region overview: the week's plan first, the waiting list per hospital with
// subtotals and sortable columns, the snapshot date, and the settlement netted per region pair
// (Swedish first; English typed against it). Merged into the main table by i18n.ts.
export const svOverview = {
  'overview.asOf': 'Väntelista per {date}',
  'overview.asOf.def':
    'Dagen då väntelistan och kapaciteten lästes in (ögonblicksbilden). Allt på sidan räknas från den dagen.',
  'overview.weekPlan': 'Veckans plan',
  'overview.planLine': '{week}, version {version} · {status}',
  'overview.weekVersion': '{week}, version {version}',
  'overview.subtotal': 'Alla specialiteter',
  'overview.subtotalOf': 'Alla specialiteter ({n})',
  'overview.showSpecialties': 'Visa specialiteterna för alla sjukhus',
  'overview.showSpecialtiesOf': 'Visa specialiteterna för {hospital}',
  'overview.hideSpecialtiesOf': 'Dölj specialiteterna för {hospital}',
  'overview.total': 'Hela regionen',
  'overview.sortBy': 'Sortera efter {col}',
  'overview.sortHelp':
    'Sortera med kolumnrubrikerna. Sjukhusen sorteras efter sin delsumma och specialiteterna inom varje sjukhus.',
  'overview.settlement': 'Avräkning mellan regioner, netto per regionpar',
  'overview.settlement.def':
    'Hemregionen betalar den region som opererar patienten det fasta priset per operation. Mellan två regioner betalas bara skillnaden mellan de två riktningarna: det är nettot.',
  'overview.settlement.kpi': 'Regionavräkning, netto',
  'overview.settlement.kpi.def':
    'Summan av nettobeloppen per regionpar: det som faktiskt betalas mellan regionerna när båda riktningarna räknats av mot varandra. Bruttobeloppen per riktning står i tabellen längst ned.',
  'overview.settlement.none': 'Ingen avräkning: alla planerade patienter opereras i sin hemregion.',
  'overview.settlement.col.pair': 'Regionpar',
  'overview.settlement.col.net': 'Netto',
  'overview.settlement.col.direction': 'Vem betalar vem',
  'overview.settlement.col.gross': 'Brutto per riktning',
  'overview.settlement.pays': '{payer} betalar {payee}',
  'overview.settlement.even': 'Jämnt, ingen betalar',
  'overview.settlement.gross': '{from} → {to}: {sek}',
  'overview.priorityGroup': '{group} – {label}',
  'plan.shownOf': 'Visar de första {n} av {m} operationerna. Sök för att hitta en viss patient.',
} as const;

export type OverviewKey = keyof typeof svOverview;

export const enOverview: Record<OverviewKey, string> = {
  'overview.asOf': 'Waiting list as of {date}',
  'overview.asOf.def':
    'The day the waiting list and capacity were read in (the snapshot). Everything on this page counts from that day.',
  'overview.weekPlan': 'This week’s plan',
  'overview.planLine': '{week}, version {version} · {status}',
  'overview.weekVersion': '{week}, version {version}',
  'overview.subtotal': 'All specialties',
  'overview.subtotalOf': 'All specialties ({n})',
  'overview.showSpecialties': 'Show the specialties of every hospital',
  'overview.showSpecialtiesOf': 'Show the specialties of {hospital}',
  'overview.hideSpecialtiesOf': 'Hide the specialties of {hospital}',
  'overview.total': 'Whole region',
  'overview.sortBy': 'Sort by {col}',
  'overview.sortHelp':
    'Sort with the column headers. Hospitals are sorted by their subtotal, and the specialties within each hospital.',
  'overview.settlement': 'Settlement between regions, net per region pair',
  'overview.settlement.def':
    'The home region pays the region that operates on the patient a fixed price per operation. Between two regions only the difference between the two directions is paid: that is the net.',
  'overview.settlement.kpi': 'Cross-region settlement, net',
  'overview.settlement.kpi.def':
    'The sum of the net amounts per region pair: what is actually paid between the regions once the two directions are set off against each other. The gross amounts per direction are in the table at the bottom.',
  'overview.settlement.none': 'No settlement: every planned patient is operated on in their home region.',
  'overview.settlement.col.pair': 'Region pair',
  'overview.settlement.col.net': 'Net',
  'overview.settlement.col.direction': 'Who pays whom',
  'overview.settlement.col.gross': 'Gross per direction',
  'overview.settlement.pays': '{payer} pays {payee}',
  'overview.settlement.even': 'Even, nobody pays',
  'overview.settlement.gross': '{from} → {to}: {sek}',
  'overview.priorityGroup': '{group} – {label}',
  'plan.shownOf': 'Showing the first {n} of {m} operations. Search to find a given patient.',
};
