/** Spatial domain: coordinate systems, region/grid codes, point input, and the grid locate index. */
export type { Crs, LngLat } from './coords.ts';
export { CRS_VALUES, toWgs84, fromWgs84 } from './coords.ts';
export type { GridCodeParts, RegionCodeParts, RegionLevel } from './codes.ts';
export { parseGridCode, parseRegionCode, parseRegionCodeOfLevel } from './codes.ts';
export type { Bbox, Point, PointInput } from './point-input.ts';
export { parseBbox, parseCrs, parsePoint } from './point-input.ts';
export type {
  GeoError,
  GeoInputError,
  InvalidBbox,
  InvalidCode,
  InvalidCoordinates,
  InvalidCrs,
  InvalidTile,
  OutsideAllGrids,
} from './errors.ts';
export type { GridIndex, GridRecord, GridShape, MultiPolygonCoords } from './grid-index.ts';
export { buildGridIndex, findGridAt, locateInIndex, nearestGrid } from './grid-index.ts';
export { haversineM } from './nearest.ts';
export type { LngLatBox, Position, TileAddress, TileFeature, TileLayer, TileValue } from './mvt.ts';
export {
  encodeTile,
  isTileAddress,
  MAX_TILE_ZOOM,
  thinPoints,
  TILE_EXTENT,
  tileBox,
} from './mvt.ts';
