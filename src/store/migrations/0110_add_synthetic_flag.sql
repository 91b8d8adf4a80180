-- Invented regions and grids (the demo city's communities and unit grids) say so: `synthetic` is
-- true for a place that does not exist, so no one mistakes demo data for official divisions
-- (reference/regions/README.md). Real data, imported or typed in, keeps the default false.
ALTER TABLE regions ADD COLUMN synthetic boolean NOT NULL DEFAULT false;
ALTER TABLE grids ADD COLUMN synthetic boolean NOT NULL DEFAULT false;
