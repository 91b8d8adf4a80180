-- The reporter's rating of a closed public report (满意 / 基本满意 / 不满意), given once through the
-- tracking code: the primary key is the tracking code, so a second rating cannot be stored.
CREATE TABLE public_report_ratings (
  tracking_code text PRIMARY KEY REFERENCES public_reports (tracking_code),
  case_id text NOT NULL,
  district_code char(6) NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  rating text NOT NULL CHECK (rating IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  comment text CHECK (length(comment) <= 500),
  rated_at timestamptz NOT NULL
);
