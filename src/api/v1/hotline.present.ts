import { mayReadPersonal, type Principal } from '../../domain/access/index.ts';
import { maskPhone, type Case, type Reporter } from '../../domain/cases/index.ts';
import type { HotlineRatesReport } from '../../services/hotline/read-orders.ts';
import type { ExportedOrder } from '../../services/hotline/exchange.ts';
import type { OrderCall, StoredOrder } from '../../services/hotline/read-orders.ts';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d === null ? null : d.toISOString());

/** The caller's phone in full for the hotline, masked for everyone else (units included). */
function presentCaller(r: Reporter, viewer: Principal) {
  const phone = r.phone ?? null;
  return {
    name: r.name ?? null,
    phone:
      phone === null || mayReadPersonal(viewer.role, 'caller_phone') ? phone : maskPhone(phone),
  };
}

export function presentOrder(o: StoredOrder, c: Case | null, viewer: Principal) {
  return {
    id: o.caseId,
    caseNumber: c?.caseNumber ?? '',
    districtCode: o.districtCode,
    line: o.line,
    orderNo: o.orderNo,
    hotlineType: o.hotlineType,
    streetCode: o.streetCode,
    unitId: o.unitId,
    status: o.status,
    receivedAt: iso(o.receivedAt),
    dispatchedAt: iso(o.dispatchedAt),
    respondDueAt: iso(o.respondDueAt),
    handleDueAt: iso(o.handleDueAt),
    respondedAt: isoOrNull(o.respondedAt),
    respondedLate: o.respondedLate,
    repliedAt: isoOrNull(o.repliedAt),
    replyNote: o.replyNote,
    handledLate: o.handledLate,
    callBack:
      o.callBackResult === null || o.calledBackAt === null
        ? null
        : { result: o.callBackResult, note: o.callBackNote, at: iso(o.calledBackAt) },
    reopenCount: o.reopenCount,
    linkedCalls: o.linkedCalls,
    version: o.version,
    caller: c === null ? null : presentCaller(c.reporter, viewer),
  };
}

export function presentCall(call: OrderCall, viewer: Principal) {
  return {
    caller: presentCaller(
      {
        ...(call.callerName ? { name: call.callerName } : {}),
        ...(call.callerPhone ? { phone: call.callerPhone } : {}),
      },
      viewer,
    ),
    description: call.description,
    at: iso(call.at),
  };
}

export function presentRates(r: HotlineRatesReport) {
  return {
    from: iso(r.from),
    to: iso(r.to),
    asOf: iso(r.asOf),
    orders: r.orders,
    total: r.total,
    byStreet: [...r.byStreet],
    byUnit: [...r.byUnit],
    streetAverage: r.streetAverage,
    unitAverage: r.unitAverage,
  };
}

/** What the platform reads back: the outcome, no personal data (it has the caller already). */
export function presentExported(o: ExportedOrder) {
  return {
    orderNo: o.orderNo,
    caseId: o.caseId,
    caseNumber: o.caseNumber,
    line: o.line,
    hotlineType: o.hotlineType,
    status: o.status,
    unitId: o.unitId,
    receivedAt: iso(o.receivedAt),
    respondDueAt: iso(o.respondDueAt),
    respondedAt: isoOrNull(o.respondedAt),
    respondedLate: o.respondedLate,
    handleDueAt: iso(o.handleDueAt),
    repliedAt: isoOrNull(o.repliedAt),
    reply: o.replyNote,
    handledLate: o.handledLate,
    callBack:
      o.callBackResult === null || o.calledBackAt === null
        ? null
        : { result: o.callBackResult, note: o.callBackNote, at: iso(o.calledBackAt) },
    reopenCount: o.reopenCount,
    updatedAt: iso(o.updatedAt),
  };
}
