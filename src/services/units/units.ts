import { err, ok, type Result } from '../../domain/shared/index.ts';
import {
  buildUnitTree,
  validateNewUnit,
  type NewUnitInput,
  type Unit,
  type UnitInputError,
  type UnitKind,
  type UnitNode,
} from '../../domain/units/index.ts';
import * as store from '../../store/units.store.ts';
import type { Deps } from '../deps.ts';

export type UnitError =
  | UnitInputError
  | { code: 'unit.not_found'; details: { id: string } }
  | { code: 'unit.parent_not_found'; details: { parentId: string } }
  | { code: 'unit.region_not_found'; details: { regionCode: string } }
  | { code: 'unit.duplicate_id'; details: { id: string } };

/** The units of a district (or all), optionally of one kind, as trees under their parents. */
export async function listUnitTree(
  deps: Deps,
  filter: { districtCode?: string | undefined; kind?: UnitKind | undefined },
): Promise<UnitNode[]> {
  return buildUnitTree(await store.listUnits(deps.db, filter));
}

/** One unit with the units below it. */
export async function getUnit(deps: Deps, id: string): Promise<Result<UnitNode, UnitError>> {
  const [root] = buildUnitTree(await store.listUnitSubtree(deps.db, id));
  return root ? ok(root) : err({ code: 'unit.not_found', details: { id } });
}

/**
 * Creates a unit under an existing parent (or as a root) in an existing region; its district is
 * the region's. One transaction; nothing is written on any error.
 */
export async function createUnit(
  deps: Deps,
  input: NewUnitInput,
): Promise<Result<Unit, UnitError>> {
  return deps.db.transaction(async (tx): Promise<Result<Unit, UnitError>> => {
    const districtCode = await store.findRegionDistrict(tx, input.regionCode);
    if (districtCode === null)
      return err({ code: 'unit.region_not_found', details: { regionCode: input.regionCode } });
    const unit = validateNewUnit(input, input.id ?? deps.newId(), districtCode);
    if (!unit.ok) return unit;
    const parentId = unit.value.parentId;
    if (parentId !== null && !(await store.findUnit(tx, parentId)))
      return err({ code: 'unit.parent_not_found', details: { parentId } });
    if (!(await store.insertUnit(tx, unit.value, deps.clock.now())))
      return err({ code: 'unit.duplicate_id', details: { id: unit.value.id } });
    return ok(unit.value);
  });
}
