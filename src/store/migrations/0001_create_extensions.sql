-- PostGIS is the spatial truth; the in-process grid index is rebuilt from it.
CREATE EXTENSION IF NOT EXISTS postgis;
