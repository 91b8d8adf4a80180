import {
  listGrids,
  listRegions,
  type GridFeatureRow,
  type GridFilter,
  type RegionFilter,
  type RegionListRow,
} from '../../store/grids.store.ts';
import type { Deps } from '../deps.ts';

export type { GridFeatureRow, GridFilter, RegionFilter, RegionListRow };

/** Unit grids with their geometry (WGS84), filtered by region codes and a bounding box. */
export async function listGridFeatures(deps: Deps, filter: GridFilter): Promise<GridFeatureRow[]> {
  return listGrids(deps.db, filter);
}

/** Administrative regions by level, parent and district, in code order. */
export async function listRegionRows(deps: Deps, filter: RegionFilter): Promise<RegionListRow[]> {
  return listRegions(deps.db, filter);
}
