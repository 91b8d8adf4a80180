import type { Capability } from '../api/client.ts';
import type { components } from '../api/schema.gen.ts';

type Order = components['schemas']['HotlineOrder'];
type Whistle = components['schemas']['Whistle'];

/** A step of a hotline work order the console offers (docs/hotline.md, the order's lifecycle). */
export type OrderStep = 'respond' | 'reply' | 'call-back';

/**
 * The steps the signed-in person may take on an order now: the receiving unit responds
 * (dispatched) and replies (responded); the hotline calls back (replied). The server checks the
 * unit and scope and answers with a coded refusal otherwise.
 */
export function orderSteps(o: Pick<Order, 'status'>, caps: readonly Capability[]): OrderStep[] {
  const out: OrderStep[] = [];
  if (caps.includes('case.handle') && o.status === 'dispatched') out.push('respond');
  if (caps.includes('case.handle') && o.status === 'responded') out.push('reply');
  if (caps.includes('case.evaluate') && o.status === 'replied') out.push('call-back');
  return out;
}

/** The point of an address search's best candidate, when it pins a place a grid can hold. */
export function pinnedPoint(
  candidates: readonly { point: { lng: number; lat: number }; precision: string }[],
): { lng: number; lat: number } | null {
  const best = candidates[0];
  if (!best) return null;
  return best.precision === 'address' || best.precision === 'road' ? best.point : null;
}

export type WhistleStep = 'acknowledge' | 'arrive' | 'feedback';
const STEPS: readonly WhistleStep[] = ['acknowledge', 'arrive', 'feedback'];

/**
 * The next report a summoned unit owes on an open whistle (响应 → 到场 → 处置反馈), or null when
 * the unit was not summoned, has reported every step, or the whistle is closed.
 */
export function nextWhistleStep(
  w: Pick<Whistle, 'status' | 'summons'>,
  unitId: string | null,
): WhistleStep | null {
  if (w.status !== 'open' || unitId === null) return null;
  const s = w.summons.find((x) => x.unitId === unitId);
  if (!s) return null;
  return STEPS.find((step) => s.done[step] === null) ?? null;
}
