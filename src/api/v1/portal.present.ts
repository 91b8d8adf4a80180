import type { Topic } from '../../domain/portal/index.ts';
import type { MyReport, ReportProgress, StoredRating } from '../../services/portal/follow.ts';

/**
 * What the portal shows the public: plain words, the unit's public name, the tracking code's own
 * after photos; never a reporter's phone or name, a staff member's name or a catalogue code.
 */
export const presentTopic = (t: Topic) => ({
  code: t.code,
  nameZh: t.nameZh,
  nameEn: t.nameEn,
  urgency: t.urgency,
  keywords: [...t.keywords],
});

export const presentRating = (r: StoredRating) => ({
  rating: r.rating,
  comment: r.comment,
  ratedAt: r.ratedAt.toISOString(),
});

export const presentProgress = (p: ReportProgress) => ({
  trackingCode: p.trackingCode,
  caseNumber: p.caseNumber,
  topic: p.topic,
  phase: p.phase,
  text: p.text,
  unit: p.unit,
  timeline: p.timeline.map((e) => ({ at: e.at.toISOString(), phase: e.phase, text: e.text })),
  afterPhotos: p.afterPhotoIds.map((id) => ({
    photoId: id,
    url: `/api/v1/public/portal-reports/${p.trackingCode}/photos/${id}`,
  })),
  rating: p.rating ? presentRating(p.rating) : null,
  mayRate: p.mayRate,
  reportedAt: p.reportedAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

export const presentMyReport = (r: MyReport) => ({
  trackingCode: r.trackingCode,
  caseNumber: r.caseNumber,
  topic: r.topic,
  phase: r.phase,
  text: r.text,
  reportedAt: r.reportedAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});
