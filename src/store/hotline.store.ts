import type {
  CallBackResult,
  HotlineLine,
  HotlineOrder,
  OrderStatus,
} from '../domain/hotline/index.ts';
import type { ScopeFilter } from '../domain/access/index.ts';
import type { Queryable } from './db.ts';

/** SQL for the hotline's work orders (migration 0200); their events are case events. */

const COLUMNS = `district_code, case_id, line, order_no, hotline_type, street_code, unit_id, status,
  received_at, dispatched_at, respond_due_at, handle_due_at, responded_at, responded_late,
  replied_at, reply_note, handled_late, call_back_result, call_back_note, called_back_at,
  reopen_count, linked_calls, version`;

type OrderRow = {
  district_code: string;
  case_id: string;
  line: HotlineLine;
  order_no: string | null;
  hotline_type: string;
  street_code: string;
  unit_id: string;
  status: OrderStatus;
  received_at: Date;
  dispatched_at: Date;
  respond_due_at: Date;
  handle_due_at: Date;
  responded_at: Date | null;
  responded_late: boolean;
  replied_at: Date | null;
  reply_note: string | null;
  handled_late: boolean;
  call_back_result: CallBackResult | null;
  call_back_note: string | null;
  called_back_at: Date | null;
  reopen_count: number;
  linked_calls: number;
  version: number;
};

/** A stored order: the order and the instant it was first received. */
export type StoredOrder = HotlineOrder & { readonly receivedAt: Date };

const date = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));
const dateOrNull = (v: Date | string | null): Date | null => (v === null ? null : date(v));

function toOrder(r: OrderRow): StoredOrder {
  return {
    districtCode: r.district_code.trim(),
    caseId: r.case_id,
    line: r.line,
    orderNo: r.order_no,
    hotlineType: r.hotline_type,
    streetCode: r.street_code,
    unitId: r.unit_id,
    status: r.status,
    receivedAt: date(r.received_at),
    dispatchedAt: date(r.dispatched_at),
    respondDueAt: date(r.respond_due_at),
    handleDueAt: date(r.handle_due_at),
    respondedAt: dateOrNull(r.responded_at),
    respondedLate: r.responded_late,
    repliedAt: dateOrNull(r.replied_at),
    replyNote: r.reply_note,
    handledLate: r.handled_late,
    callBackResult: r.call_back_result,
    callBackNote: r.call_back_note,
    calledBackAt: dateOrNull(r.called_back_at),
    reopenCount: r.reopen_count,
    linkedCalls: r.linked_calls,
    version: r.version,
  };
}

/** Writes a new order, in its case's opening transaction. */
export async function insertOrder(db: Queryable, o: HotlineOrder): Promise<void> {
  await db.query(
    `INSERT INTO hotline_orders (${COLUMNS}, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, NULL, false, NULL, NULL, false,
       NULL, NULL, NULL, 0, 0, $12, $9)`,
    [
      o.districtCode,
      o.caseId,
      o.line,
      o.orderNo,
      o.hotlineType,
      o.streetCode,
      o.unitId,
      o.status,
      o.dispatchedAt,
      o.respondDueAt,
      o.handleDueAt,
      o.version,
    ],
  );
}

/** Saves an order's state after a step, if nobody moved it since `expectedVersion`. */
export async function saveOrder(
  db: Queryable,
  o: HotlineOrder,
  expectedVersion: number,
  now: Date,
): Promise<boolean> {
  const r = await db.query<{ case_id: string }>(
    `UPDATE hotline_orders SET status = $3, dispatched_at = $4, respond_due_at = $5,
       handle_due_at = $6, responded_at = $7, responded_late = $8, replied_at = $9,
       reply_note = $10, handled_late = $11, call_back_result = $12, call_back_note = $13,
       called_back_at = $14, reopen_count = $15, linked_calls = $16, version = $17,
       updated_at = $18
     WHERE district_code = $1 AND case_id = $2 AND version = $19 RETURNING case_id`,
    [
      o.districtCode,
      o.caseId,
      o.status,
      o.dispatchedAt,
      o.respondDueAt,
      o.handleDueAt,
      o.respondedAt,
      o.respondedLate,
      o.repliedAt,
      o.replyNote,
      o.handledLate,
      o.callBackResult,
      o.callBackNote,
      o.calledBackAt,
      o.reopenCount,
      o.linkedCalls,
      o.version,
      now,
      expectedVersion,
    ],
  );
  return r.rows.length === 1;
}

