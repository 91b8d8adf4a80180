import { Type, type Static } from '@sinclair/typebox';

/** TypeBox schemas for grids, regions and locate (validation, types and OpenAPI at once). */

const NamedCode = Type.Object({
  code: Type.String(),
  name: Type.Union([Type.String(), Type.Null()], { description: '中文名称 Chinese name' }),
});

// Documented as numbers; the route checks them itself so bad input gets geo.* codes.
export const LocateQuery = Type.Object({
  lng: Type.Number({ minimum: -180, maximum: 180, description: '经度 longitude' }),
  lat: Type.Number({ minimum: -90, maximum: 90, description: '纬度 latitude' }),
  crs: Type.Optional(
    Type.Union([Type.Literal('wgs84'), Type.Literal('gcj02'), Type.Literal('bd09')], {
      description: '输入坐标系 input CRS: wgs84 (default), gcj02 (国测局), bd09 (百度)',
    }),
  ),
});

export const LocationSchema = Type.Object({
  grid: NamedCode,
  community: NamedCode,
  street: NamedCode,
  district: NamedCode,
  point: Type.Object(
    { lng: Type.Number(), lat: Type.Number() },
    { description: 'WGS84 坐标 the point in WGS84' },
  ),
});
export type LocationBody = Static<typeof LocationSchema>;

export const GridsQuery = Type.Object({
  district: Type.Optional(Type.String({ description: '区县代码 6-digit district code' })),
  street: Type.Optional(Type.String({ description: '街道代码 9-digit street code' })),
  community: Type.Optional(Type.String({ description: '社区代码 12-digit community code' })),
  bbox: Type.Optional(
    Type.String({ description: '范围 minLng,minLat,maxLng,maxLat (WGS84): grids intersecting it' }),
  ),
});

const Position = Type.Array(Type.Number(), { minItems: 2 });

export const GridFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.String(),
  geometry: Type.Object({
    type: Type.Literal('MultiPolygon'),
    coordinates: Type.Array(Type.Array(Type.Array(Position))),
  }),
  properties: Type.Object({
    code: Type.String({ description: '15 位网格代码 15-digit grid code' }),
    name: Type.String(),
    communityCode: Type.String(),
    streetCode: Type.String(),
    districtCode: Type.String(),
    areaClass: Type.Integer({ description: '考核区域类别 assessment area class (1/2)' }),
    synthetic: Type.Boolean({
      description: '演示数据（虚构，非真实区划） invented by the demo city, not a real place',
    }),
  }),
});

export const GridCollectionSchema = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(GridFeatureSchema),
});
export type GridCollectionBody = Static<typeof GridCollectionSchema>;

export const RegionsQuery = Type.Object({
  level: Type.Optional(
    Type.Union(
      [
        Type.Literal('city'),
        Type.Literal('district'),
        Type.Literal('street'),
        Type.Literal('community'),
      ],
      { description: '层级 level' },
    ),
  ),
  parent: Type.Optional(Type.String({ description: '上级区划代码 parent region code' })),
  district: Type.Optional(Type.String({ description: '区县代码 6-digit district code' })),
});

export const RegionSchema = Type.Object({
  code: Type.String(),
  level: Type.Union([
    Type.Literal('city'),
    Type.Literal('district'),
    Type.Literal('street'),
    Type.Literal('community'),
  ]),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  districtCode: Type.String(),
  name: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
  synthetic: Type.Boolean({
    description: '演示数据（虚构，非真实区划） invented by the demo city, not a real place',
  }),
});
export type RegionBody = Static<typeof RegionSchema>;

export const GeocodeQuery = Type.Object({
  address: Type.String({
    minLength: 1,
    maxLength: 200,
    description: '地址，如“五华区华山街道青年路12号” the address as a person says it',
  }),
  within: Type.Optional(
    Type.String({
      description: '限定区划（区县、街道或社区代码） limit to a district, street or community code',
    }),
  ),
});

export const GeocodeMatchSchema = Type.Object({
  point: Type.Object(
    { lng: Type.Number(), lat: Type.Number() },
    { description: 'WGS84 坐标 the point in WGS84' },
  ),
  precision: Type.Union(
    ['address', 'road', 'community', 'street', 'district'].map((p) => Type.Literal(p)),
    {
      description:
        '匹配精度：门牌 address、道路 road（最近门牌）、社区、街道、区县 how exactly the match pins the place',
    },
  ),
  label: Type.String({ description: '匹配到的地名 the place matched' }),
  districtCode: Type.String(),
  streetCode: Type.Union([Type.String(), Type.Null()]),
});

export const GeocodeResultSchema = Type.Object({
  candidates: Type.Array(GeocodeMatchSchema, {
    description: '候选地点，最佳在前 candidate places, best first',
  }),
});
