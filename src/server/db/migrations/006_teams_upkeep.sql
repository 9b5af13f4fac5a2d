-- Teams, on-call roster and equipment upkeep (issue "Teams, on-call roster and equipment upkeep").

CREATE TABLE professionals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  id_kind text NOT NULL CHECK (id_kind IN ('rpps', 'adeli', 'inami')),
  id_value text NOT NULL CHECK (id_value ~ '^[0-9]{9,11}$'),
  first_name text NOT NULL,
  last_name text NOT NULL,
  profession text NOT NULL CHECK (profession IN ('perfusionist', 'cardiac_surgeon', 'intensivist', 'anaesthetist',
    'cardiologist', 'emergency_physician', 'nurse', 'physiotherapist', 'other')),
  email text,
  phone text,
  -- The account of the professional, when they sign in to Relais (their week of shifts).
  user_id uuid UNIQUE REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (id_kind, id_value)
);
CREATE INDEX professionals_name_idx ON professionals (lower(last_name), lower(first_name));

CREATE TABLE professional_establishments (
  professional_id uuid NOT NULL REFERENCES professionals (id),
  finess text NOT NULL REFERENCES establishments (finess),
  PRIMARY KEY (professional_id, finess)
);
CREATE INDEX professional_establishments_finess_idx ON professional_establishments (finess);

CREATE TABLE qualifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  professional_id uuid NOT NULL REFERENCES professionals (id),
  kind text NOT NULL CHECK (kind IN ('perfusion_master', 'be_agrement', 'ecmo_vv', 'ecmo_va', 'ecpr', 'ecmo_paediatric',
    'ecmo_cannulation', 'aed_attestation')),
  issuer text NOT NULL,
  issued_on date NOT NULL,
  valid_until date,
  reference text,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  CHECK (valid_until IS NULL OR valid_until >= issued_on)
);
CREATE INDEX qualifications_professional_idx ON qualifications (professional_id);

-- Continuing training and activity, per professional and year; activity also per centre and year.
CREATE TABLE training_hours (
  professional_id uuid NOT NULL REFERENCES professionals (id),
  year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  hours numeric(6, 1) NOT NULL CHECK (hours >= 0),
  PRIMARY KEY (professional_id, year)
);
CREATE TABLE activity_counts (
  id bigserial PRIMARY KEY,
  professional_id uuid REFERENCES professionals (id),
  finess text REFERENCES establishments (finess),
  year integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  cec_runs integer NOT NULL DEFAULT 0 CHECK (cec_runs >= 0),
  ecmo_runs integer NOT NULL DEFAULT 0 CHECK (ecmo_runs >= 0),
  CHECK ((professional_id IS NULL) <> (finess IS NULL))
);
CREATE UNIQUE INDEX activity_professional_year_idx ON activity_counts (professional_id, year) WHERE professional_id IS NOT NULL;
CREATE UNIQUE INDEX activity_centre_year_idx ON activity_counts (finess, year) WHERE finess IS NOT NULL;

CREATE TABLE teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ecmo', 'umac', 'transplant')),
  base_finess text NOT NULL REFERENCES establishments (finess),
  transport text CHECK (transport IN ('vehicle', 'helicopter')),
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'umac') = (transport IS NOT NULL))
);
CREATE INDEX teams_base_idx ON teams (base_finess);

CREATE TABLE team_members (
  team_id uuid NOT NULL REFERENCES teams (id),
  professional_id uuid NOT NULL REFERENCES professionals (id),
  role text NOT NULL CHECK (role IN ('perfusionist', 'surgeon', 'intensivist', 'nurse')),
  PRIMARY KEY (team_id, professional_id)
);
CREATE INDEX team_members_professional_idx ON team_members (professional_id);

-- One row per person on duty: garde on site, or astreinte at home with a call-in delay.
CREATE TABLE shifts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id uuid NOT NULL REFERENCES teams (id),
  professional_id uuid NOT NULL REFERENCES professionals (id),
  role text NOT NULL CHECK (role IN ('perfusionist', 'surgeon', 'intensivist', 'nurse')),
  kind text NOT NULL CHECK (kind IN ('on_site', 'on_call')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  call_in_minutes integer NOT NULL DEFAULT 0 CHECK (call_in_minutes BETWEEN 0 AND 240),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  CHECK (ends_at > starts_at),
  CHECK (kind = 'on_call' OR call_in_minutes = 0)
);
CREATE INDEX shifts_team_idx ON shifts (team_id, starts_at);
CREATE INDEX shifts_professional_idx ON shifts (professional_id, starts_at);
CREATE INDEX shifts_time_idx ON shifts (ends_at, starts_at);

-- Upkeep: due dates kept on the console (read by the boards and the options engine), records below.
ALTER TABLE consoles
  ADD COLUMN maintenance_due date,
  ADD COLUMN calibration_due date,
  -- Set when a console comes back from a loan: it is not offered until a pre-use check passes.
  ADD COLUMN check_required boolean NOT NULL DEFAULT false;

-- Intervals per console model (days); models without a row use the configured defaults.
CREATE TABLE upkeep_intervals (
  model text PRIMARY KEY,
  maintenance_days integer NOT NULL CHECK (maintenance_days > 0),
  calibration_days integer NOT NULL CHECK (calibration_days > 0)
);

CREATE TABLE device_checks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  console_id uuid NOT NULL REFERENCES consoles (id),
  checked_at timestamptz NOT NULL DEFAULT now(),
  signed_by uuid NOT NULL REFERENCES professionals (id),
  items jsonb NOT NULL,
  passed boolean NOT NULL,
  notes text,
  created_by uuid
);
CREATE INDEX device_checks_console_idx ON device_checks (console_id, checked_at DESC);

CREATE TABLE maintenance_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  console_id uuid NOT NULL REFERENCES consoles (id),
  kind text NOT NULL CHECK (kind IN ('maintenance', 'calibration')),
  performed_on date NOT NULL,
  performed_by text NOT NULL,
  professional_id uuid REFERENCES professionals (id),
  notes text,
  next_due date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid
);
CREATE INDEX maintenance_records_console_idx ON maintenance_records (console_id, performed_on DESC);

-- Reminders ahead of due dates: one per console, kind and due date.
CREATE TABLE upkeep_reminders (
  console_id uuid NOT NULL REFERENCES consoles (id),
  kind text NOT NULL,
  due date NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (console_id, kind, due)
);
