import type { FileError } from '../../services/files/files.ts';
import type { ErrorSpec } from './spec.ts';

/** Photos and files. */
export const FILE_ERRORS: Record<FileError['code'] | 'file.missing', ErrorSpec> = {
  'file.too_large': {
    status: 413,
    zh: '文件过大（details.maxBytes 为上限）',
    en: 'The file is too large (details.maxBytes is the limit)',
  },
  'file.unsupported_type': {
    status: 415,
    zh: '只接受 JPEG、PNG 或 WebP 图片（按文件内容判断）',
    en: 'Only JPEG, PNG or WebP images are accepted (judged by their content)',
  },
  'file.not_found': {
    status: 404,
    zh: '文件不存在或您无权查看',
    en: 'No such file, or you may not see it',
  },
  'file.missing': {
    status: 400,
    zh: '请求中没有文件（multipart 字段 file）',
    en: 'The request carries no file (multipart field "file")',
  },
};
