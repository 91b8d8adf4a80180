import type { AccessDenied } from '../../domain/access/index.ts';
import type { CaseError } from '../../domain/cases/index.ts';
import type { HotlineError } from '../../domain/hotline/index.ts';
import type { CaseServiceError } from '../cases/errors.ts';
import type { GeocodeError } from '../geo/geocode.ts';
import type { IntakeError } from '../intake/intake.ts';

/** What the hotline services answer on failure (the seam's and the case's refusals pass through). */
export type HotlineServiceError =
  HotlineError | AccessDenied | CaseError | CaseServiceError | IntakeError | GeocodeError;

export const notFound = (caseId: string) =>
  ({ ok: false, error: { code: 'hotline.not_found', details: { caseId } } }) as const;
