import { localDateOf } from '../../domain/calendar/index.ts';
import { whistleFacts, type Period, type WhistleFact } from '../../domain/indicators/index.ts';
import type { TracedFact } from '../../store/assessment.store.ts';
import { caseNumbersOf } from '../../store/history.store.ts';
import { listWhistlesBlownIn } from '../../store/whistles.store.ts';
import { calendarForDistrict } from '../calendar/load-calendar.ts';
import type { Deps } from '../deps.ts';

/**
 * The whistle family's facts of a district and period (domain/indicators whistles.ts), from the
 * whistles blown in it, judged now: the assessment sums them, the trace lists them.
 */
export async function whistleFactsOf(
  deps: Deps,
  districtCode: string,
  period: Pick<Period, 'from' | 'to'>,
): Promise<WhistleFact[]> {
  const cal = await calendarForDistrict(deps.db, districtCode);
  // a period's days are local dates: whistles blown in [from 00:00, to 00:00) local time
  const from = startOf(cal.utcOffsetMinutes, period.from);
  const to = startOf(cal.utcOffsetMinutes, period.to);
  const whistles = await listWhistlesBlownIn(deps.db, [districtCode], from, to);
  return whistleFacts(whistles, { from, to }, deps.clock.now());
}

const startOf = (offsetMinutes: number, day: string): Date =>
  new Date(Date.parse(`${day}T00:00:00Z`) - offsetMinutes * 60_000);

/** The whistle facts of one department as traced facts: the whistle stands for the event. */
export async function traceWhistleFacts(
  deps: Deps,
  districtCode: string,
  period: Pick<Period, 'from' | 'to'>,
  unitId: string,
  metrics: readonly string[],
): Promise<TracedFact[]> {
  const cal = await calendarForDistrict(deps.db, districtCode);
  const facts = (await whistleFactsOf(deps, districtCode, period)).filter(
    (f) => f.unitId === unitId && metrics.includes(f.metric),
  );
  const numbers = await caseNumbersOf(deps.db, [...new Set(facts.map((f) => f.caseId))]);
  return facts.map((f) => ({
    caseId: f.caseId,
    caseNumber: numbers.get(f.caseId) ?? '',
    eventId: f.whistleId,
    action: 'whistle',
    at: f.whistledAt,
    day: localDateOf(cal, f.whistledAt),
    partyId: f.unitId,
    metric: f.metric,
    value: f.value,
  }));
}
