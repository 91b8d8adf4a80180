import type { AccessDenied } from '../../domain/access/index.ts';
import type { CaseError } from '../../domain/cases/index.ts';
import type { LocateError } from '../geo/locate.ts';
import type { CatalogueLookupError } from '../catalogue/query-catalogue.ts';

/** Failures of the case services that are not workflow refusals. */
export type CaseServiceErrorCode =
  'case.not_found' | 'case.merge_target_not_found' | 'case.category_disabled';

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
  | CategoryDisabled
  | AccessDenied
  | LocateError
  | CatalogueLookupError;
