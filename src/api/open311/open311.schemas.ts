import { Type } from '@sinclair/typebox';

/** Schemas of the Open311 GeoReport v2 routes (documentation and validation). */

export const FormatParam = Type.Union([Type.Literal('json'), Type.Literal('xml')], {
  description: '应答格式 answer format: json or xml (the URL suffix)',
});

const Jurisdiction = Type.Optional(
  Type.String({
    maxLength: 100,
    description: '辖区 jurisdiction; optional, this endpoint serves one',
  }),
);

export const FormatOnly = Type.Object({ format: FormatParam });
export const ServiceParams = Type.Object({
  service_code: Type.String({ minLength: 1, maxLength: 100 }),
  format: FormatParam,
});
export const RequestParams = Type.Object({
  service_request_id: Type.String({ minLength: 1, maxLength: 100 }),
  format: FormatParam,
});
export const TokenParams = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 100 }),
  format: FormatParam,
});

export const JurisdictionQuery = Type.Object(
  { jurisdiction_id: Jurisdiction },
  { additionalProperties: true },
);

export const RequestsQuery = Type.Object(
  {
    jurisdiction_id: Jurisdiction,
    service_request_id: Type.Optional(
      Type.String({
        maxLength: 30000,
        description: '逗号分隔的请求编号 comma-separated ids; other filters are then ignored',
      }),
    ),
    service_code: Type.Optional(
      Type.String({
        maxLength: 2000,
        description: '服务代码，可逗号分隔 service code(s), comma-separated',
      }),
    ),
    start_date: Type.Optional(
      Type.String({ maxLength: 40, description: 'W3C date-time; earliest requested_datetime' }),
    ),
    end_date: Type.Optional(
      Type.String({ maxLength: 40, description: 'W3C date-time; latest requested_datetime' }),
    ),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
    extensions: Type.Optional(
      Type.Boolean({ description: '扩展属性 extended attributes and notes (FixMyStreet/Chicago)' }),
    ),
  },
  { additionalProperties: true },
);

export const ExtensionsQuery = Type.Object(
  { jurisdiction_id: Jurisdiction, extensions: Type.Optional(Type.Boolean()) },
  { additionalProperties: true },
);

const Text = (maxLength: number, description?: string) =>
  Type.Optional(Type.String({ maxLength, ...(description ? { description } : {}) }));
const Coordinate = (description: string) =>
  Type.Optional(Type.Union([Type.Number(), Type.String({ maxLength: 40 })], { description }));

/** POST /requests: form-encoded as the spec says, or the same fields as JSON. */
export const PostRequestBody = Type.Object(
  {
    api_key: Text(200, '客户端系统的密钥 the client system’s key (or ?api_key=)'),
    jurisdiction_id: Jurisdiction,
    service_code: Type.String({ minLength: 1, maxLength: 100 }),
    lat: Coordinate('WGS84 纬度 latitude'),
    long: Coordinate('WGS84 经度 longitude'),
    address_string: Text(500, '地址 address (a point lat/long is required to locate the case)'),
    address_id: Text(100),
    email: Text(
      254,
      '报告人电子邮箱，作为个人信息保存，不公开 the reporter’s e-mail, kept as personal data, never in public answers',
    ),
    device_id: Text(200),
    account_id: Text(200),
    first_name: Text(100),
    last_name: Text(100),
    phone: Text(30, '回访电话 call-back phone, never shown in GET answers'),
    description: Text(4000),
    media_url: Text(2048, 'http(s) URL of a photo'),
    attribute: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Union([
          Type.String({ maxLength: 2000 }),
          Type.Array(Type.String({ maxLength: 2000 }), { maxItems: 50 }),
        ]),
        { description: 'attribute[code]=value (repeat for a multivaluelist)' },
      ),
    ),
  },
  { additionalProperties: true },
);

export const Open311Error = Type.Array(
  Type.Object({ code: Type.Integer(), description: Type.String() }),
  { description: 'GeoReport v2 errors: [{code, description}] (XML: <errors><error>…)' },
);

/** The error answers of an Open311 route, in the spec's shape. */
export function open311Errors<S extends number>(...statuses: readonly S[]) {
  return Object.fromEntries(statuses.map((s) => [s, Open311Error])) as Record<
    S,
    typeof Open311Error
  >;
}

const Service = Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Type.String(),
  metadata: Type.Boolean(),
  type: Type.String(),
  keywords: Type.String(),
  group: Type.String(),
});
export const ServiceList = Type.Array(Service);

export const ServiceDefinition = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(
    Type.Object({
      variable: Type.Boolean(),
      code: Type.String(),
      datatype: Type.String(),
      required: Type.Boolean(),
      datatype_description: Type.Union([Type.String(), Type.Null()]),
      order: Type.Integer(),
      description: Type.String(),
      values: Type.Optional(Type.Array(Type.Object({ key: Type.String(), name: Type.String() }))),
    }),
  ),
});

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
export const ServiceRequests = Type.Array(
  Type.Object(
    {
      service_request_id: Type.String(),
      status: Type.String({ enum: ['open', 'closed'] }),
      status_notes: Type.String(),
      service_name: Type.String(),
      service_code: Type.String(),
      description: Type.String(),
      agency_responsible: Nullable(Type.String()),
      service_notice: Nullable(Type.String()),
      requested_datetime: Type.String(),
      updated_datetime: Type.String(),
      expected_datetime: Nullable(Type.String()),
      address: Type.String(),
      address_id: Nullable(Type.String()),
      zipcode: Nullable(Type.String()),
      lat: Type.Number(),
      long: Type.Number(),
      media_url: Nullable(Type.String()),
    },
    { additionalProperties: true },
  ),
);

export const PostRequestAnswer = Type.Array(
  Type.Object({
    service_request_id: Type.String(),
    token: Nullable(Type.String()),
    service_notice: Type.String(),
    account_id: Nullable(Type.String()),
  }),
);

export const TokenAnswer = Type.Array(
  Type.Object({ service_request_id: Type.String(), token: Type.String() }),
);

export const Discovery = Type.Object({
  changeset: Type.String(),
  contact: Type.String(),
  key_service: Type.String(),
  endpoints: Type.Array(
    Type.Object({
      specification: Type.String(),
      url: Type.String(),
      changeset: Type.String(),
      type: Type.String(),
      formats: Type.Array(Type.String()),
    }),
  ),
});
