-- Uploaded photos and files. The bytes live on disk under <dataDir>/files/ab/cd/<sha256>
-- (content-addressed, so one picture uploaded twice is stored once); each upload is one row.
CREATE TABLE files (
  id text PRIMARY KEY,
  district_code char(6) NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  sha256 char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  mime text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
  size_bytes bigint NOT NULL CHECK (size_bytes > 0),
  original_name text,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL,
  case_id text REFERENCES cases (id)
);
CREATE INDEX files_case_idx ON files (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX files_sha256_idx ON files (sha256);
