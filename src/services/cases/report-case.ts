import type { Principal } from '../../domain/access/index.ts';
import type { SourceChannel } from '../../domain/cases/index.ts';
import type { Report } from '../../domain/intake/index.ts';
import { ok, type Result } from '../../domain/shared/index.ts';
import type { Deps } from '../deps.ts';
import { openReport } from '../intake/open-report.ts';
import type { OpeningOutcome, ReportedCase } from './case-opening-writer.ts';
import type { CaseServiceError } from './errors.ts';
import type { OpeningInput } from './plan-opening.ts';

export type { OpeningOutcome, ReportedCase };

/**
 * A report filed by a signed-in person (上报 / 登记 / 自行处置 at POST /cases and the field app):
 * the source defaults from the role.
 */
export type ReportCaseInput = Omit<OpeningInput, 'source' | 'externalRef'> & {
  readonly principal: Principal;
  /** Defaults from the role: supervisors report as themselves, hotline agents as 12345. */
  readonly source?: SourceChannel | undefined;
};

function defaultSource(p: Principal): SourceChannel {
  switch (p.role) {
    case 'supervisor':
    case 'city_supervisor':
      return p.role;
    case 'hotline_agent':
      return 'hotline_12345';
    case 'acceptance_operator':
    case 'dispatcher':
    case 'unit_handler':
    case 'commander':
    case 'admin':
      return 'other';
  }
}

/** The seam's report of a person's filing. */
export function reportOf(input: ReportCaseInput): Report {
  const { principal, source, reporter, ...what } = input;
  return {
    ...what,
    channel: source ?? defaultSource(principal),
    externalRef: null,
    origin: { kind: 'user', principal },
    contact: reporter,
  };
}

/** Opens one case (no idempotency key) through the intake seam: the case with its opening event. */
export async function reportCase(
  deps: Deps,
  input: ReportCaseInput,
): Promise<Result<ReportedCase, CaseServiceError>> {
  const r = await openReport(deps, reportOf(input), 'standard', {});
  if (!r.ok) return r;
  // Only an opening with an idempotency key can find its key taken.
  if (r.value.kind !== 'opened') throw new Error('an opening without a key found its key taken');
  return ok(r.value.reported);
}
