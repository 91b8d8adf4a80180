import {
  DEFAULT_SCHEME_ID,
  effectiveStandard,
  validateOverride,
  type CategoryKind,
  type EffectiveStandard,
  type OverrideError,
  type OverrideInput,
} from '../../domain/catalogue/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import * as store from '../../store/catalogue.store.ts';
import type { Deps } from '../deps.ts';
import { explainMissingCategory, type CatalogueLookupError } from './query-catalogue.ts';

export type SetOverrideInput = {
  districtCode: string;
  scheme?: string | undefined;
  kind: CategoryKind;
  code: string;
  override: OverrideInput;
};

/**
 * Sets (replaces) a district's override of one category's standard, in one transaction. An
 * invalid override writes nothing. Returns the district's effective standard afterwards.
 */
export async function setCategoryOverride(
  deps: Deps,
  input: SetOverrideInput,
): Promise<Result<EffectiveStandard, CatalogueLookupError | OverrideError>> {
  const key = { scheme: input.scheme ?? DEFAULT_SCHEME_ID, kind: input.kind, code: input.code };
  return deps.db.transaction(async (tx) => {
    const base = await store.findStandard(tx, key);
    if (!base) return err(await explainMissingCategory(tx, key));
    const override = validateOverride(input.districtCode, key, input.override, base);
    if (!override.ok) return override;
    await store.saveOverride(tx, override.value, deps.clock.now());
    return ok(effectiveStandard(base, override.value));
  });
}

/** Every override a district has set. */
export async function listDistrictOverrides(deps: Deps, districtCode: string) {
  return store.listOverrides(deps.db, districtCode);
}
