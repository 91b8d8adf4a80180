-- Demo cities written by `gridloop demo` / first `gridloop start`: the parameters they were
-- generated from and how many components are written so far. Components go in batches, each
-- batch in one transaction with `components_loaded`, so an interrupted load resumes exactly
-- where it stopped (the generator is deterministic).
CREATE TABLE demo_loads (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  seed integer NOT NULL,
  grids integer NOT NULL CHECK (grids > 0),
  communities integer NOT NULL CHECK (communities > 0),
  storefronts integer NOT NULL CHECK (storefronts >= 0),
  components bigint NOT NULL CHECK (components >= 0),
  components_loaded bigint NOT NULL DEFAULT 0 CHECK (components_loaded BETWEEN 0 AND components),
  started_at timestamptz NOT NULL,
  finished_at timestamptz
);
