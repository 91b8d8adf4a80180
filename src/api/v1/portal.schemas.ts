import { Type, type Static } from '@sinclair/typebox';
import { URGENCIES } from '../../domain/cases/index.ts';
import { CRS_VALUES } from '../../domain/geo/index.ts';
import { PHASES, RATINGS } from '../../domain/portal/index.ts';
import { PORTAL_MAX_PHOTOS } from '../../services/portal/report.ts';
import { Lat, Lng } from './input.schemas.ts';

/** TypeBox schemas of the public portal (a citizen's phone, a WeChat mini-program). */

const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );
const Text = Type.Object({ zh: Type.String(), en: Type.String() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

const Phone = Type.String({
  minLength: 11,
  maxLength: 20,
  pattern: '^[0-9+\\- ]+$',
  description: '手机号 mobile number (11 digits; +86, spaces and dashes allowed)',
});
export const TrackingParams = Type.Object({
  trackingCode: Type.String({ pattern: '^[0-9A-Za-z]{10}$', description: '查询码 tracking code' }),
});

export const TopicsQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: 50,
        description: '名称、关键词或拼音首字母 name, keyword or pinyin initials (jg → 井盖)',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export const TopicView = Type.Object({
  code: Type.String({ description: '选择后提交此代码 send this code with the report' }),
  nameZh: Type.String(),
  nameEn: Type.String(),
  urgency: Nullable(literals(URGENCIES, '该类问题默认紧急程度 urgency this topic implies')),
  keywords: Type.Array(Type.String()),
});
export const TopicList = Type.Object({ items: Type.Array(TopicView) });

const Point = {
  lng: Lng('经度 longitude (GCJ-02 unless crs says otherwise)'),
  lat: Lat('纬度 latitude (GCJ-02 unless crs says otherwise)'),
  crs: Type.Optional(literals(CRS_VALUES, '坐标系 coordinate system (default gcj02)')),
};
export const PhotoQuery = Type.Object(Point, { additionalProperties: false });
export const PhotoView = Type.Object({
  photoId: Type.String(),
  mime: Type.String(),
  sizeBytes: Type.Integer(),
});

export const PortalReportBody = Type.Object(
  {
    channel: Type.Optional(
      literals(['public_web', 'wechat'] as const, '渠道 channel (default public_web)'),
    ),
    topic: Type.String({
      minLength: 1,
      maxLength: 64,
      description: '问题类型 topic code from GET /public/categories',
    }),
    location: Type.Object(Point, { additionalProperties: false }),
    address: Type.Optional(Type.String({ maxLength: 300 })),
    description: Type.String({ minLength: 1, maxLength: 2000 }),
    photoIds: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
        maxItems: PORTAL_MAX_PHOTOS,
        uniqueItems: true,
        description: '照片 photo ids from POST /public/photos',
      }),
    ),
    phone: Type.Optional(Phone),
  },
  { additionalProperties: false },
);
export type PortalReportBody = Static<typeof PortalReportBody>;

export const PortalReportHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: '重试幂等键 the app’s retry key: a retry never opens two cases',
    }),
  ),
});

export const PortalReportCreated = Type.Object({
  trackingCode: Type.String({ description: '查询码 keep it to follow the report' }),
  caseNumber: Type.String(),
  urgency: literals(URGENCIES, '紧急程度 urgency (from the topic)'),
  phase: literals(PHASES, '进度 phase'),
  text: Text,
});

const Topic = Nullable(Type.Object({ code: Type.String(), zh: Type.String(), en: Type.String() }));
const RatingView = Type.Object({
  rating: literals(RATINGS, '评价 rating'),
  comment: Nullable(Type.String()),
  ratedAt: Type.String({ format: 'date-time' }),
});
export const ProgressView = Type.Object({
  trackingCode: Type.String(),
  caseNumber: Type.String(),
  topic: Topic,
  phase: literals(PHASES, '进度 phase'),
  text: Text,
  unit: Nullable(
    Type.Object({ zh: Type.String(), en: Type.String() }, { description: '处理单位' }),
  ),
  timeline: Type.Array(
    Type.Object({
      at: Type.String({ format: 'date-time' }),
      phase: literals(PHASES, '进度 phase'),
      text: Text,
    }),
  ),
  afterPhotos: Type.Array(Type.Object({ photoId: Type.String(), url: Type.String() }), {
    description: '处置后照片 after photos, once closed',
  }),
  rating: Nullable(RatingView),
  mayRate: Type.Boolean(),
  reportedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export const PhotoParams = Type.Object({
  trackingCode: TrackingParams.properties.trackingCode,
  photoId: Type.String({ minLength: 1, maxLength: 64 }),
});

export const RatingBody = Type.Object(
  {
    rating: literals(RATINGS, '满意 / 基本满意 / 不满意'),
    comment: Type.Optional(Type.String({ maxLength: 500 })),
    phone: Type.Optional(Phone),
  },
  { additionalProperties: false },
);
export { RatingView };

export const CodeRequestBody = Type.Object({ phone: Phone }, { additionalProperties: false });
export const CodeSent = Type.Object({ expiresAt: Type.String({ format: 'date-time' }) });
export const CodeVerifyBody = Type.Object(
  { phone: Phone, code: Type.String({ pattern: '^[0-9]{6}$', description: '验证码' }) },
  { additionalProperties: false },
);
export const ReporterToken = Type.Object({
  token: Type.String({ description: 'send as X-Reporter-Token to GET /public/my-reports' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export const ReporterHeaders = Type.Object({
  'x-reporter-token': Type.Optional(Type.String({ maxLength: 1000 })),
});
export const MyReports = Type.Object({
  items: Type.Array(
    Type.Object({
      trackingCode: Type.String(),
      caseNumber: Type.String(),
      topic: Topic,
      phase: literals(PHASES, '进度 phase'),
      text: Text,
      reportedAt: Type.String({ format: 'date-time' }),
      updatedAt: Type.String({ format: 'date-time' }),
    }),
  ),
});
