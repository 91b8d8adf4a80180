import type { GeoError } from '../../domain/geo/index.ts';
import type { GeocodeError } from '../../services/geo/geocode.ts';
import type { ErrorSpec } from './spec.ts';

export type GeoErrorCode = GeoError['code'];

export const GEO_ERRORS: Record<GeoErrorCode, ErrorSpec> = {
  'geo.invalid_coordinates': {
    status: 400,
    zh: '坐标不合法：经度须在 -180～180、纬度须在 -90～90 之间的有限数值',
    en: 'Invalid coordinates: lng must be a finite number in [-180, 180] and lat in [-90, 90]',
  },
  'geo.invalid_crs': {
    status: 400,
    zh: '坐标系不支持，可用 wgs84、gcj02、bd09',
    en: 'Unsupported coordinate system; use wgs84, gcj02 or bd09',
  },
  'geo.invalid_code': {
    status: 400,
    zh: '区划或网格代码格式错误（区县 6 位、街道 9 位、社区 12 位、网格 15 位数字）',
    en: 'Malformed region or grid code (district 6, street 9, community 12, grid 15 digits)',
  },
  'geo.invalid_bbox': {
    status: 400,
    zh: '范围参数格式错误，应为 最小经度,最小纬度,最大经度,最大纬度',
    en: 'Malformed bbox; expected minLng,minLat,maxLng,maxLat',
  },
  'geo.invalid_tile': {
    status: 400,
    zh: '瓦片地址不存在：层级须为 0～22，行列号须在该层级范围内，图层须为已知图层',
    en: 'No such tile: zoom must be 0–22, x and y inside that zoom, and the layer a known one',
  },
  // 404: the lookup "grid at this point" has no answer; details name the nearest grid.
  'geo.outside_all_grids': {
    status: 404,
    zh: '该位置不在任何单元网格内',
    en: 'The point lies outside every unit grid',
  },
};

export const GEOCODE_ERRORS: Record<GeocodeError['code'], ErrorSpec> = {
  'geocode.not_found': {
    status: 400,
    zh: '地址未能匹配到本市基础数据中的任何地点，请补充区县、街道或道路门牌，或在地图上选点',
    en: "The address matches no place in the city's base data; add the district, street or road and number, or pick the point on the map",
  },
  'geocode.ambiguous': {
    status: 400,
    zh: '地址有多个可能的地点，请从候选中选择或补充街道名称',
    en: 'The address may mean several places; choose one of the candidates or add the street',
  },
  'geocode.too_coarse': {
    status: 400,
    zh: '地址只能定位到较大的区划，请补充道路门牌或在地图上选点',
    en: 'The address only locates a whole region; add the road and number or pick the point on the map',
  },
};
