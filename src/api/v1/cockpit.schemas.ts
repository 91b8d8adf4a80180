import { Type } from '@sinclair/typebox';

const Tally = Type.Object({ key: Type.String(), count: Type.Integer({ minimum: 0 }) });
const Tallies = (description: string) => Type.Array(Tally, { description });

export const CockpitSummarySchema = Type.Object(
  {
    at: Type.String({ format: 'date-time', description: '统计时间 when it was counted' }),
    day: Type.String({ description: '今日 the local (Asia/Shanghai) day, YYYY-MM-DD' }),
    open: Type.Object({
      total: Type.Integer({ description: '在办案件 open cases' }),
      overdue: Type.Integer({ description: '超期在办 open cases past their step’s due instant' }),
      byStatus: Tallies('按状态 by status'),
      byCategory: Tallies('按类别 by category code'),
      byDistrict: Tallies('按区 by district code'),
      byStreet: Tallies('按街道 by street code'),
      bySource: Tallies('按来源 by channel'),
      overdueByUnit: Tallies('各单位超期 overdue open cases by main unit'),
    }),
    today: Type.Object({
      new: Type.Integer({ description: '今日新增 reported today' }),
      closed: Type.Integer({ description: '今日结案 closed today' }),
      overdue: Type.Integer({ description: '今日超期 open cases that fell due today' }),
    }),
  },
  { $id: 'CockpitSummary', description: '驾驶舱实时数据 the live cockpit of the caller’s region' },
);

export const TrendQuery = Type.Object({
  days: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 366,
      default: 30,
      description: '天数 days, today included',
    }),
  ),
});

export const TrendSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      day: Type.String({ description: 'YYYY-MM-DD (Asia/Shanghai)' }),
      new: Type.Integer({ description: '新增 reported' }),
      closed: Type.Integer({ description: '结案 closed' }),
    }),
  ),
});

export const HotspotsQuery = Type.Object({
  days: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 366,
      default: 7,
      description: '天数 days, today included',
    }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
});

export const HotspotsSchema = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  grids: Tallies('热点网格 grids with most cases reported in the window'),
  categories: Tallies('高发类别 categories with most cases reported in the window'),
});
