import type { StoreFaultCode } from '../../services/faults.ts';
import type { ErrorSpec } from './spec.ts';

/**
 * The database or the disk failed (services/faults.ts); nothing in the request is wrong. The
 * db.* answers carry `Retry-After`: the same request succeeds once the database is back or the
 * lock holder has committed. `details.requestId` finds the logged cause.
 */
export const FAULT_ERRORS: Record<StoreFaultCode, ErrorSpec> = {
  'db.unavailable': {
    status: 503,
    zh: '数据库暂时不可用，请稍后重试（见 Retry-After）',
    en: 'The database is unavailable for the moment; try again later (see Retry-After)',
  },
  'db.timeout': {
    status: 503,
    zh: '数据库未能在时限内完成请求，请稍后重试',
    en: 'The database did not answer within the statement timeout; try again later',
  },
  'db.lock_timeout': {
    status: 503,
    zh: '所需数据正被其他操作锁定，等待超时，请稍后重试',
    en: 'The data this request needs is locked by another operation and the lock timeout ran out; try again later',
  },
  'storage.full': {
    status: 507,
    zh: '存储空间已满，未能保存（未留下任何部分内容），请联系管理员',
    en: 'The storage is full; nothing was stored (nothing partial is left). Tell an administrator',
  },
};

/** Seconds a client should wait before trying again, per fault (none for a full disk). */
export const FAULT_RETRY_AFTER_S: Record<StoreFaultCode, number | null> = {
  'db.unavailable': 5,
  'db.timeout': 5,
  'db.lock_timeout': 2,
  'storage.full': null,
};
