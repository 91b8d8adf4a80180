import { err, ok, type Result } from '../../domain/shared/index.ts';
import {
  buildUnitTree,
  changeUnit,
  validateNewUnit,
  type NewUnitInput,
  type Unit,
  type UnitChangeError,
  type UnitChanges,
  type UnitKind,
  type UnitNode,
} from '../../domain/units/index.ts';
import * as store from '../../store/units.store.ts';
import type { Deps } from '../deps.ts';

export type UnitError =
  | UnitChangeError
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

/** Units as a flat list (parents not nested), e.g. for dispatch rules. */
export async function listUnits(
  deps: Deps,
  filter: { districtCode?: string | undefined; kind?: UnitKind | undefined },
): Promise<Unit[]> {
  return store.listUnits(deps.db, filter);
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

/**
 * Renames, moves (under an existing unit that is not below it) or deactivates a unit, in one
 * transaction.
 */
export async function updateUnit(
  deps: Deps,
  id: string,
  changes: UnitChanges,
): Promise<Result<Unit, UnitError>> {
  return deps.db.transaction(async (tx): Promise<Result<Unit, UnitError>> => {
    const subtree = await store.listUnitSubtree(tx, id);
    const current = subtree.find((u) => u.id === id);
    if (!current) return err({ code: 'unit.not_found', details: { id } });
    const parentId = changes.parentId;
    if (parentId !== undefined && parentId !== null && !(await store.findUnit(tx, parentId)))
      return err({ code: 'unit.parent_not_found', details: { parentId } });
    const below = new Set(subtree.filter((u) => u.id !== id).map((u) => u.id));
    const next = changeUnit(current, changes, below);
    if (!next.ok) return next;
    await store.updateUnit(tx, next.value);
    return ok(next.value);
  });
}
