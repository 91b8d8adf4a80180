import type { GridStaffAssignmentRow, StaffRow } from '../base-data/index.ts';
import type { GridPlace } from './layout.ts';
import { GIVEN, SURNAMES } from './names.ts';
import type { Rng } from './random.ts';

/** A made-up Chinese name. */
export const personName = (rng: Rng): string => rng.pick(SURNAMES) + rng.pick(GIVEN);

/**
 * An 11-digit number that no subscriber can hold: Chinese mobile numbers start with 13–19, so the
 * demo's "100" prefix never reaches a real person if a notification channel sends to it.
 */
export const demoPhone = (rng: Rng): string =>
  `100${String(rng.int(100_000_000)).padStart(8, '0')}`;

export type GridStaff = {
  readonly staff: StaffRow[];
  readonly assignments: GridStaffAssignmentRow[];
};

// One supervisor patrols up to three grids of a community.
const GRIDS_PER_SUPERVISOR = 3;

/**
 * "1+5+X" staff for every grid (Kunming): one grid head per grid; brought-in staff (supervisor
 * shared by up to 3 grids, sanitation worker per grid, enforcement officer and community police
 * per community); X: a community worker per community, building heads, volunteers, property managers.
 */
export function generateStaff(places: readonly GridPlace[], rng: Rng): GridStaff {
  const staff: StaffRow[] = [];
  const assignments: GridStaffAssignmentRow[] = [];
  const hire = (districtCode: string): string => {
    const id = `st-${districtCode}-${String(staff.length + 1).padStart(7, '0')}`;
    staff.push({ id, districtCode, nameZh: personName(rng), phone: demoPhone(rng) });
    return id;
  };
  let i = 0;
  while (i < places.length) {
    const first = places[i];
    if (first === undefined) break;
    let end = i;
    while (places[end]?.grid.communityCode === first.grid.communityCode) end++;
    const community = places.slice(i, end);
    i = end;
    const d = first.grid.districtCode;
    const shared = { police: hire(d), officer: hire(d), worker: hire(d) };
    let supervisor = '';
    community.forEach((p, k) => {
      const grid = p.grid.code;
      if (k % GRIDS_PER_SUPERVISOR === 0) supervisor = hire(d);
      const assign = (
        staffId: string,
        tier: '1' | '5' | 'X',
        duty: GridStaffAssignmentRow['duty'],
      ) => assignments.push({ districtCode: d, gridCode: grid, staffId, tier, duty });
      assign(hire(d), '1', 'grid_head');
      assign(supervisor, '5', 'supervisor');
      assign(shared.officer, '5', 'enforcement_officer');
      assign(hire(d), '5', 'sanitation_worker');
      assign(shared.police, '5', 'community_police');
      assign(shared.worker, 'X', 'community_worker');
      for (let b = rng.int(3); b > 0; b--) assign(hire(d), 'X', 'building_head');
      if (rng.next() < 0.5) assign(hire(d), 'X', 'volunteer');
      if (p.grid.areaClass === 1 && rng.next() < 0.6) assign(hire(d), 'X', 'property_manager');
    });
  }
  return { staff, assignments };
}
