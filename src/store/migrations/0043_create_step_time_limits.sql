-- Time limits of the centre's own steps (verify 核实, file 立案, dispatch 派遣, re-check 核查,
-- close 结案). The handling step's limit comes from the catalogue per category and urgency.
-- No national values were found (standards.md §5.3: "step limits unconfirmed"), so the shipped
-- defaults (district_code NULL) are gridloop's, inside the commonly reported ranges, and each
-- district may set its own rows.
CREATE TABLE step_time_limits (
  -- NULL: the default for every district.
  district_code char(6) CHECK (district_code ~ '^[0-9]{6}$'),
  step text NOT NULL CHECK (step IN ('verify', 'file', 'dispatch', 'recheck', 'close')),
  amount numeric(8, 2) NOT NULL CHECK (amount > 0),
  unit text NOT NULL CHECK (unit IN ('working_hours', 'working_days', 'calendar_hours')),
  provenance text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX step_time_limits_key ON step_time_limits (coalesce(district_code, '000000'), step);

INSERT INTO step_time_limits (district_code, step, amount, unit, provenance) VALUES
  (NULL, 'verify', 1, 'working_hours', 'gridloop default (unconfirmed; common practice 30 min–1 h)'),
  (NULL, 'file', 0.5, 'working_hours', 'gridloop default (unconfirmed; common practice 10–30 min)'),
  (NULL, 'dispatch', 0.5, 'working_hours', 'gridloop default (unconfirmed; common practice 10–30 min)'),
  (NULL, 'recheck', 1, 'working_hours', 'gridloop default (unconfirmed; common practice about 1 h)'),
  (NULL, 'close', 1, 'working_hours', 'gridloop default (unconfirmed)');