/** One order by its case id (the caller checks scope on its case). */
export async function findOrder(
  db: Queryable,
  caseId: string,
  districtCodes?: readonly string[],
): Promise<StoredOrder | null> {
  const r =
    districtCodes === undefined
      ? await db.query<OrderRow>(`SELECT ${COLUMNS} FROM hotline_orders WHERE case_id = $1`, [
          caseId,
        ])
      : await db.query<OrderRow>(
          `SELECT ${COLUMNS} FROM hotline_orders
           WHERE case_id = $1 AND district_code = ANY($2::bpchar[])`,
          [caseId, districtCodes],
        );
  const row = r.rows[0];
  return row ? toOrder(row) : null;
}

/** The order imported under a platform order number, or null. */
export async function findOrderByNumber(
  db: Queryable,
  orderNo: string,
): Promise<StoredOrder | null> {
  const r = await db.query<OrderRow>(`SELECT ${COLUMNS} FROM hotline_orders WHERE order_no = $1`, [
    orderNo,
  ]);
  const row = r.rows[0];
  return row ? toOrder(row) : null;
}

export type OrderFilter = {
  /** The caller's sight (domain/access scopeFilter). */
  readonly scope: ScopeFilter;
  /** Street-code prefixes asked for (a district, a street); omitted: all in sight. */
  readonly regionPrefix?: string | undefined;
  /** Received in [from, to) */
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly unitId?: string | undefined;
  readonly status?: OrderStatus | undefined;
  readonly limit?: number | undefined;
};

/** Orders in the caller's sight, newest first (a list) or all of a period (the rates). */
export async function listOrders(db: Queryable, f: OrderFilter): Promise<StoredOrder[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.scope.kind === 'units') add('unit_id = ANY(?::text[])', f.scope.unitIds);
  if (f.scope.kind === 'regions')
    add(
      `EXISTS (SELECT 1 FROM unnest(?::text[]) p WHERE street_code LIKE p || '%')`,
      f.scope.prefixes,
    );
  if (f.regionPrefix) {
    // The district column first: a district's orders are one shard's rows.
    add('district_code = ?::bpchar', f.regionPrefix.slice(0, 6));
    add(`street_code LIKE ? || '%'`, f.regionPrefix);
  }
  if (f.from) add('received_at >= ?', f.from);
  if (f.to) add('received_at < ?', f.to);
  if (f.unitId) add('unit_id = ?', f.unitId);
  if (f.status) add('status = ?', f.status);
  const limit = f.limit === undefined ? '' : ` LIMIT ${Math.floor(f.limit)}`;
  const r = await db.query<OrderRow>(
    `SELECT ${COLUMNS} FROM hotline_orders
     ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY received_at DESC, case_id${limit}`,
    params,
  );
  return r.rows.map(toOrder);
}

/** Orders changed at or after `since`, oldest change first (the platform's export). */
export async function listOrdersChangedSince(
  db: Queryable,
  districtCodes: readonly string[] | null,
  since: Date,
  limit: number,
): Promise<(StoredOrder & { readonly updatedAt: Date })[]> {
  const r = await db.query<OrderRow & { updated_at: Date }>(
    `SELECT ${COLUMNS}, updated_at FROM hotline_orders
     WHERE updated_at >= $1
       AND ($2::bpchar[] IS NULL OR district_code = ANY($2::bpchar[]))
     ORDER BY updated_at, case_id LIMIT $3`,
    [since, districtCodes, limit],
  );
  return r.rows.map((row) => ({ ...toOrder(row), updatedAt: date(row.updated_at) }));
}

/** One call on an order: the first (the one that opened it) or a repeated call linked to it. */
export type OrderCall = {
  readonly districtCode: string;
  readonly caseId: string;
  readonly callerName: string | null;
  readonly callerPhone: string | null;
  readonly description: string | null;
  readonly takenBy: string;
  readonly at: Date;
};

export async function insertOrderCall(db: Queryable, c: OrderCall): Promise<void> {
  await db.query(
    `INSERT INTO hotline_calls (district_code, case_id, caller_name, caller_phone, description,
       taken_by, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [c.districtCode, c.caseId, c.callerName, c.callerPhone, c.description, c.takenBy, c.at],
  );
}

/** The repeated calls linked to an order, oldest first. */
export async function listOrderCalls(
  db: Queryable,
  districtCode: string,
  caseId: string,
): Promise<OrderCall[]> {
  const r = await db.query<{
    caller_name: string | null;
    caller_phone: string | null;
    description: string | null;
    taken_by: string;
    at: Date;
  }>(
    `SELECT caller_name, caller_phone, description, taken_by, at FROM hotline_calls
     WHERE district_code = $1 AND case_id = $2 ORDER BY at, id`,
    [districtCode, caseId],
  );
  return r.rows.map((x) => ({
    districtCode,
    caseId,
    callerName: x.caller_name,
    callerPhone: x.caller_phone,
    description: x.description,
    takenBy: x.taken_by,
    at: date(x.at),
  }));
}
