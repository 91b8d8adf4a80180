-- The intake seam (issue #9 §1): every channel's report is opened by one path, and the case keeps
-- which channel brought it (`source`), the channel's own reference (`external_ref`: a 12345
-- platform order number, an Open311 client's request id, a sensor event id) and, when a client
-- system rather than a signed-in person submitted it, that client (`origin_client_id`).
ALTER TABLE cases DROP CONSTRAINT cases_source_check;
ALTER TABLE cases ADD CONSTRAINT cases_source_check CHECK (source IN (
  'supervisor', 'city_supervisor', 'hotline_12345', 'hotline_12319', 'public_web', 'wechat',
  'open311', 'media', 'video', 'drone', 'satellite', 'sensor', 'leader', 'other'));
ALTER TABLE cases ADD COLUMN external_ref text CHECK (length(external_ref) BETWEEN 1 AND 200);
ALTER TABLE cases ADD COLUMN origin_client_id text CHECK (length(origin_client_id) BETWEEN 1 AND 100);
-- A channel's reference finds its case (a hotline platform asking about its order).
CREATE INDEX cases_source_external_ref_idx ON cases (source, external_ref)
  WHERE external_ref IS NOT NULL;
