import type { AccessDenied } from '../../domain/access/index.ts';
import type { CaseError } from '../../domain/cases/index.ts';
import type { NoMatchingUnit } from '../../domain/dispatch/index.ts';
import type { PreferredUnitError } from '../../domain/intake/index.ts';
import type { LocateError } from '../geo/locate.ts';
import type { CatalogueLookupError } from '../catalogue/query-catalogue.ts';

/** Failures of the case services that are not workflow refusals. */
export type CaseServiceErrorCode =
  | 'case.not_found'
  | 'case.merge_target_not_found'
  | 'case.category_disabled'
  | 'case.bad_cursor'
  | 'case.bad_filter'
  | 'case.text_needs_narrowing';

/** A list query refused: a cursor this server did not hand out, or filters that contradict. */
export type CaseListError =
  | { readonly code: 'case.bad_cursor'; readonly details: { readonly reason: string } }
  | {
      readonly code: 'case.bad_filter';
      readonly details: { readonly field: string; readonly reason: string };
    }
  | {
      readonly code: 'case.text_needs_narrowing';
      readonly details: {
        readonly field: 'text';
        /** the filters any one of which makes a short text searchable */
        readonly narrowBy: readonly string[];
        readonly maxRangeDays: number;
      };
    };

export type CaseLookupError =
  | { readonly code: 'case.not_found'; readonly details: { readonly caseId: string } }
  | {
      readonly code: 'case.merge_target_not_found';
      readonly details: { readonly targetCaseId: string };
    };

export type CategoryDisabled = {
  readonly code: 'case.category_disabled';
  readonly details: { readonly districtCode: string; readonly kind: string; readonly code: string };
};

/**
 * What the case services return on failure. A stale `expectedVersion` comes back as
 * `case.version_conflict` with the current case in `details.current`.
 */
export type CaseServiceError =
  | CaseError
  | CaseLookupError
  | CaseListError
  | CategoryDisabled
  | AccessDenied
  | LocateError
  | CatalogueLookupError
  | NoMatchingUnit
  // a direct opening's preferred unit, refused at the intake seam
  | PreferredUnitError;
