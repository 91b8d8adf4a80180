import {
  canSee,
  isCityLevel,
  mayDo,
  scopeFilter,
  type Principal,
} from '../../domain/access/index.ts';
import type { Case } from '../../domain/cases/index.ts';
import {
  averageRates,
  hotlineRates,
  ratesBy,
  type GroupRates,
  type OrderStatus,
  type RateKind,
  type RateSet,
} from '../../domain/hotline/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { findCase } from '../../store/cases.store.ts';
import {
  findOrder,
  listOrderCalls,
  listOrders,
  type OrderCall,
  type StoredOrder,
} from '../../store/hotline.store.ts';
import { mayRead } from '../cases/actor.ts';
import type { Deps } from '../deps.ts';
import { notFound, type HotlineServiceError } from './errors.ts';
import { hotlineReference } from './reference.ts';

export type { OrderCall, StoredOrder };

export type OrderDetail = {
  readonly order: StoredOrder;
  readonly case: Case;
  readonly calls: readonly OrderCall[];
};

/** One work order with its case and linked calls, if the caller sees its case. */
export async function getOrder(
  deps: Deps,
  principal: Principal,
  caseId: string,
): Promise<Result<OrderDetail, HotlineServiceError>> {
  const c = await findCase(deps.db, caseId);
  if (!c || !mayRead(principal, c)) return notFound(caseId);
  const order = await findOrder(deps.db, caseId, [c.districtCode]);
  if (!order) return notFound(caseId);
  return ok({ order, case: c, calls: await listOrderCalls(deps.db, c.districtCode, caseId) });
}

export type ListOrdersInput = {
  readonly status?: OrderStatus | undefined;
  readonly unitId?: string | undefined;
  readonly limit?: number | undefined;
};

/** The newest orders in the caller's sight (a unit: those sent to it; a region: those in it). */
export async function listOrdersFor(
  deps: Deps,
  principal: Principal,
  input: ListOrdersInput,
): Promise<StoredOrder[]> {
  return listOrders(deps.db, {
    scope: scopeFilter(principal),
    status: input.status,
    unitId: input.unitId,
    limit: input.limit ?? 50,
  });
}

export type RatesInput = {
  readonly from: Date;
  readonly to: Date;
  /** One district; omitted: the caller's own, or the whole city for city staff. */
  readonly district?: string | undefined;
  /** One street (9 digits) of the district. */
  readonly street?: string | undefined;
  /** One receiving unit (department or street centre). */
  readonly unit?: string | undefined;
};

export type HotlineRatesReport = {
  readonly from: Date;
  readonly to: Date;
  readonly asOf: Date;
  readonly orders: number;
  /** Pooled over the selection. */
  readonly total: RateSet;
  readonly byStreet: readonly GroupRates[];
  readonly byUnit: readonly GroupRates[];
  /** The sources' 平均: unweighted means of the streets' and of the units' rates. */
  readonly streetAverage: { readonly [K in RateKind]: number | null };
  readonly unitAverage: { readonly [K in RateKind]: number | null };
};

const MAX_PERIOD_MS = 5 * 366 * 86_400_000;

/**
 * 响应率、处置率、服务满意率 of the orders received in [from, to), judged now, per street and per
 * receiving unit (domain/hotline rates.ts; docs/hotline.md). A unit's handler reads its own
 * unit's figures only.
 */
export async function ratesFor(
  deps: Deps,
  principal: Principal,
  input: RatesInput,
): Promise<Result<HotlineRatesReport, HotlineServiceError>> {
  if (!mayDo(principal.role, 'indicator.read'))
    return err({
      code: 'auth.forbidden',
      details: { reason: 'role', capability: 'indicator.read' },
    });
  const span = input.to.getTime() - input.from.getTime();
  if (!(span > 0) || span > MAX_PERIOD_MS)
    return err({ code: 'hotline.bad_period', details: { from: input.from, to: input.to } });
  if (input.street !== undefined && input.district !== undefined)
    if (!input.street.startsWith(input.district))
      return err({
        code: 'hotline.bad_filter',
        details: { street: input.street, district: input.district },
      });
  const district =
    input.district ??
    input.street?.slice(0, 6) ??
    (isCityLevel(principal) ? null : principal.districtCode);
  // A unit's handler reads its own unit's figures, in its own district (as the assessment).
  const unitHandler = principal.role === 'unit_handler';
  const inSight = unitHandler
    ? district === principal.districtCode
    : district === null ||
      canSee(principal, {
        districtCode: district,
        regionCodes: input.street ? [input.street] : [],
      });
  if (!inSight)
    return err({
      code: 'auth.forbidden',
      details: { reason: 'region', capability: 'indicator.read' },
    });
  const unit = unitHandler ? (principal.unitId ?? '') : input.unit;
  const orders = await listOrders(deps.db, {
    scope: scopeFilter(principal),
    regionPrefix: input.street ?? district ?? undefined,
    from: input.from,
    to: input.to,
    unitId: unit,
  });
  const p = hotlineReference(deps).parameters.rates;
  const asOf = deps.clock.now();
  const byStreet = ratesBy(orders, 'street', p, asOf);
  const byUnit = ratesBy(orders, 'unit', p, asOf);
  return ok({
    from: input.from,
    to: input.to,
    asOf,
    orders: orders.length,
    total: hotlineRates(orders, p, asOf),
    byStreet,
    byUnit,
    streetAverage: averageRates(byStreet, p),
    unitAverage: averageRates(byUnit, p),
  });
}
