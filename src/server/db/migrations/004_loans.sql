-- Regulation: decisions and loans (a console and circuits lent by a centre or the national stock).

ALTER TABLE ecmo_requests
  ADD COLUMN decided_option jsonb,
  ADD COLUMN decision_motivation text;

CREATE TABLE loans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid REFERENCES ecmo_requests (id),
  kind text NOT NULL CHECK (kind IN ('lend', 'national_stock')),
  lender_finess text REFERENCES establishments (finess),
  lender_depot text REFERENCES depots (id),
  borrower_finess text NOT NULL REFERENCES establishments (finess),
  state text NOT NULL CHECK (state IN ('requested', 'in_transit', 'active', 'returning', 'returned', 'recalled')),
  starts_at timestamptz NOT NULL DEFAULT now(),
  due_at timestamptz NOT NULL,
  returned_at timestamptz,
  recalled_at timestamptz,
  recall_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((lender_finess IS NULL) <> (lender_depot IS NULL))
);
CREATE INDEX loans_state_idx ON loans (state, due_at);

CREATE TABLE loan_items (
  loan_id uuid NOT NULL REFERENCES loans (id),
  console_id uuid REFERENCES consoles (id),
  lot_id uuid REFERENCES stock_lots (id),
  quantity integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
  returned_at timestamptz,
  CHECK ((console_id IS NULL) <> (lot_id IS NULL))
);
CREATE INDEX loan_items_loan_idx ON loan_items (loan_id);
CREATE INDEX loan_items_console_idx ON loan_items (console_id);
