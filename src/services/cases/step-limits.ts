import {
  isCityLevel,
  mayDo,
  type AccessDenied,
  type Principal,
} from '../../domain/access/index.ts';
import { STEP_NAMES, type StepName } from '../../domain/cases/index.ts';
import { parseTimeLimit, type TimeLimit } from '../../domain/catalogue/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { listStepTimeLimits, upsertStepTimeLimit } from '../../store/step-limits.store.ts';
import { districtExists } from '../../store/units.store.ts';
import type { Deps } from '../deps.ts';

/** The centre's own steps (核实, 立案, 派遣, 核查, 结案); handling's limit is the catalogue's. */
export const CENTRE_STEPS = STEP_NAMES.filter(
  (s): s is Exclude<StepName, 'handle'> => s !== 'handle',
);
export type CentreStep = (typeof CENTRE_STEPS)[number];

export type StepTimeLimit = {
  readonly step: CentreStep;
  readonly limit: TimeLimit;
  readonly provenance: string;
  /** `district`: the district's own row; `default`: the shipped default every district inherits. */
  readonly source: 'district' | 'default';
};

/** A district code that names no district of the base data. */
export type UnknownDistrict = {
  readonly code: 'catalogue.unknown_district';
  readonly details: { readonly districtCode: string };
};

export type StepLimitsError =
  | AccessDenied
  | UnknownDistrict
  | {
      readonly code: 'catalogue.invalid_time_limit';
      readonly details: Readonly<Record<string, unknown>>;
    };

/**
 * The time limits the centre's steps run on in a district (its own, else the default), in loop
 * order. City staff and admins read any district (or, with none, the defaults); others their own.
 */
export async function readStepTimeLimits(
  deps: Deps,
  principal: Principal,
  districtCode: string | undefined,
): Promise<
  Result<{ districtCode: string | null; items: StepTimeLimit[] }, AccessDenied | UnknownDistrict>
> {
  const everywhere = principal.role === 'admin' || isCityLevel(principal);
  const district = districtCode ?? (everywhere ? null : principal.districtCode);
  if (!everywhere && district !== principal.districtCode) {
    return err({ code: 'auth.forbidden', details: { reason: 'region', capability: 'case.read' } });
  }
  if (district !== null && !(await districtExists(deps.db, district)))
    return err({ code: 'catalogue.unknown_district', details: { districtCode: district } });
  const rows = await listStepTimeLimits(deps.db, district);
  const items = CENTRE_STEPS.flatMap((step): StepTimeLimit[] => {
    const r = rows.find((x) => x.step === step);
    if (!r) return [];
    return [
      {
        step,
        limit: { amount: r.amount, unit: r.unit },
        provenance: r.provenance,
        source: r.districtCode === null ? 'default' : 'district',
      },
    ];
  });
  return ok({ districtCode: district, items });
}

/**
 * Sets a district's own limit for one centre step (`catalogue.write`: admins). The case writes
 * read it from the next transaction on (the reference revision moves with the row).
 */
export async function setStepTimeLimit(
  deps: Deps,
  principal: Principal,
  input: {
    readonly districtCode: string;
    readonly step: CentreStep;
    readonly limit: { readonly amount: number; readonly unit: string };
    readonly provenance?: string | undefined;
  },
): Promise<Result<StepTimeLimit, StepLimitsError>> {
  if (!mayDo(principal.role, 'catalogue.write')) {
    return err({
      code: 'auth.forbidden',
      details: { reason: 'role', capability: 'catalogue.write' },
    });
  }
  const limit = parseTimeLimit(input.limit, 'limit');
  if (!limit.ok) return limit;
  // A limit for a district that does not exist would be a row no case ever reads.
  if (!(await districtExists(deps.db, input.districtCode)))
    return err({
      code: 'catalogue.unknown_district',
      details: { districtCode: input.districtCode },
    });
  const provenance = input.provenance ?? `set by ${principal.username}`;
  await upsertStepTimeLimit(
    deps.db,
    {
      districtCode: input.districtCode,
      step: input.step,
      amount: limit.value.amount,
      unit: limit.value.unit,
      provenance,
    },
    deps.clock.now(),
  );
  return ok({ step: input.step, limit: limit.value, provenance, source: 'district' });
}
