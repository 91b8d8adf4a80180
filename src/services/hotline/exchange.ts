import { clientActorId, type Urgency } from '../../domain/cases/index.ts';
import type { Crs } from '../../domain/geo/index.ts';
import type { HotlineLine } from '../../domain/hotline/index.ts';
import { findCase } from '../../store/cases.store.ts';
import {
  findOrderByNumber,
  listOrdersChangedSince,
  type StoredOrder,
} from '../../store/hotline.store.ts';
import { findIdempotencyKey } from '../../store/intake.store.ts';
import type { Client } from '../apikeys/api-keys.ts';
import type { Deps } from '../deps.ts';
import { recordCall } from './record-call.ts';

/**
 * The exchange with the city's 12345 platform (another system, docs/hotline.md "Exchange"): it
 * sends work orders in batches, each under its own order number (工单号), and reads back the
 * orders' outcome since an instant. The platform is a client system with an API key: its orders
 * enter through the intake seam as that client (never as a made-up user), idempotent by the
 * order number (the seam's key): the same order again creates nothing; another payload under a
 * number already imported is a conflict.
 */
export type PlatformOrder = {
  readonly orderNo: string;
  readonly line: HotlineLine;
  readonly hotlineType: string;
  readonly callerName?: string | undefined;
  readonly callerPhone: string;
  readonly description: string;
  readonly location: { readonly lng: number; readonly lat: number; readonly crs?: Crs };
  readonly address?: string | undefined;
  readonly urgency?: Urgency | undefined;
};

export type ImportOutcome =
  | {
      readonly orderNo: string;
      readonly outcome: 'created' | 'unchanged';
      readonly caseId: string;
      readonly caseNumber: string;
      readonly unitId: string;
    }
  | {
      readonly orderNo: string;
      readonly outcome: 'conflict' | 'refused';
      readonly code: string;
      readonly details: unknown;
    };

/** Imports a batch, one order at a time, in order; each order's outcome in the answer. */
export async function importPlatformOrders(
  deps: Deps,
  client: Client,
  orders: readonly PlatformOrder[],
): Promise<ImportOutcome[]> {
  const out: ImportOutcome[] = [];
  for (const o of orders) {
    const { orderNo, ...call } = o;
    if (await takenByAnother(deps, client, orderNo)) {
      out.push({
        orderNo,
        outcome: 'conflict',
        code: 'hotline.order_conflict',
        details: { reason: 'imported_by_another_client' },
      });
      continue;
    }
    const r = await recordCall(
      deps,
      { kind: 'client', clientId: client.clientId, clientName: client.clientName },
      call,
      { orderNo, idempotencyKey: orderNo },
    );
    if (r.ok)
      out.push({
        orderNo,
        outcome: r.value.replayed ? 'unchanged' : 'created',
        caseId: r.value.case.id,
        caseNumber: r.value.case.caseNumber,
        unitId: r.value.order.unitId,
      });
    else
      out.push({
        orderNo,
        outcome: r.error.code === 'intake.idempotency_conflict' ? 'conflict' : 'refused',
        code:
          r.error.code === 'intake.idempotency_conflict' ? 'hotline.order_conflict' : r.error.code,
        details: 'details' in r.error ? r.error.details : {},
      });
  }
  return out;
}

export type ExportedOrder = StoredOrder & { readonly updatedAt: Date; readonly caseNumber: string };

/** Orders changed at or after `since`, oldest change first, at most `limit` (the platform pages on). */
export async function exportPlatformOrders(
  deps: Deps,
  since: Date,
  limit: number,
): Promise<ExportedOrder[]> {
  const orders = await listOrdersChangedSince(deps.db, null, since, limit);
  const out: ExportedOrder[] = [];
  for (const o of orders) {
    const c = await findCase(deps.db, o.caseId, [o.districtCode]);
    out.push({ ...o, caseNumber: c?.caseNumber ?? '' });
  }
  return out;
}

/**
 * Whether an order number was imported by another client system (a second platform, or a key
 * issued anew): a platform order number names one order city-wide, so this client may not open
 * a second case under it. Its own earlier import is a replay (recordCall answers it). A race of
 * two clients on one new number is still refused by the unique index.
 */
async function takenByAnother(deps: Deps, client: Client, orderNo: string): Promise<boolean> {
  const order = await findOrderByNumber(deps.db, orderNo);
  if (order === null) return false;
  const own = await findIdempotencyKey(deps.db, clientActorId(client.clientId), orderNo);
  return own?.caseId !== order.caseId;
}
