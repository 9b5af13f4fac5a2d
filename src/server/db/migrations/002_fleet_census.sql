-- Fleet and weekly census (issue "Fleet and weekly census").

ALTER TABLE departements ADD COLUMN icu_beds integer CHECK (icu_beds >= 0);

ALTER TABLE establishments
  ADD COLUMN ecmo_centre boolean NOT NULL DEFAULT false,
  ADD COLUMN cardiac_surgery boolean NOT NULL DEFAULT false,
  ADD COLUMN umac_base boolean NOT NULL DEFAULT false;
CREATE INDEX establishments_ecmo_idx ON establishments (departement_code) WHERE ecmo_centre;

-- National-stock depots: sites owned by the nation.
CREATE TABLE depots (
  id text PRIMARY KEY CHECK (id ~ '^[A-Z0-9-]{3,24}$'),
  name text NOT NULL,
  departement_code text NOT NULL REFERENCES departements (code),
  city text,
  lat double precision,
  lon double precision,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE consoles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  manufacturer text NOT NULL,
  model text NOT NULL,
  serial_number text NOT NULL,
  udi text,
  -- NULL owner: the national stock.
  owner_finess text REFERENCES establishments (finess),
  site_finess text REFERENCES establishments (finess),
  site_depot text REFERENCES depots (id),
  status text NOT NULL CHECK (status IN ('available', 'in_use', 'maintenance', 'lent', 'out_of_service', 'in_transit')),
  status_since timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((site_finess IS NULL) <> (site_depot IS NULL)),
  UNIQUE (manufacturer, serial_number)
);
CREATE INDEX consoles_site_idx ON consoles (site_finess);
CREATE INDEX consoles_owner_idx ON consoles (owner_finess);
CREATE INDEX consoles_depot_idx ON consoles (site_depot);

-- Every change of a console, with its author and reason (the audit journal has the same, hash-chained).
CREATE TABLE console_events (
  id bigserial PRIMARY KEY,
  console_id uuid NOT NULL REFERENCES consoles (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_label text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('created', 'status', 'moved', 'updated')),
  from_status text,
  to_status text,
  from_site text,
  to_site text,
  changes jsonb,
  reason text
);
CREATE INDEX console_events_console_idx ON console_events (console_id, at);

-- Consumables by lot: circuits (with oxygenator) and cannulas (by type and size).
CREATE TABLE stock_lots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  site_finess text REFERENCES establishments (finess),
  site_depot text REFERENCES depots (id),
  item_kind text NOT NULL CHECK (item_kind IN ('circuit', 'cannula')),
  cannula_type text CHECK (cannula_type IN ('venous', 'arterial', 'dual_lumen')),
  size_fr integer CHECK (size_fr BETWEEN 6 AND 34),
  product text NOT NULL,
  lot_number text NOT NULL,
  expiry_date date NOT NULL,
  quantity integer NOT NULL CHECK (quantity >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((site_finess IS NULL) <> (site_depot IS NULL)),
  CHECK ((item_kind = 'cannula') = (cannula_type IS NOT NULL AND size_fr IS NOT NULL))
);
CREATE UNIQUE INDEX stock_lots_unique_idx ON stock_lots (
  coalesce(site_finess, ''), coalesce(site_depot, ''), item_kind, product, lot_number, coalesce(cannula_type, ''), coalesce(size_fr, 0)
);
CREATE INDEX stock_lots_site_idx ON stock_lots (site_finess);

CREATE TABLE stock_movements (
  id bigserial PRIMARY KEY,
  lot_id uuid NOT NULL REFERENCES stock_lots (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  actor_label text NOT NULL,
  delta integer NOT NULL,
  quantity_after integer NOT NULL,
  reason text NOT NULL
);

CREATE TABLE census_campaigns (
  week text PRIMARY KEY CHECK (week ~ '^[0-9]{4}-W[0-9]{2}$'),
  week_start date NOT NULL UNIQUE,
  due_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per version: a correction adds a version and never overwrites.
CREATE TABLE census_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  week text NOT NULL REFERENCES census_campaigns (week),
  finess text NOT NULL REFERENCES establishments (finess),
  version integer NOT NULL CHECK (version >= 1),
  is_current boolean NOT NULL DEFAULT true,
  source text NOT NULL CHECK (source IN ('form', 'file', 'api')),
  consoles_available integer NOT NULL CHECK (consoles_available >= 0),
  consoles_in_use integer NOT NULL CHECK (consoles_in_use >= 0),
  consoles_maintenance integer NOT NULL CHECK (consoles_maintenance >= 0),
  consoles_lent integer NOT NULL CHECK (consoles_lent >= 0),
  consoles_out_of_service integer NOT NULL CHECK (consoles_out_of_service >= 0),
  consoles_in_transit integer NOT NULL CHECK (consoles_in_transit >= 0),
  circuits integer NOT NULL CHECK (circuits >= 0),
  cannulas integer NOT NULL CHECK (cannulas >= 0),
  patients_vv integer NOT NULL CHECK (patients_vv >= 0),
  patients_va integer NOT NULL CHECK (patients_va >= 0),
  teams integer NOT NULL CHECK (teams >= 0),
  comment text,
  correction_reason text,
  submitted_at timestamptz NOT NULL,
  submitted_by uuid,
  submitted_by_label text NOT NULL,
  UNIQUE (week, finess, version)
);
CREATE UNIQUE INDEX census_reports_current_idx ON census_reports (week, finess) WHERE is_current;
CREATE INDEX census_reports_finess_idx ON census_reports (finess, week);

CREATE TABLE census_reminders (
  id bigserial PRIMARY KEY,
  week text NOT NULL REFERENCES census_campaigns (week),
  finess text NOT NULL REFERENCES establishments (finess),
  at timestamptz NOT NULL DEFAULT now(),
  actor_label text NOT NULL,
  recipients integer NOT NULL
);
CREATE INDEX census_reminders_idx ON census_reminders (week, finess);

-- Every e-mail Relais sends; without SMTP configured it stays here (the development outbox).
CREATE TABLE mail_outbox (
  id bigserial PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'outbox')),
  sent_at timestamptz,
  error text
);
CREATE INDEX mail_outbox_status_idx ON mail_outbox (status);

-- Instance-wide facts, e.g. that the data are the illustrative demo.
CREATE TABLE app_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
