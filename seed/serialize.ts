// Snapshot -> JSON text: valid JSON with one array element per line, so a 100 MB national-scale
// file stays greppable and diffable, and byte-identical for identical snapshots (key order is the
// construction order, which the generator fixes).
import type { RegionSnapshot } from '../src/domain/snapshot.ts';

export function snapshotToJson(snapshot: RegionSnapshot): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(snapshot)) {
    if (value === undefined) continue;
    const name = JSON.stringify(key);
    if (Array.isArray(value)) {
      parts.push(
        value.length === 0
          ? `${name}:[]`
          : `${name}:[\n${value.map((v: unknown) => JSON.stringify(v)).join(',\n')}\n]`,
      );
    } else {
      parts.push(`${name}:${JSON.stringify(value)}`);
    }
  }
  return `{\n${parts.join(',\n')}\n}\n`;
}
