-- What an Open311 POST /requests carried beyond the report (the case holds the report): the
-- client that filed it, its media_url and the service's attribute values (attribute[code]).
CREATE TABLE open311_requests (
  case_id text PRIMARY KEY REFERENCES cases (id),
  district_code char(6) NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  api_key_id text NOT NULL REFERENCES api_keys (id),
  service_code text NOT NULL,
  media_url text,
  attributes jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL
);

-- GET /requests (Open311) reads a city-wide time window, newest first, by status open/closed:
-- keyset on (created_at, id) under a partial index per Open311 status, so a window of any size
-- is one index descent and LIMIT 1000 stops early. The status lists mirror the domain's
-- terminal statuses (channels/open311 status.ts); a test keeps them in step.
CREATE INDEX cases_open311_open_idx ON cases (created_at DESC, id DESC)
  WHERE status NOT IN ('not_filed', 'closed', 'evaluated', 'cancelled', 'merged');
CREATE INDEX cases_open311_closed_idx ON cases (created_at DESC, id DESC)
  WHERE status IN ('not_filed', 'closed', 'evaluated', 'cancelled', 'merged');
