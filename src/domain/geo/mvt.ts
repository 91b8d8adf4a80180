/**
 * Mapbox Vector Tile 2.1 encoding (矢量瓦片), pure: Web Mercator tile maths, clipping to the tile
 * plus a buffer, quantising to the tile's extent, and the protobuf bytes. PostGIS's ST_AsMVT needs
 * protobuf-c, which the embedded PostGIS (pglite-postgis 0.2.8) is compiled without, so both
 * databases select plain geometry with the same SQL and the tile is encoded here.
 */

export const TILE_EXTENT = 4096;
/** Pixels (in extent units) kept around the tile, so lines and circles do not end at its edge. */
export const TILE_BUFFER = 64;

export type TileAddress = { readonly z: number; readonly x: number; readonly y: number };
/** [west, south, east, north] in degrees. */
export type LngLatBox = readonly [number, number, number, number];
export type Position = readonly [number, number];
export type Ring = readonly Position[];

export type TileValue = string | number | boolean;
export type TileFeature =
  | {
      readonly id?: number;
      readonly kind: 'point';
      readonly at: Position;
      readonly props: Readonly<Record<string, TileValue>>;
    }
  | {
      readonly id?: number;
      readonly kind: 'polygon';
      /** Polygons, each an outer ring then holes (GeoJSON MultiPolygon coordinates). */
      readonly polygons: readonly (readonly Ring[])[];
      readonly props: Readonly<Record<string, TileValue>>;
    };
export type TileLayer = { readonly name: string; readonly features: readonly TileFeature[] };

export const MAX_TILE_ZOOM = 22;

/** True for a tile that exists at its zoom. */
export function isTileAddress(t: TileAddress): boolean {
  const n = 2 ** t.z;
  return (
    Number.isInteger(t.z) &&
    Number.isInteger(t.x) &&
    Number.isInteger(t.y) &&
    t.z >= 0 &&
    t.z <= MAX_TILE_ZOOM &&
    t.x >= 0 &&
    t.x < n &&
    t.y >= 0 &&
    t.y < n
  );
}

