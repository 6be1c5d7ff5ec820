// Build-time extraction of the map's coastline: the Nordic countries around the Baltic from Natural
// Earth 1:10m (the world-atlas package) cut down to what the redistribution map can show. The
// whole 10m world is ~3.6 MB; the browser gets one small static file (dist/coastline.json), loaded
// once when the map is first drawn. Run by the Vite build (dashboard/vite.config.ts), never in the
// browser.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

/** ISO 3166 numeric codes: Sweden and its neighbours across the Sound, Kattegat and Baltic. */
const COUNTRIES = new Map([
  ['752', 'Sverige'],
  ['208', 'Danmark'],
  ['578', 'Norge'],
  ['246', 'Finland'],
  ['276', 'Tyskland'],
  ['616', 'Polen'],
  ['233', 'Estland'],
  ['428', 'Lettland'],
  ['440', 'Litauen'],
]);
/** Rings outside this box are dropped (lon, lat): Svalbard, Greenland, overseas territories. */
const BOX = { west: 3, south: 53, east: 32, north: 71.5 };
/**
 * Douglas–Peucker tolerance in degrees of latitude (~0.9 km): below what the map's inset of
 * south-west Skåne (≈ 80 km across at ~700 px) can show.
 */
const TOLERANCE_DEG = 0.008;
/** Islands smaller than this (deg², ≈ 3 km² at 56° N) are dropped; they would be sub-pixel. */
const MIN_AREA_DEG2 = 0.0005;
/** Coordinates rounded to 1/1000 degree (≈ 100 m): enough, and it keeps the file small. */
const round = (x: number): number => Math.round(x * 1000) / 1000;

function perpDist(p: Position, a: Position, b: Position, k: number): number {
  // Planar distance with longitude shrunk by cos(latitude), so the tolerance is isotropic.
  const [px, py, ax, ay, bx, by] = [p[0]! * k, p[1]!, a[0]! * k, a[1]!, b[0]! * k, b[1]!];
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(px - ax, py - ay);
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Douglas–Peucker on one closed ring (iterative, so long coastlines do not overflow the stack). */
function simplifyRing(ring: Position[], tolerance: number): Position[] {
  if (ring.length <= 4) return ring;
  const k = Math.cos(((ring[0]![1] ?? 0) * Math.PI) / 180);
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  // A closed ring's first and last points coincide: split it at its farthest point first.
  let far = 1;
  let farD = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const d = Math.hypot((ring[i]![0]! - ring[0]![0]!) * k, ring[i]![1]! - ring[0]![1]!);
    if (d > farD) [far, farD] = [i, d];
  }
  keep[far] = 1;
  const stack: [number, number][] = [
    [0, far],
    [far, ring.length - 1],
  ];
  while (stack.length > 0) {
    const [s, e] = stack.pop()!;
    let idx = -1;
    let max = tolerance;
    for (let i = s + 1; i < e; i++) {
      const d = perpDist(ring[i]!, ring[s]!, ring[e]!, k);
      if (d > max) [idx, max] = [i, d];
    }
    if (idx >= 0) {
      keep[idx] = 1;
      stack.push([s, idx], [idx, e]);
    }
  }
  const out: Position[] = [];
  for (let i = 0; i < ring.length; i++) {
    if (keep[i] !== 1) continue;
    const p: Position = [round(ring[i]![0]!), round(ring[i]![1]!)];
    const last = out[out.length - 1];
    if (last === undefined || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

function areaDeg2(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return Math.abs(a / 2);
}

function inBox(ring: Position[]): boolean {
  return ring.some(([x = 0, y = 0]) => x >= BOX.west && x <= BOX.east && y >= BOX.south && y <= BOX.north);
}

/** The coastline GeoJSON: one MultiPolygon feature per country, properties.name in Swedish. */
export function coastline(): FeatureCollection<MultiPolygon, { name: string }> {
  const require = createRequire(import.meta.url);
  const topo = JSON.parse(
    readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8'),
  ) as Topology<{
    countries: GeometryCollection;
  }>;
  const all = feature(topo, topo.objects.countries) as FeatureCollection<Polygon | MultiPolygon>;
  const features: Feature<MultiPolygon, { name: string }>[] = [];
  for (const f of all.features) {
    const name = COUNTRIES.get(String(f.id));
    if (name === undefined || f.geometry === null) continue;
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const kept: Position[][][] = [];
    for (const poly of polys) {
      const outer = poly[0];
      if (outer === undefined || !inBox(outer) || areaDeg2(outer) < MIN_AREA_DEG2) continue;
      const rings = poly
        .filter((r) => areaDeg2(r) >= MIN_AREA_DEG2)
        .map((r) => simplifyRing(r, TOLERANCE_DEG))
        .filter((r) => r.length >= 4);
      if (rings.length > 0) kept.push(rings);
    }
    if (kept.length > 0)
      features.push({
        type: 'Feature',
        properties: { name },
        geometry: { type: 'MultiPolygon', coordinates: kept },
      });
  }
  return { type: 'FeatureCollection', features };
}
