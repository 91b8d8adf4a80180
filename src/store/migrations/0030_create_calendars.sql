-- Working-time calendars (工作日历): working hours, weekend days, public holidays and make-up
-- working days (调休). Reference data, so global: the `default` calendar (Asia/Shanghai) is loaded
-- from reference/calendar by syncReferenceData; a district may have its own calendar that inherits
-- the default's days and overrides some of them (its own settings replace the default's).
CREATE TABLE calendars (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  -- NULL for the default calendar; otherwise the one district it serves.
  district_code char(6) UNIQUE CHECK (district_code ~ '^[0-9]{6}$'),
  -- The calendar whose days this one inherits (the default); NULL for the default itself.
  parent_id text REFERENCES calendars (id),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
  -- The zone as a fixed offset (Asia/Shanghai: +480, no daylight saving time).
  utc_offset_minutes integer NOT NULL DEFAULT 480 CHECK (utc_offset_minutes BETWEEN -840 AND 840),
  -- Local clock times of every working day, e.g. [{"start":"09:00","end":"12:00"}, ...];
  -- validated by the domain (sorted, disjoint, HH:MM).
  working_periods jsonb NOT NULL,
  -- 0 Sunday ... 6 Saturday
  weekend_days smallint[] NOT NULL DEFAULT '{0,6}',
  -- Bumped on every change to the calendar or its days: service copies cache by (id, revision).
  revision integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((district_code IS NULL) = (parent_id IS NULL))
);

-- Dates that depart from the weekday rule. A district calendar's rows override its parent's.
CREATE TABLE calendar_days (
  calendar_id text NOT NULL REFERENCES calendars (id),
  day date NOT NULL,
  -- holiday: no work; makeup_workday: a weekend day that is worked (调休上班);
  -- normal: follows the weekday rule (cancels an inherited day).
  kind text NOT NULL CHECK (kind IN ('holiday', 'makeup_workday', 'normal')),
  name_zh text NOT NULL DEFAULT '',
  name_en text NOT NULL DEFAULT '',
  -- reference: loaded from reference/calendar, replaced by later syncs;
  -- manual: set through the API, never touched by a sync.
  origin text NOT NULL CHECK (origin IN ('reference', 'manual')),
  -- provisional until the State Council notice for the year is published
  status text NOT NULL DEFAULT 'official' CHECK (status IN ('official', 'provisional')),
  source text NOT NULL DEFAULT '',
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (calendar_id, day)
);
