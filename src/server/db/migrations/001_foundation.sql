-- Foundation: reference data, accounts, sessions, audit.

CREATE TABLE regions (
  code text PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE departements (
  code text PRIMARY KEY,
  name text NOT NULL,
  region_code text NOT NULL REFERENCES regions (code)
);
CREATE INDEX departements_region_idx ON departements (region_code);

CREATE TABLE establishments (
  finess text PRIMARY KEY CHECK (finess ~ '^([0-9]{2}|2A|2B)[0-9]{7}$'),
  name text NOT NULL,
  category_code text NOT NULL,
  category_label text NOT NULL,
  sector text CHECK (sector IN ('public', 'private')),
  departement_code text NOT NULL REFERENCES departements (code),
  street text,
  postcode text,
  city text,
  phone text,
  lat double precision CHECK (lat BETWEEN -90 AND 90),
  lon double precision CHECK (lon BETWEEN -180 AND 180),
  -- Search key: upper-case name, city and FINESS without accents.
  search_text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX establishments_departement_idx ON establishments (departement_code);
CREATE INDEX establishments_name_idx ON establishments (name);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  display_name text NOT NULL,
  password_hash text NOT NULL,
  locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
  rpps text CHECK (rpps ~ '^[0-9]{11}$'),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_roles (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL,
  scope_kind text NOT NULL CHECK (scope_kind IN ('nation', 'region', 'departement', 'establishment')),
  scope_code text,
  region_code text REFERENCES regions (code),
  departement_code text REFERENCES departements (code),
  granted_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope_kind = 'nation') = (scope_code IS NULL))
);
CREATE UNIQUE INDEX user_roles_unique_idx ON user_roles (user_id, role, scope_kind, coalesce(scope_code, ''));
CREATE INDEX user_roles_region_idx ON user_roles (region_code);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Append-only, hash-chained journal of every state change.
CREATE TABLE audit_log (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_label text NOT NULL,
  action text NOT NULL,
  target_type text NOT NULL,
  target_id text NOT NULL,
  before jsonb,
  after jsonb,
  reason text,
  ip text,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id, at);
CREATE INDEX audit_log_action_idx ON audit_log (action, at);

-- The newest hash, so that removing the last entries is detected too.
CREATE TABLE audit_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq bigint NOT NULL,
  hash text NOT NULL
);

CREATE FUNCTION audit_log_forbid_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_forbid_change();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_forbid_change();