/** Web Mercator world coordinates in [0, 1] (y down). */
function mercator(lng: number, lat: number): [number, number] {
  const s = Math.sin((Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180);
  return [lng / 360 + 0.5, 0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI];
}

function lngOf(wx: number): number {
  return (wx - 0.5) * 360;
}
function latOf(wy: number): number {
  return (Math.atan(Math.sinh(Math.PI * (1 - 2 * wy))) * 180) / Math.PI;
}

/** The tile's box in degrees, grown by `buffer` extent units on each side. */
export function tileBox(t: TileAddress, buffer = TILE_BUFFER): LngLatBox {
  const n = 2 ** t.z;
  const b = buffer / TILE_EXTENT;
  return [
    lngOf((t.x - b) / n),
    latOf((t.y + 1 + b) / n),
    lngOf((t.x + 1 + b) / n),
    latOf((t.y - b) / n),
  ];
}

/** A projector from degrees to this tile's integer coordinates. */
export function tileProjector(t: TileAddress): (p: Position) => [number, number] {
  const n = 2 ** t.z;
  return ([lng, lat]) => {
    const [wx, wy] = mercator(lng, lat);
    return [Math.round((wx * n - t.x) * TILE_EXTENT), Math.round((wy * n - t.y) * TILE_EXTENT)];
  };
}

type Pt = [number, number];

/** Sutherland–Hodgman clipping of a closed ring to a square [lo, hi]² (ring without closing point). */
export function clipRing(ring: readonly Pt[], lo: number, hi: number): Pt[] {
  let out = ring.slice();
  const edges: [(p: Pt) => boolean, (a: Pt, b: Pt) => Pt][] = [
    [(p) => p[0] >= lo, (a, b) => at(a, b, 0, lo)],
    [(p) => p[0] <= hi, (a, b) => at(a, b, 0, hi)],
    [(p) => p[1] >= lo, (a, b) => at(a, b, 1, lo)],
    [(p) => p[1] <= hi, (a, b) => at(a, b, 1, hi)],
  ];
  for (const [inside, cross] of edges) {
    if (out.length === 0) break;
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i] as Pt;
      const prev = input[(i + input.length - 1) % input.length] as Pt;
      if (inside(cur)) {
        if (!inside(prev)) out.push(cross(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(cross(prev, cur));
    }
  }
  return out;
}

function at(a: Pt, b: Pt, axis: 0 | 1, v: number): Pt {
  const t = (v - a[axis]) / (b[axis] - a[axis]);
  const p: Pt = [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t)];
  p[axis] = v;
  return p;
}

/** Twice the signed area (surveyor's formula) in tile coordinates (y down). */
function area2(ring: readonly Pt[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as Pt;
    const b = ring[(i + 1) % ring.length] as Pt;
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s;
}

/** Drops repeated points (after quantising, neighbours often coincide) and the closing point. */
function dedupe(ring: readonly Pt[]): Pt[] {
  const out: Pt[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

const zigzag = (n: number) => (n << 1) ^ (n >> 31);
const command = (id: number, count: number) => (id & 0x7) | (count << 3);

/** Geometry commands of polygon rings in tile coordinates; [] when nothing is left in the tile. */
export function polygonCommands(
  polygons: readonly (readonly Ring[])[],
  project: (p: Position) => [number, number],
): number[] {
  const lo = -TILE_BUFFER;
  const hi = TILE_EXTENT + TILE_BUFFER;
  const cmds: number[] = [];
  let cx = 0;
  let cy = 0;
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      const r = dedupe(clipRing(dedupe(ring.map(project)), lo, hi));
      if (r.length < 3) return;
      const a = area2(r);
      if (a === 0) return;
      // Exterior rings have positive area in tile coordinates (clockwise on screen), holes negative.
      if ((i === 0 && a < 0) || (i > 0 && a > 0)) r.reverse();
      const [x0, y0] = r[0] as Pt;
      cmds.push(command(1, 1), zigzag(x0 - cx), zigzag(y0 - cy));
      cx = x0;
      cy = y0;
      cmds.push(command(2, r.length - 1));
      for (let k = 1; k < r.length; k++) {
        const [x, y] = r[k] as Pt;
        cmds.push(zigzag(x - cx), zigzag(y - cy));
        cx = x;
        cy = y;
      }
      cmds.push(command(7, 1));
    });
  }
  return cmds;
}

/** A growable protobuf writer (varints, length-delimited fields). */
class Writer {
  buf = new Uint8Array(1024);
  pos = 0;
  private room(n: number) {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
  varint(v: number) {
    this.room(10);
    let n = v;
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
  }
  tag(field: number, wire: number) {
    this.varint((field << 3) | wire);
  }
  bytes(field: number, b: Uint8Array) {
    this.tag(field, 2);
    this.varint(b.length);
    this.raw(b);
  }
  string(field: number, s: string) {
    this.bytes(field, new TextEncoder().encode(s));
  }
  packed(field: number, values: readonly number[]) {
    const w = new Writer();
    for (const v of values) w.varint(v);
    this.bytes(field, w.done());
  }
  /** Bytes already encoded as fields (the features). */
  raw(b: Uint8Array) {
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  double(field: number, v: number) {
    this.tag(field, 1);
    this.room(8);
    new DataView(this.buf.buffer).setFloat64(this.pos, v, true);
    this.pos += 8;
  }
  done(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

function encodeValue(v: TileValue): Uint8Array {
  const w = new Writer();
  if (typeof v === 'string') w.string(1, v);
  else if (typeof v === 'boolean') {
    w.tag(7, 0);
    w.varint(v ? 1 : 0);
  } else if (Number.isInteger(v) && v >= 0) {
    w.tag(5, 0);
    w.varint(v);
  } else if (Number.isInteger(v)) {
    w.tag(6, 0);
    w.varint(zigzag(v));
  } else w.double(3, v);
  return w.done();
}

/** Encodes one layer; features with nothing inside the tile are left out. */
function encodeLayer(layer: TileLayer, t: TileAddress): Uint8Array | null {
  const project = tileProjector(t);
  const keys = new Map<string, number>();
  const values = new Map<string, number>();
  const valueList: TileValue[] = [];
  const w = new Writer();
  let count = 0;
  for (const f of layer.features) {
    let type: number;
    let geom: number[];
    if (f.kind === 'point') {
      const [x, y] = project(f.at);
      if (x < -TILE_BUFFER || y < -TILE_BUFFER) continue;
      if (x > TILE_EXTENT + TILE_BUFFER || y > TILE_EXTENT + TILE_BUFFER) continue;
      type = 1;
      geom = [command(1, 1), zigzag(x), zigzag(y)];
    } else {
      type = 3;
      geom = polygonCommands(f.polygons, project);
      if (geom.length === 0) continue;
    }
    const tags: number[] = [];
    for (const [k, v] of Object.entries(f.props)) {
      let ki = keys.get(k);
      if (ki === undefined) keys.set(k, (ki = keys.size));
      const vk = `${typeof v}:${String(v)}`;
      let vi = values.get(vk);
      if (vi === undefined) {
        values.set(vk, (vi = valueList.length));
        valueList.push(v);
      }
      tags.push(ki, vi);
    }
    const fw = new Writer();
    if (f.id !== undefined) {
      fw.tag(1, 0);
      fw.varint(f.id);
    }
    if (tags.length) fw.packed(2, tags);
    fw.tag(3, 0);
    fw.varint(type);
    fw.packed(4, geom);
    w.bytes(2, fw.done());
    count++;
  }
  if (count === 0) return null;
  const lw = new Writer();
  lw.tag(15, 0);
  lw.varint(2);
  lw.string(1, layer.name);
  lw.raw(w.done());
  for (const k of keys.keys()) lw.string(3, k);
  for (const v of valueList) lw.bytes(4, encodeValue(v));
  lw.tag(5, 0);
  lw.varint(TILE_EXTENT);
  return lw.done();
}

/** The tile's bytes: every layer with at least one feature inside the tile. */
export function encodeTile(t: TileAddress, layers: readonly TileLayer[]): Uint8Array {
  const w = new Writer();
  for (const l of layers) {
    const b = encodeLayer(l, t);
    if (b) w.bytes(3, b);
  }
  return w.done();
}

/**
 * Points at a zoom too low to tell them apart: one point per cell of `cell` extent units and
 * `key` (e.g. the colour), so a tile never holds more points than can be drawn distinctly. At a
 * cell of 4 units on a 512-pixel tile the points kept are half a pixel apart.
 */
export function thinPoints<F extends { readonly at: Position }>(
  t: TileAddress,
  features: readonly F[],
  cell: number,
  key: (f: F) => string,
): F[] {
  if (cell <= 1) return features.slice();
  const project = tileProjector(t);
  const seen = new Set<string>();
  const out: F[] = [];
  for (const f of features) {
    const [x, y] = project(f.at);
    const k = `${Math.floor(x / cell)},${Math.floor(y / cell)},${key(f)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  return out;
}
