-- An API key admits its client system to one channel only (issue #9 remainder): `open311` (the
-- GeoReport v2 server's POST /requests) or `hotline_exchange` (the city 12345 platform's import
-- and export of work orders). Keys made before scopes were Open311 clients' keys.
ALTER TABLE api_keys ADD COLUMN scope text NOT NULL DEFAULT 'open311'
  CHECK (scope IN ('open311', 'hotline_exchange'));
