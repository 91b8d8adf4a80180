/**
 * Expected failures of the geo module, as values with stable codes (STYLE.md §4.4).
 * The api layer maps each code to its HTTP status and zh/en message (src/api/errors/geo.ts).
 */
export type InvalidCoordinates = {
  readonly code: 'geo.invalid_coordinates';
  readonly details: {
    readonly field: 'lng' | 'lat';
    readonly value: unknown;
    readonly reason: 'missing' | 'not_a_number' | 'not_finite' | 'out_of_range';
  };
};

export type InvalidCrs = {
  readonly code: 'geo.invalid_crs';
  readonly details: { readonly value: unknown; readonly allowed: readonly string[] };
};

export type InvalidCode = {
  readonly code: 'geo.invalid_code';
  readonly details: {
    readonly value: unknown;
    readonly expected: 'region' | 'district' | 'street' | 'community' | 'grid';
    readonly reason: 'not_a_string' | 'not_digits' | 'wrong_length';
  };
};

export type InvalidBbox = {
  readonly code: 'geo.invalid_bbox';
  readonly details: { readonly value: unknown; readonly reason: string };
};

/** A map tile that does not exist (zoom 0–22, x and y inside the zoom's grid) or an unknown layer. */
export type InvalidTile = {
  readonly code: 'geo.invalid_tile';
  readonly details: {
    readonly layer: string;
    readonly z: unknown;
    readonly x: unknown;
    readonly y: unknown;
  };
};

/** Nothing contains the point; names the nearest grid and its distance (null when there are no grids). */
export type OutsideAllGrids = {
  readonly code: 'geo.outside_all_grids';
  readonly details: {
    readonly nearestGridCode: string | null;
    readonly distanceM: number | null;
    readonly point: { readonly lng: number; readonly lat: number };
  };
};

export type GeoInputError =
  InvalidCoordinates | InvalidCrs | InvalidCode | InvalidBbox | InvalidTile;
export type GeoError = GeoInputError | OutsideAllGrids;
