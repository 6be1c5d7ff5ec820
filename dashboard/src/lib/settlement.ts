// Cross-region settlement netted per region pair. The plan's KPIs hold what each home region pays
// each treating region ("payer->payee", SEK, both directions kept apart); between two regions only
// the difference changes hands, so the overview shows one row per pair: who pays whom, and how much.

export interface NetSettlement {
  /** The region that pays on balance (the first of the pair in name order when balanced). */
  payer: string;
  payee: string;
  /** What the payer owes after netting, SEK, ≥ 0. */
  netSek: number;
  /** Gross in each direction: payer's patients treated in the payee's region, and the reverse. */
  paidSek: number;
  receivedSek: number;
}

/**
 * One row per unordered pair of regions with any settlement, largest net first (then by name, so
 * the order is stable). A pair's two directions are `payer->payee` and `payee->payer`; a key
 * without "->" or naming one region twice is not a settlement between regions and is left out.
 */
export function netSettlement(
  settlementSek: Readonly<Record<string, number>>,
  name: (regionId: string) => string = (id) => id,
): NetSettlement[] {
  const gross = new Map<string, number>();
  const pairs = new Map<string, [string, string]>();
  for (const [key, sek] of Object.entries(settlementSek)) {
    const [from, to, ...rest] = key.split('->');
    if (from === undefined || to === undefined || rest.length > 0 || from === to || from === '' || to === '')
      continue;
    gross.set(`${from}->${to}`, (gross.get(`${from}->${to}`) ?? 0) + sek);
    const [a, b] = name(from).localeCompare(name(to)) <= 0 ? [from, to] : [to, from];
    pairs.set(`${a}<>${b}`, [a, b]);
  }
  const rows: NetSettlement[] = [];
  for (const [a, b] of pairs.values()) {
    const ab = gross.get(`${a}->${b}`) ?? 0;
    const ba = gross.get(`${b}->${a}`) ?? 0;
    if (ab === 0 && ba === 0) continue;
    rows.push(
      ab >= ba
        ? { payer: a, payee: b, netSek: ab - ba, paidSek: ab, receivedSek: ba }
        : { payer: b, payee: a, netSek: ba - ab, paidSek: ba, receivedSek: ab },
    );
  }
  return rows.toSorted(
    (x, y) =>
      y.netSek - x.netSek ||
      name(x.payer).localeCompare(name(y.payer)) ||
      name(x.payee).localeCompare(name(y.payee)),
  );
}
