-- The 12345 / 12319 hotline's work orders (工单, 接诉即办, issue #9 §2; docs/hotline.md). A work
-- order is a case opened through the intake seam with routing `direct`; this row is what the
-- hotline measures on top of it: the response and handling limits, the unit's response and reply,
-- the call-back, the reopenings and the linked repeated calls. Its steps are case events
-- (hotline_respond, hotline_reply, hotline_call_back, hotline_reopen, hotline_link_call); this row
-- is their projection, keyed like its case. The caller is the case's reporter (not copied here).
CREATE TABLE hotline_orders (
  district_code char(6) NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
  case_id text NOT NULL,
  line text NOT NULL CHECK (line IN ('12345', '12319')),
  -- The city 12345 platform's order number (工单号) of an imported order; NULL for calls taken here.
  order_no text,
  hotline_type text NOT NULL,
  street_code text NOT NULL,
  unit_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('dispatched', 'responded', 'replied', 'closed')),
  -- When the order first reached its unit: the rates select orders by this instant.
  received_at timestamptz NOT NULL,
  -- When the order (or its latest reopening) reached the unit, and the limits running from it.
  dispatched_at timestamptz NOT NULL,
  respond_due_at timestamptz NOT NULL,
  handle_due_at timestamptz NOT NULL,
  responded_at timestamptz,
  responded_late boolean NOT NULL DEFAULT false,
  replied_at timestamptz,
  reply_note text,
  handled_late boolean NOT NULL DEFAULT false,
  call_back_result text CHECK (call_back_result IN ('satisfied', 'basically_satisfied',
    'dissatisfied')),
  call_back_note text,
  called_back_at timestamptz,
  reopen_count integer NOT NULL DEFAULT 0 CHECK (reopen_count >= 0),
  linked_calls integer NOT NULL DEFAULT 0 CHECK (linked_calls >= 0),
  version integer NOT NULL CHECK (version >= 1),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (district_code, case_id),
  FOREIGN KEY (case_id) REFERENCES cases (id)
);
-- The rates and lists select a district's orders by the instant they were received.
CREATE INDEX hotline_orders_received_idx ON hotline_orders (district_code, received_at);
-- A unit's orders (the handler's list).
CREATE INDEX hotline_orders_unit_idx ON hotline_orders (unit_id, received_at);
-- The platform's order numbers are the city's: one order per number. The import is idempotent by
-- it (the intake seam's key does the same for the case).
CREATE UNIQUE INDEX hotline_orders_order_no_idx ON hotline_orders (order_no)
  WHERE order_no IS NOT NULL;
-- The export to the platform reads orders changed since an instant.
CREATE INDEX hotline_orders_updated_idx ON hotline_orders (updated_at);

-- Repeated calls about an order's problem (重复来电), linked to it instead of opening a new case:
-- who called (kept in full, shown masked to everyone but the hotline) and what they said.
CREATE TABLE hotline_calls (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  district_code char(6) NOT NULL,
  case_id text NOT NULL,
  caller_name text,
  caller_phone text,
  description text,
  taken_by text NOT NULL,
  at timestamptz NOT NULL,
  FOREIGN KEY (district_code, case_id) REFERENCES hotline_orders (district_code, case_id)
);
CREATE INDEX hotline_calls_order_idx ON hotline_calls (district_code, case_id);
