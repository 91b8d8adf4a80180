import type { TimeLimit } from '../calendar/index.ts';
import type { Urgency } from '../cases/index.ts';
import { err, ok, type Result } from '../shared/index.ts';

/**
 * The hotline's parameters (接诉即办), kept as data in reference/channels/hotline-parameters.json
 * and documented in docs/hotline.md: the response and handling limits per urgency, how many times
 * a dissatisfied call-back may reopen an order, and the knobs of the three rates.
 */
export type HotlineParameters = {
  /** 响应时限: the receiving unit contacts the caller within this. */
  readonly responseLimit: Readonly<Record<Urgency, TimeLimit>>;
  /** 处置时限: the unit handles and replies within this (from the order's dispatch or reopening). */
  readonly handlingLimit: Readonly<Record<Urgency, TimeLimit>>;
  /** A dissatisfied call-back reopens the order while it was reopened fewer times than this. */
  readonly maxReopenings: number;
  readonly rates: RateParameters;
};

export type RateParameters = {
  /** 响应率 counts only responses within the limit (true) or every response (false). */
  readonly responseOnTimeOnly: boolean;
  /** 处置率 counts only orders handled within the limit (true) or every handled order (false). */
  readonly handlingOnTimeOnly: boolean;
  /** What a 基本满意 counts in the numerator of 服务满意率 (1: as satisfied, 0: as not). */
  readonly basicallySatisfiedWeight: number;
  /** Rates are percentages rounded to this many decimals. */
  readonly decimals: number;
};

const UNITS = ['working_hours', 'working_days', 'calendar_hours'] as const;
const URGENCY_KEYS = ['urgent', 'pressing', 'normal'] as const;

function limitsOf(v: unknown, name: string): Result<Record<Urgency, TimeLimit>, string> {
  if (typeof v !== 'object' || v === null) return err(`${name} is not an object`);
  const out: Partial<Record<Urgency, TimeLimit>> = {};
  for (const u of URGENCY_KEYS) {
    const l = (v as Record<string, { amount?: unknown; unit?: unknown } | undefined>)[u];
    if (
      !l ||
      typeof l.amount !== 'number' ||
      !(l.amount > 0) ||
      !(UNITS as readonly unknown[]).includes(l.unit)
    )
      return err(`${name}.${u} needs a positive amount and a unit of ${UNITS.join(', ')}`);
    out[u] = { amount: l.amount, unit: l.unit as TimeLimit['unit'] };
  }
  return ok(out as Record<Urgency, TimeLimit>);
}

/** Reads and checks the parameters file (parsed JSON). */
export function parseHotlineParameters(v: unknown): Result<HotlineParameters, string> {
  if (typeof v !== 'object' || v === null) return err('not an object');
  const o = v as Record<string, unknown>;
  const response = limitsOf(o.responseLimit, 'responseLimit');
  if (!response.ok) return response;
  const handling = limitsOf(o.handlingLimit, 'handlingLimit');
  if (!handling.ok) return handling;
  const max = o.maxReopenings;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 0)
    return err('maxReopenings must be a whole number ≥ 0');
  const r = (o.rates ?? {}) as Record<string, unknown>;
  const weight = r.basicallySatisfiedWeight;
  const decimals = r.decimals;
  if (typeof r.responseOnTimeOnly !== 'boolean' || typeof r.handlingOnTimeOnly !== 'boolean')
    return err('rates.responseOnTimeOnly and rates.handlingOnTimeOnly must be true or false');
  if (typeof weight !== 'number' || weight < 0 || weight > 1)
    return err('rates.basicallySatisfiedWeight must lie in [0, 1]');
  if (typeof decimals !== 'number' || !Number.isInteger(decimals) || decimals < 0 || decimals > 6)
    return err('rates.decimals must be a whole number in [0, 6]');
  return ok({
    responseLimit: response.value,
    handlingLimit: handling.value,
    maxReopenings: max,
    rates: {
      responseOnTimeOnly: r.responseOnTimeOnly,
      handlingOnTimeOnly: r.handlingOnTimeOnly,
      basicallySatisfiedWeight: weight,
      decimals,
    },
  });
}
