// Net settlement per region pair (dashboard overview): the two directions of a pair become one row
// with the side that pays on balance, and netting never creates or loses money.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { netSettlement } from '../../dashboard/src/lib/settlement.ts';

const NAMES: Record<string, string> = {
  'r-skane': 'Skåne',
  'r-blekinge': 'Blekinge',
  'r-kronoberg': 'Kronoberg',
};
const name = (id: string): string => NAMES[id] ?? id;

describe('netSettlement', () => {
  it('nets the two directions of a pair: the side that sends more patients’ costs pays the difference', () => {
    const rows = netSettlement(
      { 'r-skane->r-blekinge': 180_000, 'r-blekinge->r-skane': 420_000, 'r-kronoberg->r-skane': 50_000 },
      name,
    );
    expect(rows).toEqual([
      { payer: 'r-blekinge', payee: 'r-skane', netSek: 240_000, paidSek: 420_000, receivedSek: 180_000 },
      { payer: 'r-kronoberg', payee: 'r-skane', netSek: 50_000, paidSek: 50_000, receivedSek: 0 },
    ]);
  });

  it('keeps a balanced pair with a net of zero and leaves out keys that are not a pair of regions', () => {
    const rows = netSettlement(
      { 'r-skane->r-blekinge': 1000, 'r-blekinge->r-skane': 1000, 'r-skane->r-skane': 5, broken: 7 },
      name,
    );
    expect(rows).toEqual([
      { payer: 'r-blekinge', payee: 'r-skane', netSek: 0, paidSek: 1000, receivedSek: 1000 },
    ]);
  });

  it('property: one row per pair, net = |difference|, and each region’s balance is unchanged by netting', () => {
    const region = fc.constantFrom('r-skane', 'r-blekinge', 'r-kronoberg', 'r-halland');
    const entries = fc.array(fc.tuple(region, region, fc.integer({ min: 0, max: 2_000_000 })), {
      maxLength: 12,
    });
    fc.assert(
      fc.property(entries, (es) => {
        const input: Record<string, number> = {};
        for (const [a, b, sek] of es) if (a !== b) input[`${a}->${b}`] = sek;
        const rows = netSettlement(input, name);
        const pairKey = (a: string, b: string) => [a, b].toSorted().join('|');
        expect(new Set(rows.map((r) => pairKey(r.payer, r.payee))).size).toBe(rows.length);
        const balance = (sek: Map<string, number>, from: string, to: string, v: number) => {
          sek.set(from, (sek.get(from) ?? 0) - v);
          sek.set(to, (sek.get(to) ?? 0) + v);
        };
        const gross = new Map<string, number>();
        for (const [k, v] of Object.entries(input)) {
          const [a = '', b = ''] = k.split('->');
          balance(gross, a, b, v);
        }
        const net = new Map<string, number>();
        for (const r of rows) {
          expect(r.netSek).toBe(Math.abs(r.paidSek - r.receivedSek));
          expect(r.paidSek).toBeGreaterThanOrEqual(r.receivedSek);
          expect(r.paidSek).toBe(input[`${r.payer}->${r.payee}`] ?? 0);
          balance(net, r.payer, r.payee, r.netSek);
        }
        for (const [region, v] of gross) expect(net.get(region) ?? 0).toBe(v);
        for (let i = 1; i < rows.length; i++)
          expect(rows[i - 1]!.netSek).toBeGreaterThanOrEqual(rows[i]!.netSek);
      }),
    );
  });
});
