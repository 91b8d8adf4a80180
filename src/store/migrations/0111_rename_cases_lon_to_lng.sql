-- One name for longitude everywhere (API, domain, database): `lng`, as in the grids, the locate
-- API and every GeoJSON export. The generated geom column and the CHECK follow the renamed column.
ALTER TABLE cases RENAME COLUMN lon TO lng;
