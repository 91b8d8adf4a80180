import type { Whistle } from '../../domain/whistle/index.ts';
import { WHISTLE_LEVEL_RULES } from '../../domain/whistle/index.ts';
import type { StoredWhistleEvent, WhistleStats } from '../../services/whistle/read-whistles.ts';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d === null ? null : d.toISOString());

/** The public fields of a whistle (its case's place codes stay inside: they only scope access). */
export function presentWhistle(w: Whistle) {
  return {
    id: w.id,
    districtCode: w.districtCode,
    caseId: w.caseId,
    level: w.level,
    levelLabel: WHISTLE_LEVEL_RULES[w.level].label,
    regionCode: w.regionCode,
    reason: w.reason,
    whistledBy: w.whistledBy,
    whistledAt: iso(w.whistledAt),
    status: w.status,
    outcomeNote: w.outcomeNote,
    closedBy: w.closedBy,
    closedAt: isoOrNull(w.closedAt),
    version: w.version,
    summons: w.summons.map((s) => ({
      unitId: s.unitId,
      due: {
        acknowledge: iso(s.due.acknowledge),
        arrive: iso(s.due.arrive),
        feedback: iso(s.due.feedback),
      },
      done: {
        acknowledge: isoOrNull(s.done.acknowledge),
        arrive: isoOrNull(s.done.arrive),
        feedback: isoOrNull(s.done.feedback),
      },
      missed: [...s.missed],
    })),
  };
}

const EVENT_LABELS: Readonly<Record<StoredWhistleEvent['kind'], { zh: string; en: string }>> = {
  blown: { zh: '吹哨', en: 'whistle blown' },
  acknowledged: { zh: '响应', en: 'acknowledged' },
  arrived: { zh: '到场', en: 'arrived' },
  fed_back: { zh: '处置反馈', en: 'fed back' },
  report_missed: { zh: '逾期未报到', en: 'report missed' },
  closed: { zh: '吹哨结束', en: 'whistle closed' },
};

export function presentWhistleEvent(e: StoredWhistleEvent) {
  return {
    version: e.version,
    kind: e.kind,
    label: EVENT_LABELS[e.kind],
    unitId: e.unitId,
    actorUserId: e.actor.userId,
    actorRole: e.actor.role,
    actorName: e.actorName,
    at: iso(e.at),
    payload: { ...e.payload },
  };
}

export function presentWhistleStats(s: WhistleStats) {
  return {
    from: iso(s.from),
    to: iso(s.to),
    asOf: iso(s.asOf),
    districts: [...s.districts],
    levels: s.levels.map((l) => ({
      ...l,
      departments: { ...l.departments },
      steps: { ...l.steps },
    })),
  };
}
