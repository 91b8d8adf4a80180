import type { ErrorSpec } from './spec.ts';

export type BaseDataErrorCode = 'import.invalid' | 'import.unsupported_media_type';

export const BASE_DATA_ERRORS: Record<BaseDataErrorCode, ErrorSpec> = {
  // details: { count, listed, problems: [{ index, line?, field?, code, reason_zh, reason_en }] }
  'import.invalid': {
    status: 422,
    zh: '导入数据有误，已整体拒绝，未写入任何数据；问题见 details.problems',
    en: 'The import was refused as a whole and nothing was written; see details.problems',
  },
  'import.unsupported_media_type': {
    status: 415,
    zh: '导入文件须为 GeoJSON（application/json、application/geo+json）或 CSV（text/csv）',
    en: 'Send GeoJSON (application/json, application/geo+json) or CSV (text/csv)',
  },
};
